"""Every rule kind × timing mode, before / at / after the deadline: the fine-grained status of the city."""

from __future__ import annotations

from pathlib import Path

import pytest

from .build import Value, catalogue, judge, obs, series, target

AT_LEAST_90 = "{kind: at_least, inclusive: true, milestones: [{year: 2025, value: 90}]}"
AT_MOST_10 = "{kind: at_most, inclusive: true, milestones: [{year: 2030, value: 10}]}"
BELOW_4 = "{kind: at_most, inclusive: false, milestones: [{year: 2030, value: 4.0}]}"
BAND_50 = "{kind: band, milestones: [{year: 2030, value: 50}]}"
BAND_50_2 = "{kind: band, tolerance: 2, milestones: [{year: 2030, value: 50}]}"
DOWN_20 = "{kind: baseline_relative, baseline_year: 2020, change: -20, deadline: 2030}"
UP_10 = "{kind: baseline_relative, baseline_year: 2020, change: 10, deadline: 2025}"
REL_REF = "{kind: relative, reference: ref, relation: at_least, inclusive: true, deadline: 2030}"
REL_PREV = "{kind: relative, reference: previous, relation: at_least}"
RISE = "{kind: direction, direction: increase, deadline: 2030}"
FALL = "{kind: direction, direction: decrease, strength: steady, deadline: 2030}"
SLOW = "{kind: slowing_rise, deadline: 2030}"
COVER = "{kind: coverage, deadline: 2025}"
COUNT_1 = "{kind: count, milestones: [{year: 2030, value: 1}]}"
BY, EVERY, HOLD = "by_deadline", "every_year", "reach_and_hold"
CUMUL = "{kind: cumulative, from_year: 2021, milestones: [{year: 2025, value: 112}]}"

