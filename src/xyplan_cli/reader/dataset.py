"""The validated dataset that the reader produces and the engine consumes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from xyplan_cli.issues import Issue

TOTAL = "total"
INF = math.inf


@dataclass(frozen=True, slots=True)
class Observation:
    """One accepted value, in the indicator's unit.

    An exact value has low == high. A bounded value keeps its interval: `>95` is low=95, high=inf,
    low_open=True; `95以上` is low=95 closed. `region` is a region code, or `code/township` for a
    township (`610422/城关街道`).
    """

    indicator: str
    region: str
    breakdown: str
    year: int
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    note: str | None = None
    file: str = ""
    line: int = 0

    @property
    def exact(self) -> bool:
        return self.low == self.high

    @property
    def value(self) -> float:
        """A single number for display and trends: the value, or the finite bound of an interval."""
        if self.exact or math.isinf(self.high):
            return self.low
        if math.isinf(self.low):
            return self.high
        return (self.low + self.high) / 2

    def bound_text(self) -> str | None:
        """`>95`, `≥95`, `<5`, `≤5` for bounded values, None for exact ones."""
        if self.exact:
            return None
        if math.isinf(self.high):
            return f"{'>' if self.low_open else '≥'}{_num(self.low)}"
        if math.isinf(self.low):
            return f"{'<' if self.high_open else '≤'}{_num(self.high)}"
        return f"{_num(self.low)}–{_num(self.high)}"


def _num(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


SeriesKey = tuple[str, str, str]  # (indicator, region, breakdown)


@dataclass
class Dataset:
    """Accepted observations grouped by series (indicator, region, breakdown), each sorted by year."""

    series: dict[SeriesKey, list[Observation]] = field(default_factory=dict)

    def add(self, obs: Observation) -> None:
        self.series.setdefault((obs.indicator, obs.region, obs.breakdown), []).append(obs)

    def finish(self) -> Dataset:
        for values in self.series.values():
            values.sort(key=lambda o: o.year)
        return self

    def get(self, indicator: str, region: str, breakdown: str = TOTAL) -> list[Observation]:
        return self.series.get((indicator, region, breakdown), [])

    @property
    def regions(self) -> list[str]:
        return sorted({k[1] for k in self.series})

    @property
    def years(self) -> list[int]:
        return sorted({o.year for obs in self.series.values() for o in obs})

    def __len__(self) -> int:
        return sum(len(v) for v in self.series.values())


class RowCounts(BaseModel):
    """Every row is accounted for: read = accepted + rejected + skipped."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    read: int = 0
    accepted: int = 0
    rejected: int = 0
    skipped: int = 0

    def __add__(self, other: RowCounts) -> RowCounts:
        return RowCounts(
            read=self.read + other.read,
            accepted=self.accepted + other.accepted,
            rejected=self.rejected + other.rejected,
            skipped=self.skipped + other.skipped,
        )

    @property
    def balanced(self) -> bool:
        return self.read == self.accepted + self.rejected + self.skipped


@dataclass
class ReadResult:
    dataset: Dataset
    rows: RowCounts
    issues: list[Issue]
    files: list[str] = field(default_factory=list)
