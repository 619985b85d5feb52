"""Regenerate samples/ from the shipped catalogue: the city drop, its county twins, townships, bad files.

    python scripts/make_samples.py [FOLDER]   # rewrites samples/ (or FOLDER) deterministically

The city drop has every target's indicator for the city and its 14 counties, 2020–2024, with
levels plausible for Shaanxi: each series follows a scenario (met, on track, behind, near miss, moving
away, volatile), a few are fixed to serve as the engine's worked examples (see WORKED below and
samples/README.md). 三原县's rows are written again as Excel would save them: GBK with Chinese headers,
a title row, footnotes and full-width digits; UTF-16 tab-separated; and XLSX with percent-formatted
cells. All of them must read to the same dataset.
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

from xyplan_cli.catalogue import Catalogue, Target, load_catalogue
from xyplan_cli.catalogue.describe import breakdown_name
from xyplan_cli.catalogue.rules import (
    AtLeast,
    AtMost,
    Band,
    BaselineRelative,
    Count,
    Coverage,
    Cumulative,
    DirectionRule,
    GapNarrows,
    Relative,
    SlowingRise,
)
from xyplan_cli.reader.template import needed_breakdowns
from xyplan_cli.units import Unit

SEED = 20250331
YEARS = tuple(range(2020, 2025))
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "samples"
COUNTY = "610422"  # 三原县, the county whose file is also written as Excel would save it
NUMERIC = (AtLeast, AtMost, Band, BaselineRelative, Count, Coverage, Cumulative, Relative)

# Series fixed for the engine's worked examples: (target id, region code) → scenario.
WORKED: dict[tuple[str, str], str] = {
    ("c.health.3b", "610400"): "met",            # infant mortality ≤ 4‰ every year: met
    ("w.health.3b", "610400"): "on_track",       # cervical cancer screening ≥ 70% by 2030: on track
    ("c.education.2a", "610402"): "behind",      # preschool gross enrolment ≥ 93%: behind (note explains)
    ("c.health.8a", "610426"): "breach",         # under-5 anaemia ≤ 10% every year: missed in 2024
    ("w.health.m5b", "610425"): "jump",          # HPV screening: +40% in 2024, explained by a note
    ("c.health.m10a", "610428"): "volatile",     # exclusive breastfeeding: swings > 30%, unexplained
    ("c.safety.1b", "610400"): "on_track",       # child injury mortality −20% from 2020: on track
    ("w.social_security.4a", "610400"): "near_miss",  # pension insurance 90% by 2025: 89.x in 2024
    ("c.health.m2c", "610430"): "behind",        # paediatricians per 1,000 children: behind, note explains
}
# Notes (说明) that explain a warning, on the latest row of a series: (target id, region code) → text.
NOTES: dict[tuple[str, str], str] = {
    ("c.education.2a", "610402"): "新建公办幼儿园2025年秋季投入使用,入园率预计明显提高",
    ("w.health.m5b", "610425"): "2024年宫颈癌筛查纳入省级民生实事,筛查人数大幅增加",
    ("c.health.m2c", "610430"): "县医院儿科医师招聘计划2025年完成",
}
MISSING_2020 = ("share_department_leadership_with_women", "women_share_residents_committee_directors")
STEPS = {Unit.PERCENT: 0.5, Unit.PERMILLE: 0.1, Unit.PER_100K: 0.5, Unit.PER_1000: 0.05, Unit.HOURS: 0.05,
         Unit.COUNT: 1.0, Unit.YUAN: 10.0}
DECIMALS = {Unit.PERCENT: 1, Unit.PERMILLE: 2, Unit.PER_100K: 2, Unit.PER_1000: 2, Unit.HOURS: 1}


@dataclass(frozen=True)
class Row:
    indicator: str
    region: str
    year: int
    breakdown: str
    value: str  # "" = missing
    note: str = ""


# -- values ------------------------------------------------------------------------------------------
def threshold(target: Target) -> tuple[float, int, int]:
    """(value, year, direction +1 higher / -1 lower) of the next milestone after the data's years."""
    rule = target.rule
    if isinstance(rule, AtLeast | AtMost | Band | Count | Cumulative):
        last = next(m for m in rule.milestones if m.year > YEARS[-1] or m is rule.milestones[-1])
        return last.value, last.year, -1 if isinstance(rule, AtMost) else 1
    if isinstance(rule, Coverage):
        return rule.value, rule.deadline, 1
    raise TypeError(target.kind)