# (case, rule, timing, series of the city, as_of, expected status)
CASES: list[tuple[str, str, str, dict[int, Value], int | None, str]] = [
    # at_least, by deadline (2025)
    ("at_least before on track", AT_LEAST_90, BY, {2020: 80, 2023: 88}, None, "on_track"),
    ("at_least before accelerate", AT_LEAST_90, BY, {2020: 80, 2023: 84}, None, "acceleration_needed"),
    ("at_least before limited", AT_LEAST_90, BY, {2020: 80, 2023: 82}, None, "limited_progress"),
    ("at_least before flat", AT_LEAST_90, BY, {2020: 80, 2023: 80}, None, "limited_progress"),
    ("at_least before away", AT_LEAST_90, BY, {2020: 80, 2023: 78}, None, "moving_away"),
    ("at_least before met early", AT_LEAST_90, BY, {2020: 80, 2023: 91}, None, "met"),
    ("at_least before fell from met", AT_LEAST_90, BY, {2020: 92, 2023: 89}, None, "moving_away"),
    ("at_least at deadline met", AT_LEAST_90, BY, {2020: 80, 2025: 90}, None, "met"),
    ("at_least at deadline missed", AT_LEAST_90, BY, {2020: 80, 2025: 89.9}, None, "missed"),
    ("at_least after met", AT_LEAST_90, BY, {2020: 80, 2025: 90, 2026: 91}, None, "met"),
    ("at_least after missed", AT_LEAST_90, BY, {2020: 80, 2025: 91, 2026: 89}, None, "missed"),
    ("at_least due, no value since", AT_LEAST_90, BY, {2020: 80, 2024: 89}, 2025,
     "insufficient_data"),
    # at_least, every year (保持在…以上)
    ("at_least every year met", AT_LEAST_90, EVERY, {2021: 91, 2022: 90}, None, "met"),
    ("at_least every year breached", AT_LEAST_90, EVERY, {2021: 91, 2022: 89}, None, "breached"),
    ("at_least every year recovered", AT_LEAST_90, EVERY, {2021: 89, 2022: 92}, None, "met"),
    ("at_least every year after deadline", AT_LEAST_90, EVERY, {2026: 89}, None, "breached"),
    ("at_least every year only baseline", AT_LEAST_90, EVERY, {2020: 95}, None, "insufficient_data"),
    # every year is judged in the evaluated year: an older latest value decides nothing
    ("at_least every year, none in the evaluated year", AT_LEAST_90, EVERY, {2021: 91, 2022: 95}, 2024,
     "insufficient_data"),
    ("at_most every year, old breach, none now", AT_MOST_10, EVERY, {2021: 9, 2022: 11}, 2024, "insufficient_data"),
    ("rise every year, none now", RISE, EVERY, {2022: 5, 2023: 5.5}, 2024, "insufficient_data"),
    ("slowing every year, none now", SLOW, EVERY, {2021: 10, 2022: 11, 2023: 11.5}, 2024, "insufficient_data"),
    ("count every year, none now", COUNT_1, EVERY, {2022: 1}, 2023, "insufficient_data"),
    ("previous every year, none now", REL_PREV, EVERY, {2022: 30, 2023: 31}, 2024, "insufficient_data"),
    # at_least, reach and hold
    ("at_least hold before reaching", AT_LEAST_90, HOLD, {2020: 80, 2023: 88}, None, "on_track"),
    ("at_least hold reached", AT_LEAST_90, HOLD, {2020: 80, 2022: 90, 2023: 91}, None, "met"),
    ("at_least hold broken early", AT_LEAST_90, HOLD, {2020: 80, 2022: 90, 2023: 89}, None,
     "breached"),
    ("at_least hold missed at deadline", AT_LEAST_90, HOLD, {2020: 80, 2025: 89}, None, "missed"),
    ("at_least hold broken after", AT_LEAST_90, HOLD, {2020: 80, 2025: 90, 2026: 89.5}, None,
     "breached"),
    # at_most (以下, inclusive) and 低于 (exclusive)
    ("at_most before met on the line", AT_MOST_10, BY, {2020: 12, 2024: 10.0}, None, "met"),
    ("at_most before on track", AT_MOST_10, BY, {2020: 12, 2024: 11}, None, "on_track"),
    ("at_most before away", AT_MOST_10, BY, {2020: 12, 2024: 12.5}, None, "moving_away"),
    ("at_most at deadline on the line", AT_MOST_10, BY, {2020: 12, 2030: 10.0}, None, "met"),
    ("at_most at deadline just over", AT_MOST_10, BY, {2020: 12, 2030: 10.001}, None, "missed"),
    ("at_most after deadline", AT_MOST_10, BY, {2020: 12, 2031: 9}, None, "met"),
    ("at_most every year on the line", AT_MOST_10, EVERY, {2021: 9, 2022: 10.0}, None, "met"),
    ("at_most every year breached", AT_MOST_10, EVERY, {2021: 9, 2022: 11}, None, "breached"),
    ("at_most every year earlier breach", AT_MOST_10, EVERY, {2021: 9, 2022: 11, 2023: 9.5}, None, "met"),
    ("at_most hold", AT_MOST_10, HOLD, {2020: 12, 2022: 9, 2023: 10.5}, None, "breached"),
    ("below 4.0 at deadline exactly 4.0", BELOW_4, BY, {2020: 5, 2030: 4.0}, None, "missed"),
    ("below 4.0 at deadline 3.99", BELOW_4, BY, {2020: 5, 2030: 3.99}, None, "met"),
    ("below 4.0 every year exactly 4.0", BELOW_4, EVERY, {2023: 4.0}, None, "breached"),
    ("below 4.0 before, exactly 4.0", BELOW_4, BY, {2020: 5, 2024: 4.0}, None, "on_track"),
    # band (保持在50%左右: default ±5% of the centre = 47.5–52.5; tolerance 2 = 48–52)
    ("band every year upper edge", BAND_50, EVERY, {2023: 52.5}, None, "met"),
    ("band every year lower edge", BAND_50, EVERY, {2023: 47.5}, None, "met"),
    ("band every year above", BAND_50, EVERY, {2023: 52.6}, None, "breached"),
    ("band tolerance below", BAND_50_2, EVERY, {2023: 47.9}, None, "breached"),
    ("band tolerance inside", BAND_50_2, EVERY, {2023: 48}, None, "met"),
    ("band before from below", BAND_50, BY, {2020: 40, 2024: 45}, None, "on_track"),
    ("band before from above", BAND_50, BY, {2020: 60, 2024: 58}, None, "acceleration_needed"),
    ("band at deadline outside", BAND_50, BY, {2020: 40, 2030: 47}, None, "missed"),
    ("band at deadline inside", BAND_50, BY, {2020: 40, 2030: 49}, None, "met"),
    ("band hold broken", BAND_50, HOLD, {2020: 40, 2022: 50, 2023: 55}, None, "breached"),
    # baseline relative (以2020年为基数下降20%: threshold 0.8 × the 2020 value)
    ("baseline before on track", DOWN_20, BY, {2020: 12.5, 2024: 11}, None, "on_track"),
    ("baseline before away", DOWN_20, BY, {2020: 12.5, 2024: 13}, None, "moving_away"),
    ("baseline at deadline exactly -20%", DOWN_20, BY, {2020: 12.5, 2030: 10.0}, None, "met"),
    ("baseline at deadline exact decimal", DOWN_20, BY, {2020: 7.3, 2030: 5.84}, None, "met"),
    ("baseline at deadline short", DOWN_20, BY, {2020: 12.5, 2030: 10.01}, None, "missed"),
    ("baseline after deadline", DOWN_20, BY, {2020: 12.5, 2031: 9}, None, "met"),
    ("baseline missing 2020", DOWN_20, BY, {2021: 12, 2024: 11}, None, "insufficient_data"),
    ("baseline rise at deadline", UP_10, BY, {2020: 50, 2025: 55}, None, "met"),
    ("baseline every year", DOWN_20, EVERY, {2020: 10, 2023: 8.5}, None, "breached"),
    ("baseline hold", DOWN_20, HOLD, {2020: 10, 2022: 7.9, 2023: 8.2}, None, "breached"),
    # previous value (不低于上届)
    ("previous every year met", REL_PREV, EVERY, {2022: 30, 2023: 31}, None, "met"),
    ("previous every year equal", REL_PREV, EVERY, {2022: 30, 2023: 30}, None, "met"),
    ("previous every year breached", REL_PREV, EVERY, {2022: 30, 2023: 31, 2024: 29}, None, "breached"),
    ("previous before deadline fell", REL_PREV, BY, {2022: 31, 2024: 29}, None, "moving_away"),
    ("previous at deadline fell", REL_PREV, BY, {2029: 31, 2030: 29}, None, "missed"),
    ("previous single value", REL_PREV, BY, {2024: 29}, None, "insufficient_data"),
    # direction (≥ 1.5%/yr on track, 0.5–1.5 acceleration needed, 0–0.5 limited, < 0 moving away)
    ("rise before good", RISE, BY, {2020: 50, 2024: 55}, None, "on_track"),
    ("rise before moderate", RISE, BY, {2020: 50, 2024: 52}, None, "acceleration_needed"),
    ("rise before limited", RISE, BY, {2020: 50, 2024: 50.5}, None, "limited_progress"),
    ("rise before away", RISE, BY, {2020: 50, 2024: 49.5}, None, "moving_away"),
    ("rise at deadline up", RISE, BY, {2020: 50, 2030: 50.25}, None, "met"),
    ("rise at deadline down", RISE, BY, {2020: 50, 2030: 49.5}, None, "missed"),
    ("rise after deadline", RISE, BY, {2020: 50, 2031: 50.5}, None, "met"),
    ("rise from zero (linear)", RISE, BY, {2020: 0, 2024: 2}, None, "on_track"),
    ("rise from negative (linear)", RISE, BY, {2020: -2, 2024: -1}, None, "on_track"),
    ("rise to negative (linear)", RISE, BY, {2020: 2, 2024: -1}, None, "moving_away"),
    ("rise at the 100% ceiling", RISE, BY, {2020: 100, 2024: 100}, None, "on_track"),
    ("rise at the ceiling at deadline", RISE, BY, {2020: 100, 2030: 100}, None, "met"),
    ("rise every year at the ceiling", RISE, EVERY, {2022: 100, 2023: 100}, None, "met"),
    ("rise every year up", RISE, EVERY, {2022: 5, 2023: 5.5}, None, "met"),
    ("rise every year flat", RISE, EVERY, {2022: 5, 2023: 5}, None, "breached"),
    ("rise hold = by deadline", RISE, HOLD, {2020: 50, 2024: 55}, None, "on_track"),
    ("fall before at zero", FALL, BY, {2020: 5, 2024: 0}, None, "on_track"),
    ("fall before zero to zero", FALL, BY, {2020: 0, 2024: 0}, None, "on_track"),
    ("fall before good", FALL, BY, {2020: 10, 2024: 9}, None, "on_track"),
    ("fall at deadline", FALL, BY, {2020: 10, 2030: 9.9}, None, "met"),
    ("fall every year breached", FALL, EVERY, {2022: 5, 2023: 4, 2024: 4.5}, 2024, "breached"),
    ("fall every year met", FALL, EVERY, {2022: 5, 2023: 4, 2024: 4.5}, 2023, "met"),
    ("fall single value", FALL, BY, {2024: 4}, None, "insufficient_data"),
    # slowing rise (latest annual rise below the earlier average)
    ("slowing before slowed", SLOW, BY, {2020: 10, 2021: 11, 2022: 12, 2023: 12.5}, None, "on_track"),
    ("slowing before faster", SLOW, BY, {2020: 10, 2021: 11, 2022: 12, 2023: 13.5}, None,
     "moving_away"),
    ("slowing before same", SLOW, BY, {2020: 10, 2021: 11, 2022: 12, 2023: 13}, None,
     "limited_progress"),
    ("slowing before falling", SLOW, BY, {2020: 10, 2021: 11, 2022: 12, 2023: 11.8}, None,
     "on_track"),
    ("slowing two years", SLOW, BY, {2020: 10, 2021: 11}, None, "insufficient_data"),
    ("slowing at deadline slowed", SLOW, BY, {2020: 10, 2025: 15, 2030: 17}, None, "met"),
    ("slowing at deadline faster", SLOW, BY, {2020: 10, 2025: 11, 2030: 17}, None, "missed"),
    ("slowing every year breached", SLOW, EVERY, {2021: 10, 2022: 11, 2023: 12.5}, None, "breached"),
    ("slowing every year met", SLOW, EVERY, {2021: 10, 2022: 11, 2023: 11.5}, None, "met"),
    # coverage (全覆盖 = 100% by 2025)
    ("coverage before met", COVER, BY, {2020: 90, 2024: 100}, None, "met"),
    ("coverage before on track", COVER, BY, {2022: 98, 2024: 99.5}, None, "on_track"),
    ("coverage at deadline short", COVER, BY, {2020: 90, 2025: 99.9}, None, "missed"),
    ("coverage after deadline", COVER, BY, {2020: 90, 2025: 100, 2027: 100}, None, "met"),
    ("coverage hold broken", COVER, HOLD, {2022: 100, 2023: 100, 2024: 98}, None, "breached"),
    ("coverage every year", COVER, EVERY, {2022: 99}, None, "breached"),
    # count (至少1名; from 0 the growth is linear)
    ("count before from zero", COUNT_1, BY, {2020: 0, 2024: 0}, None, "limited_progress"),
    ("count before reached", COUNT_1, BY, {2020: 0, 2024: 1}, None, "met"),
    ("count at deadline zero", COUNT_1, BY, {2020: 0, 2030: 0}, None, "missed"),
    ("count after deadline", COUNT_1, BY, {2020: 0, 2031: 2}, None, "met"),
    ("count every year", COUNT_1, EVERY, {2022: 1, 2023: 0}, None, "breached"),
    ("count hold broken", COUNT_1, HOLD, {2022: 1, 2023: 0}, None, "breached"),
    # cumulative (新建幼儿园112所 by 2025, additions from 2021 summed)
    ("cumulative before on track", CUMUL, BY, {2021: 20, 2022: 25, 2023: 30}, None, "on_track"),
    ("cumulative before behind", CUMUL, BY, {2021: 10, 2022: 10, 2023: 10}, None, "limited_progress"),
    ("cumulative at deadline met", CUMUL, BY, {2021: 20, 2022: 25, 2023: 30, 2024: 20, 2025: 20},
     None, "met"),
    ("cumulative at deadline missed", CUMUL, BY, {2021: 20, 2022: 25, 2023: 30, 2024: 15, 2025: 15},
     None, "missed"),
    ("cumulative year missing, bound too low", CUMUL, BY, {2021: 20, 2023: 30}, None,
     "insufficient_data"),
    ("cumulative year missing, bound enough", CUMUL, BY, {2021: 20, 2023: 30, 2024: 40, 2025: 40},
     None, "met"),
    ("cumulative ignores years before", CUMUL, BY, {2020: 500, 2021: 20, 2025: 20}, 2025,
     "insufficient_data"),
    ("cumulative after deadline, bound enough", CUMUL, BY, {2021: 50, 2022: 70, 2026: 0}, None, "met"),
    ("cumulative after deadline", CUMUL, BY, {2021: 50, 2022: 30, 2023: 0, 2024: 0, 2025: 30, 2026: 1},
     None, "missed"),
    ("cumulative hold", CUMUL, HOLD, {2021: 60, 2022: 60}, None, "met"),
    ("cumulative nothing since from_year", CUMUL, BY, {2020: 5}, None, "insufficient_data"),
]


