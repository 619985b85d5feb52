"""The cases the plan text makes hard: milestones, boundaries, baselines, single points, zeros, bounds,
townships."""

from __future__ import annotations

from pathlib import Path

import pytest

from xyplan_cli.engine import evaluate

from .build import Value, catalogue, dataset, judge, obs, series, target

PENSION = "{kind: at_least, inclusive: true, milestones: [{year: 2025, value: 90}, {year: 2030, value: 95}]}"

# 妇女基本养老保险参保率 90% by 2025, 95% by 2030:
# (as_of, series, status, governing threshold, its year, history as (year, met))
PENSION_CASES: list[tuple[int, dict[int, Value], str, float, int, list[tuple[int, bool | None]]]] = [
    (2024, {2020: 85, 2024: 89}, "on_track", 90, 2025, []),
    (2024, {2020: 85, 2024: 86}, "limited_progress", 90, 2025, []),
    (2024, {2020: 85, 2024: 91}, "met", 90, 2025, []),
    (2025, {2020: 85, 2024: 89, 2025: 90}, "met", 90, 2025, [(2025, True)]),
    (2025, {2020: 85, 2024: 89, 2025: 89.5}, "missed", 90, 2025, [(2025, False)]),
    (2025, {2020: 85, 2024: 91}, "insufficient_data", 90, 2025, [(2025, None)]),
    (2026, {2020: 85, 2025: 90, 2026: 89.9}, "missed", 90, 2025, [(2025, True), (2026, False)]),
    (2026, {2020: 85, 2025: 90, 2026: 91}, "on_track", 95, 2030, [(2025, True), (2026, True)]),
    (2026, {2020: 85, 2025: 89, 2026: 91}, "on_track", 95, 2030, [(2025, False), (2026, True)]),
    (2026, {2020: 85, 2025: 90, 2026: 90.2}, "acceleration_needed", 95, 2030, [(2025, True), (2026, True)]),
    (2026, {2020: 85, 2025: 90, 2026: 95}, "met", 95, 2030, [(2025, True), (2026, True)]),
    (2030, {2020: 85, 2025: 90, 2030: 95}, "met", 95, 2030, [(2025, True), (2030, True)]),
    (2030, {2020: 85, 2025: 90, 2030: 94.9}, "missed", 95, 2030, [(2025, True), (2030, False)]),
]


@pytest.mark.parametrize(("as_of", "values", "status", "threshold", "deadline", "history"), PENSION_CASES)
def test_pension_milestones(tmp_path: Path, as_of: int, values: dict[int, Value], status: str,
                            threshold: float, deadline: int, history: list[tuple[int, bool | None]]) -> None:
    cat = catalogue(tmp_path, target(PENSION, domain="social_security"))
    r = judge(cat, values, as_of)
    assert (r.status, r.threshold, r.deadline) == (status, threshold, deadline), r.reason
    assert [(h.year, h.met) for h in r.history] == history


def test_a_milestone_missed_in_its_year_stays_visible(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(PENSION))
    r = judge(cat, {2020: 85, 2025: 89, 2026: 91}, 2026)
    assert r.verdict == "pass"
    assert "not met in 2025" in r.reason
    assert judge(cat, {2020: 85, 2025: 89, 2026: 91}, 2026, lang="zh").reason.endswith("2025年未达到")


def test_trajectory_numbers_follow_the_sdg_formula(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(PENSION))
    r = judge(cat, {2020: 85, 2022: 86, 2024: 89}, 2024)
    observed = (89 / 85) ** (1 / 4) - 1
    required = (90 / 85) ** (1 / 5) - 1
    assert r.ratio == pytest.approx(observed / required, abs=1e-4)
    assert r.projected == pytest.approx(89 * (1 + observed), abs=1e-4)
    assert r.gap == pytest.approx(1.0)
    assert r.reason == "on track: R = 1.01, projected 90.03% in 2025"


def test_baseline_is_2020_even_with_earlier_data(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(PENSION))
    r = judge(cat, {2018: 60, 2019: 70, 2020: 85, 2024: 89}, 2024)
    assert r.ratio == pytest.approx(((89 / 85) ** (1 / 4) - 1) / ((90 / 85) ** (1 / 5) - 1), abs=1e-4)


def test_baseline_is_the_first_year_when_2020_is_missing(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(PENSION))
    r = judge(cat, {2021: 80, 2024: 86}, 2024)
    assert r.ratio == pytest.approx(((86 / 80) ** (1 / 3) - 1) / ((90 / 80) ** (1 / 4) - 1), abs=1e-4)


