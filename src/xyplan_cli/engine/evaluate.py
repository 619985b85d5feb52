"""Evaluate a catalogue against a dataset as of a year: one `Result` per target × region × breakdown."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from math import isfinite
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
from xyplan_cli.engine import kinds, select, timing
from xyplan_cli.engine.outcome import Ctx, Outcome
from xyplan_cli.engine.words import LABELS, join
from xyplan_cli.reader.dataset import Dataset, Observation
from xyplan_cli.report import (
    VERDICT_OF,
    Milestone,
    MilestoneCheck,
    Point,
    Result,
    trusted,
    trusted_from,
    trusted_point,
)

DIGITS = 4  # decimals of derived numbers (R, projection, gap, threshold) in the output
VALUE_DIGITS = 6  # decimals of observed values (they are as submitted, up to unit conversion noise)


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
    year = as_of if as_of is not None else dataset.latest_year
    codes = select.regions(catalogue, dataset, regions, year)
    levels = {code: select.level_of(code, catalogue) for code in codes}
    codes = select.region_order(codes, levels)
    names = {code: select.region_name(code, catalogue) for code in codes}
    for target in select.chosen_targets(catalogue, plans, domains):
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
    """What every series of one target shares: the requirement in words, the context, the milestones, and
    how its series are judged (worked out once per target, not once per series)."""

    target: Target
    indicator: str  # the target's indicator and rule (an attribute of a pydantic model is slower to read)
    rule: Any
    words: str
    name: str
    unit: str
    deadline: int
    ctx: Ctx | None  # None without a year to evaluate (no data at all)
    milestones: tuple[Milestone, ...]
    # How a series is judged, decided once for the target (isinstance on a rule model is not free):
    gap: GapNarrows | None  # a gap between two groups, judged on both series
    relative: Relative | None  # judged against a reference series
    judge: Callable[[Any, Sequence[Observation], Ctx], Outcome]  # any other rule, judged on one series
    baseline_deadline: int | None  # a baseline-relative rule's deadline: its threshold is the milestone
    fluctuation: float | None  # the limit of the latest year-on-year change; None: the kind is exempt
    no_data: Outcome
    fields: dict[str, Any]  # a `Result`'s fields in order, with the target's values and the defaults

    @classmethod
    def of(cls, catalogue: Catalogue, target: Target, as_of: int | None, lang: Lang,
           words: str | None = None) -> _Facts:
        plan = catalogue.plan_of(target)
        indicator = catalogue.indicator_by_id[target.indicator]
        rule = target.rule
        deadline = target.deadline(plan.end)
        reference = ""
        if isinstance(rule, Relative) and rule.reference in catalogue.indicator_by_id:
            reference = catalogue.indicator_by_id[rule.reference].name.get(lang)
        ctx = None if as_of is None else Ctx(
            as_of=as_of, unit=indicator.unit, lang=lang, timing=target.timing, plan_start=plan.start,
            baseline_year=plan.baseline_year, deadline=deadline, reference=reference,
            floor=indicator.plausible[0], ceiling=indicator.plausible[1], periodic=target.periodic)
        milestones = tuple(trusted(Milestone, year=m.year, value=float(m.value)) for m in target.milestones)
        exempt = target.kind in fl.EXEMPT_KINDS
        words = words if words is not None else requirement(target, catalogue, lang, plan.end)
        name, unit = catalogue.target_name(target, lang), indicator.unit.value
        fields = dict.fromkeys(_RESULT_FIELDS)
        fields.update(target_id=target.id, plan=target.plan, domain=target.domain, indicator=target.indicator,
                      name=name, unit=unit, requirement=words, deadline=deadline, series=(), history=(),
                      milestones=milestones)
        return cls(target=target, indicator=target.indicator, rule=rule, words=words, name=name, unit=unit,
                   deadline=deadline, ctx=ctx, milestones=milestones,
                   gap=rule if isinstance(rule, GapNarrows) else None,
                   relative=rule if isinstance(rule, Relative) else None,
                   judge=_JUDGES.get(type(rule), judge_rule),
                   baseline_deadline=rule.deadline if isinstance(rule, BaselineRelative) else None,
                   fluctuation=None if exempt else target.fluctuation or fl.DEFAULT_FLUCTUATION,
                   no_data=Outcome("no_data", LABELS["no_data"][1 if lang == "zh" else 0]), fields=fields)


_RESULT_FIELDS = tuple(Result.model_fields)


def _upto(dataset: Dataset, indicator_id: str, region: str, group: str, as_of: int) -> Sequence[Observation]:
    """A series' observations up to `as_of`, oldest first."""
    found = dataset.series.find((indicator_id, region, group))
    if not found or found[-1].year <= as_of:  # sorted by year: all of it is up to as_of
        return found
    return [o for o in found if o.year <= as_of]


