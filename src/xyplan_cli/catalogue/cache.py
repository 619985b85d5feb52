"""A cache of validated catalogues in the user's cache folder, keyed by the exact bytes they came from.

Loading the shipped catalogue (YAML parsing, ~600 pydantic validations, cross-checks) costs ~100 ms, more
than reading a typical drop. A catalogue that loaded without problems is pickled under a key made of
the content of every YAML file it was read from, the source of the catalogue code and the versions of
xyplan, Python and pydantic: any change gives another key, so a stale entry is never used. The cache is
an optimisation only: any failure to read or write it is ignored, and `XYPLAN_NO_CACHE=1` turns it off.
Because unpickling can run code, an entry is used only when it and its folder belong to the current user
and are writable by nobody else.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from xyplan_cli import __version__
from xyplan_cli.catalogue.model import Catalogue

KEEP = 8  # entries kept: the newest ones (test suites and lint runs make many one-off catalogues)
_CODE = ("catalogue/loader.py", "catalogue/model.py", "catalogue/rules.py", "catalogue/yamlsafe.py",
         "catalogue/cache.py", "units.py")


def folder() -> Path | None:
    """$XDG_CACHE_HOME/xyplan (default ~/.cache/xyplan); None when caching is off."""
    if os.environ.get("XYPLAN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xyplan"


def key(files: list[Path]) -> str | None:
    """The digest of the catalogue's files and of everything that decides how they are loaded."""
    import pydantic

    digest = hashlib.sha256(f"{__version__}|{sys.version}|{pydantic.VERSION}".encode())
    here = Path(__file__).resolve().parent.parent
    try:
        for name in _CODE:
            digest.update((here / name).read_bytes())
        for path in files:
            data = path.read_bytes()
            digest.update(f"\0{path.name}\0{len(data)}\0".encode())
            digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()


def _private(path: Path) -> bool:
    """Unpickling runs code: trust only entries that this user owns and nobody else can write."""
    try:
        st = path.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def load(digest: str) -> Catalogue | None:
    where = folder()
    if where is None:
        return None
    entry = where / f"catalogue-{digest}.pickle"
    if not (_private(where) and _private(entry)):
        return None
    try:
        with entry.open("rb") as handle:
            found = pickle.load(handle)
    except Exception:  # missing, unreadable or from an incompatible build: load from YAML instead
        return None
    return found if isinstance(found, Catalogue) else None


def store(digest: str, catalogue: Catalogue) -> None:
    where = folder()
    if where is None:
        return
    with contextlib.suppress(Exception):
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, prefix=".catalogue-", suffix=".tmp", delete=False) as handle:
            try:
                pickle.dump(catalogue, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                handle.close()
                os.unlink(handle.name)
                raise
        os.replace(handle.name, where / f"catalogue-{digest}.pickle")
        entries = sorted(where.glob("catalogue-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
