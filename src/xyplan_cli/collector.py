"""The cyclic garbage collector paused while a stage makes many small objects that form no cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Reading, evaluating and rendering each make hundreds of thousands of tuples, strings and trusted
    models and no reference cycles; the collector's repeated scans of everything alive would find nothing
    and cost 15–30% of those stages. It is switched back on (if it was on) however the block ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
