"""One pure function per rule kind: rule, series and context in, an `Outcome` out.

The series holds the years ≤ as_of, oldest first. Threshold kinds build a milestone schedule for
`timing`; the kinds without a number use `trends`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise

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
from xyplan_cli.engine import progress, timing, trends
from xyplan_cli.engine.compare import Need, changed, scaled, shown
from xyplan_cli.engine.outcome import Ctx, Outcome, at_year, check, insufficient
from xyplan_cli.engine.words import join, say, years_text
from xyplan_cli.reader.dataset import INF, Observation
from xyplan_cli.report import MilestoneCheck


def at_least(rule: AtLeast, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """达到…以上 / 不低于: each milestone is a floor, inclusive unless 高于/超过."""
    schedule = _memo(rule, lambda: tuple((m.year, Need.at_least(m.value, rule.inclusive)) for m in rule.milestones))
    return timing.judge(points, schedule, ctx)


def at_most(rule: AtMost, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """降至…以下 / 不超过: each milestone is a ceiling, inclusive unless 低于/不满."""
    schedule = _memo(rule, lambda: tuple((m.year, Need.at_most(m.value, rule.inclusive)) for m in rule.milestones))
    return timing.judge(points, schedule, ctx)


def band(rule: Band, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """保持在50%左右: within the tolerance of the centre, edges included (default ± 5% of the centre);
    outside it, the trajectory aims at the nearer edge."""
    schedule = _memo(rule, lambda: tuple((m.year, _band(m.value, rule.half_width(m.value)))
                                         for m in rule.milestones))
    return timing.judge(points, schedule, ctx)


def coverage(rule: Coverage, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """全覆盖: the share reaches `value` percent (100 by default) by the deadline, inclusive."""
    return timing.judge(points, _memo(rule, lambda: ((rule.deadline, Need.at_least(rule.value)),)), ctx)


def count(rule: Count, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """至少1名 / 每个区县至少1家: at least the milestone count in the region, inclusive."""
    return timing.judge(points, _memo(rule, lambda: tuple((m.year, Need.at_least(m.value)) for m in rule.milestones)),
                        ctx)


def baseline_relative(rule: BaselineRelative, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """以2020年为基数下降20%: the threshold is (1 + change/100) × the region's own baseline-year value;
    the trajectory starts from that value. Without it the threshold is unknown: insufficient data."""
    base = at_year(points, rule.baseline_year)
    if base is None:
        return insufficient(ctx, "no_baseline", deadline=rule.deadline, year=rule.baseline_year)
    if not base.exact:  # `<10`: the threshold is itself only known to lie in an interval
        return insufficient(ctx, "bounded_base", deadline=rule.deadline, year=base.year,
                            bound=shown(base, ctx.unit))
    need = _bound(changed(base.value, rule.change), rule.change >= 0, rule.inclusive)
    return timing.judge(points, ((rule.deadline, need),), ctx, baseline=base)


def cumulative(rule: Cumulative, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """2025年新建幼儿园112所: yearly additions from `from_year` are summed and the running total must
    reach each milestone. A year without a value makes the total a lower bound (≥), judged as an
    interval. The trajectory starts from 0 before `from_year` (so it is linear)."""
    additions = [p for p in points if p.year >= rule.from_year]
    if not additions:
        return insufficient(ctx, "no_additions", deadline=rule.milestones[-1].year, start=rule.from_year)
    totals, missing = running_totals(additions, rule.from_year)
    zero = additions[0]._replace(year=rule.from_year - 1, low=0.0, high=0.0, low_open=False, high_open=False,
                   note=None)
    outcome = timing.judge(totals, tuple((m.year, Need.at_least(m.value)) for m in rule.milestones), ctx,
                           baseline=zero)
    if missing and outcome.status == "insufficient_data":
        outcome = outcome._replace(reason=join(ctx.lang, outcome.reason, say(
            ctx.lang, "missing_years", years=years_text(missing, ctx.lang))))
    return outcome._replace(judged=totals)


def running_totals(additions: Sequence[Observation], from_year: int
                   ) -> tuple[tuple[Observation, ...], list[int]]:
    """The total since `from_year` at every year with a value, and the years without one."""
    by_year = {p.year: p for p in additions}
    low, high, low_open, high_open = 0.0, 0.0, False, False
    totals, missing = [], []
    for year in range(from_year, additions[-1].year + 1):
        p = by_year.get(year)
        if p is None:
            missing.append(year)
            high = INF
            continue
        low, high = low + p.low, high + p.high
        low_open, high_open = low_open or p.low_open, high_open or p.high_open
        totals.append(p._replace(low=low, high=high, low_open=low_open, high_open=high_open and high != INF))
    return tuple(totals), missing


def relative(rule: Relative, points: Sequence[Observation], reference: Sequence[Observation],
             ctx: Ctx) -> Outcome:
    """不低于党员中女性比例 / 达到国家平均水平 / 不低于上届: each year the value is compared with
    `factor` × the reference series in the same year (or with the previous value of the series).
    Before the deadline an unmet comparison is judged by R on the difference (value − reference),
    linear, towards 0 at the deadline; against the previous value it is moving away."""
    refs = ({b.year: a for a, b in pairwise(points)} if rule.reference == "previous"
            else {o.year: o for o in reference})
    need_for = _relative_needs(rule, refs)
    latest = points[-1]
    if rule.reference == "previous" and len(points) < 2:
        return insufficient(ctx, "no_previous", deadline=ctx.deadline, year=latest.year,
                            value=shown(latest, ctx.unit))
    ref = refs.get(latest.year)
    if ref is not None and not ref.exact:  # `<28`: what the value is compared with is not known exactly
        return insufficient(ctx, "bounded_base", deadline=ctx.deadline, year=ref.year, bound=shown(ref, ctx.unit))
    if ctx.timing == "every_year":
        return timing.every_year(points, lambda year: _with_deadline(need_for(year), ctx.deadline), ctx)
    need = need_for(latest.year)
    if need is None:
        return insufficient(ctx, "no_reference", deadline=ctx.deadline, year=latest.year,
                            value=shown(latest, ctx.unit), reference=ctx.reference)
    checks = [(p, n) for p in points if (n := need_for(p.year)) is not None]
    history = tuple(check(p.year, n, p, ctx.unit) for p, n in checks if p.year >= ctx.plan_start)
    met = need.judge(latest)
    reached = [p.year for p, n in checks if n.judge(p) is True]
    if ctx.timing == "reach_and_hold" and met is False and reached and reached[0] < latest.year:
        reason = say(ctx.lang, "hold_broken", "breached", value=shown(latest, ctx.unit), year=latest.year,
                     req=need.text(ctx.unit), since=reached[0])
        gap = need.shortfall(latest.value)
        return Outcome("breached", reason, need.target, latest.year, gap, history=history)
    if ctx.as_of >= ctx.deadline > latest.year:
        return insufficient(ctx, "missing_due", threshold=need.target, deadline=ctx.deadline, history=history,
                            req=need.text(ctx.unit), due=ctx.deadline, year=latest.year,
                            value=shown(latest, ctx.unit))
    if met is not False or ctx.as_of >= ctx.deadline:
        return timing.settled(latest, need, ctx.deadline, met, ctx, history)
    if rule.reference == "previous":
        prev = refs[latest.year]
        reason = say(ctx.lang, "step", "moving_away", subject="", prev=shown(prev, ctx.unit),
                     prev_year=prev.year, value=shown(latest, ctx.unit), year=latest.year)
        return Outcome("moving_away", reason, need.target, ctx.deadline, need.shortfall(latest.value),
                       history=history)
    return _relative_trajectory(rule, checks, need, ctx, history)


def _relative_needs(rule: Relative, refs: dict[int, Observation]) -> Callable[[int], Need | None]:
    """The requirement of each year: `factor` × that year's reference value (None without one)."""

    def need_for(year: int) -> Need | None:
        ref = refs.get(year)
        if ref is None or not ref.exact:  # a bound: that year cannot be compared
            return None
        return _bound(scaled(ref.value, rule.factor), rule.relation == "at_least", rule.inclusive)

    return need_for