# the boundary: 以上/以下 include the number, 低于 excludes it; unrounded values are compared
BOUNDARY_CASES = [
    ("10/10万以下 at 10.0, by deadline", "per_100k", "{kind: at_most, inclusive: true, milestones: "
     "[{year: 2030, value: 10}]}", "by_deadline", {2020: 12, 2030: 10.0}, "met"),
    ("10/10万以下 at 10.0, every year", "per_100k", "{kind: at_most, inclusive: true, milestones: "
     "[{year: 2030, value: 10}]}", "every_year", {2024: 10.0}, "met"),
    ("10/10万以下 at 10.0001", "per_100k", "{kind: at_most, inclusive: true, milestones: "
     "[{year: 2030, value: 10}]}", "every_year", {2024: 10.0001}, "breached"),
    ("低于4.0‰ at 4.0, by deadline", "permille", "{kind: at_most, inclusive: false, milestones: "
     "[{year: 2030, value: 4.0}]}", "by_deadline", {2020: 5, 2030: 4.0}, "missed"),
    ("低于4.0‰ at 4.0, every year", "permille", "{kind: at_most, inclusive: false, milestones: "
     "[{year: 2030, value: 4.0}]}", "every_year", {2024: 4.0}, "breached"),
    ("低于4.0‰ at 3.9999", "permille", "{kind: at_most, inclusive: false, milestones: "
     "[{year: 2030, value: 4.0}]}", "every_year", {2024: 3.9999}, "met"),
    ("95%以上 at 95.0", "percent", "{kind: at_least, inclusive: true, milestones: "
     "[{year: 2030, value: 95}]}", "every_year", {2024: 95.0}, "met"),
    ("高于95% at 95.0", "percent", "{kind: at_least, inclusive: false, milestones: "
     "[{year: 2030, value: 95}]}", "every_year", {2024: 95.0}, "breached"),
]


@pytest.mark.parametrize(("case", "unit", "rule", "timing", "values", "status"), BOUNDARY_CASES,
                         ids=[c[0] for c in BOUNDARY_CASES])
def test_boundaries(tmp_path: Path, case: str, unit: str, rule: str, timing: str, values: dict[int, Value],
                    status: str) -> None:
    del case
    cat = catalogue(tmp_path, target(rule, timing=timing), unit=unit)
    assert judge(cat, values, None).status == status


DOWN_20 = "{kind: baseline_relative, baseline_year: 2020, change: -20, deadline: 2030, inclusive: true}"


@pytest.mark.parametrize(("values", "as_of", "status", "threshold"), [
    ({2021: 12, 2022: 11.5, 2024: 11}, 2024, "insufficient_data", None),
    ({2021: 12, 2030: 1}, 2030, "insufficient_data", None),
    ({2020: 12.5, 2024: 11}, 2024, "on_track", 10.0),
    ({2020: 12.5, 2030: 10.0}, 2030, "met", 10.0),
    ({2020: 12.5, 2025: 9, 2026: 13}, 2026, "moving_away", 10.0),
])
def test_baseline_target_needs_the_2020_value(tmp_path: Path, values: dict[int, Value], as_of: int,
                                              status: str, threshold: float | None) -> None:
    cat = catalogue(tmp_path, target(DOWN_20), unit="per_100k")
    r = judge(cat, values, as_of)
    assert (r.status, r.threshold) == (status, threshold), r.reason
    if threshold is None:
        assert "2020" in r.reason


def test_baseline_threshold_is_a_milestone_for_charts(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(DOWN_20), unit="per_100k")
    r = judge(cat, {2020: 7.3, 2024: 6.5}, 2024)
    assert [(m.year, m.value) for m in r.milestones] == [(2030, 5.84)]


AT_LEAST_90_2030 = "{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 90}]}"


@pytest.mark.parametrize(("timing", "values", "status"), [
    ("by_deadline", {2024: 88}, "insufficient_data"),
    ("by_deadline", {2024: 92}, "met"),
    ("every_year", {2024: 88}, "breached"),
    ("every_year", {2024: 92}, "met"),
    ("reach_and_hold", {2024: 88}, "insufficient_data"),
])
def test_a_single_data_point(tmp_path: Path, timing: str, values: dict[int, Value], status: str) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST_90_2030, timing=timing))
    r = judge(cat, values, None)
    assert (r.status, r.ratio, r.projected) == (status, None, None), r.reason


@pytest.mark.parametrize(("rule", "values", "status", "ratio", "projected"), [
    (AT_LEAST_90_2030, {2020: 0, 2024: 50}, "on_track", (50 / 4) / (90 / 10), 50 + 12.5 * 6),
    (AT_LEAST_90_2030, {2020: 0, 2024: 0}, "limited_progress", 0.0, 0.0),
    ("{kind: count, milestones: [{year: 2030, value: 2}]}", {2020: 0, 2024: 1}, "on_track",
     (1 / 4) / (2 / 10), 2.5),
    ("{kind: at_most, inclusive: true, milestones: [{year: 2030, value: 2}]}", {2020: 8, 2024: 0}, "met",
     None, None),
    ("{kind: at_most, inclusive: true, milestones: [{year: 2030, value: 0}]}", {2020: 8, 2024: 4}, "on_track",
     (-4 / 4) / (-8 / 10), 0.0),  # projected -2, but a count cannot fall below 0
    ("{kind: direction, direction: increase, deadline: 2030}", {2020: 0, 2024: 4}, "on_track", None, 10.0),
    ("{kind: direction, direction: decrease, deadline: 2030}", {2020: 0, 2024: 3}, "moving_away", None, 7.5),
])
def test_zero_values_use_the_linear_version(tmp_path: Path, rule: str, values: dict[int, Value], status: str,
                                            ratio: float | None, projected: float | None) -> None:
    cat = catalogue(tmp_path, target(rule), unit="count")
    r = judge(cat, values, 2024)
    assert r.status == status, r.reason
    assert r.ratio == (None if ratio is None else pytest.approx(ratio, abs=1e-4))
    assert r.projected == (None if projected is None else pytest.approx(projected, abs=1e-4))


