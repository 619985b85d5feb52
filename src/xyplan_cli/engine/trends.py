"""Targets without a number: a direction (逐步提高, 持续下降), a narrowing gap, a slowing rise.

Before the deadline a direction is judged by the direction-signed annual growth rate from the baseline
(see `progress`): ≥ 1.5 %/yr on track, 0.5–1.5 acceleration needed, 0–0.5 limited progress, < 0
moving away. From the deadline on it is met if the value moved the right way at all (growth > 0), else
missed. Every year: each value must move the right way from the previous one. A series at the limit of
its unit (0 for a fall, 100% for a rise of a percentage) cannot move further and counts as on track
(met from the deadline). Reach then hold has no level to hold: it is judged as by deadline.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from xyplan_cli.engine import progress
from xyplan_cli.engine.compare import show, shown
from xyplan_cli.engine.outcome import Ctx, Outcome, insufficient
from xyplan_cli.engine.words import growth_text, say
from xyplan_cli.reader.dataset import Observation
from xyplan_cli.report import MilestoneCheck, Status, trusted


def direction(points: Sequence[Observation], increase: bool, ctx: Ctx, subject: str = "") -> Outcome:
    """A series that must rise (`increase`) or fall; `subject` names a derived series in the reason."""
    if ctx.timing == "every_year":
        return each_step(points, increase, ctx, subject)
    latest = points[-1]
    deadline, unit = ctx.deadline, ctx.unit
    due = ctx.as_of >= deadline
    if due and latest.year < deadline:
        return insufficient(ctx, "missing_due", deadline=deadline, year=latest.year,
                            value=shown(latest, unit), due=deadline, req=_sense(increase, ctx))
    if _at_limit(latest.value, increase, ctx):
        status: Status = "met" if due else "on_track"
        reason = say(ctx.lang, "at_limit", status, subject=subject, value=shown(latest, unit),
                     year=latest.year)
        return Outcome(status, reason, deadline=deadline)
    base = progress.baseline_point(points, ctx.baseline_year)
    if base.year >= latest.year:
        return insufficient(ctx, "one_point", deadline=deadline, year=latest.year, value=shown(latest, unit))
    growth, projected = progress.trend(base, latest, None if due else deadline)
    signed = growth if increase else -growth
    status = ("met" if signed > 0 else "missed") if due else progress.growth_status(signed)
    if projected is not None:
        projected = ctx.clamp(projected)
    reason = say(ctx.lang, "trend_due" if projected is None else "trend", status, subject=subject,
                 growth=growth_text(growth), base_year=base.year, base=shown(base, unit),
                 value=shown(latest, unit), year=latest.year, due=deadline,
                 projected="" if projected is None else show(projected, unit, 2))
    return Outcome(status, reason, None, deadline, None, None, projected)


def each_step(points: Sequence[Observation], increase: bool, ctx: Ctx, subject: str = "") -> Outcome:
    """Every year: each value in the plan period moves the right way from the one before it."""
    steps = [(a, b) for a, b in pairwise(points) if b.year >= ctx.plan_start]
    if not steps:
        return insufficient(ctx, "one_point", year=points[-1].year, value=shown(points[-1], ctx.unit))
    # Built without validation (`trusted`): the values have their field types (and a first validation
    # would build the model's schema, milliseconds on a run).
    history = tuple(trusted(MilestoneCheck, year=b.year, required=f"{'>' if increase else '<'} {shown(a, ctx.unit)}",
                            observed=b.value, met=_moved(a, b, increase, ctx)) for a, b in steps)
    prev, latest = steps[-1]
    status: Status = "met" if history[-1].met else "breached"
    reason = say(ctx.lang, "step", status, subject=subject, prev=shown(prev, ctx.unit), prev_year=prev.year,
                 value=shown(latest, ctx.unit), year=latest.year)
    return Outcome(status, reason, deadline=latest.year, history=history)


def _moved(a: Observation, b: Observation, increase: bool, ctx: Ctx) -> bool:
    """A step the right way, or staying at the limit (0 for a fall, 100% for a rise)."""
    if increase:
        return b.value > a.value or _at_limit(b.value, increase, ctx)
    return b.value < a.value or _at_limit(b.value, increase, ctx)


def _at_limit(value: float, increase: bool, ctx: Ctx) -> bool:
    limit = ctx.ceiling if increase else ctx.floor
    return limit is not None and (value >= limit if increase else value <= limit)


def gap_series(a: Sequence[Observation], b: Sequence[Observation], name: str) -> tuple[Observation, ...]:
    """|a − b| in every year both groups report, carrying both rows' notes."""
    other = {o.year: o for o in b}
    out = []
    for x in a:
        y = other.get(x.year)
        if y is None:
            continue
        gap = abs(x.value - y.value)
        notes = "; ".join(dict.fromkeys(n for n in (x.note, y.note) if n)) if x.note or y.note else None
        out.append(Observation(x.indicator, x.region, name, x.year, gap, gap, note=notes, file=x.file,
                               line=x.line))
    return tuple(out)


def slowing(points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """A rising trend slows: the latest annual rise is below the average annual rise before it (a rise
    of 0 or less always counts as slowed). Needs three years from the baseline on."""
    base = progress.baseline_point(points, ctx.baseline_year)
    pts = [p for p in points if p.year >= base.year]
    if len(pts) < 3:
        return insufficient(ctx, "three_points", deadline=ctx.deadline, n=len(pts))
    rises = [(b.value - a.value) / (b.year - a.year) for a, b in pairwise(pts)]
    history = tuple(trusted(MilestoneCheck, year=pts[i + 1].year, required=f"< {_rate(_mean(rises[:i]), ctx)}",
                            observed=pts[i + 1].value, met=_slowed(rises[i], rises[:i]))
                    for i in range(1, len(rises)))
    latest_rise, earlier = rises[-1], _mean(rises[:-1])
    slowed = _slowed(latest_rise, rises[:-1])
    status: Status
    if ctx.timing == "every_year":
        status = "met" if slowed else "breached"
    elif ctx.as_of >= ctx.deadline:
        status = "met" if slowed else "missed"
    else:
        status = "on_track" if slowed else "limited_progress" if latest_rise == earlier else "moving_away"
    reason = say(ctx.lang, "rise", status, rise=_rate(latest_rise, ctx), year=pts[-1].year,
                 avg=_rate(earlier, ctx))
    return Outcome(status, reason, deadline=ctx.deadline, history=history)


def _slowed(rise: float, before: Sequence[float]) -> bool:
    return rise <= 0 or rise < _mean(before)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _rate(value: float, ctx: Ctx) -> str:
    return ("+" if value > 0 else "") + show(value, ctx.unit, 2)


def _sense(increase: bool, ctx: Ctx) -> str:
    if ctx.lang == "zh":
        return "上升" if increase else "下降"
    return "a rise" if increase else "a fall"