def scenario_of(target: Target, region: str, rng: random.Random) -> str:
    fixed = WORKED.get((target.id, region))
    if fixed:
        return fixed
    if target.timing == "every_year":
        return rng.choices(["met", "breach"], [0.8, 0.2])[0]
    return rng.choices(["met", "on_track", "behind", "near_miss", "moving_away"], [35, 25, 15, 15, 10])[0]


def goodness_path(scenario: str, need: float, step: float, rng: random.Random) -> list[float]:
    """Distance beyond the threshold, in the good direction, for 2020–2024 (negative: short of it)."""
    u = rng.uniform
    if scenario == "met":
        start = u(2, 8) * step
        end = start + u(-1, 2) * step
        return _line(start, max(end, 0.5 * step), rng, step * 0.3, floor=0.2 * step)
    if scenario == "breach":
        path = _line(u(2, 6) * step, u(1, 4) * step, rng, step * 0.3, floor=0.2 * step)
        return [*path[:-1], -u(0.2, 1.2) * step]
    if scenario == "near_miss":
        end = -u(0.1, 0.8) * step
        return _line(end - u(1, 4) * step, end, rng, step * 0.2, ceiling=end)
    start = -u(8, 15) * step
    per_year = -start / need
    if scenario == "on_track":
        end = min(start + 4 * per_year * u(1.1, 1.6), -0.3 * step)
    elif scenario == "behind":
        end = start + 4 * per_year * u(0.1, 0.45)
    else:  # moving away
        end = start - u(1, 3) * step
    return _line(start, end, rng, step * 0.2)


def _line(start: float, end: float, rng: random.Random, noise: float, floor: float | None = None,
          ceiling: float | None = None) -> list[float]:
    out = []
    for i in range(len(YEARS)):
        x = start + (end - start) * i / (len(YEARS) - 1)
        if 0 < i < len(YEARS) - 1:
            x += rng.uniform(-noise, noise)
        if floor is not None:
            x = max(x, floor)
        if ceiling is not None:
            x = min(x, ceiling)
        out.append(x)
    return out


def values_for(target: Target, unit: Unit, scenario: str, rng: random.Random) -> list[float]:
    rule = target.rule
    u = rng.uniform
    if isinstance(rule, BaselineRelative):
        base = u(12, 22)
        factor = {"on_track": u(1.1, 1.5), "behind": u(0.1, 0.4), "met": 3.0, "near_miss": 2.3}.get(
            scenario, -0.4)
        end = base * (1 + rule.change / 100 * 0.4 * factor)
        return _line(base, end, rng, 0.3)
    if isinstance(rule, Cumulative):
        per_year = rule.milestones[-1].value / (rule.milestones[-1].year - rule.from_year + 1)
        pace = {"met": u(1.15, 1.3), "on_track": u(1.0, 1.1), "near_miss": u(0.95, 1.0)}.get(scenario, 0.6)
        return [per_year * pace * u(0.85, 1.15) for _ in YEARS]
    value, deadline, direction = threshold(target)
    step = max(abs(value) * 0.02, STEPS.get(unit, 0.5))
    if scenario == "volatile":
        swing = (1.55, 1.03) if direction > 0 else (0.6, 0.97)
        return [value * swing[i % 2 == 0] + u(0, step) for i in range(len(YEARS))]
    if scenario == "jump":
        base = value * 0.55
        return [base + i * step * 0.5 for i in range(len(YEARS) - 1)] + [base * 1.42]
    if isinstance(rule, Band):
        width = rule.half_width(value)
        far = 1.6 if scenario in ("breach", "moving_away") else 0.6
        return [value + rng.choice((-1, 1)) * u(0, far) * width for _ in YEARS]
    path = goodness_path(scenario, max(deadline - YEARS[0], 1), step, rng)
    if unit is Unit.COUNT and scenario in ("breach", "near_miss"):
        path[-1] = min(path[-1], -1.0)  # a count misses by at least one
    return [value + direction * x for x in path]


