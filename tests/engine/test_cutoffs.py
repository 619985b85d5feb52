"""The cut-offs of PRODUCT.md: R 0.95 / 0.6 / 0, and for directions 1.5 %/yr / 0.5 %/yr / 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from .build import catalogue, judge, target

REQUIRED = 2 ** (1 / 10) - 1  # from 50 in 2020 to 100 in 2030


@pytest.mark.parametrize(("ratio", "status"), [
    (1.20, "on_track"), (0.96, "on_track"), (0.94, "acceleration_needed"), (0.61, "acceleration_needed"),
    (0.59, "limited_progress"), (0.01, "limited_progress"), (-0.01, "moving_away"), (-0.8, "moving_away"),
])
def test_progress_ratio_cutoffs(tmp_path: Path, ratio: float, status: str) -> None:
    rule = "{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 100}]}"
    cat = catalogue(tmp_path, target(rule), unit="count")
    latest = 50 * (1 + ratio * REQUIRED) ** 4
    r = judge(cat, {2020: 50, 2024: latest}, None)
    assert r.status == status, r.reason
    assert r.ratio == pytest.approx(ratio, abs=1e-4)


@pytest.mark.parametrize(("growth", "increase", "status"), [
    (0.0155, True, "on_track"), (0.0145, True, "acceleration_needed"), (0.0055, True, "acceleration_needed"),
    (0.0045, True, "limited_progress"), (0.0005, True, "limited_progress"), (-0.0005, True, "moving_away"),
    (-0.0155, False, "on_track"), (-0.0145, False, "acceleration_needed"),
    (-0.0045, False, "limited_progress"), (0.0005, False, "moving_away"),
])
def test_direction_growth_cutoffs(tmp_path: Path, growth: float, increase: bool, status: str) -> None:
    sense = "increase" if increase else "decrease"
    rule = f"{{kind: direction, direction: {sense}, deadline: 2030}}"
    cat = catalogue(tmp_path, target(rule), unit="count")
    r = judge(cat, {2020: 50, 2024: 50 * (1 + growth) ** 4}, None)
    assert r.status == status, r.reason
