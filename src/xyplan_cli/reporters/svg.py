"""Inline SVG for the HTML report: a series chart against its target, and a pass/warn/fail bar.

The chart shows the observed values (a line with a dot a year; a bounded value is a hollow dot, a value
with a note is ringed), the target as a dashed step line through its milestones (a diamond at each, or one
line at the threshold when there are no milestones), the deadline and milestone years as vertical lines,
and the projection from the latest value to the deadline as a dotted line. Every text is escaped; hover
titles give the exact numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from xyplan_cli.report import Result
from xyplan_cli.reporters.common import Lang, clean, label, number, point_text, value_text

WIDTH, HEIGHT = 360, 180
LEFT, RIGHT, TOP, BOTTOM = 46, 14, 14, 28
COLORS = {"pass": "#1a7f37", "warn": "#9a6700", "fail": "#cf222e"}


def e(text: str) -> str:
    return escape(clean(text), quote=True)


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Frame:
    """Years x0..x1 and values y0..y1 mapped onto the plot area."""

    x0: int
    x1: int
    y0: float
    y1: float

    def x(self, year: float) -> float:
        return LEFT + (year - self.x0) / (self.x1 - self.x0) * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        return TOP + (self.y1 - value) / (self.y1 - self.y0) * (HEIGHT - TOP - BOTTOM)


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × 10^k apart) covering low..high."""
    span = high - low
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        if value >= low - step * 1e-9:
            ticks.append(round(value, 10))
        value += step
    return ticks


def bar(counts: dict[str, int], lang: Lang, width: int = 160, height: int = 12) -> str:
    """A horizontal bar split into pass, warn and fail by their counts."""
    total = counts["pass"] + counts["warn"] + counts["fail"]
    words = " · ".join(f"{counts[v]} {v.upper()}" for v in ("pass", "warn", "fail"))
    parts = [f'<svg class="bar" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{e(words)}"><title>{e(words)}</title>']
    x = 0.0
    for verdict in ("pass", "warn", "fail"):
        if total and counts[verdict]:
            w = width * counts[verdict] / total
            parts.append(f'<rect x="{_f(x)}" y="0" width="{_f(w)}" height="{height}" '
                         f'fill="{COLORS[verdict]}"/>')
            x += w
    if not total:
        parts.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="#d1d9e0"/>')
    parts.append("</svg>")
    return "".join(parts)


def chart(result: Result, lang: Lang) -> str:
    """The series of one result against its target; nothing when there is no data (the reason says so)."""
    points = sorted(result.series, key=lambda p: p.year)
    targets = [(m.year, m.value) for m in result.milestones]
    if not targets and result.threshold is not None:
        targets = [(result.deadline, result.threshold)]
    projection = None
    if result.projected is not None and points and result.deadline > points[-1].year:
        projection = (result.deadline, result.projected)
    years = [p.year for p in points] + [y for y, _ in targets] + [result.deadline]
    values = [p.value for p in points] + [v for _, v in targets] + ([projection[1]] if projection else [])
    if not points:
        return ""
    x0, x1 = min(years), max(years)
    if x0 == x1:
        x0, x1 = x0 - 1, x1 + 1
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.12 or max(abs(hi) * 0.1, 1.0)
    ticks = nice_ticks(lo - pad, hi + pad)
    fr = Frame(x0, x1, min(ticks[0], lo - pad), max(ticks[-1], hi + pad))

    name = f"{result.name} · {result.region}"
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{e(name)}">',
           f"<title>{e(name)}</title>"]
    out += _axes(ticks, fr)
    for year in sorted({y for y, _ in targets} | {result.deadline}):
        deadline = year == result.deadline
        out.append(f'<line class="{"deadline" if deadline else "milestone-year"}" x1="{_f(fr.x(year))}" '
                   f'y1="{TOP}" x2="{_f(fr.x(year))}" y2="{HEIGHT - BOTTOM}"><title>'
                   f'{e(label("deadline" if deadline else "milestone", lang))} {year}</title></line>')
    out += _target(targets, fr, result.unit, lang)
    if projection:
        last = points[-1]
        out.append(f'<line class="projection" x1="{_f(fr.x(last.year))}" y1="{_f(fr.y(last.value))}" '
                   f'x2="{_f(fr.x(projection[0]))}" y2="{_f(fr.y(projection[1]))}"/>')
        text = f"{label('projected', lang, year=projection[0])}: {value_text(projection[1], result.unit)}"
        out.append(f'<circle class="projected" cx="{_f(fr.x(projection[0]))}" '
                   f'cy="{_f(fr.y(projection[1]))}" r="3.5">'
                   f"<title>{e(text)}</title></circle>")
    coords = " ".join(f"{_f(fr.x(p.year))},{_f(fr.y(p.value))}" for p in points)
    out.append(f'<polyline class="observed" points="{coords}"/>')
    for p in points:
        tip = f"{p.year}: {point_text(p, result.unit)}" + (f" — {p.note}" if p.note else "")
        if p.note:
            out.append(f'<circle class="noted" cx="{_f(fr.x(p.year))}" cy="{_f(fr.y(p.value))}" r="7"/>')
        kind = "bounded" if p.bound else "point"
        out.append(f'<circle class="{kind}" cx="{_f(fr.x(p.year))}" cy="{_f(fr.y(p.value))}" r="3.2">'
                   f"<title>{e(tip)}</title></circle>")
    out.append("</svg>")
    return "".join(out)


def _axes(ticks: list[float], fr: Frame) -> list[str]:
    out = []
    for t in ticks:
        y = _f(fr.y(t))
        out.append(f'<line class="grid" x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}"/>')
        out.append(f'<text class="tick" x="{LEFT - 4}" y="{y}" text-anchor="end" dominant-baseline="middle">'
                   f"{e(number(t))}</text>")
    step = max(1, math.ceil((fr.x1 - fr.x0) / 6))
    years = list(range(fr.x0, fr.x1 + 1, step))
    years[-1] = fr.x1  # the last year (the deadline) always gets its label
    for year in years:
        out.append(f'<text class="tick" x="{_f(fr.x(year))}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
                   f"{year}</text>")
    out.append(f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
               f'y2="{HEIGHT - BOTTOM}"/>')
    return out


def _target(targets: list[tuple[int, float]], fr: Frame, unit: str, lang: Lang) -> list[str]:
    """A dashed step line: each milestone's value from the previous milestone (or the start) to its year."""
    out = []
    start: int = fr.x0
    for year, value in targets:
        y = _f(fr.y(value))
        tip = f"{label('target_line', lang)} {year}: {value_text(value, unit)}"
        out.append(f'<line class="target" x1="{_f(fr.x(start))}" y1="{y}" x2="{_f(fr.x(year))}" y2="{y}">'
                   f"<title>{e(tip)}</title></line>")
        x, yv = fr.x(year), fr.y(value)
        diamond = f"M{_f(x)} {_f(yv - 5)}L{_f(x + 5)} {_f(yv)}L{_f(x)} {_f(yv + 5)}L{_f(x - 5)} {_f(yv)}Z"
        out.append(f'<path class="milestone" d="{diamond}"><title>{e(tip)}</title></path>')
        start = year
    return out

