"""Fill-in templates for data providers: which series the targets need, as rows to fill in (CSV or XLSX).

One row per indicator × region × year × breakdown that the chosen plans' targets need, with the unit
prefilled and the value left empty. What is included:

- an indicator appears for a region when one of its targets has the region's level in its scope
  (city 咸阳市, county the 14 divisions, township a `县/乡镇` path given with --region);
- breakdowns are the target's own (`breakdown`, or the two groups of a gap rule), else the total;
- a `relative` target also needs the series it is compared with (same regions and breakdowns);
- townships appear only when asked for by path (三原县/城关街道), and only with township-scope targets;
  a township-only indicator (免疫规划疫苗接种率 以乡镇为单位) is not listed for the city or a county
  unless another target needs it there.

The rows read back through `read_submissions` unchanged: names, units and breakdowns are written in
forms the reader accepts, and an unfilled value is a missing value (skipped, not rejected).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from xyplan_cli.catalogue.describe import breakdown_name
from xyplan_cli.catalogue.model import Catalogue, Target
from xyplan_cli.catalogue.rules import GapNarrows, Relative
from xyplan_cli.reader.columns import HEADER_NAMES
from xyplan_cli.reader.dataset import TOTAL
from xyplan_cli.reader.names import Names
from xyplan_cli.reader.values import Problem
from xyplan_cli.units import Unit

Lang = Literal["zh", "en"]
TEMPLATE_COLUMNS: tuple[str, ...] = ("indicator", "region", "year", "breakdown", "value", "unit", "note",
                                     "source")

_UNIT_LABELS: dict[Unit, str] = {
    Unit.PERCENT: "%", Unit.PERMILLE: "‰", Unit.PER_1000: "/千人", Unit.PER_10K: "/万",
    Unit.PER_100K: "/10万", Unit.PER_100: "/100", Unit.RATIO: "比例", Unit.COUNT: "个",
    Unit.COUNT_10K: "万人", Unit.YUAN: "元", Unit.YUAN_10K: "万元", Unit.HOURS: "小时", Unit.YEARS: "年",
}


def unit_label(unit: Unit, lang: Lang) -> str:
    """The unit as written in a template's unit column (the reader accepts both forms)."""
    return _UNIT_LABELS[unit] if lang == "zh" else unit.value


@dataclass(frozen=True)
class Need:
    """A series the targets need: indicator, region (code or code/township), breakdown."""

    indicator: str
    region: str
    breakdown: str


def resolve_regions(catalogue: Catalogue, texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """Region codes (or code/township paths) for the given names; default: the city and its counties.
    Returns (regions, unknown names with a suggestion)."""
    if not texts:
        city = [r.code for r in catalogue.regions if r.level == "city"]
        return city + [r.code for r in catalogue.regions if r.level == "county"], []
    names = Names(catalogue)
    found: list[str] = []
    unknown: list[str] = []
    for text in texts:
        region = names.region(text)
        if isinstance(region, Problem):
            hint = region.params.get("suggestion")
            unknown.append(f"{text}" + (f" (did you mean {hint}?)" if hint else ""))
        elif region not in found:
            found.append(region)
    return found, unknown


def level_of(catalogue: Catalogue, region: str) -> str:
    if "/" in region:
        return "township"
    return catalogue.region_by_code[region].level


def needed_breakdowns(target: Target) -> tuple[str, ...]:
    if target.breakdown:
        return target.breakdown
    if isinstance(target.rule, GapNarrows):
        return target.rule.between
    return (TOTAL,)


def needs(catalogue: Catalogue, plans: Iterable[str], regions: Sequence[str],
          targets: Iterable[Target] | None = None) -> list[Need]:
    """The series the targets of `plans` need in `regions`, in region, then catalogue order."""
    wanted = set(plans)
    chosen = [t for t in (targets if targets is not None else catalogue.targets) if t.plan in wanted]
    out: list[Need] = []
    seen: set[Need] = set()
    for region in regions:
        level = level_of(catalogue, region)
        for target in chosen:
            if level not in target.scope:
                continue
            indicators = [target.indicator]
            if isinstance(target.rule, Relative) and target.rule.reference != "previous":
                indicators.append(target.rule.reference)
            for indicator in indicators:
                for breakdown in needed_breakdowns(target):
                    need = Need(indicator, region, breakdown)
                    if need not in seen:
                        seen.add(need)
                        out.append(need)
    return out


def region_text(catalogue: Catalogue, region: str) -> str:
    code, _, township = region.partition("/")
    name = catalogue.region_by_code[code].name
    return f"{name}/{township}" if township else name


def rows(catalogue: Catalogue, series: Sequence[Need], years: Sequence[int], lang: Lang) -> list[list[str]]:
    """The template's header and rows; the value (and note, source) cells are empty."""
    header = [HEADER_NAMES[lang][c] for c in TEMPLATE_COLUMNS]
    out = [header]
    for need in series:
        indicator = catalogue.indicator_by_id[need.indicator]
        name = indicator.name.get(lang)
        region = region_text(catalogue, need.region)
        breakdown = breakdown_name(need.breakdown, lang)
        unit = unit_label(indicator.unit, lang)
        for year in years:
            out.append([name, region, str(year), breakdown, "", unit, "", ""])
    return out


def to_csv(table: Sequence[Sequence[str]]) -> bytes:
    """CSV in UTF-8 with a BOM (so that Excel opens it as UTF-8), CRLF line ends."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Sequence[Sequence[str]], sheet: str = "data") -> bytes:
    """An XLSX workbook: the header bold and frozen, text columns as text, the value column empty."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    book = Workbook()
    ws = book.active
    ws.title = sheet
    for n, row in enumerate(table):
        ws.append([int(c) if n and i == 2 and c.isdigit() else c for i, c in enumerate(row)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    widths = [40, 16, 8, 10, 10, 8, 30, 16]
    for i, width in enumerate(widths[: len(table[0]) if table else 0]):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
