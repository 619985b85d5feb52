"""Files in, tables of text cells out: folder walking, CSV (any encoding, any delimiter) and XLSX sheets.

A `Table` is one CSV file or one worksheet: a label for issues and an iterator of (line, cells) rows,
where a row that cannot be parsed is a `Problem` instead of cells. A whole-file problem is a `Table`
with `problem` set and no rows. Nothing here raises for bad input.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import stat
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from xyplan_cli.reader.columns import HEADER_SCAN, find_header
from xyplan_cli.reader.decode import Decoding, detect, kind_of
from xyplan_cli.reader.values import Problem

DATA_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx"})
SHEET_SUFFIXES = frozenset({".xls", ".xlsm", ".xlsb", ".ods", ".et", ".numbers"})
MAX_TEXT_BYTES = 2 << 30  # a CSV larger than this is refused
MAX_XLSX_UNPACKED = 1 << 30  # the unpacked size of a workbook's parts
HEAD_BYTES = 1 << 16
# A CSV without quotes up to this size is read at once (`_text`); larger ones are streamed, or read column by
# column (reader/columnar.py, from 4 MiB), whose peak memory must not include the whole text as well.
WHOLE_BYTES = 4 << 20
DELIMITERS = (",", "\t", ";", "|")

Row = tuple[int, "list[str] | Problem"]


@dataclass
class Table:
    label: str
    rows: Iterator[Row] = field(default_factory=lambda: iter(()))
    problem: Problem | None = None
    problem_line: int = 0
    decoding: Decoding | None = None
    delimiter: str = ","
    sheet: str = ""
    text: str | None = None  # a CSV without quotes read at once (`_text`): one row a line, its cells `split`


# -- finding files -----------------------------------------------------------------------------------
def discover(paths: Sequence[Path]) -> list[tuple[Path, Problem | None]]:
    """Files to read, in order: given files and folders sorted (the order of the arguments must not change
    the result, such as which of two equal rows is the reported duplicate), folders recursive, each file
    once.

    Hidden files and folders and Excel lock files (~$…) are skipped, symlinked folders are followed
    once (no loops), and files in folders that are not data files are ignored (spreadsheets of other
    formats are listed, so that they are reported rather than dropped).
    """
    found: list[tuple[Path, Problem | None]] = []
    seen: set[str] = set()

    def add(path: Path, problem: Problem | None = None) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.append((path, problem))

    for path in sorted(paths):
        if path.is_dir():
            for file, problem in _walk(path):
                add(file, problem)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            add(path, Problem("unreadable-file", {"reason": "no such file or folder"}))
    return found


def _walk(root: Path) -> Iterator[tuple[Path, Problem | None]]:
    visited: set[str] = set()
    problems: list[tuple[Path, Problem | None]] = []

    def on_error(exc: OSError) -> None:
        problems.append((Path(exc.filename or root), Problem("unreadable-file",
                                                              {"reason": exc.strerror or str(exc)})))

    files: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=True, onerror=on_error):
        real = os.path.realpath(folder)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            suffix = os.path.splitext(name)[1].lower()
            if name.startswith((".", "~$")) or suffix not in DATA_SUFFIXES | SHEET_SUFFIXES:
                continue
            files.append(Path(folder) / name)
    for file in sorted(files, key=lambda p: p.relative_to(root).parts):
        yield file, None
    yield from problems


# -- opening files -----------------------------------------------------------------------------------
def tables(path: Path, label: str, encoding: str | None = None) -> Iterator[Table]:
    """The tables of one file. Never raises."""
    try:
        info = path.stat()
    except OSError as exc:
        yield Table(label, problem=Problem("unreadable-file", {"reason": exc.strerror or str(exc)}))
        return
    if not stat.S_ISREG(info.st_mode):
        yield Table(label, problem=Problem("unreadable-file", {"reason": "not a regular file"}))
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        yield Table(label, problem=Problem("unreadable-file", {"reason": exc.strerror or str(exc)}))
        return
    suffix = path.suffix.lower()
    kind = kind_of(head)
    if kind == "zip":
        yield from _xlsx_tables(path, label)
    elif kind == "ole":
        reason = f"{suffix or '(none)'}: an Excel 97-2003 .xls or an encrypted workbook"
        yield Table(label, problem=Problem("unsupported-format", {"suffix": reason}))
    elif suffix not in DATA_SUFFIXES and suffix:
        yield Table(label, problem=Problem("unsupported-format", {"suffix": suffix}))
    elif kind == "binary" and not encoding:  # (NUL bytes: UTF-32 text, when --encoding says so)
        yield Table(label, problem=Problem("unsupported-format", {"suffix": f"{suffix} (binary data)"}))
    elif suffix == ".xlsx" and kind != "empty":
        yield Table(label, problem=Problem("corrupt-xlsx", {"reason": "not a zip file"}))
    elif info.st_size > MAX_TEXT_BYTES:
        yield Table(label, problem=Problem("file-too-large", {"reason": f"{info.st_size:,} bytes"}))
    else:
        yield _csv_table(path, label, head, encoding)


def _csv_table(path: Path, label: str, head: bytes, encoding: str | None) -> Table:
    decoding = detect(path, head, encoding)
    if isinstance(decoding, Problem):
        return Table(label, problem=decoding)
    delimiter = sniff_delimiter(_head_text(head, decoding))
    text = _text(path, decoding) if not decoding.quoted and not decoding.dirty else None
    if text is not None:
        return Table(label, rows=_text_rows(text, delimiter), decoding=decoding, delimiter=delimiter, text=text)
    return Table(label, rows=_csv_rows(path, decoding, delimiter), decoding=decoding, delimiter=delimiter)


def _text(path: Path, decoding: Decoding) -> str | None:
    """The text of a file without quotes, every line ending in `\n` as `_split_rows` reads the lines from the
    stream (where `\n`, `\r\n` or `\r` ends one); None when it is to be streamed: too large, a lone `\r`,
    or bytes that do not decode."""
    text = decoding.text
    if text is None:
        try:
            if path.stat().st_size > WHOLE_BYTES:
                return None
            text = path.read_bytes().decode(decoding.codec)
        except (OSError, LookupError, UnicodeError):
            return None
    text = text.removeprefix("\ufeff")  # a BOM the codec keeps (utf-8, utf-16-le …)
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    return text


def _text_rows(text: str, delimiter: str, start: int = 0, line: int = 1) -> Iterator[Row]:
    """The rows of a `_text` from offset `start`, the first at `line`, as `_split_rows` reads them."""
    end = len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop < 0:
            stop = end
        yield line, split(text[start:stop], delimiter)
        start, line = stop + 1, line + 1


def skip_lines(text: str, count: int) -> int:
    """The offset of the text after its first `count` lines."""
    start = 0
    for _ in range(count):
        start = text.find("\n", start) + 1
        if not start:
            return len(text)
    return start


def _head_text(head: bytes, decoding: Decoding) -> str:
    try:
        text = head.decode(decoding.codec, errors="replace")
    except (LookupError, UnicodeError):
        return ""
    text = text.removeprefix("\ufeff")
    cut = max(text.rfind("\n"), text.rfind("\r"))
    return text[:cut + 1] if cut > 0 and len(head) == HEAD_BYTES else text


def sniff_delimiter(text: str) -> str:
    """The delimiter under which a header row appears (the most columns wins); else the commonest."""
    best, best_score = "", 0
    lines = text.splitlines()[: HEADER_SCAN * 2]
    for delimiter in DELIMITERS:
        if delimiter not in text:
            continue  # every row one cell: no header (and each row's header lookup is costly)
        try:
            rows = [(n, row) for n, row in enumerate(csv.reader(lines, delimiter=delimiter), 1)]
        except csv.Error:
            continue
        header = find_header(rows)
        score = 0 if header is None else len(header.positions) * 10 - len(header.missing()) * 100
        if header is not None and not header.missing() and score > best_score:
            best, best_score = delimiter, score
    if best:
        return best
    return max(DELIMITERS, key=lambda d: (text.count(d), d == ","))


def _csv_rows(path: Path, decoding: Decoding, delimiter: str) -> Iterator[Row]:
    try:
        handle = _open(path, decoding)
    except (OSError, LookupError, UnicodeError) as exc:
        yield 0, Problem("unreadable-file", {"reason": str(getattr(exc, "strerror", "") or exc)})
        return
    with handle:
        if not decoding.quoted and not decoding.dirty:
            yield from _split_rows(handle, delimiter, decoding)
            return
        # Strict only when a quote may be left open: then a quote still open at the end of the file is an
        # error instead of a last cell that silently runs to the end.
        reader = csv.reader(handle, delimiter=delimiter, strict=decoding.odd_quotes)
        last = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    yield last + 1, Problem("unbalanced-quote", {"first": str(last + 1),
                                                                 "last": str(max(reader.line_num, last + 1))})
                    return
                yield last + 1, Problem("malformed-row", {"reason": str(exc)})
                if reader.line_num <= last:
                    return
                last = reader.line_num
                continue
            except (UnicodeError, OSError) as exc:
                yield last + 1, Problem("encoding-error", {"encoding": decoding.label, "reason": str(exc)})
                return
            if reader.line_num - last > 1 and _swallowed(cells, delimiter):
                yield last + 1, Problem("unbalanced-quote", {"first": str(last + 1),
                                                             "last": str(reader.line_num)})
            else:
                yield last + 1, cells
            last = reader.line_num


def _open(path: Path, decoding: Decoding) -> TextIO:
    """The file as text, after a leading U+FEFF: a BOM that the codec keeps (utf-8, utf-16-le, gb18030 …)."""
    handle = path.open("r", encoding=decoding.codec, errors="surrogateescape" if decoding.dirty else "strict",
                       newline="")
    try:
        if handle.read(1) != "\ufeff":
            handle.seek(0)
    except BaseException:
        handle.close()
        raise
    return handle


def _split_rows(handle: TextIO, delimiter: str, decoding: Decoding) -> Iterator[Row]:
    """The rows of a text without any quote character, exactly as `csv.reader` reads them but in two thirds
    of the time: each line is one row, its cells split by the delimiter, a blank line no cells."""
    line = 0
    try:
        for line, text in enumerate(handle, 1):
            yield line, split(text.rstrip("\r\n"), delimiter)
    except (UnicodeError, OSError) as exc:
        yield line + 1, Problem("encoding-error", {"encoding": decoding.label, "reason": str(exc)})


def split(line: str, delimiter: str) -> list[str] | Problem:
    """The cells of one line (without its end) of a text without quotes, as `csv.reader` reads them."""
    if len(line) > csv.field_size_limit():  # a cell may be longer than csv.reader allows: let it say so
        return _csv_line(line, delimiter)
    return line.split(delimiter) if line else []


def _csv_line(text: str, delimiter: str) -> list[str] | Problem:
    try:
        return next(csv.reader([text], delimiter=delimiter))
    except csv.Error as exc:
        return Problem("malformed-row", {"reason": str(exc)})


def _swallowed(cells: list[str], delimiter: str) -> bool:
    """A cell spanning lines that themselves look like rows: an unbalanced quote ate them."""
    return any(("\n" in cell or "\r" in cell)
               and any(line.count(delimiter) >= 3 for line in cell.splitlines()[1:]) for cell in cells)


# -- XLSX ----------------------------------------------------------------------------------------------
def _xlsx_tables(path: Path, label: str) -> Iterator[Table]:
    problem = _zip_problem(path)
    if problem is not None:
        yield Table(label, problem=problem)
        return
    try:
        from openpyxl import load_workbook  # type: ignore[import-untyped]

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=True)
        sheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")]
    except Exception as exc:
        yield Table(label, problem=Problem("corrupt-xlsx", {"reason": _short(exc)}))
        return
    try:
        if not sheets:
            yield Table(label, problem=Problem("empty-file", {}))
        for ws in sheets:
            name = label if len(sheets) == 1 else f"{label}[{ws.title}]"
            yield Table(name, rows=_sheet_rows(ws), sheet=ws.title)
    finally:
        book.close()


def _zip_problem(path: Path) -> Problem | None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return Problem("corrupt-xlsx", {"reason": _short(exc)})
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_XLSX_UNPACKED:
        return Problem("file-too-large", {"reason": f"{unpacked:,} bytes unpacked"})
    if not any(i.filename == "[Content_Types].xml" for i in infos):
        return Problem("corrupt-xlsx", {"reason": "a zip file, but not an Excel workbook"})
    return None


def _sheet_rows(ws: Any) -> Iterator[Row]:
    line = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ws.reset_dimensions()
            for line, row in enumerate(ws.iter_rows(), 1):
                yield line, [cell_text(c) for c in row]
    except Exception as exc:
        yield line + 1, Problem("corrupt-xlsx", {"reason": _short(exc)})


def cell_text(cell: Any) -> str:
    """A cell as the text a user sees: numbers without float noise, percent-formatted numbers with %."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        text = number_text(value)
        if _percent(getattr(cell, "number_format", "") or "") and text not in ("nan", "inf", "-inf"):
            with contextlib.suppress(InvalidOperation):
                text = format(Decimal(text).scaleb(2).normalize(), "f") + "%"
        return text
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


# What in a number format is shown as it is, never a placeholder: a quoted text, a \-escaped character, the
# character after _ (a space its width) or * (repeated to fill), and [colour], [>=100] or [$-zh-CN] sections.
_LITERALS = r'"[^"]*"?|\\.|[_*].|\[[^\]]*\]?'


def _percent(number_format: str) -> bool:
    """Whether Excel shows a number of this format times 100: an unquoted, unescaped % (`0.0%`, not
    `0.0"%"` or `0.0\\%`)."""
    return "%" in number_format and "%" in re.sub(_LITERALS, "", number_format)


def number_text(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


def count_rows(rows: Iterable[Row]) -> tuple[int, int]:
    """(non-blank rows, blank rows) of a table that cannot be read row by row."""
    filled = blank = 0
    for _, cells in rows:
        if isinstance(cells, list) and not any(c.strip() for c in cells):
            blank += 1
        else:
            filled += 1
    return filled, blank
