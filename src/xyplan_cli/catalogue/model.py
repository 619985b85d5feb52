"""Catalogue models: plans, indicators, targets and regions, with the derived facts the engine needs."""

# No `from __future__ import annotations`: pydantic would compile and evaluate every field annotation
# from its string when the classes are created, at every start (~1 ms for the catalogue's models).

import unicodedata
from functools import cached_property
from typing import Literal

from pydantic import Field, field_validator

from xyplan_cli.catalogue.rules import (
    AtLeast,
    AtMost,
    Band,
    BaselineRelative,
    Count,
    Coverage,
    Cumulative,
    DirectionRule,
    Frozen,
    GapNarrows,
    Milestone,
    Relative,
    Rule,
    SlowingRise,
)
from xyplan_cli.units import Unit, default_range

_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")"})


def normalize_name(text: str) -> str:
    """The form in which names are compared: NFKC (full-width → half-width), brackets unified, no
    whitespace, case-folded. `孕产妇死亡率（1/10万）` and `孕产妇死亡率(1/10万)` compare equal."""
    return "".join(unicodedata.normalize("NFKC", text).translate(_BRACKETS).split()).casefold()


Level = Literal["city", "county", "township"]
Timing = Literal["by_deadline", "every_year", "reach_and_hold"]
Lang = Literal["zh", "en"]


class Names(Frozen):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


class Domain(Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    zh: str
    en: str

    def name(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


class Plan(Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Names
    document: str | None = None
    start: int
    end: int
    baseline_year: int | None = None
    order: int = 100  # plans are listed and reported in this order, then by id
    domains: tuple[Domain, ...] = Field(min_length=1)


class Indicator(Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Names
    aliases: tuple[str, ...] = ()
    unit: Unit
    range: tuple[float, float | None] | None = None

    @property
    def plausible(self) -> tuple[float, float | None]:
        return self.range if self.range is not None else default_range(self.unit)


class Target(Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_.\-]*$")
    plan: str  # filled in from the plan file the target is listed in
    indicator: str
    domain: str
    name: Names | None = None
    quote: str = Field(min_length=1)
    clause: str = Field(min_length=1)
    rule: Rule
    timing: Timing = "by_deadline"
    scope: tuple[Level, ...] = ("city", "county")
    breakdown: tuple[str, ...] = ()
    notes: str | None = None
    fluctuation: float | None = Field(default=None, gt=0)
    # data that comes by terms (elections every few years), not every year: an every-year requirement is
    # then judged on the latest term with data, not reported as missing in the years between
    periodic: bool = False

    @field_validator("scope")
    @classmethod
    def _scope_not_empty(cls, v: tuple[Level, ...]) -> tuple[Level, ...]:
        if not v:
            raise ValueError("scope needs at least one level")
        return v

    # -- derived facts -------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.rule.kind

    def deadline(self, plan_end: int) -> int:
        rule = self.rule
        if isinstance(rule, AtLeast | AtMost | Band | Count | Cumulative):
            return rule.deadline
        if isinstance(rule, Relative):
            return rule.deadline if rule.deadline is not None else plan_end
        return rule.deadline

    @property
    def reads(self) -> tuple[tuple[str, str | None], ...]:
        """The series a result of this target is judged on, as (indicator, breakdown); None is the result's
        own breakdown. A narrowing gap reads its two groups, a relative rule also its reference indicator."""
        rule = self.rule
        if isinstance(rule, GapNarrows):
            return tuple((self.indicator, group) for group in rule.between)
        if isinstance(rule, Relative) and rule.reference != "previous":
            return ((self.indicator, None), (rule.reference, None))
        return ((self.indicator, None),)

    @property
    def milestones(self) -> tuple[Milestone, ...]:
        """Numeric milestones in the indicator's unit; empty where the threshold is not a fixed number."""
        rule = self.rule
        if isinstance(rule, AtLeast | AtMost | Band | Count | Cumulative):
            return rule.milestones
        if isinstance(rule, Coverage):
            # the rule's fields are validated already: constructing skips building Milestone's schema on a run
            return (Milestone.model_construct(year=rule.deadline, value=rule.value),)
        return ()

    @property
    def direction(self) -> str:
        """`higher`, `lower`, `band`, or the trend kind (gap_narrows, slowing_rise, relative)."""
        rule = self.rule
        if isinstance(rule, AtLeast | Count | Coverage | Cumulative):
            return "higher"
        if isinstance(rule, AtMost):
            return "lower"
        if isinstance(rule, Band):
            return "band"
        if isinstance(rule, BaselineRelative):
            return "lower" if rule.change < 0 else "higher"
        if isinstance(rule, DirectionRule):
            return "higher" if rule.direction == "increase" else "lower"
        if isinstance(rule, Relative):
            return "higher" if rule.relation == "at_least" else "lower"
        assert isinstance(rule, GapNarrows | SlowingRise)
        return rule.kind

    @property
    def inclusive(self) -> bool | None:
        rule = self.rule
        if isinstance(rule, AtLeast | AtMost | BaselineRelative | Relative):
            return rule.inclusive
        if isinstance(rule, Count | Coverage | Cumulative | Band):
            return True
        return None

    @property
    def baseline_year(self) -> int | None:
        return self.rule.baseline_year if isinstance(self.rule, BaselineRelative) else None


class Region(Frozen):
    code: str = Field(pattern=r"^\d{6}$")
    name: str
    short: str
    level: Literal["city", "county"]
    parent: str | None = None
    aliases: tuple[str, ...] = ()


class Catalogue(Frozen):
    """A loaded catalogue: plans with their indicators and targets, and the region registry."""

    plans: tuple[Plan, ...]
    indicators: tuple[Indicator, ...]
    targets: tuple[Target, ...]
    regions: tuple[Region, ...]

    @cached_property
    def plan_by_id(self) -> dict[str, Plan]:
        return {p.id: p for p in self.plans}

    @cached_property
    def indicator_by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def target_by_id(self) -> dict[str, Target]:
        return {t.id: t for t in self.targets}

    @cached_property
    def region_by_code(self) -> dict[str, Region]:
        return {r.code: r for r in self.regions}

    @cached_property
    def targets_by_indicator(self) -> dict[str, tuple[Target, ...]]:
        grouped: dict[str, list[Target]] = {}
        for t in self.targets:
            grouped.setdefault(t.indicator, []).append(t)
        return {k: tuple(v) for k, v in grouped.items()}

    def plan_of(self, target: Target) -> Plan:
        return self.plan_by_id[target.plan]

    def target_name(self, target: Target, lang: Lang) -> str:
        names = target.name or self.indicator_by_id[target.indicator].name
        return names.get(lang)

    def domain_of(self, target: Target) -> Domain:
        plan = self.plan_of(target)
        return next(d for d in plan.domains if d.id == target.domain)
