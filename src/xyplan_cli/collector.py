"""The cyclic garbage collector paused while a stage makes many small objects that form no cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Reading, evaluating and rendering each make hundreds of thousands of tuples, strings and trusted
    models and no reference cycles; the collector's repeated scans of everything alive would find nothing
    and cost 15–30% of those stages. It is switched back on (if it was on) however the block ends.

    On the way out the objects the block made are moved to the oldest generation unscanned (`gc.freeze`
    then `gc.unfreeze`, both constant time): else the first allocation after `gc.enable` would scan them
    all in a young collection (7 ms after evaluating the typical drop) only to promote them. They are
    still collected with the oldest generation. Skipped while something else has frozen objects, which
    `unfreeze` would let go."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