@pytest.mark.parametrize(("rule", "value", "status"), [
    ("{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 95}]}", ">95", "met"),
    ("{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 95}]}", "≥95", "met"),
    ("{kind: at_least, inclusive: false, milestones: [{year: 2030, value: 95}]}", ">95", "met"),
    ("{kind: at_least, inclusive: false, milestones: [{year: 2030, value: 95}]}", "≥95", "insufficient_data"),
    ("{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 98}]}", "≥95", "insufficient_data"),
    ("{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 90}]}", "<90", "breached"),
    ("{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 90}]}", "≤90", "insufficient_data"),
    ("{kind: at_most, inclusive: true, milestones: [{year: 2030, value: 10}]}", "<5", "met"),
    ("{kind: at_most, inclusive: false, milestones: [{year: 2030, value: 5}]}", "<5", "met"),
    ("{kind: at_most, inclusive: false, milestones: [{year: 2030, value: 5}]}", "≤5", "insufficient_data"),
    ("{kind: at_most, inclusive: true, milestones: [{year: 2030, value: 5}]}", ">5", "breached"),
    ("{kind: band, tolerance: 5, milestones: [{year: 2030, value: 50}]}", ">60", "breached"),
    ("{kind: band, tolerance: 5, milestones: [{year: 2030, value: 50}]}", ">50", "insufficient_data"),
])
def test_bounded_values_are_intervals(tmp_path: Path, rule: str, value: str, status: str) -> None:
    cat = catalogue(tmp_path, target(rule, timing="every_year"))
    r = judge(cat, {2024: value}, None)
    assert (r.status, r.latest.bound if r.latest else None) == (status, value), r.reason
    if status == "insufficient_data":
        assert value in r.reason


def test_bounded_value_at_the_deadline(tmp_path: Path) -> None:
    rule = "{kind: at_least, inclusive: true, milestones: [{year: 2025, value: 90}]}"
    cat = catalogue(tmp_path, target(rule))
    assert judge(cat, {2020: 80, 2025: "<80"}, None).status == "missed"
    assert judge(cat, {2020: 80, 2025: ">90"}, None).status == "met"
    assert judge(cat, {2020: 80, 2025: ">85"}, None).status == "insufficient_data"


def test_a_township_below_95_while_the_city_is_above(tmp_path: Path) -> None:
    rule = "{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 95}]}"
    cat = catalogue(tmp_path, target(rule, timing="every_year", scope="[city, township]"))
    data = dataset(series({2023: 96.5, 2024: 97.1}),
                   series({2024: 96.0}, region="610422"),
                   series({2023: 96.0, 2024: 93.2}, region="610422/城关街道"),
                   series({2024: 98.0}, region="610422/陂西镇"))
    got = [(r.target_id, r.region, r.verdict, r.status) for r in evaluate(cat, data, as_of=None, lang="zh")]
    assert got == [
        ("t.x", "咸阳市", "pass", "met"),
        ("t.x", "三原县/城关街道", "fail", "breached"),
        ("t.x", "三原县/陂西镇", "pass", "met"),
    ]


def test_township_scope_only_skips_city_and_counties(tmp_path: Path) -> None:
    rule = "{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 95}]}"
    cat = catalogue(tmp_path, target(rule, timing="every_year", scope="[township]"))
    data = dataset(series({2024: 97.1}), [obs(2024, 93.2, region="610422/城关街道")])
    assert [(r.region_code, r.verdict) for r in evaluate(cat, data, as_of=None, lang="en")] == [
        ("610422/城关街道", "fail")]


@pytest.mark.parametrize(("values", "status", "threshold", "deadline"), [
    ({2024: 9.5}, "met", 10.0, 2025),
    ({2025: 10.0}, "met", 10.0, 2025),
    ({2026: 9.5}, "breached", 8.0, 2030),
    ({2031: 8.0}, "met", 8.0, 2030),
])
def test_every_year_follows_the_milestone_in_force(tmp_path: Path, values: dict[int, Value], status: str,
                                                   threshold: float, deadline: int) -> None:
    rule = "{kind: at_most, inclusive: true, milestones: [{year: 2025, value: 10}, {year: 2030, value: 8}]}"
    cat = catalogue(tmp_path, target(rule, timing="every_year"))
    r = judge(cat, values, None)
    assert (r.status, r.threshold, r.deadline) == (status, threshold, deadline)
