"""A cache of validated catalogues in the user's cache folder, keyed by the exact bytes they came from.

Loading the shipped catalogue (YAML parsing, ~600 pydantic validations, cross-checks) costs ~100 ms, more
than reading a typical drop. A catalogue that loaded without problems is pickled under a key made of
the content of every YAML file it was read from, the source of the catalogue code and the versions of
xyplan, Python and pydantic: any change gives another key, so a stale entry is never used. The cache is
an optimisation only: any failure to read or write it is ignored, and `XYPLAN_NO_CACHE=1` turns it off.
Because unpickling can run code, an entry is used only when it and its folder belong to the current user
and are writable by nobody else. What later stages build from a catalogue (the reader's name tables) can
be kept with it (`store_extra`), under its key and a digest of the code that builds it.
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
_CODE = ("catalogue/loader.py", "catalogue/validate.py", "catalogue/model.py", "catalogue/rules.py",
         "catalogue/yamlsafe.py", "catalogue/cache.py", "units.py")


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
    found = _read(f"catalogue-{digest}.pickle")
    if not isinstance(found, Catalogue):
        return None
    _remember(found, digest)
    return found


def store(digest: str, catalogue: Catalogue) -> None:
    where = folder()
    if where is None or not _write(where, f"catalogue-{digest}.pickle", catalogue):
        return
    _remember(catalogue, digest)
    with contextlib.suppress(Exception):
        entries = sorted(where.glob("catalogue-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
            digest_of_old = old.name.removeprefix("catalogue-").removesuffix(".pickle")
            for extra in where.glob(f"*-{digest_of_old}.pickle"):  # what was kept with it (`store_extra`)
                extra.unlink(missing_ok=True)


# Only a catalogue that came from the cache or went to it has a key to keep things with.
_last: tuple[Catalogue, str] | None = None  # the catalogue last loaded or stored, and its key


def _remember(catalogue: Catalogue, digest: str) -> None:
    global _last
    _last = (catalogue, digest)


def _extra_entry(catalogue: Catalogue, name: str, code: list[str]) -> str | None:
    """The file name of what is kept as `name` with `catalogue`, built by the code in the source files `code`;
    None when the catalogue neither came from the cache nor went to it, or the code cannot be read."""
    if _last is None or _last[0] is not catalogue:
        return None
    digest = hashlib.sha256(_last[1].encode())
    try:
        for path in code:
            digest.update(Path(path).read_bytes())
    except OSError:
        return None
    return f"{name}-{digest.hexdigest()}-{_last[1]}.pickle"


def load_extra(catalogue: Catalogue, name: str, code: list[str]) -> object | None:
    """What `store_extra` kept as `name` with `catalogue`, built by the same code (source files), if any."""
    entry = _extra_entry(catalogue, name, code)
    return None if entry is None else _read(entry)


def store_extra(catalogue: Catalogue, name: str, code: list[str], value: object) -> None:
    """Keep `value`, built from `catalogue` by the code in the source files `code`, with the catalogue."""
    entry = _extra_entry(catalogue, name, code)
    where = folder()
    if entry is None or where is None or _last is None or not _write(where, entry, value):
        return
    with contextlib.suppress(Exception):  # what older code built for this catalogue is of no more use
        for old in where.glob(f"{name}-*-{_last[1]}.pickle"):
            if old.name != entry:
                old.unlink(missing_ok=True)


def _read(name: str) -> object | None:
    """The object pickled in the cache entry `name`; None when there is none or it is not to be trusted."""
    where = folder()
    if where is None:
        return None
    entry = where / name
    if not (_private(where) and _private(entry)):
        return None
    try:
        with entry.open("rb") as handle:
            found: object = pickle.load(handle)
    except Exception:  # missing, unreadable or from an incompatible build: build it again instead
        return None
    return found


def _write(where: Path, name: str, value: object) -> bool:
    """Pickle `value` to the cache entry `name` (atomically: written aside, then moved in place); whether it
    was written."""
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, prefix=".entry-", suffix=".tmp", delete=False) as handle:
            try:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                handle.close()
                os.unlink(handle.name)
                raise
        os.replace(handle.name, where / name)
    except Exception:
        return False
    return True