@pytest.mark.parametrize(("case", "rule", "timing", "values", "as_of", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_rule_kind_and_timing(tmp_path: Path, case: str, rule: str, timing: str, values: dict[int, Value],
                              as_of: int | None, expected: str) -> None:
    del case
    cat = catalogue(tmp_path, target(rule, timing=timing))
    result = judge(cat, values, as_of, extra=[])
    assert (result.status, result.verdict) == (expected, _verdict(expected)), result.reason


def _verdict(status: str) -> str:
    return {"met": "pass", "on_track": "pass", "missed": "fail", "breached": "fail"}.get(status, "warn")


# relative to another series: value ≥ the reference of the same region, breakdown and year
REL_CASES: list[tuple[str, str, dict[int, Value], dict[int, Value], int | None, str]] = [
    ("before met", BY, {2020: 25, 2024: 33}, {2020: 32, 2024: 32}, None, "met"),
    ("before on track", BY, {2020: 25, 2024: 30}, {2020: 32, 2024: 32}, None, "on_track"),
    ("before behind", BY, {2020: 25, 2024: 26}, {2020: 32, 2024: 32}, None, "limited_progress"),
    ("before fell below", BY, {2020: 33, 2024: 30}, {2020: 32, 2024: 32}, None, "moving_away"),
    ("at deadline equal", BY, {2020: 25, 2030: 32}, {2020: 32, 2030: 32}, None, "met"),
    ("at deadline below", BY, {2020: 25, 2030: 31}, {2020: 32, 2030: 32}, None, "missed"),
    ("after deadline", BY, {2020: 25, 2031: 33}, {2020: 32, 2031: 32}, None, "met"),
    ("due, latest value older", BY, {2020: 25, 2029: 33}, {2020: 32, 2029: 32}, 2030, "insufficient_data"),
    ("no reference that year", BY, {2020: 25, 2024: 30}, {2020: 32}, None, "insufficient_data"),
    ("every year met", EVERY, {2023: 33}, {2023: 32}, None, "met"),
    ("every year breached", EVERY, {2023: 33, 2024: 31}, {2023: 32, 2024: 32}, None, "breached"),
    ("every year no reference", EVERY, {2023: 33, 2024: 31}, {2023: 32}, None, "insufficient_data"),
    ("every year, none in the evaluated year", EVERY, {2023: 33}, {2023: 32, 2024: 32}, 2024, "insufficient_data"),
    ("hold broken", HOLD, {2022: 33, 2024: 31}, {2022: 32, 2024: 32}, None, "breached"),
    ("hold kept", HOLD, {2022: 33, 2024: 32.5}, {2022: 32, 2024: 32}, None, "met"),
]


@pytest.mark.parametrize(("case", "timing", "values", "reference", "as_of", "expected"), REL_CASES,
                         ids=[c[0] for c in REL_CASES])
def test_relative_to_another_series(tmp_path: Path, case: str, timing: str, values: dict[int, Value],
                                    reference: dict[int, Value], as_of: int | None, expected: str) -> None:
    del case
    cat = catalogue(tmp_path, target(REL_REF, timing=timing))
    result = judge(cat, values, as_of, extra=series(reference, indicator="ref"))
    assert result.status == expected, result.reason


def test_relative_reads_the_reference_of_the_same_region_and_breakdown(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(REL_REF, timing="every_year"))
    other_region = [obs(2023, 10, indicator="ref", region="610402")]
    other_group = [obs(2023, 10, indicator="ref", breakdown="urban")]
    same = [obs(2023, 40, indicator="ref")]
    assert judge(cat, {2023: 33}, None, extra=other_region + other_group + same).status == "breached"
    assert judge(cat, {2023: 33}, None, extra=other_region + other_group).status == "insufficient_data"


def test_relative_factor(tmp_path: Path) -> None:
    rule = "{kind: relative, reference: ref, relation: at_most, inclusive: false, factor: 1.5}"
    cat = catalogue(tmp_path, target(rule, timing="every_year"))
    assert judge(cat, {2023: 14.9}, None, extra=[obs(2023, 10, indicator="ref")]).status == "met"
    assert judge(cat, {2023: 15}, None, extra=[obs(2023, 10, indicator="ref")]).status == "breached"


def test_hold_history_checks_every_year_after_reaching(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST_90, timing="reach_and_hold"))
    r = judge(cat, {2020: 80, 2022: 90, 2023: 92, 2024: 91, 2025: 89}, None)
    assert r.status == "breached"
    assert [(h.year, h.required, h.met) for h in r.history] == [
        (2023, "≥ 90%", True), (2024, "≥ 90%", True), (2025, "≥ 90%", False)]
    assert r.reason == "breached: 89% in 2025 after reaching ≥ 90% in 2022"


def test_an_every_year_series_without_the_evaluated_year_names_what_is_missing(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_MOST_10, timing=EVERY))
    result = judge(cat, {2021: 9, 2022: 11}, 2024, extra=[])
    assert (result.verdict, result.status, result.reason, [(h.year, h.met) for h in result.history]) == (
        "warn", "insufficient_data",
        "insufficient data: no value for 2024, the year evaluated; the latest is 11% in 2022; not met in 2022",
        [(2021, True), (2022, False)])


