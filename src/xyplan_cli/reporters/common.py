"""What the reporters share: labels in Chinese and English, value formatting, grouping by plan and domain."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Literal

from xyplan_cli.catalogue.describe import breakdown_name
from xyplan_cli.issues import where
from xyplan_cli.report import IssueOut, Point, Report, Result
from xyplan_cli.units import SYMBOLS, Unit, format_value

Lang = Literal["zh", "en"]

LABELS: dict[str, tuple[str, str]] = {
    "title": ("xyplan 目标监测报告", "xyplan target report"),
    "as_of": ("截至 {year} 年", "as of {year}"),
    "verdict": ("结果", "Verdict"),
    "indicator": ("指标", "Indicator"),
    "region": ("地区", "Region"),
    "latest": ("最新值", "Latest"),
    "requirement": ("目标要求", "Requirement"),
    "detail": ("状态说明", "Status"),
    "trend": ("趋势", "Trend"),
    "plan": ("规划", "Plan"),
    "domain": ("领域", "Domain"),
    "total": ("合计", "Total"),
    "summary": ("汇总", "Summary"),
    "issues": ("输入问题", "Input issues"),
    "more_issues": ("另有 {n} 个问题未列出(-v 或 --format json 可查看全部)",
                    "{n} more issues not shown (-v or --format json shows all)"),
    "rows": ("数据行:读取 {read} = 接受 {accepted} + 拒绝 {rejected} + 跳过 {skipped}",
             "Rows: {read} read = {accepted} accepted + {rejected} rejected + {skipped} skipped"),
    "results_total": ("共 {n} 项:", "{n} results:"),
    "explained_legend": ("WARN* = 已说明的预警(数据行附有说明)",
                         "WARN* = explained warning (a note on the row)"),
    "no_results": ("没有可评估的目标", "no targets to evaluate"),
    "status": ("状态", "status"),
    "projected": ("预计 {year} 年", "projected in {year}"),
    "threshold": ("阈值", "threshold"),
    "gap": ("差距", "gap"),
    "history": ("历年检查", "history"),
    "note": ("说明", "note"),
    "deadline": ("期限", "deadline"),
    "observed": ("观测值", "observed"),
    "target_line": ("目标", "target"),
    "projection": ("预测", "projection"),
    "milestone": ("阶段目标", "milestone"),
    "series": ("数据序列", "series"),
}

SEVERITY_LABELS: dict[str, tuple[str, str]] = {"error": ("错误", "error"), "warning": ("警告", "warning"),
                                               "info": ("提示", "info")}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "met": ("已达标", "met"),
    "on_track": ("进度正常", "on track"),
    "acceleration_needed": ("需加快进度", "acceleration needed"),
    "limited_progress": ("进展有限", "limited progress"),
    "moving_away": ("背离目标", "moving away"),
    "volatile": ("波动较大", "volatile"),
    "insufficient_data": ("数据不足", "insufficient data"),
    "no_data": ("无数据", "no data"),
    "missed": ("到期未达标", "missed"),
    "breached": ("当年未达要求", "breached"),
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Data text without control characters (an escape sequence in a cell must not reach a terminal) or
    bidirectional overrides (they would reorder what the reader sees). A line break stays a line break
    whatever the platform wrote: CR LF and a lone CR become LF, not a replacement character."""
    if text.isprintable():  # none of those and no tab (all non-printable): the common case, without a regex
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("\ufffd", text).replace("\t", " ")


VERDICT_WORDS = {"pass": "PASS", "warn": "WARN", "fail": "FAIL"}
SPARK_BARS = "▁▂▃▄▅▆▇█"
_BARS = tuple(SPARK_BARS)  # (a tuple hands out its strings; indexing a string makes a new one each time)
_TOP_BAR = len(SPARK_BARS) - 1


def label(key: str, lang: Lang, **params: object) -> str:
    zh, en = LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text


def status_label(status: str, lang: Lang) -> str:
    zh, en = STATUS_LABELS.get(status, (status, status))
    return zh if lang == "zh" else en


def location(issue: IssueOut) -> str:
    """file:line:column, or less where the issue is about a whole file (line 0) or a whole row."""
    return where(issue.file, issue.line, issue.column)


def severity_label(severity: str, lang: Lang) -> str:
    zh, en = SEVERITY_LABELS.get(severity, (severity, severity))
    return zh if lang == "zh" else en


def verdict_text(result: Result) -> str:
    """PASS, WARN, FAIL; an explained warning is WARN*."""
    word = VERDICT_WORDS[result.verdict]
    return f"{word}*" if result.verdict == "warn" and result.explained else word


_UNITS = {unit.value: unit for unit in Unit}  # a dict look-up is much faster than Unit(unit) and its ValueError


def unit_symbol(unit: str) -> str:
    known = _UNITS.get(unit)
    return unit if known is None else SYMBOLS[known]