def _relative_trajectory(rule: Relative, checks: Sequence[tuple[Observation, Need]], need: Need, ctx: Ctx,
                         history: tuple[MilestoneCheck, ...]) -> Outcome:
    """R on the difference between the series and its reference, towards 0 at the deadline."""
    diffs = [p._replace(low=p.value - n.target, high=p.value - n.target, low_open=False, high_open=False)
             for p, n in checks]
    latest, latest_diff = checks[-1][0], diffs[-1]
    base = progress.baseline_point(diffs, ctx.baseline_year)
    gap = need.shortfall(latest.value)
    if base.year >= latest.year:
        return insufficient(ctx, "one_point", threshold=need.target, deadline=ctx.deadline, gap=gap,
                            history=history, year=latest.year, value=shown(latest, ctx.unit))
    higher = rule.relation == "at_least"
    if _bound(0.0, higher, rule.inclusive).judge(base) is True:
        base_obs, base_need = next((p, n) for p, n in checks if p.year == base.year)
        reason = say(ctx.lang, "fell_from_met", "moving_away", base=shown(base_obs, ctx.unit),
                     base_year=base.year, req=base_need.text(ctx.unit), value=shown(latest, ctx.unit),
                     year=latest.year)
        return Outcome("moving_away", reason, need.target, ctx.deadline, gap, history=history)
    p = progress.progress(base, latest_diff, ctx.deadline, 0.0)
    status = progress.ratio_status(p, higher)
    reason = timing.trajectory_words(ctx, status, p.ratio, None, need, ctx.deadline, latest)
    return Outcome(status, reason, need.target, ctx.deadline, gap, p.ratio, history=history)