@pytest.mark.parametrize("timing", [BY, EVERY])
def test_a_single_value_has_nothing_earlier_to_compare_with(tmp_path: Path, timing: str) -> None:
    cat = catalogue(tmp_path, target(REL_PREV, timing=timing))
    result = judge(cat, {2021: 30}, None, extra=[])
    assert (result.status, result.reason) == (
        "insufficient_data", "insufficient data: only 2021 (30%); nothing earlier to compare with")


# (rule, timing, series, reference series or None, expected): a baseline or reference that is only a bound
# (`<10`) does not give a number to compare with; the result is undecided, not judged on the bound
BOUNDED_BASES = [
    (DOWN_20, BY, {2020: "<10", 2024: 7}, None),
    (DOWN_20, EVERY, {2020: "<10", 2024: 7}, None),
    (REL_REF, BY, {2021: 27}, {2021: "<28"}),
    (REL_REF, EVERY, {2021: 27}, {2021: "≤27.5"}),
    (REL_PREV, EVERY, {2022: ">30", 2023: 31}, None),
]


@pytest.mark.parametrize(("rule", "timing", "values", "reference"), BOUNDED_BASES)
def test_a_bounded_baseline_or_reference_is_undecided(tmp_path: Path, rule: str, timing: str,
                                                      values: dict[int, Value],
                                                      reference: dict[int, Value] | None) -> None:
    cat = catalogue(tmp_path, target(rule, timing=timing))
    result = judge(cat, values, None, extra=series(reference, indicator="ref") if reference else [])
    assert (result.verdict, result.status, "only a bound" in result.reason) == ("warn", "insufficient_data", True)


