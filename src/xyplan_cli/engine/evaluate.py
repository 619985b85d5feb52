"""Evaluate a catalogue against a dataset as of a year: one `Result` per target × region × breakdown."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pydantic import TypeAdapter

from xyplan_cli.catalogue.describe import requirement
from xyplan_cli.catalogue.model import Catalogue, Lang, Target
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
from xyplan_cli.engine import fluctuation as fl
from xyplan_cli.engine import kinds, select
from xyplan_cli.engine.outcome import Ctx, Outcome
from xyplan_cli.engine.words import LABELS, join
from xyplan_cli.reader.dataset import Dataset, Observation
from xyplan_cli.report import VERDICT_OF, Milestone, MilestoneCheck, Point, Result

DIGITS = 4  # decimals of derived numbers (R, projection, gap, threshold) in the output
VALUE_DIGITS = 6  # decimals of observed values (they are as submitted, up to unit conversion noise)


def latest_year(dataset: Dataset) -> int | None:
    years = dataset.years
    return years[-1] if years else None


def evaluate(catalogue: Catalogue, dataset: Dataset, *, as_of: int | None, lang: Lang,
             regions: Sequence[str] = (), plans: Sequence[str] = (),
             domains: Sequence[str] = ()) -> list[Result]:
    """Every target of the chosen plans and domains, for every region with data up to `as_of` (or the
    given region codes) whose level is in the target's scope, and every breakdown of the target.

    `as_of` None is the latest year in the data. Data after `as_of` is ignored. Results are sorted by
    plan, domain, target (catalogue order), region (city first, then by code) and breakdown.
    """
    year = as_of if as_of is not None else latest_year(dataset)
    codes = select.regions(catalogue, dataset, regions, year)
    levels = {code: select.level_of(code, catalogue) for code in codes}
    order = select.target_order(catalogue)
    keyed = []
    for target in catalogue.targets:
        if (plans and target.plan not in plans) or (domains and target.domain not in domains):
            continue
        words = requirement(target, catalogue, lang, catalogue.plan_of(target).end)
        for code in codes:
            if levels[code] not in target.scope:
                continue
            for breakdown in select.breakdowns(target):
                result = evaluate_series(catalogue, dataset, target, code, breakdown, year, lang, words)
                key = select.sort_key(order[target.id], levels[code], code, target, breakdown)
                keyed.append((key, result))
    keyed.sort(key=lambda pair: pair[0])
    return [result for _, result in keyed]


def evaluate_series(catalogue: Catalogue, dataset: Dataset, target: Target, region: str, breakdown: str,
                    as_of: int | None, lang: Lang, words: str | None = None) -> Result:
    """One series of one target in one region, as of a year (None: no data at all)."""
    plan = catalogue.plan_of(target)
    indicator = catalogue.indicator_by_id[target.indicator]
    rule = target.rule

    def upto(indicator_id: str, group: str) -> list[Observation]:
        return [o for o in dataset.get(indicator_id, region, group) if as_of is not None and o.year <= as_of]

    pair = [upto(target.indicator, g) for g in rule.between] if isinstance(rule, GapNarrows) else []
    points = upto(target.indicator, breakdown) if not pair else []
    reference = ""
    if isinstance(rule, Relative) and rule.reference in catalogue.indicator_by_id:
        reference = catalogue.indicator_by_id[rule.reference].name.get(lang)
    where = _Where(catalogue, target, region, breakdown, lang,
                   words if words is not None else requirement(target, catalogue, lang, plan.end))
    if as_of is None or not (points or any(pair)):
        return _result(where, Outcome("no_data", LABELS["no_data"][1 if lang == "zh" else 0]), (), None)
    ctx = Ctx(as_of=as_of, unit=indicator.unit, lang=lang, timing=target.timing, plan_start=plan.start,
              baseline_year=plan.baseline_year, deadline=target.deadline(plan.end), reference=reference,
              floor=indicator.plausible[0], ceiling=indicator.plausible[1])
    if isinstance(rule, GapNarrows):
        outcome = kinds.gap_narrows(rule, pair[0], pair[1], ctx)
    elif isinstance(rule, Relative):
        outcome = kinds.relative(rule, points, upto(rule.reference, breakdown), ctx)
    else:
        outcome = judge_rule(rule, points, ctx)
    judged = outcome.judged if outcome.judged is not None else tuple(points)
    outcome, explained = _warnings(target, outcome, judged, ctx)
    return _result(where, outcome, judged, explained)


def judge_rule(rule: object, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """Dispatch a single-series rule to its kind function."""
    if isinstance(rule, AtLeast):
        return kinds.at_least(rule, points, ctx)
    if isinstance(rule, AtMost):
        return kinds.at_most(rule, points, ctx)
    if isinstance(rule, Band):
        return kinds.band(rule, points, ctx)
    if isinstance(rule, BaselineRelative):
        return kinds.baseline_relative(rule, points, ctx)
    if isinstance(rule, DirectionRule):
        return kinds.direction(rule, points, ctx)
    if isinstance(rule, SlowingRise):
        return kinds.slowing_rise(rule, points, ctx)
    if isinstance(rule, Coverage):
        return kinds.coverage(rule, points, ctx)
    if isinstance(rule, Count):
        return kinds.count(rule, points, ctx)
    if isinstance(rule, Cumulative):
        return kinds.cumulative(rule, points, ctx)
    raise TypeError(f"no evaluation for rule {type(rule).__name__}")


def _warnings(target: Target, outcome: Outcome, judged: Sequence[Observation], ctx: Ctx
              ) -> tuple[Outcome, str | None]:
    """Strong fluctuation turns a pass into `volatile` and is added to another warning's reason; a
    warning is explained by the notes on the latest row (and on the row before a jump)."""
    verdict = VERDICT_OF[outcome.status]
    jump = None
    if verdict != "fail" and outcome.status != "insufficient_data" and target.kind not in fl.EXEMPT_KINDS:
        jump = fl.latest_jump(judged, target.fluctuation or fl.DEFAULT_FLUCTUATION)
    if jump is not None:
        text = fl.jump_words(jump, ctx)
        if verdict == "pass":
            outcome = replace(outcome, status="volatile", reason=join(ctx.lang, text, outcome.reason))
        else:
            outcome = replace(outcome, reason=join(ctx.lang, outcome.reason, text))
    if VERDICT_OF[outcome.status] != "warn" or not judged:
        return outcome, None
    years = {judged[-1].year} | ({jump.before.year} if jump is not None else set())
    return outcome, fl.explanation(judged, years)


@dataclass(frozen=True)
class _Where:
    """Which series a result is about, and the requirement in words."""

    catalogue: Catalogue
    target: Target
    region: str
    breakdown: str
    lang: Lang
    words: str


def _result(where: _Where, outcome: Outcome, judged: Sequence[Observation], explained: str | None) -> Result:
    catalogue, target, region, words = where.catalogue, where.target, where.region, where.words
    plan = catalogue.plan_of(target)
    indicator = catalogue.indicator_by_id[target.indicator]
    series = _points(judged)
    milestones = tuple(Milestone(year=m.year, value=m.value) for m in target.milestones)
    if isinstance(target.rule, BaselineRelative) and outcome.threshold is not None:
        milestones = (Milestone(year=target.rule.deadline, value=_tidy(outcome.threshold, DIGITS) or 0.0),)
    return Result(
        target_id=target.id, plan=target.plan, domain=target.domain, indicator=target.indicator,
        name=catalogue.target_name(target, where.lang), region=select.region_name(region, catalogue),
        region_code=region,
        breakdown=where.breakdown, verdict=VERDICT_OF[outcome.status], status=outcome.status,
        latest=series[-1] if series else None, unit=indicator.unit.value, requirement=words,
        deadline=outcome.deadline if outcome.deadline is not None else target.deadline(plan.end),
        threshold=_tidy(outcome.threshold, DIGITS), gap=_tidy(outcome.gap, DIGITS),
        ratio=_tidy(outcome.ratio, DIGITS), projected=_tidy(outcome.projected, DIGITS), explained=explained,
        reason=outcome.reason, series=series, milestones=milestones,
        history=tuple(_check(h) for h in outcome.history),
    )


_POINTS = TypeAdapter(tuple[Point, ...])  # one validation call per series: a national run has millions


def _points(judged: Sequence[Observation]) -> tuple[Point, ...]:
    return _POINTS.validate_python([{"year": o.year, "value": _tidy(o.value, VALUE_DIGITS) or 0.0,
                                     "bound": o.bound_text(), "note": o.note} for o in judged])


def _check(h: MilestoneCheck) -> MilestoneCheck:
    return h.model_copy(update={"observed": _tidy(h.observed, VALUE_DIGITS)})


def _tidy(x: float | None, digits: int) -> float | None:
    """Rounded for stable JSON; never -0.0, and None for what is not a finite number."""
    if x is None or not math.isfinite(x):
        return None
    return round(x, digits) + 0.0