def _series(facts: _Facts, dataset: Dataset, region: str, region_name: str, breakdown: str) -> Result:
    ctx, indicator, gap, relative = facts.ctx, facts.indicator, facts.gap, facts.relative
    if ctx is None:
        return _result(facts, region, region_name, breakdown, facts.no_data, (), None)
    as_of = ctx.as_of
    if gap is not None:
        pair = [_upto(dataset, indicator, region, g, as_of) for g in gap.between]
        if not any(pair):
            return _result(facts, region, region_name, breakdown, facts.no_data, (), None)
        outcome = kinds.gap_narrows(gap, pair[0], pair[1], ctx)
        points: Sequence[Observation] = ()
    else:
        points = _upto(dataset, indicator, region, breakdown, as_of)
        if not points:
            return _result(facts, region, region_name, breakdown, facts.no_data, (), None)
        if relative is not None:
            outcome = kinds.relative(relative, points, _upto(dataset, relative.reference, region, breakdown, as_of),
                                     ctx)
        else:
            outcome = facts.judge(facts.rule, points, ctx)
    judged = outcome.judged if outcome.judged is not None else points
    outcome = timing.in_evaluated_year(outcome, judged, ctx)
    outcome, explained = _warnings(facts, outcome, judged, ctx)
    return _result(facts, region, region_name, breakdown, outcome, judged, explained)


def judge_rule(rule: object, points: Sequence[Observation], ctx: Ctx) -> Outcome:
    """Dispatch a single-series rule to its kind function."""
    judge = _JUDGES.get(type(rule))
    if judge is None:
        raise TypeError(f"no evaluation for rule {type(rule).__name__}")
    return judge(rule, points, ctx)


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


def _warnings(facts: _Facts, outcome: Outcome, judged: Sequence[Observation], ctx: Ctx
              ) -> tuple[Outcome, str | None]:
    """Strong fluctuation turns a pass into `volatile` and is added to another warning's reason; a
    warning is explained by the notes on the latest row (and on the row before a jump)."""
    status = outcome.status
    verdict = VERDICT_OF[status]
    limit = facts.fluctuation
    jump = None
    if limit is not None and verdict != "fail" and status != "insufficient_data":
        jump = fl.latest_jump(judged, limit)
        if jump is not None:
            text = fl.jump_words(jump, ctx)
            if verdict == "pass":
                outcome = outcome._replace(status="volatile", reason=join(ctx.lang, text, outcome.reason))
            else:
                outcome = outcome._replace(reason=join(ctx.lang, outcome.reason, text))
            verdict = VERDICT_OF[outcome.status]
    if verdict != "warn" or not judged or timing.missing_evaluated_year(judged, ctx):
        return outcome, None  # (a note on an older row does not explain a year with no row)
    years = (judged[-1].year,) if jump is None else (jump.before.year, judged[-1].year)
    return outcome, fl.explanation(judged, years)


