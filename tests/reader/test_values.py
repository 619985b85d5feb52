"""Value cells as statisticians write them: numbers, suffixes, bounds, ranges, missing markers."""

from __future__ import annotations

import math

import pytest

from xyplan_cli.reader.values import Missing, Problem, Reading, decimals, parse_value, shifted, unit_word

INF = math.inf

# text → (low, high, low_open, high_open, unit word)
READINGS = [
    ("95.2", (95.2, 95.2, False, False, "")),
    (" 95.2 ", (95.2, 95.2, False, False, "")),
    ("９５．２％", (95.2, 95.2, False, False, "%")),
    ("95.2 %", (95.2, 95.2, False, False, "%")),
    ("1,234", (1234.0, 1234.0, False, False, "")),
    ("1，234.5", (1234.5, 1234.5, False, False, "")),
    ("3.32万", (3.32, 3.32, False, False, "万")),
    ("12.5/10万", (12.5, 12.5, False, False, "/10万")),
    ("3.2‰", (3.2, 3.2, False, False, "‰")),
    ("-5", (-5.0, -5.0, False, False, "")),
    ("−5", (-5.0, -5.0, False, False, "")),
    ("1e-5", (1e-5, 1e-5, False, False, "")),
    (">95", (95.0, INF, True, False, "")),
    ("＞９５", (95.0, INF, True, False, "")),
    ("≥95%", (95.0, INF, False, False, "%")),
    (">=95", (95.0, INF, False, False, "")),
    ("95以上", (95.0, INF, False, False, "")),
    ("95%以上", (95.0, INF, False, False, "%")),
    ("不低于95", (95.0, INF, False, False, "")),
    ("超过95", (95.0, INF, True, False, "")),
    ("<5", (-INF, 5.0, False, True, "")),
    ("5以下", (-INF, 5.0, False, False, "")),
    ("低于5‰", (-INF, 5.0, False, True, "‰")),
    ("不超过5", (-INF, 5.0, False, False, "")),
    ("90~95", (90.0, 95.0, False, False, "")),
    ("90-95%", (90.0, 95.0, False, False, "%")),
    ("90%至95%", (90.0, 95.0, False, False, "%")),
    ("¥1,200", (1200.0, 1200.0, False, False, "元")),
    ("600元/人·月", (600.0, 600.0, False, False, "元")),
    ("１０．５小时", (10.5, 10.5, False, False, "小时")),
]


@pytest.mark.parametrize(("text", "expected"), READINGS)
def test_readings(text: str, expected: tuple[float, float, bool, bool, str]) -> None:
    got = parse_value(text)
    assert isinstance(got, Reading), got
    assert (got.low, got.high, got.low_open, got.high_open, got.unit_word) == expected


@pytest.mark.parametrize("text", ["", "  ", "-", "—", "——", "…", "...", "NA", "n/a", "无", "暂无", "/",
                                  "null"])
def test_missing_markers(text: str) -> None:
    assert isinstance(parse_value(text), Missing)


@pytest.mark.parametrize(("text", "code"), [
    ("abc", "not-a-number"), ("95.2.1", "not-a-number"), ("12,34", "not-a-number"), ("约95", "not-a-number"),
    ("inf", "not-a-number"), ("1_000", "not-a-number"), ("2021-12", "not-a-number"), ("--5", "not-a-number"),
    ("95>", "not-a-number"), (">95以上", "not-a-number"), ("95~90", "not-a-number"),
    ("十点五", "not-a-number"), ("90分钟", "unknown-unit"), ("5度", "unknown-unit"),
])
def test_problems(text: str, code: str) -> None:
    got = parse_value(text)
    assert isinstance(got, Problem) and got.code == code, got


@pytest.mark.parametrize(("text", "word"), [("%", "%"), ("％", "%"), ("1/10万", "1/10万"), ("比例", "比例"),
                                            ("元/生·天", "元"), ("万元/年", "万元"), (" ", ""),
                                            ("Percent", "percent")])
def test_unit_words(text: str, word: str) -> None:
    assert unit_word(text) == word


def test_unknown_unit_word() -> None:
    assert unit_word("度") == Problem("unknown-unit", {"text": "度"})


@pytest.mark.parametrize(("text", "value", "shift", "expected"), [
    ("0.952", 0.952, 2, 95.2), ("0.1", 0.1, 2, 10.0), ("3.32", 3.32, 4, 33200.0), ("12.5", 12.5, -3, 0.0125),
    ("95.2", 95.2, 0, 95.2)])
def test_shifts_are_exact_decimal_moves(text: str, value: float, shift: int, expected: float) -> None:
    assert shifted(text, value, shift) == expected


@pytest.mark.parametrize(("text", "places"), [("95", 0), ("95.20", 2), ("0.952", 3), ("1e-3", 3), ("x", 0)])
def test_decimals(text: str, places: int) -> None:
    assert decimals(text) == places