def number(value: float) -> str:
    """At most 2 decimals, trailing zeros removed: 93.5, 10, -0.35."""
    if not math.isfinite(value):
        return "∞" if value > 0 else "-∞"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def value_text(value: float, unit: str) -> str:
    """A value with its unit symbol: 95.2%, 10/10万, 33,200."""
    known = _UNITS.get(unit)
    return number(value) + unit if known is None else format_value(value, known)


def point_text(point: Point, unit: str) -> str:
    """A point's value, or its bound (>95%) for a bounded value."""
    if point.bound:
        return point.bound + unit_symbol(unit)
    return value_text(point.value, unit)


def latest_text(result: Result) -> str:
    latest = result.latest
    if latest is None:
        return "—"
    return f"{point_text(latest, result.unit)} ({latest.year})"


def region_text(result: Result, lang: Lang) -> str:
    if result.breakdown in ("", "total"):
        return result.region
    return f"{result.region} · {breakdown_name(result.breakdown, lang)}"


def sparkline(series: tuple[Point, ...]) -> str:
    """One bar per year from the first to the last point (a gap is a space); a flat series sits mid-height."""
    if not series:
        return ""
    values = []
    for year, point in enumerate(series, series[0].year):  # one a year, in order: the common case
        if point.year != year:  # gaps, or out of order
            return _sparkline_by_year(series)
        values.append(point.value)
    low, high = min(values), max(values)
    span = high - low
    if span == 0:
        return SPARK_BARS[3] * len(values)
    return "".join([_BARS[round((value - low) / span * _TOP_BAR)] for value in values])


def _sparkline_by_year(series: tuple[Point, ...]) -> str:
    values = {p.year: p.value for p in series}
    low, high = min(values.values()), max(values.values())
    span = high - low
    bars = []
    for year in range(min(values), max(values) + 1):
        if year not in values:
            bars.append(" ")
        elif span == 0:
            bars.append(SPARK_BARS[3])
        else:
            bars.append(SPARK_BARS[round((values[year] - low) / span * _TOP_BAR)])
    return "".join(bars)


def numbers_lines(result: Result, lang: Lang) -> list[str]:
    """The numbers behind a verdict, one fact a line: status, R, projection, threshold, gap, history, note."""
    words = status_label(result.status, lang)
    status = words if words.replace(" ", "_") == result.status else f"{words} ({result.status})"
    lines = [f"{label('status', lang)}: {status}"]
    facts = []
    if result.ratio is not None:
        facts.append(f"R = {result.ratio:.2f}")
    if result.projected is not None:
        projected = value_text(result.projected, result.unit)
        facts.append(f"{label('projected', lang, year=result.deadline)}: {projected}")
    if result.threshold is not None:
        facts.append(f"{label('threshold', lang)}: {value_text(result.threshold, result.unit)}")
    if result.gap is not None:
        facts.append(f"{label('gap', lang)}: {signed(result.gap)}{unit_symbol(result.unit)}")
    if facts:
        lines.append(" · ".join(facts))
    if result.series:
        symbol = unit_symbol(result.unit)
        values = " · ".join(f"{p.year}: {_bare(point_text(p, result.unit), symbol)}{'*' if p.note else ''}"
                            for p in result.series)
        lines.append(f"{label('series', lang)}{f' ({symbol})' if symbol else ''}: {values}")
    for check in result.history:
        observed = "—" if check.observed is None else value_text(check.observed, result.unit)
        mark = {True: "✓", False: "✗", None: "?"}[check.met]
        lines.append(f"{label('history', lang)} {check.year}: {check.required} → {observed} {mark}")
    if result.explained:
        lines.append(f"{label('note', lang)}: {result.explained}")
    return lines


def _bare(text: str, symbol: str) -> str:
    return text.removesuffix(symbol) if symbol else text


def signed(value: float) -> str:
    text = number(value)
    return text if text.startswith("-") or text == "0" else f"+{text}"


@dataclass
class Group:
    """The results of one plan and domain, with their names in the report's language."""

    plan: str
    plan_name: str
    domain: str
    domain_name: str
    results: list[Result] = field(default_factory=list)


def groups(report: Report) -> list[Group]:
    """Results grouped by plan and domain in the order of `report.plans`; unknown ones follow by first use."""
    ordered: dict[tuple[str, str], Group] = {}
    for plan in report.plans:
        for domain in plan.domains:
            ordered[(plan.id, domain.id)] = Group(plan.id, plan.name, domain.id, domain.name)
    for result in report.results:
        key = (result.plan, result.domain)
        if key not in ordered:
            plan_name = next((p.name for p in report.plans if p.id == result.plan), result.plan)
            ordered[key] = Group(result.plan, plan_name, result.domain, result.domain)
        ordered[key].results.append(result)
    return [g for g in ordered.values() if g.results]

