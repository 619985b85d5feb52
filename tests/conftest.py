"""Shared test fixtures: the plan text, the shipped catalogue, and the --update-goldens flag."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLAN_TEXT = ROOT.parent / "shared" / "seed" / "xianyang-plans-2021-2030.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def plan_text() -> str:
    """The plan text; CI has it at ../shared/seed/ beside the clone (XYPLAN_PLAN_TEXT overrides)."""
    path = Path(os.environ.get("XYPLAN_PLAN_TEXT", PLAN_TEXT))
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"plan text not found at {path}")
        pytest.skip(f"plan text not found at {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def catalogue():  # type: ignore[no-untyped-def]
    from xyplan_cli.catalogue import load_catalogue

    return load_catalogue()
