"""Terminal table reporter: input issues, then one table per plan and domain, then counts and row accounting.

Layout: column widths are computed once for the whole report (so every group's table lines up) from the
content, shared by weight when space is short, and cells are wrapped by `wrap` (Chinese-aware). At
`SPARK_COLUMN_WIDTH` columns and wider the trend sparkline has its own column; narrower (80 columns and
below) it moves under the latest value in the same cell, so it never disappears. Sparklines are plain
characters and read the same without colour. Data text is never parsed as rich markup and loses its
control characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from xyplan_cli.report import IssueOut, Report, Result, summarize
from xyplan_cli.reporters import Options
from xyplan_cli.reporters.common import (
    Lang,
    clean,
    groups,
    label,
    latest_text,
    numbers_lines,
    region_text,
    sparkline,
    verdict_text,
)
from xyplan_cli.reporters.wrap import wrap

SPARK_COLUMN_WIDTH = 100
ISSUES_SHOWN = 10
NOTE_SHOWN = 30
VERDICT_STYLE = {"pass": "bold green", "warn": "bold yellow", "fail": "bold red"}
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "dim"}
GAP = 2  # cells between two columns


@dataclass(frozen=True)
class Column:
    key: str
    weight: int  # share of the width when space is short; 0 = sized to its content
    minimum: int
    maximum: int
    narrow_maximum: int = 0  # the maximum below SPARK_COLUMN_WIDTH, if smaller


COLUMNS = (
    Column("verdict", 0, 5, 7),
    Column("indicator", 5, 8, 40),
    Column("region", 2, 6, 24),
    Column("latest", 0, 6, 18, narrow_maximum=10),
    Column("requirement", 4, 8, 40),
    Column("detail", 8, 10, 80),
    Column("trend", 0, 4, 12),
)


def render(report: Report, options: Options) -> str:
    buffer = StringIO()
    console = Console(file=buffer, width=options.width, color_system="standard" if options.color else None,
                      force_terminal=options.color, no_color=not options.color, highlight=False,
                      emoji=False, markup=False, legacy_windows=False)
    lang = options.lang
    title = label("title", lang)
    if report.as_of is not None:
        title += " · " + label("as_of", lang, year=report.as_of)
    console.print(Text(title, style="bold"))
    if report.issues:
        console.print(_issues(report.issues, lang, options.verbose, options.width))
    wide = options.width >= SPARK_COLUMN_WIDTH
    columns = [c for c in COLUMNS if wide or c.key != "trend"]
    rows = {id(r): _cells(r, lang, wide, options.verbose) for r in report.results}
    headers = {c.key: label(c.key, lang) for c in columns}
    widths = _widths(columns, headers, list(rows.values()), options.width, wide)
    indent = widths["verdict"] + GAP
    for group in groups(report):
        console.print()
        console.print(Text(f"{clean(group.plan_name)} › {clean(group.domain_name)}", style="bold underline"))
        if not options.verbose:
            console.print(_table(columns, headers, widths, group.results, rows, header=True))
            continue
        for i, result in enumerate(group.results):  # each row, then its numbers across the full width
            console.print(_table(columns, headers, widths, [result], rows, header=i == 0))
            numbers = [(clean(line), "dim") for line in numbers_lines(result, lang)]
            console.print(Padding(_wrapped(numbers, options.width - indent), (0, 0, 0, indent)))
    if not report.results:
        console.print(Text(label("no_results", lang), style="dim"))
    console.print()
    console.print(_footer(report, lang))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _issues(issues: tuple[IssueOut, ...], lang: Lang, verbose: bool, width: int) -> Group:
    """One line an issue: where, severity and code, then the message (wrapped under it when long)."""
    shown = issues if verbose else issues[:ISSUES_SHOWN]
    lines = [Text(f"{label('issues', lang)} ({len(issues)})", style="bold")]
    for issue in shown:
        where = f"  {clean(issue.file)}:{issue.line}:{issue.column} "
        line = Text(where)
        line.append(f"{issue.severity} {issue.code}", style=SEVERITY_STYLE.get(issue.severity, ""))
        message = clean(issue.message)
        if cell_len(f"{line.plain} {message}") <= width:
            line.append(f" {message}")
        else:
            for part in wrap(message, width - 4):
                line.append("\n    " + part)
        lines.append(line)
    if len(shown) < len(issues):
        lines.append(Text("  " + label("more_issues", lang, n=len(issues) - len(shown)), style="dim"))
    return Group(*lines)


# A cell is a list of (text, style) paragraphs; wrapping happens once the widths are known.
Cell = list[tuple[str, str]]


def _cells(result: Result, lang: Lang, wide: bool, verbose: bool) -> dict[str, Cell]:
    latest: Cell = [(latest_text(result), "")]
    spark = sparkline(result.series)
    if spark and not wide:
        latest.append((spark, "cyan"))
    detail: Cell = [(clean(result.reason), "")]
    if result.explained and not verbose:
        note = clean(result.explained).replace("\n", " ")
        note = note if len(note) <= NOTE_SHOWN else note[: NOTE_SHOWN - 1] + "…"
        detail.append((f"* {label('note', lang)}: {note}", "dim"))
    return {
        "verdict": [(verdict_text(result), VERDICT_STYLE[result.verdict])],
        "indicator": [(clean(result.name), "")],
        "region": [(clean(region_text(result, lang)), "")],
        "latest": latest,
        "requirement": [(clean(result.requirement), "")],
        "detail": detail,
        "trend": [(spark, "cyan")],
    }


def _natural(cell: Cell) -> int:
    return max((cell_len(line) for text, _ in cell for line in text.split("\n")), default=0)


def _widths(columns: list[Column], headers: dict[str, str], rows: list[dict[str, Cell]], total: int,
            wide: bool) -> dict[str, int]:
    """Content-sized columns first; the rest of the width shared by weight, none wider than its content."""
    natural = {c.key: min(c.maximum if wide or not c.narrow_maximum else c.narrow_maximum,
                          max([cell_len(headers[c.key])] + [_natural(r[c.key]) for r in rows]))
               for c in columns}
    widths = {c.key: min(natural[c.key], c.minimum) if c.weight else max(c.minimum, natural[c.key])
              for c in columns}
    free = total - GAP * (len(columns) - 1) - 1 - sum(widths.values())
    while free > 0:
        growing = [c for c in columns if c.weight and widths[c.key] < natural[c.key]]
        if not growing:
            break
        weight = sum(c.weight for c in growing)
        given = 0
        for c in growing:
            step = min(max(1, free * c.weight // weight), natural[c.key] - widths[c.key], free - given)
            widths[c.key] += step
            given += step
        free -= given
    return widths


def _table(columns: list[Column], headers: dict[str, str], widths: dict[str, int], results: list[Result],
           rows: dict[int, dict[str, Cell]], header: bool) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                  header_style="bold", show_header=header)
    for c in columns:
        table.add_column(_wrapped([(headers[c.key], "")], widths[c.key]), width=widths[c.key], no_wrap=True,
                         overflow="crop")
    for r in results:
        table.add_row(*(_wrapped(rows[id(r)][c.key], widths[c.key]) for c in columns))
    return table


def _wrapped(cell: Cell, width: int) -> Text:
    text = Text()
    for text_part, style in cell:
        for line in wrap(text_part, width):
            if text:
                text.append("\n")
            text.append(line, style=style)
    return text


def _footer(report: Report, lang: Lang) -> Group:
    counts = summarize(report.results)
    line = Text(label("results_total", lang, n=len(report.results)) + " ")
    for verdict, word in (("pass", "PASS"), ("warn", "WARN"), ("fail", "FAIL")):
        if verdict != "pass":
            line.append(" · ")
        line.append(f"{counts[verdict]} ", style="bold")
        line.append(word, style=VERDICT_STYLE[verdict])
    if counts["explained"]:
        line.append(f" ({counts['explained']} WARN*)")
    parts = [line]
    if counts["explained"]:
        parts.append(Text(label("explained_legend", lang), style="dim"))
    rows = report.rows
    parts.append(Text(label("rows", lang, read=rows.read, accepted=rows.accepted, rejected=rows.rejected,
                            skipped=rows.skipped)))
    return Group(*parts)
