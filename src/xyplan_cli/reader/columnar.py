"""Large, plain CSV files read column by column with pyarrow, under the row checker's rules.

Why: a national file has 1.7 M rows; `csv.reader` alone needs ~1.2 s for them and the row checker a few
µs more per row, so no row-by-row path can keep up with pandas. pyarrow's CSV reader parses on all cores
into dictionary-encoded columns: every distinct text of a column is then resolved once, by the very
lookups the row checker uses (`RowChecker.resolve`, `float()` for plain numbers), and the per-row work
is vectorised: take the resolved values, check ranges, sort by series and year, find repeats.

One set of rules: a row is taken here only when `RowChecker.fast` would accept it as it is (names known,
a plain number within the indicator's range, no unit, township, numerator or comment). Every other row
is built back into its cells and goes through `RowChecker.check`, and rows repeating a series-year go
through the reader's duplicate logic; so the dataset, counts and issues are the same as row by row.

Only plain files come here (`eligible`): UTF-8 without undecodable bytes, the header on the first line,
no quote characters, no lone carriage returns, at least `MIN_BYTES`. pyarrow refuses rows of another
width and invalid UTF-8; then the caller reads the file row by row instead. (A blank line arrives as a
row of empty cells, which the row checker skips as it does row by row.)
"""

from __future__ import annotations

import math
import os
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xyplan_cli.reader.block import HIGH_OPEN, LOW_OPEN, Block
from xyplan_cli.reader.columns import Header
from xyplan_cli.reader.dataset import TOTAL, Observation, SeriesKey
from xyplan_cli.reader.rows import Checked, Outcome, RowChecker, plain_number
from xyplan_cli.reader.sources import Table

MIN_BYTES = 4 << 20  # below this, importing pyarrow costs more than reading row by row
BLOCK_BYTES = 8 << 20  # parsed at a time
_CODECS = frozenset({"utf-8", "utf-8-sig"})


def eligible(path: Path, table: Table, header: Header) -> bool:
    decoding = table.decoding
    if decoding is None or decoding.dirty or decoding.codec not in _CODECS or header.index != 0:
        return False
    if header.line != 1 or header.duplicate or header.missing():
        return False
    try:
        size = path.stat().st_size
    except OSError:
        return False
    if size < MIN_BYTES:
        return False
    try:
        _pyarrow()
    except Exception:  # pragma: no cover - pyarrow is a dependency; without it (or memory), row by row
        return False
    return True


def _pyarrow() -> Any:
    """pyarrow, with the system allocator unless the user chose one: pyarrow's default (mimalloc) reserves
    ~1 GiB of address space up front, which a process under `ulimit -v` cannot afford; the system
    allocator gives freed blocks back as readily and peaks no higher here."""
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    import pyarrow  # type: ignore[import-untyped]

    return pyarrow


@dataclass
class Columnar:
    """What reading a file column by column gave: the row count, the outcome of every row that is not
    plain (in line order), and a block of the plain rows and of the accepted others, sorted by series
    and year, without the rows that repeat a series-year (`repeats`, in line order)."""

    read: int
    others: list[tuple[int, Outcome]]
    block: Block
    repeats: list[Observation] = field(default_factory=list)


