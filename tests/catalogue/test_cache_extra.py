"""Tables built from a catalogue (the reader's names) kept with it in the cache: same key, same trust."""

from __future__ import annotations

from pathlib import Path

import pytest

from xyplan_cli.catalogue import Catalogue, cache, load_catalogue
from xyplan_cli.reader.names import Names


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("XYPLAN_NO_CACHE", raising=False)
    monkeypatch.setattr(Names, "_last", None)
    return tmp_path / "xyplan"


def _tables(names: Names) -> dict[str, object]:
    return {name: value for name, value in vars(names).items() if name != "catalogue"}


def test_names_come_with_a_cached_catalogue(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = Names.of(load_catalogue())  # loaded from YAML, stored, names built and stored
    assert len(list(cache_home.glob("names-*.pickle"))) == 1
    catalogue = load_catalogue()  # from the cache
    monkeypatch.setattr(Names, "__init__", None)  # so it cannot be built again
    kept = Names.of(catalogue)
    assert kept is not built and kept.catalogue is catalogue
    assert _tables(kept) == _tables(built)
    assert kept.indicator(built.catalogue.indicators[0].name.zh) == built.catalogue.indicators[0].id


def test_an_extra_others_can_write_is_not_trusted(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unpickling runs code: a group- or world-writable entry is ignored and the names are built again."""
    Names.of(load_catalogue())
    (entry,) = cache_home.glob("names-*.pickle")
    entry.chmod(0o666)
    catalogue = load_catalogue()
    built: list[Names] = []
    build = Names.__init__

    def counted(self: Names, catalogue: Catalogue) -> None:
        build(self, catalogue)
        built.append(self)

    monkeypatch.setattr(Names, "__init__", counted)
    Names._last = None
    assert Names.of(catalogue) is built[0]


def test_other_code_gives_another_entry(cache_home: Path, tmp_path: Path) -> None:
    catalogue = load_catalogue()
    one, other = tmp_path / "one.py", tmp_path / "other.py"
    one.write_text("x = 1\n")
    other.write_text("x = 2\n")
    cache.store_extra(catalogue, "test", [str(one)], "from one")
    assert cache.load_extra(catalogue, "test", [str(one)]) == "from one"
    assert cache.load_extra(catalogue, "test", [str(other)]) is None
    one.write_text("x = 3\n")
    assert cache.load_extra(catalogue, "test", [str(one)]) is None
    cache.store_extra(catalogue, "test", [str(one)], "from one, changed")
    assert len(list(cache_home.glob("test-*.pickle"))) == 1  # the entry of the older code is gone


def test_nothing_is_kept_with_a_catalogue_that_is_not_cached(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XYPLAN_NO_CACHE", "1")
    catalogue = load_catalogue()
    cache.store_extra(catalogue, "test", [__file__], "value")
    assert cache.load_extra(catalogue, "test", [__file__]) is None
    assert not cache_home.exists()
