"""Coverage instrumentation for the harnesses' imports; plain imports when atheris is not installed.

Kept apart from `common`, which imports the package: what is imported before this context is entered is
not instrumented.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


@contextlib.contextmanager
def instrumented(packages: list[str]) -> Iterator[None]:
    """Imports inside are instrumented for coverage under atheris; without it (replaying the seeds in
    tests/robustness/test_fuzz_seeds.py) they are plain imports."""
    try:
        import atheris
    except ImportError:
        yield
        return
    with atheris.instrument_imports(include=packages):
        yield
