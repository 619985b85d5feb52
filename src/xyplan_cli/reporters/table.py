"""Terminal table reporter: input issues, then one table per plan and domain, then counts and row accounting.

Layout: column widths are computed once for the whole report (so every group's table lines up) from the
content, shared by weight when space is short, and cells are wrapped by `wrap` (Chinese-aware). At
`SPARK_COLUMN_WIDTH` columns and wider the trend sparkline has its own column; narrower (80 columns and
below) it moves under the latest value in the same cell, so it never disappears. Sparklines are plain
characters and read the same without colour. Data text loses its control characters.

Lines are built by joining padded cells (two spaces between columns, a rule of `─` under the header), and
colour is plain ANSI SGR; each distinct cell is wrapped and padded once, because names, regions and
requirements repeat on every row. No rich here: its Table layout took seconds for a report of thousands of
rows. The garbage collector waits while the rows are built (`collector.paused`).
"""

from __future__ import annotations

from functools import cache
from operator import add, sub
from typing import NamedTuple

from xyplan_cli import collector
from xyplan_cli.report import IssueOut, Report, Result, summarize
from xyplan_cli.reporters import Options
from xyplan_cli.reporters.common import (
    Lang,
    clean,
    groups,
    label,
    latest_text,
    location,
    numbers_lines,
    region_text,
    severity_label,
    sparkline,
    verdict_text,
)
from xyplan_cli.reporters.wrap import cell_len, measured, wrapped