def _result(facts: _Facts, region: str, region_name: str, breakdown: str, outcome: Outcome,
            judged: Sequence[Observation], explained: str | None) -> Result:
    status, reason, threshold, deadline, gap, ratio, projected, history, _ = outcome
    # The points of the series: one shared Point per exact value and year, made on first sight (the
    # comprehension looks the cache up inline: it runs for every observation of a national file).
    exact, none = _EXACT, _NONE
    series = tuple([p if o.note is None and o.low == o.high and (p := exact.get(o.year, none).get(o.low))
                    else _point(o) for o in judged])
    # A copy of the target's fields, with what this series has of its own (every value below has its
    # field's type already: built without validation, `trusted_from`).
    fields = facts.fields.copy()
    fields["region"] = region_name
    fields["region_code"] = region
    fields["breakdown"] = breakdown
    fields["verdict"] = VERDICT_OF[status]
    fields["status"] = status
    fields["reason"] = reason
    if series:
        fields["latest"] = series[-1]
        fields["series"] = series
    if deadline is not None:
        fields["deadline"] = deadline
    if threshold is not None:
        fields["threshold"] = _tidy(threshold, DIGITS)
        if facts.baseline_deadline is not None:
            fields["milestones"] = (trusted(Milestone, year=facts.baseline_deadline,
                                            value=_tidy(threshold, DIGITS) or 0.0),)
    for name, number in (("gap", gap), ("ratio", ratio), ("projected", projected)):
        if number is not None:  # (the defaults are None)
            fields[name] = _tidy(number, DIGITS)
    if explained is not None:
        fields["explained"] = explained
    if history:
        fields["history"] = tuple([_check(h) for h in history])
    return trusted_from(Result, fields)


_EXACT: dict[int, dict[float, Point]] = {}  # year → value → point: the same exact value is the same point
_NONE: dict[float, Point] = {}
_CACHED = [60_000]  # points the cache may still take (a national file has ~50,000 distinct ones)


def _point(o: Observation) -> Point:
    year, low = o.year, o.low
    if o.note is None and low == o.high:
        by_value = _EXACT.get(year)
        if by_value is None:
            by_value = _EXACT[year] = {}
        point = by_value.get(low)
        if point is None:
            value = _VALUES.get(low)  # `_value`, looked up inline
            if value is None:
                value = _value(low) or 0.0
            point = trusted_point({"year": year, "value": value, "bound": None, "note": None})
            if _CACHED[0] > 0:
                _CACHED[0] -= 1
                by_value[low] = point
        return point
    return trusted_point({"year": o.year, "value": _value(o.value) or 0.0, "bound": o.bound_text(), "note": o.note})


_CHECKS: dict[tuple[int, str, float | None, bool | None], MilestoneCheck] = {}  # equal checks: one object


def _check(h: MilestoneCheck) -> MilestoneCheck:
    """`h` as the output shows it (the observed value tidied), and the same object for equal checks: the
    report writes a check it has seen by its id (a national file has ~375,000 checks, ~33,000 distinct)."""
    d = h.__dict__
    observed = d["observed"]
    if observed is not None:
        tidy = _value(observed)
        if not (tidy == observed and type(tidy) is type(observed)):
            observed = tidy
        if observed == 0.0:  # 0.0 and -0.0 are equal keys but are written differently: not shared
            return h if observed is d["observed"] else _new_check(h, observed)
    key = (d["year"], d["required"], observed, d["met"])
    found = _CHECKS.get(key)
    if found is None:
        found = h if observed is d["observed"] else _new_check(h, observed)
        if len(_CHECKS) < 50_000:
            _CHECKS[key] = found
    return found


def _new_check(h: MilestoneCheck, observed: float | None) -> MilestoneCheck:
    return trusted(MilestoneCheck, year=h.year, required=h.required, observed=observed, met=h.met)


def _tidy(x: float | None, digits: int) -> float | None:
    """Rounded for stable JSON; never -0.0, and None for what is not a finite number."""
    if x is None or not isfinite(x):
        return None
    return round(x, digits) + 0.0


_VALUES: dict[float, float] = {}  # observed value → `_tidy`ied: a few thousand values recur everywhere


def _value(x: float) -> float | None:
    """An observed value as the output shows it: `_tidy` to VALUE_DIGITS, remembered (all but the
    non-finite ones, which are None)."""
    found = _VALUES.get(x)
    if found is None:
        found = _tidy(x, VALUE_DIGITS)
        if found is not None and len(_VALUES) < 100_000:
            _VALUES[x] = found
    return found