def read(path: Path, table: Table, header: Header, checker: RowChecker, label: str) -> Columnar | None:
    """The file column by column, or None when pyarrow cannot read it as a plain table. The file is parsed
    in blocks of `BLOCK_BYTES` (memory stays bounded: only the compact columns of accepted rows add up)."""
    pa = _pyarrow()
    import pyarrow.csv as pacsv  # type: ignore[import-untyped]

    names = [f"c{i}" for i in range(header.width)]
    text_type = pa.dictionary(pa.int32(), pa.string())
    reading = _Reading(header, checker, label)
    try:
        if not _plain_file(path):
            return None
        batches = pacsv.open_csv(
            str(path),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(delimiter=table.delimiter, quote_char=False,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, text_type),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
        pool = pa.default_memory_pool()
        for batch in batches:
            reading.add(batch)
            del batch
            pool.release_unused()  # each block's transient arrays go back to the system, not to a pool
    except (pa.ArrowException, OSError, ValueError, MemoryError):
        return None  # read row by row instead
    if reading.rows == 0:
        return None
    done = reading.finish()
    pa.default_memory_pool().release_unused()  # the parsed text and sort buffers go back to the system
    return done


class _Reading:
    def __init__(self, header: Header, checker: RowChecker, label: str) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        self.pa, self.pc = pa, pc
        self.rows = 0
        self.first_line = header.line + 1
        self.checker = checker
        self.label = label
        self.ids: dict[str, dict[str, int]] = {"indicator": {}, "region": {}, "breakdown": {TOTAL: 0}}
        self.columns: list[Any] = []
        self.texts: list[list[str]] = []
        self.others: list[tuple[int, Outcome]] = []
        self.parts: dict[str, list[Any]] = {"ind": [], "reg": [], "bd": [], "year": [], "value": [], "line": []}
        self.notes: list[str | None] | None = [] if checker.cnote is not None else None

    # -- per distinct text ---------------------------------------------------------------------------
    def _id(self, column: str, ident: str) -> int:
        table = self.ids[column]
        found = table.get(ident)
        if found is None:
            found = table[ident] = len(table)
        return found

    def _resolved(self, position: int, column: str) -> list[int]:
        """Per distinct text of the column: the number of the id it names, or -1 for a problem."""
        out = []
        for text in self.texts[position]:
            found = self.checker.resolve(column, text)
            out.append(self._id(column, found) if isinstance(found, str) else -1)
        return out

    def _per_row(self, position: int, per_text: list[Any], kind: Any) -> Any:
        return self.pc.take(self.pa.array(per_text, kind), self.columns[position].indices)

    def _flag(self, position: int | None, test: Callable[[str], bool]) -> Any:
        """A boolean per row: does the cell pass `test` (None for a missing column)."""
        if position is None:
            return None
        return self._per_row(position, [test(t) for t in self.texts[position]], self.pa.bool_())

    # -- one block of the file -----------------------------------------------------------------------
    def add(self, batch: Any) -> None:
        pa, pc, ch = self.pa, self.pc, self.checker
        offset, count = self.rows, batch.num_rows
        self.rows += count
        if not count:
            return
        self.columns = [batch.column(i) for i in range(batch.num_columns)]
        self.texts = [c.dictionary.to_pylist() for c in self.columns]
        ind = self._per_row(ch.ci, self._resolved(ch.ci, "indicator"), pa.int32())
        reg = self._per_row(ch.cr, self._resolved(ch.cr, "region"), pa.int32())
        years = []
        for text in self.texts[ch.cy]:
            found = ch.resolve("year", text)
            years.append(found if isinstance(found, int) else -1)
        year = self._per_row(ch.cy, years, pa.int32())
        bd = (pa.nulls(count, pa.int32()).fill_null(0) if ch.cb is None
              else self._per_row(ch.cb, self._resolved(ch.cb, "breakdown"), pa.int32()))
        value = self._per_row(ch.cv, [_plain(t) for t in self.texts[ch.cv]], pa.float64())
        lows, highs = [-math.inf] * len(self.ids["indicator"]), [math.inf] * len(self.ids["indicator"])
        for ident, n in self.ids["indicator"].items():
            lows[n], highs[n] = ch.plain_ranges[ident]
        safe_ind = pc.max_element_wise(ind, 0)
        low = pc.take(pa.array(lows or [0.0], pa.float64()), safe_ind)
        high = pc.take(pa.array(highs or [0.0], pa.float64()), safe_ind)
        plain = pc.and_(pc.greater_equal(value, low), pc.less_equal(value, high))  # NaN: not plain
        for part in (pc.greater_equal(ind, 0), pc.greater_equal(reg, 0), pc.greater_equal(year, 0),
                     pc.greater_equal(bd, 0)):
            plain = pc.and_(plain, part)
        odd = [self._flag(0, lambda t: t.startswith("#"))]
        odd += [self._flag(c, bool) for c in (ch.ct, ch.cu)]
        if ch.cn is not None and ch.cd is not None:
            odd += [self._flag(ch.cn, bool), self._flag(ch.cd, bool)]
        for flag in odd:
            if flag is not None:
                plain = pc.and_(plain, pc.invert(flag))
        plain = pc.fill_null(plain, False)
        del low, high, odd
        self.others += self._others(pc.indices_nonzero(pc.invert(plain)).to_pylist(), offset)
        keep = pc.indices_nonzero(plain)
        parts = self.parts
        for name, column in (("ind", ind), ("reg", reg), ("bd", bd), ("year", year), ("value", value)):
            parts[name].append(pc.take(column, keep))
        parts["line"].append(pc.add(keep.cast(pa.int32()), pa.scalar(self.first_line + offset, pa.int32())))
        if self.notes is not None and ch.cnote is not None:
            notes_of = [t.strip() or None for t in self.texts[ch.cnote]]
            self.notes += [notes_of[k] for k in pc.take(self.columns[ch.cnote].indices, keep).to_pylist()]

    def _others(self, positions: list[int], offset: int) -> list[tuple[int, Outcome]]:
        """The rows that are not plain, through the row checker, cell by cell as they were written."""
        if not positions:
            return []
        where = self.pa.array(positions, self.pa.int64())
        cells_by_column = [[texts[k] for k in self.pc.take(column.indices, where).to_pylist()]
                           for texts, column in zip(self.texts, self.columns, strict=True)]
        out = []
        for n, position in enumerate(positions):
            cells = [column[n] for column in cells_by_column]
            out.append((self.first_line + offset + position, self.checker.check(cells)))
        return out

    # -- the whole file ------------------------------------------------------------------------------
    def finish(self) -> Columnar:
        pa, pc = self.pa, self.pc
        self.columns, self.texts = [], []
        parts = self.parts
        checked = [(line_no, o) for line_no, o in self.others if isinstance(o, Checked)]
        kept = sum(len(c) for c in parts["line"])
        flags = None
        notes = self.notes
        highs: list[Any] | None = None  # None: every high equals its low
        if checked:
            parts["ind"].append(pa.array([self._id("indicator", o.indicator) for _, o in checked], pa.int32()))
            parts["reg"].append(pa.array([self._id("region", o.region) for _, o in checked], pa.int32()))
            parts["bd"].append(pa.array([self._id("breakdown", o.breakdown) for _, o in checked], pa.int32()))
            parts["year"].append(pa.array([o.year for _, o in checked], pa.int32()))
            if any(o.high != o.low for _, o in checked):
                highs = [*parts["value"], pa.array([o.high for _, o in checked], pa.float64())]
            parts["value"].append(pa.array([o.low for _, o in checked], pa.float64()))
            parts["line"].append(pa.array([n for n, _ in checked], pa.int32()))
            opens = [(LOW_OPEN if o.low_open else 0) | (HIGH_OPEN if o.high_open else 0) for _, o in checked]
            if any(opens):
                flags = [0] * kept + opens
            if notes is not None or any(o.note is not None for _, o in checked):
                notes = (notes if notes is not None else [None] * kept) + [o.note for _, o in checked]

        def whole(chunks: list[Any], kind: Any) -> Any:
            return pa.chunked_array(chunks, kind)

        n_reg, n_bd = len(self.ids["region"]) or 1, len(self.ids["breakdown"]) or 1
        series = pc.add(pc.multiply(pc.add(pc.multiply(whole(parts.pop("ind"), pa.int32()).cast(pa.int64()), n_reg),
                                           whole(parts.pop("reg"), pa.int32()).cast(pa.int64())), n_bd),
                        whole(parts.pop("bd"), pa.int32()).cast(pa.int64()))
        columns = {"series": series, "year": whole(parts.pop("year"), pa.int32()),
                   "line": whole(parts.pop("line"), pa.int32()), "low": whole(parts.pop("value"), pa.float64())}
        if highs is not None:
            columns["high"] = whole(highs, pa.float64())
        del series, highs
        return self._block(columns, flags, notes, n_reg, n_bd)

    def _block(self, columns: dict[str, Any], flags: list[int] | None, notes: list[str | None] | None,
               n_reg: int, n_bd: int) -> Columnar:
        pa, pc = self.pa, self.pc
        # One int64 key (series, then year: years lie in 1949-2100); the sort is stable, so rows of one
        # series-year stay in line order. Columns are put in order one at a time (memory: one copy).
        order = pc.sort_indices(pc.add(pc.multiply(columns["series"], 256),
                                       pc.subtract(columns["year"].cast(pa.int64()), 1900)))
        for name in list(columns):
            columns[name] = pc.take(columns.pop(name), order).combine_chunks()
        series, year, line, low = columns.pop("series"), columns.pop("year"), columns.pop("line"), columns.pop("low")
        high = columns.pop("high", low)
        sorted_at = order.to_pylist() if (flags is not None or notes is not None) else None
        del order
        if flags is not None and sorted_at is not None:
            flags = [flags[i] for i in sorted_at]
        if notes is not None and sorted_at is not None:
            notes = [notes[i] for i in sorted_at]
        rows = len(series)
        # Series-years given more than once: out of the block, to the duplicate logic in line order.
        repeated: set[int] = set()
        if rows > 1:
            same = pc.and_(pc.equal(series.slice(1), series.slice(0, rows - 1)),
                           pc.equal(year.slice(1), year.slice(0, rows - 1)))
            for i in pc.indices_nonzero(same).to_pylist():
                repeated.update((i, i + 1))
        keys = self._keys()
        repeats: list[Observation] = []
        if repeated:
            codes = series.to_pylist()
            years_py, lows_py, lines_py = year.to_pylist(), low.to_pylist(), line.to_pylist()
            highs_py = lows_py if high is low else high.to_pylist()
            for i in sorted(repeated, key=lambda i: lines_py[i]):
                flag = flags[i] if flags is not None else 0
                repeats.append(Observation(*keys(codes[i], n_reg, n_bd), years_py[i], lows_py[i], highs_py[i],
                                           bool(flag & LOW_OPEN), bool(flag & HIGH_OPEN),
                                           notes[i] if notes is not None else None, self.label, lines_py[i]))
            del codes, years_py, lows_py, highs_py, lines_py
            mask = [i not in repeated for i in range(rows)]
            kept = pa.array(mask, pa.bool_())
            series, year, line = pc.filter(series, kept), pc.filter(year, kept), pc.filter(line, kept)
            low, high = pc.filter(low, kept), (None if high is low else pc.filter(high, kept))
            if flags is not None:
                flags = [f for f, k in zip(flags, mask, strict=True) if k]
            if notes is not None:
                notes = [t for t, k in zip(notes, mask, strict=True) if k]
            rows = len(series)
        block = self._columns(series, year, line, low, high, flags, notes, rows, keys, n_reg, n_bd)
        return Columnar(read=self.rows, others=self.others, block=block, repeats=repeats)

    def _keys(self) -> Callable[[int, int, int], SeriesKey]:
        names = {column: list(table) for column, table in self.ids.items()}

        def key(code: int, n_reg: int, n_bd: int) -> SeriesKey:
            rest, b = divmod(code, n_bd)
            i, r = divmod(rest, n_reg)
            return names["indicator"][i], names["region"][r], names["breakdown"][b]

        return key

    def _columns(self, series: Any, year: Any, line: Any, low: Any, high: Any, flags: list[int] | None,
                 notes: list[str | None] | None, rows: int, keys: Callable[[int, int, int], SeriesKey],
                 n_reg: int, n_bd: int) -> Block:
        pa, pc = self.pa, self.pc
        starts = [0]
        if rows > 1:
            changed = pc.not_equal(series.slice(1), series.slice(0, rows - 1))
            starts += [i + 1 for i in pc.indices_nonzero(changed).to_pylist()]
        codes = pc.take(series, pa.array(starts, pa.int64())).to_pylist() if rows else []
        del series
        starts.append(rows)
        exact = high is None or high is low or not rows or pc.all(pc.equal(low, high)).as_py() in (True, None)
        highs = None if exact else _array("d", high)
        del high
        years = _array("i", year)
        del year
        lines = _array("i", line)
        del line
        lows = _array("d", low)
        del low
        pa.default_memory_pool().release_unused()  # before the index takes Python memory
        index = {keys(code, n_reg, n_bd): n for n, code in enumerate(codes)}
        del codes
        return Block(file=self.label, index=index, starts=array("q", starts if rows else [0]), years=years,
                     lows=lows, highs=highs, flags=bytes(flags) if flags is not None and any(flags) else None,
                     notes=notes if notes is not None and any(t is not None for t in notes) else None,
                     lines=lines)


def _plain_file(path: Path) -> bool:
    """No quote character and no carriage return outside CRLF: cells are exactly what lies between
    delimiters, as `csv.reader` reads them too."""
    with path.open("rb") as handle:
        tail = b""
        while chunk := handle.read(1 << 20):
            if b'"' in chunk:
                return False
            joined = tail + chunk
            if joined[:-1].count(b"\r") != joined.count(b"\r\n"):
                return False
            tail = chunk[-1:]
        return not tail.endswith(b"\r")


def _plain(text: str) -> float:
    """The number of a plain cell as `RowChecker.fast` takes it; NaN for anything else."""
    value = plain_number(text)
    return math.nan if value is None else value


def _array(code: str, values: Any) -> array:  # type: ignore[type-arg]
    """A compact Python array from a pyarrow array without nulls (its data buffer, no Python objects)."""
    out = array(code)
    if len(values):
        buffer = values.buffers()[1]
        size = out.itemsize
        out.frombytes(memoryview(buffer)[values.offset * size:(values.offset + len(values)) * size])
    return out