SPARK_COLUMN_WIDTH = 100
ISSUES_SHOWN = 10
NOTE_SHOWN = 30
VERDICT_STYLE = {"pass": "bold green", "warn": "bold yellow", "fail": "bold red"}
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "dim"}
GAP = 2  # cells between two columns
MIN_COLUMN = 2  # the narrowest a column gets when the terminal is too narrow for the minimums
RULE = "─"
SGR = {"bold": "1", "dim": "2", "underline": "4", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


class Column(NamedTuple):  # (a NamedTuple: a third of a dataclass's cost at import)
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

# A cell is a tuple of (text, style) paragraphs; wrapping happens once the widths are known.
Cell = tuple[tuple[str, str], ...]


def render(report: Report, options: Options) -> str:
    lang, width, color = options.lang, options.width, options.color
    title = label("title", lang)
    if report.as_of is not None:
        title += " · " + label("as_of", lang, year=report.as_of)
    out = _text(title, width, "bold", color)
    if report.issues:
        out += _issues(report.issues, lang, options.verbose, width, color)
    with collector.paused():
        widths, head, rows = _rows(report.results, options)
    indent = widths["verdict"] + GAP
    for group in groups(report):
        out.append("")
        out += _text(f"{clean(group.plan_name)} › {clean(group.domain_name)}", width, "bold underline", color)
        for i, result in enumerate(group.results):
            if i == 0:
                out += head
            out += rows[id(result)]
            if options.verbose:  # each row, then its numbers across the full width
                numbers = tuple((clean(line), "dim") for line in numbers_lines(result, lang))
                out += [" " * indent + line for line in _lines(numbers, width - indent, color)]
    if not report.results:
        out += _text(label("no_results", lang), width, "dim", color)
    out.append("")
    out += _footer(report, lang, width, color)
    if report.files is not None:  # --by file
        from xyplan_cli.reporters.files import table_lines

        out += ["", *table_lines(report.files, lang, width, color)]
    return "\n".join(map(str.rstrip, out)) + "\n"


def _rows(results: tuple[Result, ...], options: Options) -> tuple[dict[str, int], list[str], dict[int, list[str]]]:
    """The column widths, the header's lines and every result's lines (by `id`), in columns fitted to the
    width. The cells and blocks they are made of are let go on return, before the garbage collector resumes."""
    lang, width, color = options.lang, options.width, options.color
    wide = width >= SPARK_COLUMN_WIDTH
    columns = [c for c in COLUMNS if wide or c.key != "trend"]
    cells = _cells(results, lang, wide, options.verbose)
    # each distinct cell is measured and laid out once: names, regions and requirements repeat on every row
    distinct = {c.key: dict.fromkeys(cells[c.key]) for c in columns}
    headers = {c.key: label(c.key, lang) for c in columns}
    widths = _fit(_widths(columns, headers, distinct, width, wide), width)
    sizes = [widths[c.key] for c in columns]
    pads = [*sizes[:-1], 0]  # the last column is not padded: the line's end would be stripped (`render`)
    fills = [" " * pad for pad in pads]
    head = _join([[_block(((headers[c.key], "bold"),), widths[c.key], color, pad)]
                  for c, pad in zip(columns, pads, strict=True)], fills, bottom=True)[0]
    head.append(RULE * (sum(sizes) + GAP * (len(sizes) - 1)))
    blocks = [_column(cells[c.key], distinct[c.key], widths[c.key], color, pad)  # column by column
              for c, pad in zip(columns, pads, strict=True)]
    return widths, head, dict(zip(map(id, results), _join(blocks, fills), strict=True))


def paint(text: str, style: str, color: bool) -> str:
    """`text` in `style` ("bold red" …) as ANSI SGR codes when colour is on; empty text stays empty."""
    if not (color and style and text):
        return text
    return f"{_sgr(style)}{text}\x1b[0m"


@cache
def _sgr(style: str) -> str:
    """The escape sequence that starts `style` (a handful of styles, on every sparkline and verdict)."""
    return f"\x1b[{';'.join(SGR[word] for word in style.split())}m"


def _text(text: str, width: int, style: str, color: bool) -> list[str]:
    """A paragraph printed across the terminal: wrapped to `width`, each line in `style`."""
    return [paint(line, style, color) for line in wrapped(text, width)]


def _issues(issues: tuple[IssueOut, ...], lang: Lang, verbose: bool, width: int, color: bool) -> list[str]:
    """One line an issue: where, severity and code, then the message (wrapped under it when long)."""
    shown = issues if verbose else issues[:ISSUES_SHOWN]
    lines = _text(f"{label('issues', lang)} ({len(issues)})", width, "bold", color)
    for issue in shown:
        where = f"  {clean(location(issue))} "
        kind = f"{severity_label(issue.severity, lang)} {issue.code}"
        message = clean(issue.message)
        one_line = "\n" not in message and cell_len(f"{where}{kind} {message}") <= width
        first = f"{where}{kind}" + (f" {message}" if one_line else "")
        if cell_len(first) <= width:  # the usual case: colour the severity and code
            rest = f" {message}" if one_line else ""
            lines.append(where + paint(kind, SEVERITY_STYLE.get(issue.severity, ""), color) + rest)
        else:  # a very long file name: wrapped like any paragraph, indented
            lines.extend("  " + line for line in wrapped(first, width - 2))
        if not one_line:
            lines.extend("    " + part for part in wrapped(message, width - 4))
    if len(shown) < len(issues):
        more = label("more_issues", lang, n=len(issues) - len(shown))
        lines.extend("  " + line for line in _text(more, width - 2, "dim", color))
    return lines


def _cells(results: tuple[Result, ...], lang: Lang, wide: bool, verbose: bool) -> dict[str, list[Cell]]:
    """Every column's cells, one per result, in the order of `results` (the trend column's only when `wide`)."""
    sparks = [sparkline(r.series) for r in results]
    shown = [clean(latest_text(r)) for r in results]  # a bound is text too
    latest: list[Cell] = [((text, ""), (spark, "cyan")) if spark and not wide else ((text, ""),)
                          for text, spark in zip(shown, sparks, strict=True)]
    names, regions, requirements = _Plain(), _Plain(), _Plain()
    cells: dict[str, list[Cell]] = {
        "verdict": [((verdict_text(r), VERDICT_STYLE[r.verdict]),) for r in results],
        "indicator": [names[r.name] for r in results],
        "region": [regions[region_text(r, lang)] for r in results],
        "latest": latest,
        "requirement": [requirements[r.requirement] for r in results],
        "detail": [_detail(r, lang, verbose) for r in results],
    }
    if wide:
        cells["trend"] = [((spark, "cyan"),) for spark in sparks]
    return cells


class _Plain(dict[str, Cell]):
    """The cell of a data text without style, made once for each distinct text: names, regions and
    requirements repeat on every row."""

    def __missing__(self, text: str) -> Cell:
        cell = self[text] = ((clean(text), ""),)
        return cell


def _detail(result: Result, lang: Lang, verbose: bool) -> Cell:
    """The reason, and a shortened note when the warning is explained (verbose mode shows the note in full)."""
    reason = (clean(result.reason), "")
    if not result.explained or verbose:
        return (reason,)
    note = clean(result.explained).replace("\n", " ")
    note = note if len(note) <= NOTE_SHOWN else note[: NOTE_SHOWN - 1] + "…"
    return (reason, (f"* {label('note', lang)}: {note}", "dim"))


def _widths(columns: list[Column], headers: dict[str, str], cells: dict[str, dict[Cell, None]], total: int,
            wide: bool) -> dict[str, int]:
    """Content-sized columns first; the rest of the width shared by weight, none wider than its content."""
    natural = {}
    for c in columns:
        limit = c.maximum if wide or not c.narrow_maximum else c.narrow_maximum
        longest = 0
        for text in {text for cell in cells[c.key] for text, _ in cell}:  # repeated texts measured once
            longest = max(longest, *map(cell_len, text.split("\n")))
            if longest >= limit:  # the rest cannot widen the column
                break
        natural[c.key] = min(limit, max(cell_len(headers[c.key]), longest))
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


def _fit(widths: dict[str, int], total: int) -> dict[str, int]:
    """On a terminal too narrow even for the minimum widths, narrow the widest column a cell at a time."""
    fitted = dict(widths)
    excess = sum(fitted.values()) + GAP * (len(fitted) - 1) + 1 - total
    while excess > 0:
        key = max(fitted, key=lambda k: fitted[k])
        if fitted[key] <= MIN_COLUMN:
            break
        fitted[key] -= 1
        excess -= 1
    return fitted


def _join(columns: list[list[tuple[str, ...]]], fills: list[str], bottom: bool = False) -> list[list[str]]:
    """Each row's lines from its cells' blocks (padded lines), side by side, aligned at the top (or at the
    `bottom`, for the header). Every block is filled to its row's height a column at a time, so that a row is
    one `zip` and one `join` a line."""
    heights = list(map(max, *[map(len, column) for column in columns]))
    tallest = max(heights, default=0)
    filled = []
    for column, fill in zip(columns, fills, strict=True):
        fillings = [(fill,) * k for k in range(tallest + 1)]
        missing = map(fillings.__getitem__, map(sub, heights, map(len, column)))
        filled.append(list(map(add, missing, column) if bottom else map(add, column, missing)))
    return [list(map("  ".join, zip(*row))) for row in zip(*filled)]  # noqa: B905  (blocks of a row: same height)


def _column(cells: list[Cell], distinct: dict[Cell, None], width: int, color: bool,
            pad: int) -> list[tuple[str, ...]]:
    """The cells' blocks (`_block`): each of the `distinct` cells laid out once, each distinct paragraph of
    them once (the latest value repeats under many sparklines)."""
    paragraphs: dict[tuple[str, str], tuple[str, ...]] = {}
    blocks: dict[Cell, tuple[str, ...]] = {}
    for cell in distinct:
        block: tuple[str, ...] = ()
        for paragraph in cell:
            lines = paragraphs.get(paragraph)
            if lines is None:
                lines = paragraphs[paragraph] = _block((paragraph,), width, color, pad)
            block += lines
        blocks[cell] = block
    return list(map(blocks.__getitem__, cells))


def _block(cell: Cell, width: int, color: bool, pad: int) -> tuple[str, ...]:
    """A cell's lines: each paragraph wrapped to `width`, in its style (colour on), padded to `pad` cells."""
    return tuple([(paint(line, style, color) if color and style else line) + " " * (pad - cells)
                  for text, style in cell for line, cells in measured(text, width)])


def _lines(cell: Cell, width: int, color: bool) -> list[str]:
    """Paragraphs wrapped to `width`, unpadded (the numbers under a row in verbose mode)."""
    return [paint(line, style, color) for text, style in cell for line in wrapped(text, width)]


def _footer(report: Report, lang: Lang, width: int, color: bool) -> list[str]:
    counts = summarize(report.results)
    parts = [(label("results_total", lang, n=len(report.results)) + " ", "")]
    for verdict, word in (("pass", "PASS"), ("warn", "WARN"), ("fail", "FAIL")):
        if verdict != "pass":
            parts.append((" · ", ""))
        parts += [(f"{counts[verdict]} ", "bold"), (word, VERDICT_STYLE[verdict])]
    if counts["explained"]:
        parts.append((f" ({counts['explained']} WARN*)", ""))
    plain = "".join(text for text, _ in parts)
    if cell_len(plain) <= width:
        lines = ["".join(paint(text, style, color) for text, style in parts)]
    else:
        lines = list(wrapped(plain, width))
    if counts["explained"]:
        lines += _text(label("explained_legend", lang), width, "dim", color)
    rows = report.rows
    lines += _text(label("rows", lang, read=rows.read, accepted=rows.accepted, rejected=rows.rejected,
                         skipped=rows.skipped), width, "", color)
    return lines
