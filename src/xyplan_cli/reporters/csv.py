"""CSV reporter: one row per result, safe to open in Excel.

Text cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading apostrophe, so a
spreadsheet shows them as text instead of running them as formulas; numeric columns are written as plain
numbers (a negative gap stays a number). The text starts with a UTF-8 byte order mark so that Excel reads
Chinese correctly; column names are stable English ids whatever the language.
"""

from __future__ import annotations

import csv
import io

from xyplan_cli.report import Report, Result
from xyplan_cli.reporters import Options
from xyplan_cli.reporters.common import groups, unit_symbol

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "plan", "domain", "target_id", "indicator", "name", "region", "region_code", "breakdown", "verdict",
    "status", "explained", "latest_year", "latest_value", "latest_bound", "unit", "requirement", "deadline",
    "threshold", "gap", "ratio", "projected", "reason",
)


def render(report: Report, options: Options) -> str:
    del options
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for group in groups(report):
        for result in group.results:
            writer.writerow(_row(result))
    return BOM + out.getvalue()


def _row(r: Result) -> list[str]:
    latest = r.latest
    return [
        text(r.plan), text(r.domain), text(r.target_id), text(r.indicator), text(r.name), text(r.region),
        text(r.region_code), text(r.breakdown), r.verdict, r.status, text(r.explained or ""),
        "" if latest is None else str(latest.year),
        "" if latest is None else number(latest.value),
        text(latest.bound or "") if latest else "",
        text(unit_symbol(r.unit) or r.unit), text(r.requirement), str(r.deadline),
        number(r.threshold), number(r.gap), number(r.ratio), number(r.projected), text(r.reason),
    ]


def text(value: str) -> str:
    """A text cell that no spreadsheet runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def number(value: float | None) -> str:
    """A numeric cell: empty for none, an integer without `.0`, else the shortest exact decimal."""
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else repr(value)
