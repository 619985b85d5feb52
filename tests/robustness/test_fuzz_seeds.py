"""The fuzz harnesses replayed over their committed seed corpus (fuzz/seeds/), without atheris: the seeds
still satisfy the harnesses' invariants, and the harnesses still run (fuzz/run.sh runs them for real)."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"
HARNESSES = {"csv": "fuzz_reader_csv", "xlsx": "fuzz_reader_xlsx", "yaml": "fuzz_catalogue"}
SEEDS = sorted((kind, path) for kind in HARNESSES for path in (FUZZ / "seeds" / kind).iterdir())


@pytest.fixture(scope="module", autouse=True)
def fuzz_on_path() -> Iterator[None]:
    """The harnesses import as in fuzz/; what they change in the environment (no catalogue cache) is undone."""
    environ = dict(os.environ)
    sys.path.insert(0, str(FUZZ))
    yield
    sys.path.remove(str(FUZZ))
    os.environ.clear()
    os.environ.update(environ)


@pytest.mark.parametrize(("kind", "seed"), SEEDS, ids=[f"{k}-{p.name}" for k, p in SEEDS])
def test_seed(kind: str, seed: Path) -> None:
    harness = importlib.import_module(HARNESSES[kind])
    harness.test_one_input(seed.read_bytes())


def test_every_harness_has_seeds() -> None:
    assert {kind for kind, _ in SEEDS} == set(HARNESSES)
    assert all(seed.stat().st_size <= 8192 for _, seed in SEEDS), "seeds stay small"
