"""The validated dataset that the reader produces and the engine consumes."""

from __future__ import annotations

import math
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from pydantic import BaseModel, ConfigDict

from xyplan_cli.issues import Issue

if TYPE_CHECKING:
    from xyplan_cli.reader.block import Block

TOTAL = "total"
INF = math.inf


class Observation(NamedTuple):
    """One accepted value, in the indicator's unit.

    An exact value has low == high. A bounded value keeps its interval: `>95` is low=95, high=inf,
    low_open=True; `95以上` is low=95 closed. `region` is a region code, or `code/township` for a
    township (`610422/城关街道`).

    A named tuple (immutable; a copy with changes is `obs._replace(...)`): a national file has millions
    of observations, and a tuple is made five times faster than a frozen dataclass and is smaller.
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
        low, high = self[4], self[5]  # the engine asks for this millions of times: no property calls inside
        if low == high or high == INF:  # exact, or at least `low` (an interval has a finite bound)
            return low
        if low == -INF:
            return high
        return (low + high) / 2

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


class SeriesMap(MutableMapping[SeriesKey, list[Observation]]):
    """Series → observations sorted by year: lists for rows read one by one, plus columnar blocks of large
    files (`reader.block`), whose lists are made when asked for."""

    def __init__(self, lists: dict[SeriesKey, list[Observation]] | None = None,
                 blocks: list[Block] | None = None) -> None:
        self.lists: dict[SeriesKey, list[Observation]] = lists if lists is not None else {}
        self.blocks: list[Block] = blocks if blocks is not None else []

    def find(self, key: SeriesKey) -> list[Observation]:
        """The series' observations, or an empty list (`get` without the KeyError round trip)."""
        if not self.blocks:
            return self.lists.get(key) or []
        try:
            return self[key]
        except KeyError:
            return []

    def __getitem__(self, key: SeriesKey) -> list[Observation]:
        found = self.lists.get(key)
        if not self.blocks:
            if found is None:
                raise KeyError(key)
            return found
        parts = [part for b in self.blocks if key in b.index and (part := b.observations(key))]
        if not parts:
            if found is None:
                raise KeyError(key)
            return found
        if found is None and len(parts) == 1:
            return parts[0]
        merged = [o for part in ([found] if found else []) + parts for o in part]
        merged.sort(key=lambda o: o.year)
        return merged

    def __setitem__(self, key: SeriesKey, value: list[Observation]) -> None:
        self.lists[key] = value

    def __delitem__(self, key: SeriesKey) -> None:
        del self.lists[key]

    def __iter__(self) -> Iterator[SeriesKey]:
        yield from self.lists
        if self.blocks:
            seen = set(self.lists)
            for block in self.blocks:
                for key in block.series():
                    if key not in seen:
                        seen.add(key)
                        yield key

    def __len__(self) -> int:
        return sum(1 for _ in self) if self.blocks else len(self.lists)

    def first_years(self) -> Iterator[tuple[SeriesKey, int]]:
        """Every series with the first year it has a value in (no observation is made)."""
        firsts: dict[SeriesKey, int] = {k: v[0].year for k, v in self.lists.items() if v}
        for block in self.blocks:
            for key, year in block.first_years():
                firsts[key] = min(year, firsts.get(key, year))
        return iter(firsts.items())


@dataclass
class Dataset:
    """Accepted observations grouped by series (indicator, region, breakdown), each sorted by year."""

    series: SeriesMap = field(default_factory=SeriesMap)

    def __post_init__(self) -> None:
        if not isinstance(self.series, SeriesMap):  # a plain dict given
            self.series = SeriesMap(dict(self.series))

    def add(self, obs: Observation) -> None:
        self.series.lists.setdefault((obs.indicator, obs.region, obs.breakdown), []).append(obs)

    def finish(self) -> Dataset:
        for values in self.series.lists.values():
            values.sort(key=lambda o: o.year)
        return self

    def get(self, indicator: str, region: str, breakdown: str = TOTAL) -> list[Observation]:
        return self.series.find((indicator, region, breakdown))

    @property
    def regions(self) -> list[str]:
        return sorted({k[1] for k in self.series})

    @property
    def years(self) -> list[int]:
        found = {o.year for obs in self.series.lists.values() for o in obs}
        for block in self.series.blocks:
            found |= block.year_set()
        return sorted(found)

    @property
    def latest_year(self) -> int | None:
        """The last of `years` (None for no data), found from the last observation of each series, not
        from every observation."""
        lasts = {obs[-1].year for obs in self.series.lists.values() if obs}
        for block in self.series.blocks:
            lasts |= block.year_set()
        return max(lasts) if lasts else None

    def __len__(self) -> int:
        return sum(len(v) for v in self.series.lists.values()) + sum(len(b) for b in self.series.blocks)


class RowCounts(BaseModel):
    """Every row is accounted for: read = accepted + rejected + skipped."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

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
    """What was read: the dataset, the rows and issues of all files, and the files in the order read.

    `file_rows` has the row accounting of each file (keyed by its label in `files`; they add up to `rows`).
    `file_of` maps the label of each table read to the file it is part of: a worksheet `book.xlsx[Sheet]`
    to `book.xlsx`, a CSV file to itself. Issues and observations name tables (`Issue.file`,
    `Observation.file`); this is how they are traced back to files.
    """

    dataset: Dataset
    rows: RowCounts
    issues: list[Issue]
    files: list[str] = field(default_factory=list)
    file_rows: dict[str, RowCounts] = field(default_factory=dict)
    file_of: dict[str, str] = field(default_factory=dict)

    def file(self, label: str) -> str:
        """The file a table label (of an issue or observation) belongs to."""
        return self.file_of.get(label, label)
