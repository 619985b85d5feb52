"""The catalogue cache: a second load comes from it; a changed file is never served from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xyplan_cli.catalogue import cache, load_catalogue, shipped_path


def test_cache_hit_and_invalidation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("XYPLAN_NO_CACHE", raising=False)
    folder = tmp_path / "targets"
    shutil.copytree(shipped_path(), folder)
    first = load_catalogue(folder)
    entries = list((tmp_path / "cache" / "xyplan").glob("catalogue-*.pickle"))
    assert len(entries) == 1
    assert load_catalogue(folder) == first
    women = folder / "women.yaml"
    text = women.read_text(encoding="utf-8")
    target = first.targets[0]
    assert target.quote in text
    women.write_text(text.replace(target.quote, target.quote + "(改)", 1), encoding="utf-8")
    changed = load_catalogue(folder)
    assert changed.target_by_id[target.id].quote == target.quote + "(改)"
    assert len(list((tmp_path / "cache" / "xyplan").glob("catalogue-*.pickle"))) == 2


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XYPLAN_NO_CACHE", "1")
    assert cache.folder() is None
    load_catalogue()
    assert not (tmp_path / "cache").exists()


def test_an_entry_others_can_write_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unpickling runs code: a group- or world-writable cache entry is ignored, not loaded."""
    from xyplan_cli.catalogue import cache, load_catalogue

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("XYPLAN_NO_CACHE", raising=False)
    load_catalogue()  # fills the cache
    entries = list((tmp_path / "xyplan").glob("catalogue-*.pickle"))
    assert len(entries) == 1
    digest = entries[0].name.removeprefix("catalogue-").removesuffix(".pickle")
    assert cache.load(digest) is not None
    entries[0].chmod(0o666)
    assert cache.load(digest) is None