# (rule, series, reference or None, as of, status): data by terms (elections) is judged on the latest term
PERIODIC = [
    (AT_LEAST_90, {2021: 91}, None, 2024, "met"),
    (AT_MOST_10, {2021: 9, 2022: 11}, None, 2024, "breached"),
    (REL_REF, {2021: 30}, {2021: 28, 2024: 29}, 2024, "met"),
    (REL_PREV, {2016: 30, 2021: 31}, None, 2024, "met"),
]


@pytest.mark.parametrize(("rule", "values", "reference", "as_of", "expected"), PERIODIC)
def test_periodic_data_is_judged_on_the_latest_term(tmp_path: Path, rule: str, values: dict[int, Value],
                                                    reference: dict[int, Value] | None, as_of: int,
                                                    expected: str) -> None:
    cat = catalogue(tmp_path, target(rule, timing=EVERY, extra="periodic: true"))
    result = judge(cat, values, as_of, extra=series(reference, indicator="ref") if reference else [])
    assert result.status == expected, result.reason


def test_a_note_on_an_older_row_does_not_explain_a_missing_year(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST_90, timing=EVERY))
    result = judge(cat, {2022: 91, 2023: 92}, 2024, notes={2023: "口径调整"})
    assert (result.status, result.explained) == ("insufficient_data", None)
