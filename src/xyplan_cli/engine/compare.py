"""Requirements as allowed intervals, and judging exact or bounded values against them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from xyplan_cli.reader.dataset import Observation
from xyplan_cli.units import SYMBOLS, Unit

_GROUPED = frozenset({Unit.COUNT, Unit.YUAN})  # shown with thousands separators
_TEXTS: dict[tuple[object, ...], str] = {}  # a requirement's words: the same few for every series
_SPECS = {(digits, grouped): f"{',' if grouped else ''}.{digits}f" for digits in range(7) for grouped in (False, True)}


@dataclass(frozen=True)
class Need:
    """The values that satisfy a requirement: above `lo` and/or below `hi`, each bound inclusive or not.

    `at_least(10)` is [10, ∞), `at_most(4, inclusive=False)` is (−∞, 4), a band is [lo, hi].
    """

    lo: float | None = None
    hi: float | None = None
    lo_incl: bool = True
    hi_incl: bool = True

    @classmethod
    def at_least(cls, value: float, inclusive: bool = True) -> Need:
        return cls(lo=value, lo_incl=inclusive)

    @classmethod
    def at_most(cls, value: float, inclusive: bool = True) -> Need:
        return cls(hi=value, hi_incl=inclusive)

    @classmethod
    def band(cls, low: float, high: float) -> Need:
        return cls(lo=low, hi=high)

    def judge(self, obs: Observation) -> bool | None:
        """True if every value the observation allows meets the need, False if none does, else None.

        An exact value is a one-point interval; `>95` is (95, ∞). Values are compared unrounded.
        """
        # Inside, written out here (not a method): this runs for every milestone check of every series.
        lo, hi, low, high = self.lo, self.hi, obs.low, obs.high
        if ((lo is None or low > lo or (low == lo and (self.lo_incl or obs.low_open)))
                and (hi is None or high < hi or (high == hi and (self.hi_incl or obs.high_open)))):
            return True
        if self._outside(obs):
            return False
        return None

    def _outside(self, obs: Observation) -> bool:
        below = self.lo is not None and (
            obs.high < self.lo or (obs.high == self.lo and (obs.high_open or not self.lo_incl)))
        above = self.hi is not None and (
            obs.low > self.hi or (obs.low == self.hi and (obs.low_open or not self.hi_incl)))
        return below or above

    @property
    def target(self) -> float:
        """The number shown as the threshold: the bound, or a band's centre."""
        if self.lo is not None and self.hi is not None:
            return (self.lo + self.hi) / 2
        bound = self.lo if self.lo is not None else self.hi
        assert bound is not None
        return bound

    def edge(self, value: float) -> float:
        """The bound a value outside the need has to reach (a band's nearer edge)."""
        if self.lo is not None and (self.hi is None or value < self.lo):
            return self.lo
        assert self.hi is not None
        return self.hi

    def shortfall(self, value: float) -> float:
        """How far `value` is from meeting the need, in the unit: positive = still to go, ≤ 0 = met."""
        lo, hi = self.lo, self.hi
        if lo is None:
            assert hi is not None
            return value - hi
        return lo - value if hi is None else max(lo - value, value - hi)

    def text(self, unit: Unit) -> str:
        """`≥ 95%`, `< 4‰`, `47.5–52.5%`."""
        key = (self.lo, self.hi, self.lo_incl, self.hi_incl, unit)
        found = _TEXTS.get(key)
        if found is None:
            found = self._text(unit)
            if len(_TEXTS) < 10_000:
                _TEXTS[key] = found
        return found

    def _text(self, unit: Unit) -> str:
        if self.lo is not None and self.hi is not None:
            return f"{show(self.lo, unit, symbol=False)}–{show(self.hi, unit)}"
        if self.lo is not None:
            return f"{'≥' if self.lo_incl else '>'} {show(self.lo, unit)}"
        assert self.hi is not None
        return f"{'≤' if self.hi_incl else '<'} {show(self.hi, unit)}"


def scaled(value: float, factor: float) -> float:
    """`value × factor` computed in decimal, so that 0.8 × 7.3 is 5.84 and not 5.840000000000001."""
    return float(Decimal(repr(value)) * Decimal(repr(factor)))


def changed(value: float, percent: float) -> float:
    """`value` changed by `percent` (−20 → 0.8 × value), computed in decimal."""
    return float(Decimal(repr(value)) * (100 + Decimal(repr(percent))) / 100)


def show(value: float, unit: Unit, digits: int = 4, symbol: bool = True) -> str:
    """A number as a reason shows it: up to `digits` decimals, trailing zeros dropped, thousands
    separators for counts and money, then the unit symbol."""
    if not math.isfinite(value):
        return "∞" if value > 0 else "−∞"
    grouped = unit in _GROUPED
    # f"{value:,.{digits}f}" (grouped) or f"{value:.{digits}f}", with the format spec made once
    text = format(value, _SPECS.get((digits, grouped)) or f"{',' if grouped else ''}.{digits}f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text + SYMBOLS[unit] if symbol else text


def shown(obs: Observation, unit: Unit) -> str:
    """An observed value as a reason shows it: `96.5%`, or its bound `>95%`."""
    if obs.low != obs.high:  # bounded: the bound as written (an exact value has no bound text)
        return f"{obs.bound_text()}{SYMBOLS[unit]}"
    texts = _SHOWN.get(unit)
    if texts is None:
        texts = _SHOWN[unit] = {}
    text = texts.get(obs.low)
    if text is None:
        text = show(obs.low, unit)
        if len(texts) < 20_000:
            texts[obs.low] = text
    return text


# unit → exact value → its text: the same observed values recur in the reasons of many series and years
_SHOWN: dict[Unit, dict[float, str]] = {}
