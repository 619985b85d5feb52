"""Strong fluctuation (波动较大) and warnings explained by a note (说明)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .build import Value, catalogue, judge, target

AT_LEAST = "{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 90}]}"
COUNT = "{kind: count, milestones: [{year: 2030, value: 1}]}"

# (case, rule, extra target fields, series, notes, status, explained)
CASES: list[tuple[str, str, str, dict[int, Value], dict[int, str], str, str | None]] = [
    ("jump over 30% turns a pass into a warning", AT_LEAST, "", {2023: 70, 2024: 95}, {}, "volatile", None),
    ("a fall over 30% too", AT_LEAST, "", {2023: 140, 2024: 95}, {}, "volatile", None),
    ("exactly 30% is not strong", AT_LEAST, "", {2023: 100, 2024: 130}, {}, "met", None),
    ("not consecutive years", AT_LEAST, "", {2021: 60, 2024: 95}, {}, "met", None),
    ("from zero is not measured", AT_LEAST, "", {2023: 0, 2024: 95}, {}, "met", None),
    ("per-target threshold", AT_LEAST, "fluctuation: 0.5", {2023: 70, 2024: 95}, {}, "met", None),
    ("per-target threshold exceeded", AT_LEAST, "fluctuation: 0.1", {2023: 85, 2024: 95}, {}, "volatile",
     None),
    ("explained by the note on the jump", AT_LEAST, "", {2023: 70, 2024: 95}, {2024: "统计口径调整"},
     "volatile", "统计口径调整"),
    ("explained by the note on the year before", AT_LEAST, "", {2023: 70, 2024: 95}, {2023: "当年数据偏低"},
     "volatile", "当年数据偏低"),
    ("old notes explain nothing", AT_LEAST, "", {2022: 70, 2023: 70, 2024: 95}, {2022: "旧说明"}, "volatile",
     None),
    ("a behind warning explained", AT_LEAST, "", {2020: 80, 2024: 81}, {2024: "疫情影响"}, "limited_progress",
     "疫情影响"),
    ("passes are never explained", AT_LEAST, "", {2020: 80, 2024: 91}, {2024: "说明"}, "met", None),
    ("fails are never explained", AT_LEAST, "", {2020: 80, 2030: 85}, {2030: "说明"}, "missed", None),
    ("a fail stays a fail with a jump", AT_LEAST, "", {2029: 50, 2030: 85}, {}, "missed", None),
    ("insufficient data explained", AT_LEAST, "", {2024: 85}, {2024: "新增指标"}, "insufficient_data",
     "新增指标"),
    ("counts are not checked", COUNT, "", {2023: 1, 2024: 3}, {}, "met", None),
]


@pytest.mark.parametrize(("case", "rule", "extra", "values", "notes", "status", "explained"), CASES,
                         ids=[c[0] for c in CASES])
def test_fluctuation_and_explanation(tmp_path: Path, case: str, rule: str, extra: str,
                                     values: dict[int, Value], notes: dict[int, str], status: str,
                                     explained: str | None) -> None:
    del case
    cat = catalogue(tmp_path, target(rule, extra=extra))
    r = judge(cat, values, None, notes=notes)
    assert (r.status, r.explained) == (status, explained), r.reason


def test_fluctuation_reason_has_the_numbers(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST))
    en = judge(cat, {2023: 70, 2024: 95}, None)
    zh = judge(cat, {2023: 70, 2024: 95}, None, lang="zh")
    assert en.reason == ("fluctuation: +35.7% from 2023 to 2024 (70% → 95%), beyond ±30%; "
                         "met: 95% in 2024, required ≥ 90% by 2030")
    assert zh.reason == ("波动较大:2023年至2024年变化+35.7%(70% → 95%),超过±30%;"
                         "已达标:2024年为95%,要求2030年≥ 90%")


def test_a_jump_on_a_warning_is_added_to_its_reason(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST))
    r = judge(cat, {2020: 80, 2023: 50, 2024: 70}, None)
    assert r.status == "moving_away"
    assert r.reason.endswith("fluctuation: +40.0% from 2023 to 2024 (50% → 70%), beyond ±30%")
