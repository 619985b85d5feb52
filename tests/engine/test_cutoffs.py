"""The cut-offs of PRODUCT.md: R 0.95 / 0.6 / 0, and for directions 1.5 %/yr / 0.5 %/yr / 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from xyplan_cli.engine import words

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


# (R, as the reason shows it): never rounded onto or across a cut-off, never "-0.00"
RATIO_TEXTS = [(0.9499, "0.9499"), (0.95, "0.95"), (0.951, "0.95"), (0.602, "0.60"), (0.5999, "0.5999"), (0.6, "0.60"),
               (1.2345, "1.23"), (0.0, "0.00"), (-0.0, "0.00"), (-0.0001, "-0.0001"), (-0.004, "-0.004"),
               (0.94999999999, "0.95"), (None, "—")]
# (annual growth as a fraction, as shown): the cut-offs are ±1.5 and ±0.5 %/yr, and 0
GROWTH_TEXTS = [(0.021, "+2.10%"), (0.01499, "+1.499%"), (0.015, "+1.50%"), (-0.01499, "-1.499%"),
                (-0.0151, "-1.51%"), (0.0049, "+0.49%"), (0.00499, "+0.499%"), (0.0, "+0.00%"), (-0.0, "+0.00%"),
                (-0.00001, "-0.001%")]


@pytest.mark.parametrize(("ratio", "text"), RATIO_TEXTS)
def test_r_is_shown_on_its_side_of_the_cutoffs(ratio: float | None, text: str) -> None:
    assert words.ratio_text(ratio) == text


@pytest.mark.parametrize(("growth", "text"), GROWTH_TEXTS)
def test_growth_is_shown_on_its_side_of_the_cutoffs(growth: float, text: str) -> None:
    assert words.growth_text(growth) == text


def test_a_value_a_hair_below_a_cutoff_is_never_shown_on_it() -> None:
    assert (words.ratio_text(0.94999999), words.growth_text(0.0149999999)) == ("0.94999999", "+1.49999999%")
