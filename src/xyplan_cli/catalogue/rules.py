"""Rule kinds of the catalogue: one frozen pydantic model per kind, discriminated by `kind`.

Each class docstring is the user documentation of the kind (see `docs/catalogue.md`).
"""

# No `from __future__ import annotations`: pydantic would compile and evaluate every field annotation
# from its string when the classes are created, at every start (~1 ms for the catalogue's models).

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

DEFAULT_BAND_TOLERANCE = 0.05  # relative to the centre, when a band rule states none


class Frozen(BaseModel):
    # defer_build: a schema is built on the first validation, not at import (a run whose catalogue comes
    # from the cache validates none of these models).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Milestone(Frozen):
    year: int = Field(ge=1949, le=2100)
    value: float


Strength = Literal["gradual", "steady", "marked"]
Direction = Literal["increase", "decrease"]


def _ascending(milestones: tuple[Milestone, ...]) -> tuple[Milestone, ...]:
    years = [m.year for m in milestones]
    if years != sorted(set(years)):
        raise ValueError("milestone years must be distinct and ascending")
    return milestones


class _Thresholds(Frozen):
    milestones: tuple[Milestone, ...] = Field(min_length=1)

    @field_validator("milestones")
    @classmethod
    def _check_order(cls, v: tuple[Milestone, ...]) -> tuple[Milestone, ...]:
        return _ascending(v)

    @property
    def deadline(self) -> int:
        return self.milestones[-1].year


class AtLeast(_Thresholds):
    """At least a value (达到…以上, 提高到, 不低于). `inclusive` is false for 高于/超过."""

    kind: Literal["at_least"]
    inclusive: bool


class AtMost(_Thresholds):
    """At most a value (降至…以下, 控制在…以下, 不超过). `inclusive` is false for 低于/不满."""

    kind: Literal["at_most"]
    inclusive: bool


class Band(_Thresholds):
    """Around a value (保持在50%左右): within `tolerance` of the centre (absolute, in the unit).

    Without `tolerance`, the band is the centre ± 5% of the centre.
    """

    kind: Literal["band"]
    tolerance: float | None = Field(default=None, gt=0)

    def half_width(self, centre: float) -> float:
        return self.tolerance if self.tolerance is not None else abs(centre) * DEFAULT_BAND_TOLERANCE


class BaselineRelative(Frozen):
    """A change relative to the region's own value in a baseline year (以2020年为基数下降20%).

    The threshold is (1 + change/100) × the baseline value: at most for a fall, at least for a rise.
    """

    kind: Literal["baseline_relative"]
    baseline_year: int
    change: float = Field(description="signed percent change from the baseline, e.g. -20")
    deadline: int
    inclusive: bool = True


class Relative(Frozen):
    """Compared with another series (不低于党员中女性比例, 达到国家平均水平) or with the previous value
    of the same series (`reference: previous`, 不低于上届)."""

    kind: Literal["relative"]
    reference: str
    relation: Literal["at_least", "at_most"]
    inclusive: bool = True
    factor: float = 1.0
    deadline: int | None = None


class DirectionRule(Frozen):
    """A direction only (逐步提高, 持续下降, 明显下降): judged by the direction-signed annual growth rate."""

    kind: Literal["direction"]
    direction: Direction
    strength: Strength = "gradual"
    deadline: int


class GapNarrows(Frozen):
    """The gap between two breakdowns of the indicator narrows (城乡差距缩小)."""

    kind: Literal["gap_narrows"]
    between: tuple[str, str]
    strength: Strength = "gradual"
    deadline: int


class SlowingRise(Frozen):
    """A rising trend slows (上升趋势减缓): the latest annual rise is smaller than the earlier average."""

    kind: Literal["slowing_rise"]
    deadline: int


class Coverage(Frozen):
    """Full coverage (全覆盖): the share reaches `value` percent (default 100) by the deadline."""

    kind: Literal["coverage"]
    deadline: int
    value: float = Field(default=100.0, gt=0, le=100)


class Count(_Thresholds):
    """At least a number of things in each region of the scope (至少1名, 每个区县至少1家); inclusive."""

    kind: Literal["count"]


class Cumulative(_Thresholds):
    """Yearly additions summed from `from_year` reach a total by each milestone (2025年新建幼儿园112所)."""

    kind: Literal["cumulative"]
    from_year: int


Rule = Annotated[
    AtLeast
    | AtMost
    | Band
    | BaselineRelative
    | Relative
    | DirectionRule
    | GapNarrows
    | SlowingRise
    | Coverage
    | Count
    | Cumulative,
    Field(discriminator="kind"),
]

RULE_KINDS: tuple[str, ...] = (
    "at_least",
    "at_most",
    "band",
    "baseline_relative",
    "relative",
    "direction",
    "gap_narrows",
    "slowing_rise",
    "coverage",
    "count",
    "cumulative",
)
