"""The terminal table: fits its width, keeps sparklines at every width, colours only when asked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len  # an independent measure of what the table must fit in

from xyplan_cli.report import Point, Report
from xyplan_cli.reporters import Options, render
from xyplan_cli.reporters.common import _CONTROL, Lang, clean, sparkline, verdict_text
from xyplan_cli.reporters.wrap import _across_spaces, _piece, tokens, wrap
from xyplan_cli.reporters.wrap import cell_len as our_cell_len

from .sample import build_report

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("width", [30, 40, 60, 80, 100, 120, 160])
@pytest.mark.parametrize("verbose", [False, True])
def test_no_line_is_wider_than_the_terminal(report: Report, width: int, verbose: bool) -> None:
    out = render("table", report, Options(lang=report.lang, width=width, verbose=verbose))
    too_wide = [line for line in out.splitlines() if cell_len(line) > width]
    assert too_wide == []


@pytest.mark.parametrize("width", [80, 99, 100, 120])
def test_every_series_keeps_its_sparkline(report: Report, width: int) -> None:
    out = render("table", report, Options(lang=report.lang, width=width))
    for result in report.results:
        if result.series:
            assert sparkline(result.series) in out, (result.target_id, result.region, width)


@pytest.mark.parametrize(("width", "has_trend_column"), [(80, False), (99, False), (100, True), (140, True)])
def test_trend_column_from_100_columns(width: int, has_trend_column: bool) -> None:
    out = render("table", build_report("en"), Options(lang="en", width=width))
    assert (re.search(r"Status\s+Trend", out) is not None) == has_trend_column


@pytest.mark.parametrize("width", [80, 120])
def test_colour_only_when_asked(report: Report, width: int) -> None:
    plain = render("table", report, Options(lang=report.lang, width=width, color=False))
    coloured = render("table", report, Options(lang=report.lang, width=width, color=True))
    assert not ANSI.search(plain)
    assert ANSI.sub("", coloured) == plain  # the same text, aligned the same
    verdicts = {(m.group(1), m.group(2)) for m in re.finditer(r"\x1b\[([0-9;]+)m(PASS|WARN\*?|FAIL)\x1b\[0m", coloured)}
    assert {("1;32", "PASS"), ("1;33", "WARN"), ("1;33", "WARN*"), ("1;31", "FAIL")} <= verdicts


def test_the_table_needs_no_rich() -> None:
    code = ("import sys; from xyplan_cli.reporters import Options, render; from tests.reporters.sample import "
            "build_report; render('table', build_report('zh'), Options(color=True)); print('rich' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_verdicts_regions_and_footer(lang: Lang) -> None:
    report = build_report(lang)
    out = render("table", report, Options(lang=lang, width=120))
    verdicts = re.findall(r"^(PASS|WARN\*?|FAIL)\s{2,}", out, re.M)
    assert verdicts == [verdict_text(r) for r in report.results]  # the sample is in group order already
    assert verdicts.count("WARN*") == 2
    assert "<script>" in out  # shown as text (wrapped in the narrow region column)
    counts = "5 PASS · 6 WARN · 4 FAIL (2 WARN*)"
    assert counts in out
    rows = {"zh": "读取 131 = 接受 122 + 拒绝 2 + 跳过 7",
            "en": "131 read = 122 accepted + 2 rejected + 7 skipped"}
    assert rows[lang] in out


def test_issues_come_first_and_are_capped() -> None:
    base = build_report("en")
    issues = base.issues * 5  # 15 issues
    out = render("table", base.model_copy(update={"issues": issues}), Options(lang="en", width=120))
    assert out.index("Input issues (15)") < out.index("Women and health")
    assert out.count("unknown-region") == 4 and "5 more issues not shown" in out
    many = base.model_copy(update={"issues": issues})
    verbose = render("table", many, Options(lang="en", width=120, verbose=True))
    assert verbose.count("unknown-region") == 5


def test_control_characters_never_reach_the_terminal() -> None:
    base = build_report("en")
    evil = base.results[0].model_copy(update={"region": "秦都区\x1b[2J\x07", "reason": "ok\x1b]0;title\x07"})
    out = render("table", base.model_copy(update={"results": (evil,)}), Options(lang="en", color=False))
    assert "\x1b" not in out and "\x07" not in out


def test_rich_markup_in_data_is_text() -> None:
    base = build_report("en")
    tricky = base.results[0].model_copy(update={"name": "[bold red]x[/] [link=http://e.invalid]y[/link]"})
    out = render("table", base.model_copy(update={"results": (tricky,)}), Options(lang="en", width=160))
    assert "[bold red]x[/]" in out


# (years and values, expected sparkline)
SPARKS = [
    ([(2020, 1.0), (2021, 2.0), (2022, 3.0)], "▁▅█"),
    ([(2020, 3.0), (2021, 2.0), (2022, 1.0)], "█▅▁"),
    ([(2020, 5.0), (2021, 5.0)], "▄▄"),
    ([(2020, 1.0), (2022, 3.0)], "▁ █"),
    ([(2024, -2.0)], "▄"),
    ([], ""),
    ([(2022, 3.0), (2020, 1.0), (2021, 2.0)], "▁▅█"),  # out of order: by year
    ([(2020, 1.0), (2020, 5.0), (2021, 3.0)], "█▁"),  # a year twice: the last value counts
]


@pytest.mark.parametrize(("pairs", "expected"), SPARKS)
def test_sparkline(pairs: list[tuple[int, float]], expected: str) -> None:
    assert sparkline(tuple(Point(year=y, value=v) for y, v in pairs)) == expected


# (text, width, expected lines)
WRAPS = [
    ("进度落后:R = 0.71,预计2030年为11.2", 12, ["进度落后:", "R = 0.71,预", "计2030年为", "11.2"]),
    ("≤ 10/10万(2030年)", 10, ["≤ 10/10万", "(2030年)"]),
    ("2025年累计30,150,少于33,200", 12, ["2025年累计", "30,150,少于", "33,200"]),
    ("≥ 90% by 2025, ≥ 95% by 2030", 12, ["≥ 90% by", "2025, ≥ 95%", "by 2030"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ("one\ntwo", 10, ["one", "two"]),
    ("", 10, [""]),
    ("见附件(", 4, ["见附", "件("]),  # opening punctuation with nothing after it
    ("  lead and trail  ", 40, ["lead and trail"]),
    ("ab  cd", 3, ["ab", "cd"]),  # a space that does not fit is dropped
    ("R = 0.71 and 2024: 95.2", 9, ["R = 0.71", "and", "2024: 95.", "2"]),
]


@pytest.mark.parametrize(("text", "width", "expected"), WRAPS)
def test_wrap(text: str, width: int, expected: list[str]) -> None:
    lines = wrap(text, width)
    assert lines == expected
    assert all(cell_len(line) <= width for line in lines)


@pytest.mark.parametrize("text", ["R = 0.71, projected 11.2‰ in 2030", "预计2030年为11.2,差-3.5%", "30,150"])
def test_numbers_are_never_split(text: str) -> None:
    numbers = re.findall(r"-?\d[\d,]*(?:\.\d+)?[%‰]?", text)
    pieces = tokens(text)
    assert "".join(pieces) == text
    for n in numbers:
        assert any(n in piece for piece in pieces), n


# (text, terminal cells)
WIDTHS = [
    ("", 0),
    ("R = 0.71", 8),
    ("秦都区", 6),
    ("ｆｕｌｌ，", 10),  # full-width
    ("e\u0301", 1),  # a combining accent takes no cell
    ("a\u200bb", 2),  # nor does a zero-width space
    ("·›≥…‰“”─▁█", 10),  # ambiguous width: one cell, as terminals outside East Asian locales show them
    ("🙂", 2),
]


@pytest.mark.parametrize(("text", "cells"), WIDTHS)
def test_cell_len(text: str, cells: int) -> None:
    assert our_cell_len(text) == cells


# Texts where no piece holds a space: their pieces are looked up a word at a time, which must agree with the
# pieces of the whole text, at every character.
WORDWISE = [
    "limited progress: +0.31%/yr since 2020 (80年 → 81年 in 2024), projected 82.52年 in 2030",
    "进度落后:较2020年下降 12.5%,预计2030年为11.2‰(要求以下)",
    "2025年累计30,150,少于33,200  (two spaces)",
    "《儿童规划》二(一)主要目标3 见附件( ",
]


@pytest.mark.parametrize("text", WORDWISE)
def test_pieces_found_word_by_word_are_the_pieces(text: str) -> None:
    assert not _across_spaces(text)
    ends = [sum(len(piece) for piece in tokens(text)[: k + 1]) for k in range(len(tokens(text)))]
    assert [_piece(text, p, None) for p in range(len(text))] == [_piece(text, p, ends) for p in range(len(text))]


def test_clean_skips_only_text_without_control_characters() -> None:
    """`clean` returns printable text untouched; so nothing it replaces may be printable."""
    replaced = [chr(c) for c in range(0x10000) if _CONTROL.match(chr(c))] + ["\t"]
    assert [c for c in replaced if c.isprintable()] == []
    assert clean("a\tb\x1b[2J\u202e") == "a b\ufffd[2J\ufffd"
    assert clean("CR LF\r\nCR\rLF\n") == "CR LF\nCR\nLF\n"