def clamp(x: float, unit: Unit, rng_high: float | None) -> float:
    high = 100.0 if unit is Unit.PERCENT else rng_high
    x = max(x, 0.0)
    return min(x, high) if high is not None else x


def text(x: float, unit: Unit) -> str:
    places = DECIMALS.get(unit, 0)
    return f"{x:.{places}f}"


def city_drop(catalogue: Catalogue, rng: random.Random) -> list[Row]:
    regions = [r for r in catalogue.regions if r.level == "city"] + [
        r for r in catalogue.regions if r.level == "county"]
    made: dict[tuple[str, str, str], list[Row]] = {}
    references: dict[tuple[str, str, str], list[float]] = {}
    national = [88.0, 89.4, 90.5, 91.6, 92.3]
    for target in catalogue.targets:
        if not isinstance(target.rule, NUMERIC) or target.scope == ("township",):
            continue
        indicator = catalogue.indicator_by_id[target.indicator]
        for region in regions:
            if region.level not in target.scope:
                continue
            for breakdown in needed_breakdowns(target):
                key = (indicator.id, region.code, breakdown)
                if key in made:
                    continue
                scenario = scenario_of(target, region.code, rng)
                if isinstance(target.rule, Relative):
                    values = relative_values(target, catalogue, region.code, breakdown, scenario, rng,
                                             made, references, national)
                else:
                    values = values_for(target, indicator.unit, scenario, rng)
                high = indicator.plausible[1]
                rows = [Row(indicator.id, region.code, year, breakdown, text(clamp(v, indicator.unit, high),
                                                                            indicator.unit))
                        for year, v in zip(YEARS, values, strict=True)]
                if (target.id, region.code) in NOTES:
                    rows[-1] = replace(rows[-1], note=NOTES[(target.id, region.code)])
                if indicator.id in MISSING_2020:
                    rows[0] = replace(rows[0], value="", note="2020年未开展该项统计")
                made[key] = rows
    trend_series(catalogue, regions, made, random.Random(SEED + 1))
    return [row for rows in made.values() for row in rows]


# Typical levels of trend-only indicators by unit, where the indicator states no range: (low, high).
LEVELS = {Unit.PERCENT: (35.0, 85.0), Unit.PERMILLE: (2.0, 9.0), Unit.PER_1000: (1.0, 5.0),
          Unit.PER_10K: (5.0, 30.0), Unit.PER_100K: (5.0, 60.0), Unit.COUNT: (20.0, 600.0),
          Unit.COUNT_10K: (1.0, 30.0), Unit.YUAN: (800.0, 4000.0), Unit.YUAN_10K: (50.0, 900.0),
          Unit.HOURS: (0.8, 3.0), Unit.YEARS: (74.0, 80.0), Unit.PER_100: (104.0, 112.0)}


def trend_series(catalogue: Catalogue, regions: list, made: dict[tuple[str, str, str], list[Row]],
                 rng: random.Random) -> None:
    """Series for the direction-only targets (逐步提高, 持续下降), narrowing gaps and slowing rises, so that
    the drop covers every target of the city and counties: mostly improving, some flat or worsening.
    Drawn from their own random stream, so the numeric series above do not change with them."""
    for target in catalogue.targets:
        rule = target.rule
        if not isinstance(rule, DirectionRule | GapNarrows | SlowingRise) or target.scope == ("township",):
            continue
        indicator = catalogue.indicator_by_id[target.indicator]
        low, high = LEVELS.get(indicator.unit, (10.0, 90.0))
        for region in regions:
            if region.level not in target.scope:
                continue
            level = rng.uniform(low, high) * (1.0 if region.level == "city" else rng.uniform(0.15, 0.3)
                                              if indicator.unit in (Unit.COUNT, Unit.COUNT_10K) else 1.0)
            for breakdown in needed_breakdowns(target):
                key = (indicator.id, region.code, breakdown)
                if key in made:
                    continue
                values = trend_values(rule, breakdown, level, rng)
                made[key] = [Row(indicator.id, region.code, year, breakdown,
                                 text(clamp(v, indicator.unit, indicator.plausible[1]), indicator.unit))
                             for year, v in zip(YEARS, values, strict=True)]


