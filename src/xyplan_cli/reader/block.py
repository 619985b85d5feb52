"""Accepted observations of one large file stored column by column, made into `Observation`s on demand.

A national file has 1.7 M observations: as objects they take ~250 MB; as columns (`array`s of years,
values and lines, one index entry per series) ~35 MB. The engine asks for one series at a time and the
block builds its observations then (a few hundred ns each). Rows can be taken out of a block (`take`)
when a later file repeats their series-year: the reader then judges the repeat row by row.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from xyplan_cli.reader.dataset import Observation, SeriesKey

_new = tuple.__new__
LOW_OPEN, HIGH_OPEN = 1, 2


@dataclass
class Block:
    """Rows sorted by series, then year; series n has rows starts[n] to starts[n + 1]."""

    file: str
    index: dict[SeriesKey, int]  # series → its number n
    starts: array  # type: ignore[type-arg]  # 'q', len(index) + 1
    years: array  # type: ignore[type-arg]  # 'i'
    lows: array  # type: ignore[type-arg]  # 'd'
    highs: array | None  # type: ignore[type-arg]  # 'd'; None: every value exact (high == low)
    flags: bytes | None  # LOW_OPEN | HIGH_OPEN per row; None: no bounded value
    notes: list[str | None] | None  # per row; None: no notes at all
    lines: array  # type: ignore[type-arg]  # 'i'
    removed: bytearray | None = None  # 1 for a row taken out
    _years: set[int] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        rows = len(self.lines)
        return rows - (self.removed.count(1) if self.removed is not None else 0)

    def rows(self, key: SeriesKey) -> range:
        n = self.index.get(key)
        if n is None:
            return range(0)
        return range(self.starts[n], self.starts[n + 1])

    def observation(self, key: SeriesKey, i: int) -> Observation:
        high = self.lows[i] if self.highs is None else self.highs[i]
        flag = 0 if self.flags is None else self.flags[i]
        note = None if self.notes is None else self.notes[i]
        return _new(Observation, (key[0], key[1], key[2], self.years[i], self.lows[i], high, bool(flag & LOW_OPEN),
                                  bool(flag & HIGH_OPEN), note, self.file, self.lines[i]))

    def observations(self, key: SeriesKey) -> list[Observation]:
        """The series' rows, oldest first (none: an empty list)."""
        span = self.rows(key)
        if not span:
            return []
        if self.highs is None and self.flags is None and self.notes is None and self.removed is None:
            ind, reg, bd = key
            file = self.file
            a, b = span.start, span.stop
            return [_new(Observation, (ind, reg, bd, y, v, v, False, False, None, file, n))
                    for y, v, n in zip(self.years[a:b], self.lows[a:b], self.lines[a:b], strict=True)]
        removed = self.removed
        return [self.observation(key, i) for i in span if removed is None or not removed[i]]

    def find(self, key: SeriesKey, year: int) -> int | None:
        """The row of a series-year still in the block."""
        removed = self.removed
        for i in self.rows(key):
            if self.years[i] == year and (removed is None or not removed[i]):
                return i
        return None

    def take(self, key: SeriesKey, i: int) -> Observation:
        """Take row i out of the block."""
        if self.removed is None:
            self.removed = bytearray(len(self.lines))
        self.removed[i] = 1
        self._years = None
        return self.observation(key, i)

    def series(self) -> Iterator[SeriesKey]:
        """Series with at least one row left."""
        if self.removed is None:
            yield from self.index
            return
        for key in self.index:
            if any(not self.removed[i] for i in self.rows(key)):
                yield key

    def first_years(self) -> Iterator[tuple[SeriesKey, int]]:
        for key in self.series():
            yield key, min(o.year for o in self.observations(key)) if self.removed is not None \
                else self.years[self.starts[self.index[key]]]

    def year_set(self) -> set[int]:
        if self._years is None:
            if self.removed is None:
                self._years = set(self.years)
            else:
                self._years = {y for y, gone in zip(self.years, self.removed, strict=True) if not gone}
        return self._years
