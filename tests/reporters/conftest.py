"""Fixtures for the reporter tests: the sample report in both languages."""

from __future__ import annotations

import pytest

from xyplan_cli.report import Report

from .sample import build_report


@pytest.fixture(params=["zh", "en"])
def report(request: pytest.FixtureRequest) -> Report:
    return build_report(request.param)
