"""What a rule-kind function receives (`Ctx`) and returns (`Outcome`), and the history checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from xyplan_cli.catalogue.model import Lang, Timing
from xyplan_cli.engine.compare import Need
from xyplan_cli.engine.words import say
from xyplan_cli.reader.dataset import Observation
from xyplan_cli.report import MilestoneCheck, Status, trusted_from
from xyplan_cli.units import Unit


@dataclass(frozen=True)
class Ctx:
    """The facts about one series evaluation that every rule kind needs."""

    as_of: int
    unit: Unit
    lang: Lang
    timing: Timing
    plan_start: int
    baseline_year: int | None  # the plan's baseline year (2020)
    deadline: int  # the target's final deadline
    reference: str = ""  # a relative rule's reference series, named in `lang`
    floor: float | None = None  # the lowest and highest possible values (0, 100 for a percentage)
    ceiling: float | None = None
    periodic: bool = False  # data by terms (elections): every-year rules judge the latest term with data

    def clamp(self, value: float | None) -> float | None:
        """A projection kept within the possible values: no rate projected above 100%."""
        if value is None:
            return None
        if self.ceiling is not None and value > self.ceiling:
            return self.ceiling
        return self.floor if self.floor is not None and value < self.floor else value


class Outcome(NamedTuple):
    """A judged series: the fine-grained status, the reason in words, and the numbers behind it.

    `threshold` and `deadline` belong to the requirement that decided the status; `gap` is the
    shortfall of the latest value (positive = still to go); `judged` is the series the verdict was
    computed on when it is derived from the submitted one (cumulative totals, a gap between groups).
    A named tuple (a copy with changes is `outcome._replace(...)`): one is made for every series.
    """

    status: Status
    reason: str
    threshold: float | None = None
    deadline: int | None = None
    gap: float | None = None
    ratio: float | None = None
    projected: float | None = None
    history: tuple[MilestoneCheck, ...] = ()
    judged: tuple[Observation, ...] | None = None


def at_year(points: Sequence[Observation], year: int) -> Observation | None:
    for p in points:  # a plain loop: cheaper than next() over a generator (once per milestone and series)
        if p.year == year:
            return p
    return None


def check(year: int, need: Need, obs: Observation | None, unit: Unit) -> MilestoneCheck:
    """One requirement judged in one year; `met` is None where the value is missing or undecided.

    Equal checks are the same object (made for every milestone of every series, a few distinct ones)."""
    required = need.text(unit)
    observed, met = (None, None) if obs is None else (obs.value, need.judge(obs))
    if observed == 0.0:  # 0.0 and -0.0 are equal keys but are written differently: not shared
        return _new_check(year, required, observed, met)
    key = (year, required, observed, met)
    found = _CHECKS.get(key)
    if found is None:
        found = _new_check(year, required, observed, met)
        if len(_CHECKS) < 50_000:
            _CHECKS[key] = found
    return found


_CHECKS: dict[tuple[int, str, float | None, bool | None], MilestoneCheck] = {}


def _new_check(year: int, required: str, observed: float | None, met: bool | None) -> MilestoneCheck:
    return trusted_from(MilestoneCheck, {"year": year, "required": required, "observed": observed, "met": met})


def insufficient(ctx: Ctx, key: str, *, threshold: float | None = None, deadline: int | None = None,
                 gap: float | None = None, history: tuple[MilestoneCheck, ...] = (),
                 **params: object) -> Outcome:
    """`insufficient_data`, with the sentence `key` saying what is missing."""
    reason = say(ctx.lang, key, "insufficient_data", **params)
    return Outcome("insufficient_data", reason, threshold, deadline, gap, history=history)
