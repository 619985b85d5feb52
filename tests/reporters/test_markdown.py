"""The Markdown report: summary counts by plan and domain, then tables that data cannot break or inject."""

from __future__ import annotations

import re

import pytest

from xyplan_cli.report import Report, summarize
from xyplan_cli.reporters import Options, render
from xyplan_cli.reporters.common import groups
from xyplan_cli.reporters.markdown import esc

from .sample import build_report


def _cells(line: str) -> list[str]:
    """The cells of a table row, splitting on unescaped pipes only."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_summary_counts_by_plan_and_domain(report: Report) -> None:
    out = render("markdown", report, Options(lang=report.lang))
    summary = out.split("\n## ", 2)[1]
    table = [_cells(line) for line in summary.splitlines() if line.startswith("| ")][2:]
    verdicts = ("pass", "warn", "fail")
    expected = [(g.plan_name, g.domain_name, *(str(summarize(g.results)[v]) for v in verdicts),
                 str(len(g.results))) for g in groups(report)]
    assert [tuple(row) for row in table[:-1]] == expected
    assert table[-1][2:] == ["**5**", "**6**", "**4**", "**15**"]


def test_every_result_row_has_seven_cells(report: Report) -> None:
    out = render("markdown", report, Options(lang=report.lang, verbose=True))
    rows = [_cells(line) for line in out.splitlines() if re.match(r"\| (✅|⚠️|❌) ", line)]
    assert len(rows) == len(report.results)
    assert {len(r) for r in rows} == {7}


def test_data_cannot_inject_html_or_break_the_table() -> None:
    base = build_report("en")
    evil = base.results[0].model_copy(update={"region": "a | b <img src=x onerror=alert(1)>",
                                              "reason": "x\ny|z"})
    out = render("markdown", base.model_copy(update={"results": (evil,)}), Options(lang="en"))
    assert "<img" not in out and "<script" not in out
    row = next(line for line in out.splitlines() if line.startswith("| ✅"))
    assert len(_cells(row)) == 7
    assert "a \\| b &lt;img src=x onerror=alert(1)&gt;" in row
    assert "x<br>y\\|z" in row


# (data text, escaped)
ESCAPES = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("a|b", "a\\|b"),
    ("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"),
    ("[link](http://x)", "\\[link\\](http://x)"),
    ("back\\slash", "back\\\\slash"),
    ("5 < 6 & 7", "5 &lt; 6 &amp; 7"),
    ("两行\n文字", "两行<br>文字"),
    ("Windows\r\nline", "Windows<br>line"),  # a CR LF or a lone CR is a line break, not a bad character
    ("old Mac\rline", "old Mac<br>line"),
    ("line\u2028separator\u2029paragraph", "line<br>separator<br>paragraph"),  # lines for str.splitlines
]


@pytest.mark.parametrize(("raw", "expected"), ESCAPES)
def test_escape(raw: str, expected: str) -> None:
    assert esc(raw) == expected
