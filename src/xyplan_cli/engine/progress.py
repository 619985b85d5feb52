"""Shared trajectory arithmetic: annual growth rates, the progress ratio R, projections and cut-offs.

The method is the one official SDG progress assessments use (Eurostat, Statistics Canada / Open SDG,
UNSD Progress Chart):

* R = observed annual growth (baseline → latest) ÷ required annual growth (baseline → deadline), with
  compound annual growth rates, or the linear change per year where any value involved is ≤ 0.
  R ≥ 0.95 on track, 0.6 ≤ R < 0.95 acceleration needed, 0 ≤ R < 0.6 limited progress, R < 0 moving away.
* A direction-only target is judged by the direction-signed annual growth rate: ≥ 1.5 %/yr on track
  (good), 0.5–1.5 %/yr acceleration needed (moderate), 0–0.5 %/yr limited progress, < 0 moving away.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from xyplan_cli.reader.dataset import Observation
from xyplan_cli.report import Status

ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.6
GOOD_GROWTH = 0.015
MODERATE_GROWTH = 0.005
_EPS_DIGITS = 9  # R and growth are classified after rounding away float noise (0.95 stays 0.95)


def baseline_point(points: Sequence[Observation], baseline_year: int | None) -> Observation:
    """The plan's baseline year where the series has it, else the first year with data."""
    for p in points:
        if p.year == baseline_year:
            return p
    return points[0]


def linear(*values: float) -> bool:
    """The linear version is used where any value involved is zero or negative."""
    return min(values) <= 0  # any(v <= 0 ...) without a generator: it runs twice per trend


def annual_growth(t0: int, v0: float, t1: int, v1: float, use_linear: bool) -> float:
    """Compound annual growth rate (v1/v0)^(1/(t1−t0)) − 1, or the linear change per year."""
    years = t1 - t0
    if use_linear:
        return (v1 - v0) / years
    return float((v1 / v0) ** (1 / years) - 1)


def project(year: int, value: float, growth: float, deadline: int, use_linear: bool) -> float | None:
    """The value at `deadline` if the observed growth continues; None where it overflows."""
    years = deadline - year
    try:
        projected = value + growth * years if use_linear else value * (1 + growth) ** years
    except OverflowError:
        return None
    return projected if math.isfinite(projected) else None


class Progress(NamedTuple):
    """Where a series stands against a numeric target: R, the projection, and the growth rates.

    A named tuple: one is made for every series judged by its trajectory (a frozen dataclass is several
    times slower to make)."""

    ratio: float | None
    projected: float | None
    observed: float
    required: float


def progress(base: Observation, latest: Observation, deadline: int, target: float) -> Progress:
    """R and the projection of `latest` to `deadline`, from `base` (an earlier point) towards `target`."""
    use_linear = linear(base.value, latest.value, target)
    observed = annual_growth(base.year, base.value, latest.year, latest.value, use_linear)
    required = annual_growth(base.year, base.value, deadline, target, use_linear)
    ratio = observed / required if required != 0 else None
    projected = project(latest.year, latest.value, observed, deadline, use_linear)
    return Progress(ratio, projected, observed, required)


def ratio_status(p: Progress, higher: bool) -> Status:
    """The SDG cut-offs on R; without R (the baseline sits on an exclusive bound), the direction of the
    observed change: towards the target (`higher` or lower) is on track."""
    if p.ratio is None:
        if p.observed == 0:
            return "limited_progress"
        return "on_track" if (p.observed > 0) == higher else "moving_away"
    return _ladder(p.ratio, ON_TRACK_RATIO, ACCELERATION_RATIO)


def trend(base: Observation, latest: Observation, deadline: int | None) -> tuple[float, float | None]:
    """The annual growth rate from `base` to `latest`, and the value at `deadline` if it continues (None
    without a deadline).

    The rate is a fraction: compound where both values are positive, else the linear change per year
    relative to |base| (or to |latest| when the base is 0; 0 when both are). Both come from one growth
    computation (a direction target needs both, for every series).
    """
    b, v, year = base.value, latest.value, latest.year
    use_linear = min(b, v) <= 0  # `linear`, `annual_growth` and `project` written out: once per series
    if use_linear:
        rate = (v - b) / (year - base.year)
        scale = abs(b) or abs(v)
        growth = rate / scale if scale else 0.0
    else:
        rate = growth = float((v / b) ** (1 / (year - base.year)) - 1)
    return growth, None if deadline is None else project(year, v, rate, deadline, use_linear)


def growth_status(signed: float) -> Status:
    """The direction-signed annual growth rate against the 1.5 %/yr and 0.5 %/yr cut-offs."""
    return _ladder(signed, GOOD_GROWTH, MODERATE_GROWTH)


def _ladder(value: float, on_track: float, acceleration: float) -> Status:
    """The status of a measure of progress (R, or a growth rate) against its two cut-offs, and 0 below
    which it moves away; rounded first, so that float noise does not tip a value over a cut-off."""
    v = round(value, _EPS_DIGITS)
    if v >= on_track:
        return "on_track"
    if v >= acceleration:
        return "acceleration_needed"
    if v >= 0:
        return "limited_progress"
    return "moving_away"
