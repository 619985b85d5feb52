"""`read_submissions`: files and folders in; the dataset, the row accounting and the issues out.

Every row below a header ends in exactly one of accepted, rejected or skipped, so
`read == accepted + rejected + skipped` holds for any input. Rows of a file without a usable header
count as read and rejected; title rows above a header are not rows of data and are not counted.

Duplicates: the same indicator × region × breakdown × year again with the same value is a `duplicate`
warning and the repeat counts as skipped. Once any row of a series-year has a different value (in one
file or across files), every row of it is rejected with `duplicate-conflict`, each naming a row with
another value, and none is used: which rows are rejected never depends on the order of the files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path

from xyplan_cli import collector
from xyplan_cli.catalogue.model import Catalogue
from xyplan_cli.issues import Issue
from xyplan_cli.reader import columnar
from xyplan_cli.reader.block import Block
from xyplan_cli.reader.columns import HEADER_SCAN, REQUIRED, Header, find_header
from xyplan_cli.reader.dataset import Dataset, Observation, ReadResult, RowCounts, SeriesKey, SeriesMap
from xyplan_cli.reader.rows import Bad, Cells, Checked, Outcome, RowChecker, Skip
from xyplan_cli.reader.sources import Row, Table, count_rows, discover, skip_lines, tables
from xyplan_cli.reader.values import Missing, Problem
from xyplan_cli.units import Unit, format_value

_year = itemgetter(3)  # of an Observation

# Told how far a long run is: (phase, done, total), e.g. ("read", 12, 300) after the 12th of 300 files.
Progress = Callable[[str, int, int], None]


def read_submissions(paths: Sequence[Path], catalogue: Catalogue, *, encoding: str | None = None,
                     progress: Progress | None = None) -> ReadResult:
    """Read CSV/XLSX files and folders of them. Never raises for bad input: problems become issues.

    `progress`, if given, is called as `progress("read", done, total)` after each file.

    The cyclic garbage collector is paused while reading: the reader makes millions of small objects
    and no cycles, and the collector's repeated scans of them cost ~15% of the time.
    """
    with collector.paused():
        reader = _Reader(catalogue)
        files: list[str] = []
        found = discover(paths)
        for done, (path, problem) in enumerate(found, 1):
            label = str(path)
            files.append(label)
            before = reader.counts()
            if problem is not None:
                reader.issue(problem.code, label, params=problem.params)
            else:
                reader.read_file(path, label, encoding)
            reader.count_file(label, before)
            if progress is not None:
                progress("read", done, len(found))
        return reader.result(files)


class _Reader:
    def __init__(self, catalogue: Catalogue) -> None:
        self.checker = RowChecker(catalogue)
        self.units = self.checker.units
        self.issues: list[Issue] = []
        self.read = self.accepted = self.rejected = self.skipped = 0
        # series → year → the first accepted row; the value column of each table
        self.series: dict[SeriesKey, dict[int, Observation]] = {}
        self.value_columns: dict[str, int] = {}
        self.blocks: list[Block] = []  # large files read column by column (`columnar`)
        # A conflicted series-year's first row with a value other than the first's; the same-value repeats
        # of a series-year, each with the index of its `duplicate` issue (a later conflict rejects them)
        self.conflicts: dict[tuple[SeriesKey, int], Observation] = {}
        self.repeats: dict[tuple[SeriesKey, int], list[tuple[Observation, int]]] = {}
        # Per file: its rows (read, accepted, rejected, skipped); the file of each table label; rows
        # rejected by a conflict found later, as (table, what the row was counted as): the conflict may be
        # found while reading a later file, but the row is counted against its own file (`count_file`)
        self.file_rows: dict[str, dict[str, int]] = {}
        self.file_of: dict[str, str] = {}
        self.withdrawn: list[tuple[str, str]] = []

    def issue(self, code: str, file: str, line: int = 0, column: int = 0, field: str | None = None,
              params: dict[str, str] | None = None) -> None:
        self.issues.append(Issue(code=code, file=file, line=line, column=column, field=field,
                                 params=params or {}))

    def result(self, files: list[str]) -> ReadResult:
        conflicted = self.conflicts
        lists: dict[SeriesKey, list[Observation]] = {}
        for key, by_year in self.series.items():
            kept = sorted(by_year.values(), key=_year)
            if conflicted:
                kept = [o for o in kept if (key, o.year) not in conflicted]
            if kept:
                lists[key] = kept
        dataset = Dataset(SeriesMap(lists, blocks=self.blocks))
        # counts the reader made itself: constructed without validation (that would build the model's schema
        # and load pydantic's plugin machinery on every run, ~7 ms, to check four ints)
        rows = RowCounts.model_construct(read=self.read, accepted=self.accepted, rejected=self.rejected,
                                         skipped=self.skipped)
        file_rows = {f: RowCounts.model_construct(None, **n) for f, n in self.file_rows.items()}
        return ReadResult(dataset=dataset, rows=rows, issues=sorted(self.issues, key=Issue.sort_key),
                          files=files, file_rows=file_rows, file_of=self.file_of)

    def counts(self) -> tuple[int, int, int, int, int]:
        """The running totals (read, accepted, rejected, skipped) and the number of withdrawn rows."""
        return self.read, self.accepted, self.rejected, self.skipped, len(self.withdrawn)

    def count_file(self, label: str, before: tuple[int, int, int, int, int]) -> None:
        """The rows of the file just read: the totals' growth since `before`, except that a conflict with a
        row of an earlier file moves that row from accepted (or skipped) to rejected in the earlier file's
        count."""
        read, accepted, rejected, skipped, withdrawn = before
        here = self.file_rows[label] = {"read": self.read - read, "accepted": self.accepted - accepted,
                                        "rejected": self.rejected - rejected, "skipped": self.skipped - skipped}
        for table, was in self.withdrawn[withdrawn:]:
            earlier = self.file_rows[self.file_of.get(table, table)]  # may be `here` (a conflict in one file)
            here[was] += 1
            here["rejected"] -= 1
            earlier[was] -= 1
            earlier["rejected"] += 1

    # -- files ---------------------------------------------------------------------------------------
    def read_file(self, path: Path, label: str, encoding: str | None) -> None:
        """Every table (CSV file or worksheet) of a file. In a workbook with several sheets, a sheet
        without any header-like row is skipped (reported) as long as another sheet has a header."""
        headerless: list[tuple[Table, list[Row]]] = []
        headed = 0
        for table in tables(path, label, encoding):
            self.file_of[table.label] = label
            if table.problem is not None:
                self.issue(table.problem.code, table.label, table.problem_line, params=table.problem.params)
                continue
            head = list(islice(table.rows, HEADER_SCAN))
            header = find_header(head)
            if header is None and table.label != label:
                headerless.append((table, head + list(table.rows)))
                continue
            headed += 1
            self.read_table(table, chain(head, table.rows), header, path)
        for table, rows in headerless:
            if headed:
                filled, _ = count_rows(rows)
                if filled:
                    self.issue("sheet-skipped", table.label, params={"sheet": table.sheet})
            else:
                self.read_table(table, iter(rows), None)

    def read_table(self, table: Table, rows: Iterator[Row], header: Header | None,
                   path: Path | None = None) -> None:
        label = table.label
        if header is None or header.missing() or header.duplicate:
            self._unusable(table, rows, header)
            if table.decoding is not None and table.decoding.dirty:
                self._dirty(table)  # the likely reason why no header was found
            return
        before = self.read
        if path is not None and columnar.eligible(path, table, header):
            self.checker.use(header, table.decoding.label if table.decoding else "")
            read = columnar.read(path, table, header, self.checker, label)
            if read is not None:
                self._columnar(label, header, read)
                return
        dirty = bool(table.decoding and table.decoding.dirty)
        encoding = table.decoding.label if table.decoding else ""
        if table.text is not None and not dirty:
            self._lines(label, header, table.text, table.delimiter, encoding)
        else:
            self._rows(label, header, islice(rows, header.index + 1, None), dirty, encoding)
        if dirty:
            self._dirty(table)
        if self.read == before:
            self.issue("no-data", label, header.line)

    def _unusable(self, table: Table, rows: Iterator[Row], header: Header | None) -> None:
        """A table without a usable header: its non-blank rows (below the header-like row, if any) are
        read and rejected."""
        if header is not None and header.duplicate:
            self.issue("duplicate-header", table.label, header.line, header.duplicate_at + 1,
                       params={"column": header.duplicate})
        filled, _ = count_rows(islice(rows, 0 if header is None else header.index + 1, None))
        if header is None or not header.duplicate:
            if header is None and not filled:
                self.issue("empty-file", table.label)
            else:
                missing = header.missing() if header is not None else list(REQUIRED)
                self.issue("no-header", table.label, params={"missing": ", ".join(missing)})
        self.read += filled
        self.rejected += filled

    def _dirty(self, table: Table) -> None:
        decoding = table.decoding
        assert decoding is not None
        if not any(i.file == table.label and i.line == decoding.bad_line and i.code == "encoding-error"
                   for i in self.issues):
            self.issue("encoding-error", table.label, decoding.bad_line,
                       params={"encoding": decoding.label, "reason": decoding.reason})

    # -- rows ----------------------------------------------------------------------------------------
    def _rows(self, label: str, header: Header, rows: Iterator[Row], dirty: bool, encoding: str) -> None:
        self.checker.use(header, encoding)
        full, fast = self.checker.check, self.checker.fast()
        series, blocks = self.series, self.blocks
        new = tuple.__new__  # makes an Observation without its Python-level __new__: half the cost per row
        value_column = self.value_columns[label] = header.positions["value"] + 1
        read = accepted = 0
        for line, cells in rows:
            read += 1
            if isinstance(cells, Problem):
                self._reject(label, line, [Bad(-1, None, cells)])
                continue
            outcome = full(cells, True) if dirty else fast(cells)
            if isinstance(outcome, Checked):
                ind, reg, bd, year, low, high, low_open, high_open, note = outcome
                obs = new(Observation, (ind, reg, bd, year, low, high, low_open, high_open, note, label, line))
                key = (ind, reg, bd)
                by_year = series.get(key)
                if by_year is None:
                    by_year = series[key] = {}
                if blocks and year not in by_year:
                    self._from_blocks(key, year, by_year)
                if year in by_year:
                    self._again(key, by_year, obs)
                else:
                    by_year[year] = obs
                    accepted += 1
            else:
                self._not_taken(label, line, outcome, value_column)
        self.read += read
        self.accepted += accepted

    def _lines(self, label: str, header: Header, text: str, delimiter: str, encoding: str) -> None:
        """`_rows` for a table read as text, one row a line (`header.line` is `header.index + 1`): its rows
        below the header checked column by column (`RowChecker.lines`), then taken in line order: each
        observation as `_rows` takes an accepted row, the cells of any other row one by one (`_cells`)."""
        self.checker.use(header, encoding)
        fast = self.checker.fast()
        series, blocks = self.series, self.blocks
        value_column = self.value_columns[label] = header.positions["value"] + 1
        first = header.line + 1
        accepted = 0
        for made in self.checker.lines(text, skip_lines(text, header.line), delimiter, label, first):
            for line, obs in enumerate(made, first):
                if obs.__class__ is not Observation:
                    self._cells(label, line, obs, fast, value_column)  # type: ignore[arg-type]
                    continue
                key = obs[:3]
                by_year = series.get(key)
                if blocks or (by_year is not None and obs[3] in by_year):
                    self._insert(obs)  # (a repeat, or the series-year may be in a block)
                elif by_year is None:
                    series[key] = {obs[3]: obs}
                    accepted += 1
                else:
                    by_year[obs[3]] = obs
                    accepted += 1
            first += len(made)
        self.read += first - header.line - 1
        self.accepted += accepted

    def _cells(self, label: str, line: int, cells: Cells, fast: Callable[[list[str]], Outcome],
               value_column: int) -> None:
        """One row by its cells, as `_rows` takes it."""
        if isinstance(cells, Problem):
            self._reject(label, line, [Bad(-1, None, cells)])
            return
        outcome = fast(cells)
        if isinstance(outcome, Checked):
            self._insert(tuple.__new__(Observation, (*outcome, label, line)))
        else:
            self._not_taken(label, line, outcome, value_column)

    def _not_taken(self, label: str, line: int, outcome: Skip | Missing | list[Bad], value_column: int) -> None:
        """A row that gives no observation: skipped (a note or an empty value, with its issue) or rejected."""
        if isinstance(outcome, Skip):
            self.skipped += 1
            if outcome.text is not None:
                self.issue("row-skipped", label, line, params={"text": outcome.text})
        elif isinstance(outcome, Missing):
            self.skipped += 1
            self.issue("missing-value", label, line, value_column, "value", params={"text": outcome.text})
        else:
            self._reject(label, line, outcome)

    def _columnar(self, label: str, header: Header, read: columnar.Columnar) -> None:
        """A file read column by column: the outcomes of its other rows, then its block. Rows of the block
        that repeat a series-year of an earlier file (or of the file itself: `read.repeats`) are taken out
        and judged one by one, in line order, as the row-by-row reader would have."""
        self.value_columns[label] = header.positions["value"] + 1
        self.read += read.read
        for line, outcome in read.others:
            if not isinstance(outcome, Checked):  # a checked row is in the block
                self._not_taken(label, line, outcome, self.value_columns[label])
        block = read.block
        again = list(read.repeats)
        if self.series or self.blocks:
            for key in list(block.index):
                by_year = self.series.get(key)
                earlier = [b for b in self.blocks if key in b.index]
                if by_year is None and not earlier:
                    continue
                for i in block.rows(key):
                    year = block.years[i]
                    if (by_year is not None and year in by_year) or any(b.find(key, year) is not None
                                                                        for b in earlier):
                        again.append(block.take(key, i))
        self.accepted += len(block)
        for obs in sorted(again, key=lambda o: o.line):
            self._insert(obs)
        self.blocks.append(block)

    def _insert(self, obs: Observation) -> None:
        """One accepted row, as `_rows` takes it: the first for its series-year, or a repeat."""
        key = (obs.indicator, obs.region, obs.breakdown)
        by_year = self.series.get(key)
        if by_year is None:
            by_year = self.series[key] = {}
        if self.blocks and obs.year not in by_year:
            self._from_blocks(key, obs.year, by_year)
        if obs.year not in by_year:
            by_year[obs.year] = obs
            self.accepted += 1
        else:
            self._again(key, by_year, obs)

    def _from_blocks(self, key: SeriesKey, year: int, by_year: dict[int, Observation]) -> None:
        """A series-year held by a block of an earlier file moves to the row-by-row state (as the first)."""
        for block in self.blocks:
            if key in block.index:
                i = block.find(key, year)
                if i is not None:
                    by_year[year] = block.take(key, i)
                    return

    def _reject(self, label: str, line: int, problems: list[Bad]) -> None:
        self.rejected += 1
        for bad in problems:
            self.issue(bad.problem.code, label, line, bad.column + 1, bad.field, bad.problem.params)

    def _again(self, key: SeriesKey, by_year: dict[int, Observation], obs: Observation) -> None:
        """Another row for a series-year: a duplicate (same value, skipped) or a conflict (all rejected)."""
        first = by_year[obs.year]
        year = (key, obs.year)
        column = self.value_columns[obs.file]
        unit = self.units[obs.indicator]
        conflict = self.conflicts.get(year)
        if conflict is not None:  # named: a row with another value than this one's
            other = conflict if _same(obs, first) else first
            self.rejected += 1
            self.issue("duplicate-conflict", obs.file, obs.line, column, "value", {
                "other": f"{other.file}:{other.line}", "value": _shown(obs, unit), "other_value": _shown(other, unit)})
        elif _same(obs, first):
            self.skipped += 1
            self.repeats.setdefault(year, []).append((obs, len(self.issues)))
            self.issue("duplicate", obs.file, obs.line, column, "value", {"other": f"{first.file}:{first.line}"})
            if first.note is None and obs.note is not None:
                by_year[obs.year] = first._replace(note=obs.note)
        else:
            here, there = f"{obs.file}:{obs.line}", f"{first.file}:{first.line}"
            self.conflicts[year] = obs
            self.withdrawn.append((first.file, "accepted"))
            self.accepted -= 1
            self.rejected += 2
            self.issue("duplicate-conflict", obs.file, obs.line, column, "value", {
                "other": there, "value": _shown(obs, unit), "other_value": _shown(first, unit)})
            self.issue("duplicate-conflict", first.file, first.line, self.value_columns[first.file], "value", {
                "other": here, "value": _shown(first, unit), "other_value": _shown(obs, unit)})
            for repeat, at in self.repeats.pop(year, ()):  # counted once until now: rejected with the rest
                self.withdrawn.append((repeat.file, "skipped"))
                self.skipped -= 1
                self.rejected += 1
                self.issues[at] = Issue(code="duplicate-conflict", file=repeat.file, line=repeat.line,
                                        column=self.value_columns[repeat.file], field="value", params={
                                            "other": here, "value": _shown(repeat, unit),
                                            "other_value": _shown(obs, unit)})


def _same(a: Observation, b: Observation) -> bool:
    return (a.low, a.high, a.low_open, a.high_open) == (b.low, b.high, b.low_open, b.high_open)


def _shown(obs: Observation, unit: Unit) -> str:
    bound = obs.bound_text()
    return bound if bound is not None else format_value(obs.value, unit)

