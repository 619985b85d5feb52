"""One data row in, one outcome out: an accepted value, a skip, or the problems that reject it.

This is the validation of a row. It is a hand-written check over precomputed tables rather than a
pydantic model per row, on purpose: the national file has 1.7 M rows; a frozen pydantic model costs
~1.5 µs a row (a batch TypeAdapter ~0.5 µs) only to re-check the types these lookups already produce,
while the forms users write (９５．２％, 95以上, 三原县/城关街道, 3.32万) need custom parsing anyway.
Pydantic validates what is parsed once per distinct spelling (`values.Reading`) and the results
(`Issue`, `RowCounts`). Per row the cost is a few dict lookups:

- indicator, region, breakdown, year and unit cells are resolved once per distinct raw text (caches);
- a value cell is tried with `float()` first (`plain_number`, its result cached too); only other spellings
  go through `parse_value` (cached);
- each indicator's unit and plausible range come from dicts built once.

A CSV without quotes is checked column by column (`RowChecker.lines`): the rows `fast` would accept as
they are become observations by C-level passes over whole columns; every other row goes to `fast`.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import compress, count, repeat
from operator import and_, is_, le, not_
from typing import Any, NamedTuple, TypeVar

from xyplan_cli.catalogue.model import Catalogue
from xyplan_cli.reader.columns import REQUIRED, Header, looks_like_footnote, read_header
from xyplan_cli.reader.dataset import INF, TOTAL, Observation
from xyplan_cli.reader.names import Names
from xyplan_cli.reader.normalize import clean
from xyplan_cli.reader.sources import split
from xyplan_cli.reader.values import (
    Missing,
    Problem,
    Reading,
    bracket_unit,
    decimals,
    excel_error,
    multiplies,
    parse_value,
    resolve_unit,
    shift_of,
    shifted,
    unit_word,
)
from xyplan_cli.units import SYMBOLS, Unit, family, format_value

CACHE_LIMIT = 200_000  # distinct spellings remembered per column
CHUNK_CHARS = 1 << 16  # text split and checked at a time (`RowChecker.lines`)
SURROGATES = re.compile("[\udc80-\udcff]")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?(?:年度|年)?$")
_T = TypeVar("_T")
_new = tuple.__new__


class Bad(NamedTuple):
    """A problem in a row, at a 0-based cell index (-1: the row as a whole) and a column name."""

    column: int
    field: str | None
    problem: Problem


class Skip(NamedTuple):
    """A row that holds no observation: blank (text None, no issue) or a title/footnote/comment row."""

    text: str | None


class Named(NamedTuple):
    """An indicator named with a unit in brackets other than its own (5岁以下儿童死亡率(%)): its id and the
    unit word. Not a `str`, so the quick paths leave the row to `check`, which takes that unit as it takes a
    unit cell. (A bracket naming the indicator's own unit, 婴儿死亡率(‰), is only a name.)"""

    ident: str
    unit: str


class Checked(NamedTuple):
    indicator: str
    region: str
    breakdown: str
    year: int
    low: float
    high: float
    low_open: bool
    high_open: bool
    note: str | None


Outcome = Checked | Skip | Missing | list[Bad]
Cells = list[str] | Problem  # a row's cells, or why it could not be parsed


def parse_year(text: str) -> int | Problem:
    match = _YEAR.match(clean(text).replace(" ", ""))
    if match and 1949 <= int(match[1]) <= 2100:
        return int(match[1])
    if not text.strip():
        return Problem("missing-field", {"column": "year"})
    return Problem("bad-year", {"text": text.strip()})


def plain_number(text: str) -> float | None:
    """A value cell that `float()` reads as a finite number, without `_` (float("1_000") is 1000, but
    the value parser rejects it): the common cell, which needs no `parse_value`."""
    if "_" in text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value - value == 0 else None  # not NaN or ±inf


def _plain_numbers(texts: set[str]) -> dict[str, float]:
    """Each text's `plain_number`, NaN for None: `float()` over all of them at once when each is a finite
    number without `_` (then what `plain_number` gives), else one by one."""
    try:
        values = list(map(float, texts))
    except ValueError:
        values = []
    if len(values) != len(texts) or INF in values or -INF in values or "_" in "".join(texts):
        values = [math.nan if (value := plain_number(text)) is None else value for text in texts]
    return dict(zip(texts, values, strict=True))


def _cached(cache: dict[str, _T], text: str, resolve: Callable[[str], _T]) -> _T:
    found = resolve(text)
    if len(cache) < CACHE_LIMIT:
        cache[text] = found
    return found


class RowChecker:
    """Checks the rows of one table after `use(header)`; caches are shared across tables."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.names = Names.of(catalogue)
        self.units: dict[str, Unit] = {i.id: i.unit for i in catalogue.indicators}
        self.ranges: dict[str, tuple[float, float]] = {}
        for ind in catalogue.indicators:
            low, high = ind.plausible
            self.ranges[ind.id] = (low, INF if high is None else high)
        self._indicator: dict[str, str | Named | Problem] = {}
        self._region: dict[str, str | Problem] = {}
        self._township: dict[str, str | Problem] = {}
        self._breakdown: dict[str, str | Problem] = {}
        self._year: dict[str, int | Problem] = {}
        self._value: dict[str, Reading | Missing | Problem] = {}
        self._plain: dict[str, float] = {}  # plain numbers (`plain_number`): the fast path's values
        # for `lines`: the ranges; per column, the texts seen and what it takes them as (`_taken_texts`),
        # and the columns where that includes None (a problem)
        self.plain_ranges = self.ranges  # the ranges of a value taken as it is (`use`)
        self._low = {ind: low for ind, (low, _) in self.ranges.items()}
        self._high = {ind: high for ind, (_, high) in self.ranges.items()}
        self._taken: dict[str, dict[str, Any]] = {c: {} for c in ("value", "indicator", "region", "year", "breakdown")}
        self._untaken: set[str] = set()
        self._unit: dict[str, str | Problem] = {}
        self._shift: dict[tuple[str, Unit], tuple[Unit, int | None]] = {}
        self._same_unit: dict[tuple[str, str], bool] = {}  # (unit cell, indicator): no conversion needed
        self.header: Header | None = None
        self.encoding = ""

    def use(self, header: Header, encoding: str = "") -> None:
        self.header = header
        self.encoding = encoding
        pos = header.positions
        self.ci, self.cr, self.cy, self.cv = pos["indicator"], pos["region"], pos["year"], pos["value"]
        self.cb, self.cu, self.ct = pos.get("breakdown"), pos.get("unit"), pos.get("township")
        self.cn, self.cd, self.cnote = pos.get("numerator"), pos.get("denominator"), pos.get("note")
        self.width = max(pos.values()) + 1
        self.hwidth = max(header.width, self.width)
        self.pad = [""] * self.width
        # 数值(‰): the unit of a value that names none; taken as it is only for the indicators whose unit
        # that is (no range for the others)
        self.value_unit = header.value_unit
        plain = self.ranges
        if self.value_unit:
            plain = {ind: r if self._resolve(self.value_unit, self.units[ind])[0] is self.units[ind] else (INF, -INF)
                     for ind, r in self.ranges.items()}
        if plain is not self.plain_ranges:
            self.plain_ranges = plain
            self._low = {ind: low for ind, (low, _) in plain.items()}
            self._high = {ind: high for ind, (_, high) in plain.items()}

    def resolve(self, column: str, text: str) -> str | int | Named | Problem:
        """What `check` makes of one cell of `column` (indicator, region, year or breakdown), from the same
        caches: the columnar reader resolves each distinct text once with it."""
        if column == "indicator":
            found: str | int | Named | Problem | None = self._indicator.get(text)
            return found if found is not None else _cached(self._indicator, text, self._indicator_of)
        if column == "region":
            found = self._region.get(text)
            return found if found is not None else _cached(self._region, text, self._region_of)
        if column == "year":
            found = self._year.get(text)
            return found if found is not None else _cached(self._year, text, parse_year)
        found = self._breakdown.get(text)
        return found if found is not None else _cached(self._breakdown, text, self.names.breakdown)

    # -- the row -------------------------------------------------------------------------------------
    def fast(self) -> Callable[[list[str]], Outcome]:
        """`check` for the common row, as a closure over local tables (no attribute lookups): names,
        year and breakdown already seen, a plain number, a unit equal to the indicator's. Anything
        else goes to `check`."""
        ci, cr, cy, cv, cb, cu, ct, cn, cd, cnote = (self.ci, self.cr, self.cy, self.cv, self.cb, self.cu,
                                                    self.ct, self.cn, self.cd, self.cnote)
        width, hwidth, pad = self.width, self.hwidth, self.pad
        indicators, regions, years, breakdowns = self._indicator, self._region, self._year, self._breakdown
        plains, ranges, same_unit = self._plain, self.plain_ranges, self._same_unit
        ratio = cn is not None and cd is not None
        full = self.check

        def check(cells: list[str]) -> Outcome:
            n = len(cells)
            if n < width:
                cells = cells + pad[: width - n]
            elif n > hwidth:
                return full(cells)
            ind = indicators.get(cells[ci])
            reg = regions.get(cells[cr])
            year = years.get(cells[cy])
            bd = TOTAL if cb is None else breakdowns.get(cells[cb])
            if (ind.__class__ is not str or reg.__class__ is not str or year.__class__ is not int
                    or bd.__class__ is not str or (ct is not None and cells[ct])
                    or (ratio and (cells[cn] or cells[cd]))):  # type: ignore[index]
                return full(cells)
            if cu is not None and cells[cu] and same_unit.get((cells[cu], ind)) is not True:
                return full(cells)
            val_t = cells[cv]
            value = plains.get(val_t)
            if value is None:
                value = plain_number(val_t)
                if value is None:
                    return full(cells)
                if len(plains) < CACHE_LIMIT:
                    plains[val_t] = value
            low, high = ranges[ind]
            if not low <= value <= high or cells[0].startswith("#"):
                return full(cells)  # out of range, a comment row
            note = (cells[cnote].strip() or None) if cnote is not None else None
            # tuple.__new__ skips the named tuple's Python-level __new__: half the cost, once per row
            return _new(Checked, (ind, reg, bd, year, value, value, False, False, note))

        return check

    def lines(self, text: str, start: int, delimiter: str, label: str,
              first: int) -> Iterator[list[Observation | Cells]]:
        """The rows of a text from offset `start` (line `first`), one a line (ending in `\n`) with its cells
        split as `sources.split` does, checked column by column: each row that `fast` would accept as it
        is comes out as its observation, any other row as its cells, for `fast` or `check`.

        Per row this is C-level work only (one split, lookups by `map`): each distinct text of a column
        is resolved once, by the caches and functions `check` uses. A row with another number of cells
        than the header, a comment, a township, numerator or denominator, or a unit other than its
        indicator's, is left to `fast`, as is a row with a name, year or value that `fast` does not take.
        The rows come in chunks of about `CHUNK_CHARS`: the cells of one are freed before the next is
        split, so their memory is reused (new memory costs a page fault, ~3 µs, per 4 KiB)."""
        end = len(text)
        while start < end:
            stop = text.find("\n", min(start + CHUNK_CHARS, end - 1))
            if stop < 0:
                stop = end  # the last line, without an end
            made = self._chunk(text[start:stop], delimiter, label, first)
            yield made
            first += len(made)
            start = stop + 1

    def _chunk(self, text: str, delimiter: str, label: str, first: int) -> list[Observation | Cells]:
        """`lines` for a text of whole lines."""
        given = lines = text.split("\n")
        n, width = len(lines), self.hwidth
        gaps = list(map(str.count, lines, repeat(delimiter)))
        limit = csv.field_size_limit()
        if gaps.count(width - 1) != n or (len(text) > limit and max(map(len, lines)) > limit):
            blank = delimiter * (width - 1)  # in place of a row of another width: no indicator, not plain
            lines = [t if g == width - 1 and len(t) <= limit else blank for t, g in zip(lines, gaps, strict=True)]
        joined = delimiter.join(lines)
        cells = joined.split(delimiter)  # row i is cells[i * width:(i + 1) * width]
        plain = [True] * n

        def column(name: str, at: int) -> list[Any]:
            out = self._taken_texts(name, cells[at::width])
            if name in self._untaken:  # (and the row is not plain where None)
                for i in compress(range(n), map(is_, out, repeat(None))):
                    plain[i] = False
            return out

        vals = column("value", self.cv)
        inds = column("indicator", self.ci)
        regs = column("region", self.cr)
        years = column("year", self.cy)
        bds = repeat(TOTAL) if self.cb is None else column("breakdown", self.cb)
        # the value within its indicator's range (no indicator: no range; NaN: within none)
        low, high = self._low.get, self._high.get
        if not (all(map(le, map(low, inds, repeat(INF)), vals)) and all(map(le, vals, map(high, inds, repeat(-INF))))):
            within = map(and_, map(le, map(low, inds, repeat(INF)), vals), map(le, vals, map(high, inds, repeat(-INF))))
            for i in compress(range(n), map(not_, within)):
                plain[i] = False
        notes: Iterable[str | None] = repeat(None)
        if self.cnote is not None:
            texts = cells[self.cnote::width]
            notes = list(map({t: t.strip() or None for t in set(texts)}.__getitem__, texts))
        ratio = self.cn is not None and self.cd is not None
        for at in (self.ct, self.cn if ratio else None, self.cd if ratio else None):
            if at is not None:  # a township, numerator or denominator given
                for i in compress(range(n), cells[at::width]):
                    plain[i] = False
        if self.cu is not None:  # a unit given: only the indicator's own
            units = cells[self.cu::width]
            for i in compress(range(n), units):
                ind = inds[i]
                if ind is not None and not self._same_unit_of(units[i], ind):
                    plain[i] = False
        if "#" in joined:
            for i in compress(range(n), map(str.startswith, cells[::width], repeat("#"))):
                plain[i] = False  # a comment row
        made: list[Observation | Cells] = list(map(_new, repeat(Observation), zip(
            inds, regs, bds, years, vals, vals, repeat(False), repeat(False), notes, repeat(label),
            count(first))))
        if not all(plain):
            for i in compress(range(n), map(not_, plain)):
                made[i] = split(given[i], delimiter)
        return made

    def _taken_texts(self, column: str, texts: list[str]) -> list[Any]:
        """The cells of a column (value, indicator, region, year or breakdown) as `lines` takes them: the
        number (NaN: not a plain number), id or year that `check` makes of each, None for a problem. Each
        distinct text is resolved once per checker, by `plain_number` or `resolve`."""
        taken = self._taken[column]
        try:
            return list(map(taken.__getitem__, texts))
        except KeyError:  # texts not seen yet
            pass
        new = set(texts).difference(taken)
        if len(taken) + len(new) > CACHE_LIMIT:
            taken.clear()
            self._untaken.discard(column)
            new = set(texts)
        if column == "value":
            taken.update(_plain_numbers(new))
        else:
            kind = int if column == "year" else str
            found = {t: v if (v := self.resolve(column, t)).__class__ is kind else None for t in new}
            if None in found.values():
                self._untaken.add(column)
            taken.update(found)
        return list(map(taken.__getitem__, texts))

    def _same_unit_of(self, text: str, ind: str) -> bool:
        """Is a unit cell the indicator's own unit (no conversion), as `_value_of` finds and notes for `fast`?"""
        if self._same_unit.get((text, ind)) is True:
            return True
        unit = self.units[ind]
        resolved = self._source_unit([(self.cu or 0, "unit", text)], "", unit)
        if isinstance(resolved, Bad) or resolved[0] is not unit:
            return False
        if len(self._same_unit) < CACHE_LIMIT:
            self._same_unit[(text, ind)] = True
        return True

    def check(self, cells: list[str], dirty: bool = False) -> Outcome:
        n = len(cells)
        if n < self.width:
            cells = cells + self.pad[: self.width - n]
        ind_t, reg_t, year_t, val_t = cells[self.ci], cells[self.cr], cells[self.cy], cells[self.cv]
        if (not (ind_t and reg_t and year_t) or n > self.hwidth or cells[0][:1] == "#"
                or (dirty and SURROGATES.search("".join(cells)))):
            odd = self._odd(cells, dirty)
            if odd is not None:
                return odd
        ind: str | Named | Problem | None = self._indicator.get(ind_t)
        if ind is None:
            ind = _cached(self._indicator, ind_t, self._indicator_of)
        named = ""
        if isinstance(ind, Named):
            ind, named = ind
        reg: str | Problem | None
        if self.ct is not None and cells[self.ct].strip():
            reg = self._township_of(reg_t, cells[self.ct])
        else:
            reg = self._region.get(reg_t)
            if reg is None:
                reg = _cached(self._region, reg_t, self._region_of)
        year = self._year.get(year_t)
        if year is None:
            year = _cached(self._year, year_t, parse_year)
        bd: str | Problem | None = TOTAL
        if self.cb is not None:
            bd_t = cells[self.cb]
            bd = self._breakdown.get(bd_t)
            if bd is None:
                bd = _cached(self._breakdown, bd_t, self.names.breakdown)
        reading = self._value.get(val_t)
        plain = None
        if reading is None:
            plain = plain_number(val_t)
            if plain is None:
                reading = _cached(self._value, val_t, parse_value)
        if (isinstance(ind, str) and isinstance(reg, str) and isinstance(year, int) and isinstance(bd, str)
                and not isinstance(reading, Problem)):
            if isinstance(reading, Missing):
                return reading
            return self._value_of(cells, ind, reg, year, bd, val_t, plain, reading, named)
        if not isinstance(ind, str) and not isinstance(reg, str) and not isinstance(year, int):
            odd = self._odd(cells, dirty)  # a repeated header or a title row among the data
            if odd is not None:
                return odd
        return self._name_problems(ind, reg, year, bd, reading)

    def _value_of(self, cells: list[str], ind: str, reg: str, year: int, bd: str, val_t: str,
                  plain: float | None, reading: Reading | Missing | Problem | None, named: str) -> Outcome:
        unit = self.units[ind]
        if plain is not None:
            low = high = plain
            low_open = high_open = False
            word, low_t, high_t = "", val_t, val_t
        else:
            assert isinstance(reading, Reading)
            low, high, low_open, high_open = reading.low, reading.high, reading.low_open, reading.high_open
            word, low_t, high_t = reading.unit_word, reading.low_text, reading.high_text
        source = unit
        cu = self.cu
        if word or (cu is not None and cells[cu]) or named or self.value_unit:
            # the units written for the value: the indicator's bracket and the unit cell; else the header's
            given = [(self.ci, "indicator", named)] if named else []
            if cu is not None and cells[cu].strip():
                given.append((cu, "unit", cells[cu]))
            if not (word or given) and self.value_unit:
                given.append((self.cv, "value", self.value_unit))
            resolved = self._source_unit(given, word, unit)
            if isinstance(resolved, Bad):
                return [resolved]
            source, shift = resolved
            if not word and source is unit and cu is not None and len(self._same_unit) < CACHE_LIMIT:
                self._same_unit[(cells[cu], ind)] = True  # (the unit cell, if any, names the indicator's unit)
            if shift:
                low, high = shifted(low_t, low, shift), shifted(high_t, high, shift)
        lo, hi = self.ranges[ind]
        if (not _within(low, lo, hi) or not _within(high, lo, hi) or (low_open and low >= hi)
                or (high_open and high <= lo)):
            return [Bad(self.cv, "value", Problem("implausible-value", {
                "value": val_t.strip(), "range": _range_text(lo, hi, unit)}))]
        cn, cd = self.cn, self.cd
        if cn is not None and cd is not None and cells[cn].strip() and cells[cd].strip():
            bad = self._ratio(cells[cn], cells[cd], val_t, low, high, source, unit)
            if bad is not None:
                return [bad]
        note = cells[self.cnote].strip() or None if self.cnote is not None else None
        return Checked(ind, reg, bd, year, low, high, low_open, high_open, note)

    # -- pieces --------------------------------------------------------------------------------------
    def _indicator_of(self, text: str) -> str | Named | Problem:
        if not text.strip():
            return Problem("missing-field", {"column": "indicator"})
        found = self.names.indicator(text)
        if isinstance(found, Problem):
            return found
        word = bracket_unit(text)
        if word and self._resolve(word, self.units[found])[0] is not self.units[found]:
            return Named(found, word)
        return found

    def _region_of(self, text: str) -> str | Problem:
        if not text.strip():
            return Problem("missing-field", {"column": "region"})
        return self.names.region(text)

    def _township_of(self, county: str, township: str) -> str | Problem:
        key = f"{county}\x00{township}"
        found = self._township.get(key)
        if found is None:
            found = _cached(self._township, key, lambda _: self.names.township(county, township))
        return found

    def _name_problems(self, ind: object, reg: object, year: object, bd: object,
                       reading: object) -> list[Bad]:
        bad: list[Bad] = []
        for value, column, name in ((ind, self.ci, "indicator"), (reg, self.cr, "region"),
                                    (year, self.cy, "year"), (bd, self.cb, "breakdown"),
                                    (reading, self.cv, "value")):
            if isinstance(value, Problem):
                bad.append(Bad(-1 if column is None else column, name, value))
        return bad

    def _source_unit(self, given: list[tuple[int, str, str]], word: str, unit: Unit) -> tuple[Unit, int] | Bad:
        """The unit the value is written in (its suffix `word`, else the units `given` as (column, field,
        text), which must agree with each other and with the suffix; else the indicator's) and the power of
        ten to the indicator's unit."""
        column, field, shown = self.cv, "value", word
        for at, name, text in given:
            found = self._unit.get(text)
            if found is None:
                found = _cached(self._unit, text, unit_word)
            if isinstance(found, Problem):
                return Bad(at, name, found)
            if (word and found and self._resolve(word, unit)[0] != (of_cell := self._resolve(found, unit)[0])
                    and not multiplies(word, of_cell, unit)):  # 0.5万 with unit 个 is 5,000 个
                return Bad(at, name, Problem("unit-conflict", {"given": shown, "other": text.strip()}))
            if not word:
                word, column, field, shown = found, at, name, text.strip()
        if not word:
            return unit, 0
        source, shift = self._resolve(word, unit)
        if shift is None:
            return Bad(column, field, Problem("unit-mismatch", {"given": shown, "expected": unit_label(unit)}))
        return source, shift

    def _resolve(self, word: str, unit: Unit) -> tuple[Unit, int | None]:
        found = self._shift.get((word, unit))
        if found is None:
            source = resolve_unit(word, unit)
            found = self._shift[(word, unit)] = (source, shift_of(source, unit))
        return found

    def _ratio(self, num_t: str, den_t: str, val_t: str, low: float, high: float, source: Unit,
               unit: Unit) -> Bad | None:
        """Numerator ÷ denominator must give the value within the value's reported precision. Each is a count
        read as values are (１２, 1,234, 1.2万); a missing marker (—, 无) in either is not given, as empty."""
        assert self.cn is not None and self.cd is not None
        parts: list[float] = []
        for text, column, name in ((num_t, self.cn, "numerator"), (den_t, self.cd, "denominator")):
            reading = parse_value(text)
            if isinstance(reading, Missing):  # not given; the other one must still be a count
                continue
            word = reading.unit_word if isinstance(reading, Reading) else ""
            count = resolve_unit(word, Unit.COUNT) if word else Unit.COUNT  # 万 (万人): a count × 10⁴
            if not isinstance(reading, Reading) or not reading.exact or reading.low < 0 or family(count) != "count":
                return Bad(column, name, Problem("not-a-number", {"text": text.strip()}))
            parts.append(shifted(reading.low_text, reading.low, shift_of(count, Unit.COUNT) or 0))
        if family(unit) != "rate" or len(parts) < 2:
            return None
        numerator, denominator = parts
        scale = 10.0 ** (shift_of(Unit.RATIO, unit) or 0)
        computed = numerator / denominator * scale if denominator else None
        value = parse_value(val_t)
        places = decimals(value.low_text or value.high_text) if isinstance(value, Reading) else 2
        step = 10.0 ** (shift_of(source, unit) or 0)
        tolerance = 0.5 * 10.0 ** -places * step + 1e-9 * max(1.0, abs(computed or 0.0))
        if computed is not None and low - tolerance <= computed <= high + tolerance:
            return None
        shown = "—" if computed is None else format_value(computed, unit)
        return Bad(self.cv, "value", Problem("numerator-mismatch", {
            "value": val_t.strip(), "numerator": num_t.strip(), "denominator": den_t.strip(),
            "computed": shown}))

    def _odd(self, cells: list[str], dirty: bool) -> Outcome | None:
        """Blank, comment, footnote, title, repeated-header, ragged and undecodable rows."""
        header = self.header
        assert header is not None
        stripped = [c.strip() for c in cells]
        filled = [c for c in stripped if c]
        if not filled:
            return Skip(None)
        if dirty:
            for i, cell in enumerate(cells):
                if SURROGATES.search(cell):
                    return [Bad(i, None, Problem("encoding-error", {
                        "encoding": self.encoding, "reason": "undecodable bytes in this cell"}))]
        if len(cells) > self.hwidth and any(stripped[self.hwidth:]):
            found = max(i for i, c in enumerate(stripped) if c) + 1
            stray = next(i for i in range(self.hwidth, len(stripped)) if stripped[i])  # where it is, not the edge
            return [Bad(stray, None, Problem("ragged-row", {
                "found": str(found), "expected": str(self.hwidth)}))]
        required = [stripped[header.positions[c]] for c in REQUIRED]
        lone_title = (len(filled) == 1 and not stripped[self.cv]
                      and not isinstance(parse_value(filled[0]), Reading))
        # (a row of nothing but footnotes, or of Excel errors such as a formula filled down past the data)
        if (_comment(filled[0]) or all(looks_like_footnote(c) for c in filled) or not any(required)
                or lone_title or _repeats(cells, header)):
            return Skip(filled[0][:40])
        return None


def _comment(text: str) -> bool:
    """A comment row's first cell (# note, #备注); an Excel error value (#N/A, #REF!) is data gone wrong."""
    return text.startswith("#") and not excel_error(text)


def _repeats(cells: list[str], header: Header) -> bool:
    again = read_header(0, 0, cells)
    return not again.missing() and again.positions == header.positions


def _within(x: float, lo: float, hi: float) -> bool:
    return math.isinf(x) or lo <= x <= hi


def unit_label(unit: Unit) -> str:
    return SYMBOLS[unit] or unit.value


def _range_text(lo: float, hi: float, unit: Unit) -> str:
    symbol = SYMBOLS[unit]
    low = f"{lo:g}{symbol}"
    return f"[{low}, {hi:g}{symbol}]" if not math.isinf(hi) else f"≥ {low}"