def trend_values(rule: DirectionRule | GapNarrows | SlowingRise, breakdown: str, level: float,
                 rng: random.Random) -> list[float]:
    u = rng.uniform
    if isinstance(rule, SlowingRise):  # a rise that slows in most series
        steps = sorted((u(0.01, 0.05) for _ in YEARS[1:]), reverse=rng.random() < 0.75)
        return [level * (1 + sum(steps[:i])) for i in range(len(YEARS))]
    if isinstance(rule, GapNarrows):  # the second group lags; the gap narrows in most series
        behind = breakdown == rule.between[1]
        shrink = u(0.03, 0.12) if rng.random() < 0.8 else -u(0.02, 0.05)
        return [level * (1 - (0.25 * (1 - shrink) ** i if behind else 0.0)) for i in range(len(YEARS))]
    sign = 1 if rule.direction == "increase" else -1
    rate = rng.choices([u(0.02, 0.05), u(0.006, 0.014), u(0.0, 0.004), -u(0.005, 0.02)], [55, 20, 10, 15])[0]
    return [level * (1 + sign * rate) ** i * (1 + u(-0.003, 0.003)) for i in range(len(YEARS))]


def relative_values(target: Target, catalogue: Catalogue, region: str, breakdown: str, scenario: str,
                    rng: random.Random, made: dict[tuple[str, str, str], list[Row]],
                    references: dict[tuple[str, str, str], list[float]],
                    national: list[float]) -> list[float]:
    """A series compared with another one (written too) or with its own previous value."""
    rule = target.rule
    assert isinstance(rule, Relative)
    u = rng.uniform
    good = scenario not in ("breach", "behind", "moving_away", "near_miss")
    if rule.reference == "previous":
        base = u(22, 30)
        steps = [0.0, u(0.2, 1), u(0.2, 1), u(0.2, 1), u(0.2, 1) if good else -u(0.5, 1.5)]
        return [base + sum(steps[: i + 1]) for i in range(len(YEARS))]
    ref_key = (rule.reference, region, breakdown)
    if ref_key not in references:
        if rule.reference.endswith("_national"):
            ref = list(national)
        else:
            start = u(26, 42)
            ref = [start + 0.3 * i + u(-0.2, 0.2) for i in range(len(YEARS))]
        references[ref_key] = ref
        made[ref_key] = [Row(rule.reference, region, y, breakdown, f"{v:.1f}")
                         for y, v in zip(YEARS, ref, strict=True)]
    ref = references[ref_key]
    sign = 1 if rule.relation == "at_least" else -1
    if good:
        return [r + sign * u(0.5, 4) for r in ref]
    return [r + sign * u(0.5, 3) for r in ref[:-1]] + [ref[-1] - sign * u(0.3, 2)]


