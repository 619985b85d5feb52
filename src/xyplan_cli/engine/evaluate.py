"""Evaluate a catalogue against a dataset as of a year: one `Result` per target × region × breakdown."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

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
from xyplan_cli.report import VERDICT_OF, Milestone, MilestoneCheck, Point, Result, trusted

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
    return list(iter_results(catalogue, dataset, as_of=as_of, lang=lang, regions=regions, plans=plans,
                             domains=domains))


def iter_results(catalogue: Catalogue, dataset: Dataset, *, as_of: int | None, lang: Lang,
                 regions: Sequence[str] = (), plans: Sequence[str] = (),
                 domains: Sequence[str] = ()) -> Iterator[Result]:
    """`evaluate`, one result at a time and already in order (a national run writes them as they come)."""
    year = as_of if as_of is not None else latest_year(dataset)
    codes = select.regions(catalogue, dataset, regions, year)
    levels = {code: select.level_of(code, catalogue) for code in codes}
    codes = select.region_order(codes, levels)
    names = {code: select.region_name(code, catalogue) for code in codes}
    order = select.target_order(catalogue)
    chosen = [t for t in catalogue.targets
              if not (plans and t.plan not in plans) and not (domains and t.domain not in domains)]
    for target in sorted(chosen, key=lambda t: order[t.id]):
        facts = _Facts.of(catalogue, target, year, lang)
        groups = select.breakdowns(target)
        for code in codes:
            if levels[code] in target.scope:
                for breakdown in groups:
                    yield _series(facts, dataset, code, names[code], breakdown)


def evaluate_series(catalogue: Catalogue, dataset: Dataset, target: Target, region: str, breakdown: str,
                    as_of: int | None, lang: Lang, words: str | None = None) -> Result:
    """One series of one target in one region, as of a year (None: no data at all)."""
    facts = _Facts.of(catalogue, target, as_of, lang, words)
    return _series(facts, dataset, region, select.region_name(region, catalogue), breakdown)


@dataclass(frozen=True)
class _Facts:
    """What every series of one target shares: the requirement in words, the context, the milestones."""

    target: Target
    as_of: int | None
    lang: Lang
    words: str
    name: str
    unit: str
    deadline: int
    ctx: Ctx | None  # None without a year to evaluate (no data at all)
    milestones: tuple[Milestone, ...]

    @classmethod
    def of(cls, catalogue: Catalogue, target: Target, as_of: int | None, lang: Lang,
           words: str | None = None) -> _Facts:
        plan = catalogue.plan_of(target)
        indicator = catalogue.indicator_by_id[target.indicator]
        rule = target.rule
        reference = ""
        if isinstance(rule, Relative) and rule.reference in catalogue.indicator_by_id:
            reference = catalogue.indicator_by_id[rule.reference].name.get(lang)
        ctx = None if as_of is None else Ctx(
            as_of=as_of, unit=indicator.unit, lang=lang, timing=target.timing, plan_start=plan.start,
            baseline_year=plan.baseline_year, deadline=target.deadline(plan.end), reference=reference,
            floor=indicator.plausible[0], ceiling=indicator.plausible[1])
        milestones = tuple(trusted(Milestone, year=m.year, value=float(m.value)) for m in target.milestones)
        return cls(target=target, as_of=as_of, lang=lang,
                   words=words if words is not None else requirement(target, catalogue, lang, plan.end),
                   name=catalogue.target_name(target, lang), unit=indicator.unit.value,
                   deadline=target.deadline(plan.end), ctx=ctx, milestones=milestones)


def _series(facts: _Facts, dataset: Dataset, region: str, region_name: str, breakdown: str) -> Result:
    target, as_of, ctx = facts.target, facts.as_of, facts.ctx
    rule = target.rule

    def upto(indicator_id: str, group: str) -> list[Observation]:
        if as_of is None:
            return []
        found = dataset.get(indicator_id, region, group)
        if not found or found[-1].year <= as_of:  # sorted by year: all of it is up to as_of
            return found
        return [o for o in found if o.year <= as_of]

    pair = [upto(target.indicator, g) for g in rule.between] if isinstance(rule, GapNarrows) else []
    points = upto(target.indicator, breakdown) if not pair else []
    if ctx is None or not (points or any(pair)):
        no_data = Outcome("no_data", LABELS["no_data"][1 if facts.lang == "zh" else 0])
        return _result(facts, region, region_name, breakdown, no_data, (), None)
    if isinstance(rule, GapNarrows):
        outcome = kinds.gap_narrows(rule, pair[0], pair[1], ctx)
    elif isinstance(rule, Relative):
        outcome = kinds.relative(rule, points, upto(rule.reference, breakdown), ctx)
    else:
        outcome = judge_rule(rule, points, ctx)
    judged = outcome.judged if outcome.judged is not None else tuple(points)
    outcome, explained = _warnings(target, outcome, judged, ctx)
    return _result(facts, region, region_name, breakdown, outcome, judged, explained)


_JUDGES: dict[type, Callable[[Any, Sequence[Observation], Ctx], Outcome]] = {
    AtLeast: kinds.at_least,
    AtMost: kinds.at_most,
    Band: kinds.band,
    BaselineRelative: kinds.baseline_relative,
    DirectionRule: kinds.direction,
    SlowingRise: kinds.slowing_rise,
    Coverage: kinds.coverage,
    Count: kinds.count,
    Cumulative: kinds.cumulative,
}


def judge_rule(rule: object, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """Dispatch a single-series rule to its kind function."""
    judge = _JUDGES.get(type(rule))
    if judge is None:
        raise TypeError(f"no evaluation for rule {type(rule).__name__}")
    return judge(rule, points, ctx)


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
            outcome = outcome._replace(status="volatile", reason=join(ctx.lang, text, outcome.reason))
        else:
            outcome = outcome._replace(reason=join(ctx.lang, outcome.reason, text))
    if VERDICT_OF[outcome.status] != "warn" or not judged:
        return outcome, None
    years = {judged[-1].year} | ({jump.before.year} if jump is not None else set())
    return outcome, fl.explanation(judged, years)


def _result(facts: _Facts, region: str, region_name: str, breakdown: str, outcome: Outcome,
            judged: Sequence[Observation], explained: str | None) -> Result:
    target = facts.target
    exact = _EXACT
    series = tuple([p if o.note is None and o.low == o.high and (p := exact.get(o.year, _NONE).get(o.low))
                    else _point(o) for o in judged])
    milestones = facts.milestones
    if isinstance(target.rule, BaselineRelative) and outcome.threshold is not None:
        milestones = (trusted(Milestone, year=target.rule.deadline,
                              value=_tidy(outcome.threshold, DIGITS) or 0.0),)
    # Built without validation (`trusted`): every value below has its field's type already.
    return trusted(
        Result, target_id=target.id, plan=target.plan, domain=target.domain, indicator=target.indicator,
        name=facts.name, region=region_name, region_code=region, breakdown=breakdown,
        verdict=VERDICT_OF[outcome.status], status=outcome.status, latest=series[-1] if series else None,
        unit=facts.unit, requirement=facts.words,
        deadline=outcome.deadline if outcome.deadline is not None else facts.deadline,
        threshold=_tidy(outcome.threshold, DIGITS), gap=_tidy(outcome.gap, DIGITS),
        ratio=_tidy(outcome.ratio, DIGITS), projected=_tidy(outcome.projected, DIGITS), explained=explained,
        reason=outcome.reason, series=series, history=tuple(map(_check, outcome.history)),
        milestones=milestones,
    )


_EXACT: dict[int, dict[float, Point]] = {}  # year → value → point: the same exact value is the same point
_NONE: dict[float, Point] = {}
_CACHED = [60_000]  # points the cache may still take (a national file has ~50,000 distinct ones)


def _point(o: Observation) -> Point:
    if o.note is None and o.low == o.high:
        by_value = _EXACT.get(o.year)
        if by_value is None:
            by_value = _EXACT[o.year] = {}
        point = by_value.get(o.low)
        if point is None:
            point = trusted(Point, year=o.year, value=_tidy(o.low, VALUE_DIGITS) or 0.0, bound=None, note=None)
            if _CACHED[0] > 0:
                _CACHED[0] -= 1
                by_value[o.low] = point
        return point
    return trusted(Point, year=o.year, value=_tidy(o.value, VALUE_DIGITS) or 0.0, bound=o.bound_text(),
                   note=o.note)


def _check(h: MilestoneCheck) -> MilestoneCheck:
    observed = _tidy(h.observed, VALUE_DIGITS)
    if observed == h.observed and type(observed) is type(h.observed):
        return h
    return trusted(MilestoneCheck, year=h.year, required=h.required, observed=observed, met=h.met)


def _tidy(x: float | None, digits: int) -> float | None:
    """Rounded for stable JSON; never -0.0, and None for what is not a finite number."""
    if x is None or not math.isfinite(x):
        return None
    return round(x, digits) + 0.0
