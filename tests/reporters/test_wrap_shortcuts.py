"""The shortcuts of the table's wrapping give what the slow ways give: widths, narrow text, searches without regex."""

from __future__ import annotations

import re
import sys

import pytest

from xyplan_cli.reporters.wrap import (
    _OTHER_SPACE,
    _across_spaces,
    _narrow,
    _year_colon_space,
    cell_len,
    measured,
    wrap,
)

TEXTS = [
    "",
    "  lead and trail  ",
    "on track: +2.46%/yr since 2020 (69.6% → 76.7% in 2024), projected 88.73% in 2030",
    "on track: +2.41%/yr since 2020 (2小时 → 2.2小时 in 2024), projected 2.54小时 in 2030",
    "breached: 62.9% in 2024, required ≥ 72.4% every year",
    "behind: R = 0.79, projected 10.32/10万 in 2030",
    "进度正常:自2020年起年均+2.05%(69.8年 → 2024年75.7年),预计2030年为85.5年",
    "history 2024: 95.2 · 2023: 94.1",
    "abcdefghijklmnopqrstuvwxyz0123456789",  # a piece cut to lines of its own
    "e\u0301te\u0301 a\u200bb 年年年年年年年年",  # no-width characters next to wide ones
    "one\ntwo three\n\nfour",
    "tab\tand\u3000ideographic space",
]


@pytest.mark.parametrize("width", [1, 2, 3, 5, 8, 13, 20, 40, 100])
@pytest.mark.parametrize("text", TEXTS)
def test_measured_lines_are_wrap_with_their_widths(text: str, width: int) -> None:
    lines = measured(text, width)
    assert [line for line, _ in lines] == wrap(text, width)
    assert [cells for _, cells in lines] == [cell_len(line) for line, _ in lines]


@pytest.mark.parametrize(("text", "narrow"), [
    ("a → b ≥ c ‰", True),
    ("75.7年 (2024)", False),
    ("a\u200bb", False),  # shorter than it is long
    ("e\u0301年", False),  # as wide as it is long, but one character takes none and one takes two
    ("e\u0301→", False),
])
def test_narrow(text: str, narrow: bool) -> None:
    assert _narrow(text) is narrow


def test_printable_text_has_no_other_space() -> None:
    """`_across_spaces` skips the search for whitespace other than the space in printable text."""
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if _OTHER_SPACE.match(c) and c.isprintable()] == []


def test_isdecimal_is_backslash_d() -> None:
    digit = re.compile(r"\d")
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if (digit.match(c) is not None) != c.isdecimal()] == []


@pytest.mark.parametrize("text", [*TEXTS, "2024:95", "x2024: 1", "024: 1", "٢٠٢٤: 1", "12345: 6", ": 2024: ",
                                  "a: b: 2024: c"])
def test_year_colon_space(text: str) -> None:
    assert _year_colon_space(text) == (re.search(r"(?<=\d{4}): ", text) is not None)


def test_across_spaces_still_sees_other_spaces() -> None:
    assert _across_spaces("a\u3000b") and _across_spaces("a\xa0b") and not _across_spaces("a b")
