"""The timing modes (by deadline, every year, reach then hold) over a schedule of milestones.

Shared by every rule kind with a threshold.

* by deadline — a milestone whose year has come (≤ as_of) is judged: in its own year (kept in the
  history) and again now, since the latest value must still meet the latest due milestone, else
  `missed`. At a milestone's own year that judgement is the status (`met`); otherwise the next
  milestone governs: `met` if the latest value already meets it, else the trajectory (R).
* every year — each year of the plan period must satisfy the milestone governing it (the first one
  not yet past); the evaluated year is judged (`breached` if not met), earlier years are the history.
  A series without a value for the evaluated year has not enough data (`in_evaluated_year`), unless
  the target's data comes by terms (`periodic`: elections every few years), when the latest term decides.
* reach then hold — as by deadline, and once a milestone is reached, every later year must keep it
  (`breached` if the latest year does not).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from xyplan_cli.engine import progress
from xyplan_cli.engine.compare import Need, show, shown
from xyplan_cli.engine.outcome import Ctx, Outcome, at_year, check, insufficient
from xyplan_cli.engine.words import join, ratio_text, say, years_text
from xyplan_cli.reader.dataset import Observation
from xyplan_cli.report import MilestoneCheck, Status

Schedule = tuple[tuple[int, Need], ...]  # (year, requirement), ascending years


def governing(schedule: Schedule, year: int) -> tuple[int, Need]:
    """The milestone in force in `year`: the first one not yet past, else the last."""
    for milestone in schedule:  # a plain loop: this runs for every year of every series judged every year
        if milestone[0] >= year:
            return milestone
    return schedule[-1]


def judge(points: Sequence[Observation], schedule: Schedule, ctx: Ctx,
          baseline: Observation | None = None) -> Outcome:
    """A series against a schedule, by the target's timing. `baseline` overrides the trajectory's start."""
    if ctx.timing == "every_year":
        return every_year(points, lambda year: governing(schedule, year), ctx)
    if ctx.timing == "reach_and_hold":
        return reach_and_hold(points, schedule, ctx, baseline)
    return by_deadline(points, schedule, ctx, baseline)


def by_deadline(points: Sequence[Observation], schedule: Schedule, ctx: Ctx,
                baseline: Observation | None = None) -> Outcome:
    """Due milestones must be met (and stay met); before the next one, met or the trajectory."""
    latest, as_of, unit = points[-1], ctx.as_of, ctx.unit
    if schedule[0][0] > as_of:  # nothing due yet (the usual case before the first deadline)
        year, need = schedule[0]
        return towards(points, year, need, ctx, baseline, ())
    due = [m for m in schedule if m[0] <= as_of]
    upcoming = [m for m in schedule if m[0] > as_of]
    history = [check(y, n, at_year(points, y), unit) for y, n in due]
    missed = [h.year for h in history if h.met is False]
    year, need = due[-1]
    if latest.year < year:
        return insufficient(ctx, "missing_due", threshold=need.target, deadline=year,
                            history=tuple(history), value=shown(latest, ctx.unit), year=latest.year,
                            req=need.text(ctx.unit), due=year)
    if latest.year > year:
        history.append(check(latest.year, need, latest, ctx.unit))
    met = need.judge(latest)
    if met is not True or not upcoming or ctx.as_of == year:
        return _recall(settled(latest, need, year, met, ctx, tuple(history)), missed, ctx)
    year, need = upcoming[0]
    return _recall(towards(points, year, need, ctx, baseline, tuple(history)), missed, ctx)


def _recall(outcome: Outcome, missed: list[int], ctx: Ctx) -> Outcome:
    """A milestone missed in its own year is named in the reason while the status no longer fails."""
    if not missed or outcome.status == "missed":
        return outcome
    more = say(ctx.lang, "broken_in", years=years_text(missed, ctx.lang))
    return outcome._replace(reason=join(ctx.lang, outcome.reason, more))


def settled(latest: Observation, need: Need, year: int, met: bool | None, ctx: Ctx,
            history: tuple[MilestoneCheck, ...]) -> Outcome:
    """A requirement that has come due: met, missed, or undecided for a bounded value."""
    if met is None:
        return straddle(latest, need, year, ctx, history)
    status: Status = "met" if met else "missed"
    reason = _words(ctx, "by", status, latest, need, year)
    return Outcome(status, reason, need.target, year, need.shortfall(latest.value), history=history)


def towards(points: Sequence[Observation], year: int, need: Need, ctx: Ctx, baseline: Observation | None,
            history: tuple[MilestoneCheck, ...]) -> Outcome:
    """Not yet due: met already, else R from the baseline and the projection to `year`."""
    latest = points[-1]
    met = need.judge(latest)
    if met is not False:
        return settled(latest, need, year, met, ctx, history)
    base = baseline or progress.baseline_point(points, ctx.baseline_year)
    gap = need.shortfall(latest.value)
    if base.year >= latest.year:
        return insufficient(ctx, "one_point", threshold=need.target, deadline=year, gap=gap, history=history,
                            year=latest.year, value=shown(latest, ctx.unit))
    if need.judge(base) is True:
        reason = say(ctx.lang, "fell_from_met", "moving_away", base=shown(base, ctx.unit),
                     base_year=base.year, req=need.text(ctx.unit), value=shown(latest, ctx.unit),
                     year=latest.year)
        return Outcome("moving_away", reason, need.target, year, gap, history=history)
    target = need.edge(latest.value)
    p = progress.progress(base, latest, year, target)
    status = progress.ratio_status(p, higher=target > latest.value)
    projected = ctx.clamp(p.projected)
    reason = trajectory_words(ctx, status, p.ratio, projected, need, year, latest)
    return Outcome(status, reason, need.target, year, gap, p.ratio, projected, history)


def every_year(points: Sequence[Observation], need_for: Callable[[int], tuple[int, Need] | None],
               ctx: Ctx) -> Outcome:
    """Each year of the plan period judged against the (deadline, requirement) in force that year; the
    latest year decides, earlier misses stay in the history."""
    judged = [p for p in points if p.year >= ctx.plan_start]
    if not judged:
        return insufficient(ctx, "no_period", start=ctx.plan_start)
    unit = ctx.unit
    history = tuple([check(p.year, due[1], p, unit) for p in judged if (due := need_for(p.year)) is not None])
    latest = judged[-1]
    due = need_for(latest.year)
    if due is None:
        return insufficient(ctx, "no_reference", history=history, reference=ctx.reference, year=latest.year)
    deadline, need = due
    met = need.judge(latest)
    if met is None:
        return straddle(latest, need, deadline, ctx, history)
    status: Status = "met" if met else "breached"
    reason = _words(ctx, "every", status, latest, need, latest.year)
    earlier = [h.year for h in history if h.met is False and h.year != latest.year]
    if met and earlier:
        reason = join(ctx.lang, reason, say(ctx.lang, "broken_in", years=years_text(earlier, ctx.lang)))
    return Outcome(status, reason, need.target, deadline, need.shortfall(latest.value), history=history)


def missing_evaluated_year(judged: Sequence[Observation], ctx: Ctx) -> bool:
    """An every-year series (of yearly data) without a value for the evaluated year."""
    return ctx.timing == "every_year" and not ctx.periodic and bool(judged) and judged[-1].year < ctx.as_of


def in_evaluated_year(outcome: Outcome, judged: Sequence[Observation], ctx: Ctx) -> Outcome:
    """An every-year requirement is judged in the evaluated year (`as_of`): when the series' latest value
    is older, whether that value met the requirement or not, there is not enough data to judge (WARN),
    and years missed before are named. Applies to every kind judged every year, except for data that
    comes by terms (`ctx.periodic`), where the latest term is the one in force."""
    if outcome.status not in ("met", "breached") or not missing_evaluated_year(judged, ctx):
        return outcome
    latest = judged[-1]
    reason = say(ctx.lang, "missing_year", "insufficient_data", year=ctx.as_of, last=latest.year,
                 value=shown(latest, ctx.unit))
    missed = [h.year for h in outcome.history if h.met is False]
    if missed:
        reason = join(ctx.lang, reason, say(ctx.lang, "broken_in", years=years_text(missed, ctx.lang)))
    return outcome._replace(status="insufficient_data", reason=reason)


def reach_and_hold(points: Sequence[Observation], schedule: Schedule, ctx: Ctx,
                   baseline: Observation | None = None) -> Outcome:
    """By deadline, and once a milestone is reached every later year must keep it."""
    held, since, holds = hold_history(points, [n for _, n in schedule], ctx)
    latest = points[-1]
    outcome = by_deadline(points, schedule, ctx, baseline)
    history = tuple(sorted(set(outcome.history + holds), key=lambda h: (h.year, h.required)))
    if held is not None and holds and holds[-1].year == latest.year and holds[-1].met is False:
        reason = say(ctx.lang, "hold_broken", "breached", value=shown(latest, ctx.unit), year=latest.year,
                     req=held.text(ctx.unit), since=since)
        return Outcome("breached", reason, held.target, latest.year, held.shortfall(latest.value),
                       history=history)
    reason = outcome.reason
    if outcome.status == "met" and held is not None and since is not None and since < latest.year:
        reason = say(ctx.lang, "held", "met", value=shown(latest, ctx.unit), year=latest.year,
                     req=held.text(ctx.unit), since=since)
    return Outcome(outcome.status, reason, outcome.threshold, outcome.deadline, outcome.gap, outcome.ratio,
                   outcome.projected, history)


def hold_history(points: Sequence[Observation], needs: Sequence[Need], ctx: Ctx
                 ) -> tuple[Need | None, int | None, tuple[MilestoneCheck, ...]]:
    """The strictest requirement reached so far, the year it was reached, and the check of every later
    year against the requirement held at the time."""
    held_index, since, holds = -1, None, []
    for p in points:
        if held_index >= 0:
            holds.append(check(p.year, needs[held_index], p, ctx.unit))
        reached = [i for i, need in enumerate(needs) if need.judge(p) is True]
        if reached and max(reached) > held_index:
            held_index, since = max(reached), p.year
    return (needs[held_index] if held_index >= 0 else None), since, tuple(holds)


def straddle(latest: Observation, need: Need, year: int, ctx: Ctx,
             history: tuple[MilestoneCheck, ...]) -> Outcome:
    """A bounded value that lies partly inside and partly outside the requirement."""
    return insufficient(ctx, "straddle", threshold=need.target, deadline=year, history=history,
                        bound=shown(latest, ctx.unit), year=latest.year, req=need.text(ctx.unit))


def trajectory_words(ctx: Ctx, status: Status, ratio: float | None, projected: float | None, need: Need,
                     year: int, latest: Observation) -> str:
    return say(ctx.lang, "trajectory_r" if projected is None else "trajectory", status, r=ratio_text(ratio),
               due=year, req=need.text(ctx.unit), value=shown(latest, ctx.unit), year=latest.year,
               projected="" if projected is None else show(projected, ctx.unit, 2))


def _words(ctx: Ctx, key: str, status: Status, latest: Observation, need: Need, due: int) -> str:
    return say(ctx.lang, key, status, value=shown(latest, ctx.unit), year=latest.year,
               req=need.text(ctx.unit), due=due)