# -- writing -------------------------------------------------------------------------------------------
FIXED_TIME = (2025, 3, 31, 0, 0, 0)
STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def fixed_zip(data: bytes) -> bytes:
    """A zip (XLSX) with fixed entry times and document dates, so that reruns give identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = STAMP.sub(b"2025-03-31T00:00:00Z", body)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def save_book(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue())


def write_csv(path: Path, table: list[list[str]], encoding: str = "utf-8", delimiter: str = ",",
              newline: str = "\n") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(table)
    path.write_bytes(buffer.getvalue().encode(encoding))


def clean_table(catalogue: Catalogue, rows: list[Row]) -> list[list[str]]:
    """The machine-friendly form: English headers, indicator ids, region names, unit ids."""
    names = catalogue.region_by_code
    out = [["indicator", "region", "year", "breakdown", "value", "unit", "note"]]
    for r in rows:
        unit = catalogue.indicator_by_id[r.indicator].unit
        out.append([r.indicator, names[r.region].name, str(r.year), r.breakdown, r.value, unit.value, r.note])
    return out


FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
TITLE = "三原县妇女儿童发展规划监测统计表(2020—2024年)"
FOOTNOTES = ("注:1.本表由三原县统计局会同各成员单位汇总;2.“—”表示该年度未统计。",
             "填表人:王丽        审核人:李强        填报日期:2025年3月20日")


def excel_table(catalogue: Catalogue, rows: list[Row]) -> list[list[str]]:
    """The county file as a statistician types it: Chinese names and headers, mixed spellings."""
    out = [[TITLE, "", "", "", "", "", ""], ["指标", "地区", "年份", "分组", "数值", "单位", "说明"]]
    spellings = ("三原县", "三原", "610422")
    for n, r in enumerate(rows):
        indicator = catalogue.indicator_by_id[r.indicator]
        name = indicator.aliases[0] if n % 10 == 3 and indicator.aliases else indicator.name.zh
        value, unit = excel_value(r.value, indicator.unit, n)
        breakdown = breakdown_name(r.breakdown, "zh")
        out.append([name, spellings[n % 3], str(r.year), breakdown, value, unit, r.note])
    out.append(["", "", "", "", "", "", ""])
    out.extend([note, "", "", "", "", "", ""] for note in FOOTNOTES)
    return out


def excel_value(value: str, unit: Unit, n: int) -> tuple[str, str]:
    """A value written four ways that all mean the same: plain, suffixed, full-width, as a ratio."""
    if not value:
        return "—", ""
    style = n % 4
    symbol = {Unit.PERCENT: "%", Unit.PERMILLE: "‰", Unit.PER_100K: "1/10万", Unit.PER_1000: "/千人",
              Unit.HOURS: "小时", Unit.COUNT: "个", Unit.YUAN: "元"}.get(unit, "")
    if unit is Unit.PERCENT and style == 3:
        return ratio_text(value), "比例"
    if style == 1 and unit in (Unit.PERCENT, Unit.PERMILLE, Unit.HOURS):
        return value + ("%" if unit is Unit.PERCENT else symbol), ""
    if style == 2:
        return value.translate(FULL_WIDTH), symbol
    return value, symbol


def ratio_text(value: str) -> str:
    from decimal import Decimal

    return format(Decimal(value).scaleb(-2).normalize(), "f")


def write_xlsx(path: Path, catalogue: Catalogue, rows: list[Row]) -> None:
    """The county file as an XLSX: merged title, numbers as numbers, percentages as formatted ratios."""
    from decimal import Decimal

    book = Workbook()
    ws = book.active
    ws.title = "三原县"
    ws.append([TITLE])
    ws.merge_cells("A1:G1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["指标", "地区", "年份", "分组", "数值", "单位", "说明"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in rows:
        indicator = catalogue.indicator_by_id[r.indicator]
        region = catalogue.region_by_code[r.region].name
        bd = breakdown_name(r.breakdown, "zh")
        if not r.value:
            ws.append([indicator.name.zh, region, r.year, bd, "—", "", r.note])
            continue
        if indicator.unit is Unit.PERCENT:
            number = float(Decimal(r.value).scaleb(-2))
            ws.append([indicator.name.zh, region, r.year, bd, number, "", r.note])
            places = DECIMALS[Unit.PERCENT]
            ws.cell(row=ws.max_row, column=5).number_format = "0." + "0" * places + "%"
        else:
            number = float(r.value) if "." in r.value else int(r.value)
            ws.append([indicator.name.zh, region, r.year, bd, number, indicator.unit.value, r.note])
    ws.append([])
    for note in FOOTNOTES:
        ws.append([note])
    ws.column_dimensions["A"].width = 40
    notes = book.create_sheet("填表说明")
    notes.append(["本工作簿第一张表为监测数据;数值列中百分比以百分比格式保存。"])
    path.write_bytes(save_book(book))


def townships(catalogue: Catalogue, rng: random.Random) -> list[list[str]]:
    """Immunisation coverage by township (以乡(镇、街道)为单位保持在95%以上), 2020–2024."""
    target = next(t for t in catalogue.targets if t.scope == ("township",) and isinstance(t.rule, AtLeast)
                  and catalogue.indicator_by_id[t.indicator].unit is Unit.PERCENT)
    name = catalogue.indicator_by_id[target.indicator].name.zh
    towns = {
        "三原县": ["城关街道", "陂西镇", "独李镇", "大程镇", "西阳镇", "鲁桥镇", "陵前镇", "新兴镇",
                   "嵯峨镇", "渠岸镇"],
        "泾阳县": ["泾干街道", "永乐镇", "云阳镇", "桥底镇", "王桥镇", "口镇", "三渠镇", "太平镇",
                   "中张镇", "安吴镇"],
        "乾县": ["城关街道", "薛录镇", "梁村镇", "临平镇", "姜村镇", "王村镇", "马连镇", "阳峪镇",
                 "注泔镇", "灵源镇"],
    }
    out = [["指标", "地区", "年份", "数值", "说明"]]
    for county, names in towns.items():
        for n, town in enumerate(names):
            level = rng.uniform(96.0, 99.3)
            for year in YEARS:
                value = f"{min(level + rng.uniform(-0.8, 0.6), 99.9):.1f}"
                note = ""
                if (county, n, year) == ("泾阳县", 6, 2024):
                    value = "94.3"
                if (county, n, year) == ("乾县", 3, 2023):
                    value, note = "95%以上", "当年接种信息系统升级,仅能确认不低于95%"
                region = f"{county}/{town}" if n % 4 else f"{catalogue_code(catalogue, county)}/{town}"
                out.append([name, region, str(year), value, note])
    return out


def catalogue_code(catalogue: Catalogue, name: str) -> str:
    return next(r.code for r in catalogue.regions if r.name == name)


# -- bad files -----------------------------------------------------------------------------------------
GOOD = ["孕产妇死亡率,秦都区,2023,11.2", "孕产妇死亡率,秦都区,2024,10.6"]
HEAD = "指标,地区,年份,数值"


def bad_files(out: Path) -> None:
    """One broken file per kind of bad input; each also has good rows, which must still be accepted."""
    mm = "孕产妇死亡率"
    msm = "孕产妇系统管理率"
    texts = {
        "not-a-number.csv": [HEAD, *GOOD, f"{mm},渭城区,2024,十点五", f"{mm},渭城区,2023,95.2.1"],
        "unknown-indicator.csv": [HEAD, *GOOD, "孕产妇死亡,渭城区,2024,10.1",
                                  "maternal_mortalty,渭城区,2023,10.4"],
        "unknown-region.csv": [HEAD, *GOOD, f"{mm},秦都县,2024,10.1", f"{mm},西安市,2024,9.8"],
        "unknown-breakdown.csv": ["指标,地区,年份,分组,数值", f"{mm},秦都区,2024,总计,10.6",
                                  "新生儿死亡率,秦都区,2024,城乡结合部,2.1",
                                  "新生儿死亡率,秦都区,2024,城填,2.3"],
        "bad-year.csv": [HEAD, *GOOD, f"{mm},渭城区,二〇二三,10.1", f"{mm},渭城区,23,10.4"],
        "missing-field.csv": [HEAD, *GOOD, ",渭城区,2024,10.1", f"{mm},,2024,10.4", f"{mm},渭城区,,10.2"],
        "unit-mismatch.csv": ["指标,地区,年份,数值,单位", f"{mm},秦都区,2024,10.6,1/10万",
                              f"{mm},渭城区,2024,10.6,个", "婴儿死亡率,渭城区,2024,3.1小时,"],
        "unknown-unit.csv": ["指标,地区,年份,数值,单位", f"{mm},秦都区,2024,10.6,1/10万",
                             f"{mm},渭城区,2024,10.6,例每十万活产", "婴儿死亡率,渭城区,2024,3.1,度"],
        "implausible-value.csv": [HEAD, *GOOD, "婴儿死亡率,渭城区,2024,1200", f"{msm},渭城区,2024,105%",
                                  f"{mm},渭城区,2024,-3"],
        "numerator-mismatch.csv": ["指标,地区,年份,数值,分子,分母", f"{msm},秦都区,2024,95.2,952,1000",
                                   f"{msm},渭城区,2024,95.2,930,1000", f"{msm},三原县,2024,95.2,952,0"],
        "duplicate-conflict.csv": [HEAD, *GOOD, f"{mm},秦都区,2024,10.6", f"{mm},610402,2023,11.5"],
        "ragged-row.csv": [HEAD, *GOOD, f"{mm},渭城区,2024,10.1,多出的单元格,又一个"],
        "no-header.csv": [f"{mm},秦都区,2023,11.2", f"{mm},秦都区,2024,10.6"],
        "duplicate-header.csv": ["指标,指标名称,地区,年份,数值", f"maternal_mortality,{mm},秦都区,2024,10.6"],
        "unbalanced-quote.csv": [HEAD, *GOOD, f'{mm},渭城区,2022,"10.9', f"{mm},渭城区,2023,10.4",
                                 f"{mm},渭城区,2024,10.1"],
    }
    for name, lines in texts.items():
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "empty-file.csv").write_bytes(b"")
    good = ("\n".join([HEAD, *GOOD]) + "\n").encode("utf-8")
    (out / "encoding-error.csv").write_bytes(good + "孕产妇死亡率,渭城区,2024,".encode() + b"\xff\xfe\x80\n")
    conflict = out / "conflict-across-files"
    conflict.mkdir()
    (conflict / "a-health-commission.csv").write_bytes(good)
    other = f"{HEAD}\n孕产妇死亡率,秦都区,2024,10.9\n"
    (conflict / "b-statistics-bureau.csv").write_text(other, encoding="utf-8")
    book = Workbook()
    book.active.append(HEAD.split(","))
    workbook = save_book(book)
    (out / "corrupt.xlsx").write_bytes(workbook[: len(workbook) // 2])
    (out / "legacy.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (out / "binary.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with zipfile.ZipFile(out / "not-a-workbook.xlsx", "w") as archive:
        archive.writestr(zipfile.ZipInfo("readme.txt", FIXED_TIME), "a zip file, not a workbook")


def midterm_rows() -> list[Row]:
    """The 2025 mid-term evaluation: 2025 milestones fall due. The city misses 妇女基本养老保险参保率 90% by
    2025 while 秦都区 reaches it, and the new kindergartens of 2021–2025 add up to fewer than 112."""
    rows = [Row("women_basic_pension_insurance_rate", "610400", y, "total", v)
            for y, v in zip(range(2020, 2026), ("85.2", "86.1", "87.0", "87.9", "88.8", "89.6"), strict=True)]
    rows += [Row("women_basic_pension_insurance_rate", "610402", y, "total", v)
             for y, v in zip(range(2020, 2026), ("86.0", "87.3", "88.4", "89.5", "90.4", "91.2"), strict=True)]
    rows += [Row("new_kindergartens", "610400", y, "total", v)
             for y, v in zip(range(2021, 2026), ("24", "19", "22", "18", "22"), strict=True)]
    return rows


# -- main ------------------------------------------------------------------------------------------------
def main(out: Path = OUT) -> None:
    """Write every sample into `out` (default samples/), replacing what is there except README.md."""
    catalogue = load_catalogue()
    rng = random.Random(SEED)
    if out.exists():
        for child in out.iterdir():
            if child.name != "README.md":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    rows = city_drop(catalogue, rng)
    write_csv(out / "xianyang-2020-2024.csv", clean_table(catalogue, rows))
    county = [r for r in rows if r.region == COUNTY]
    write_csv(out / "sanyuan-2020-2024.csv", clean_table(catalogue, county))
    excel = excel_table(catalogue, county)
    write_csv(out / "sanyuan-2020-2024-gbk.csv", excel, encoding="gbk", newline="\r\n")
    write_csv(out / "sanyuan-2020-2024-utf16.txt", excel, encoding="utf-16", delimiter="\t", newline="\r\n")
    write_xlsx(out / "sanyuan-2020-2024.xlsx", catalogue, county)
    write_csv(out / "townships-immunization-2020-2024.csv", townships(catalogue, rng), encoding="utf-8-sig",
              newline="\r\n")
    write_csv(out / "midterm-2025.csv", clean_table(catalogue, midterm_rows()))
    (out / "bad").mkdir()
    bad_files(out / "bad")
    print(f"samples/: {len(rows)} rows in the city drop, {len(county)} for 三原县")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