def direction(rule: DirectionRule, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """逐步提高 / 持续下降 / 明显下降: the direction-signed annual growth rate (see `trends`). The
    strength word (gradual, steady, marked) is shown in the requirement but does not change the cut-offs."""
    return trends.direction(points, rule.direction == "increase", ctx)


def gap_narrows(rule: GapNarrows, a: Sequence[Observation], b: Sequence[Observation], ctx: Ctx) -> Outcome:
    """城乡差距缩小: the gap |a − b| between the two groups, in the years both report, judged as a
    series that must fall (see `trends.direction`)."""
    name = "-".join(rule.between)
    gap = trends.gap_series(a, b, name)
    if not gap:
        left, right = (breakdown_name(x, ctx.lang) for x in rule.between)
        return insufficient(ctx, "no_pair", deadline=ctx.deadline, a=left, b=right)
    subject = "差距" if ctx.lang == "zh" else "gap "
    return trends.direction(gap, False, _gap_ctx(ctx), subject)._replace(judged=gap)


_GAP_CTX: dict[int, tuple[Ctx, Ctx]] = {}  # id(ctx) → (ctx, ctx of its gaps)


def _gap_ctx(ctx: Ctx) -> Ctx:
    """The context of a gap between groups: at least 0, no ceiling (made once per target, not per series;
    `ctx` is kept, so that its id cannot be reused by another object)."""
    found = _GAP_CTX.get(id(ctx))
    if found is not None and found[0] is ctx:
        return found[1]
    if len(_GAP_CTX) > 10_000:
        _GAP_CTX.clear()
    gap_ctx = replace(ctx, floor=0.0, ceiling=None)
    _GAP_CTX[id(ctx)] = (ctx, gap_ctx)
    return gap_ctx


def slowing_rise(rule: SlowingRise, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """上升趋势减缓: the latest annual rise is below the average rise before it (see `trends.slowing`)."""
    del rule
    return trends.slowing(points, ctx)


_SCHEDULES: dict[int, tuple[object, timing.Schedule]] = {}  # id(rule) → (rule, its schedule)


def _memo(rule: object, build: Callable[[], timing.Schedule]) -> timing.Schedule:
    """A rule's schedule, built once: the same for every series of the target (the rule is kept, so that
    its id cannot be reused by another object)."""
    found = _SCHEDULES.get(id(rule))
    if found is not None and found[0] is rule:
        return found[1]
    if len(_SCHEDULES) > 10_000:
        _SCHEDULES.clear()
    schedule = build()
    _SCHEDULES[id(rule)] = (rule, schedule)
    return schedule


def _with_deadline(need: Need | None, deadline: int) -> tuple[int, Need] | None:
    return None if need is None else (deadline, need)


def _bound(value: float, higher: bool, inclusive: bool) -> Need:
    return Need.at_least(value, inclusive) if higher else Need.at_most(value, inclusive)


def _band(centre: float, half_width: float) -> Need:
    return Need.band(centre - half_width, centre + half_width)
