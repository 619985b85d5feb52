"""The reader's shortcuts give what the general code gives: split rows, plain numbers, name keys, sniffing."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xyplan_cli.reader import sources
from xyplan_cli.reader.columns import find_header
from xyplan_cli.reader.decode import detect
from xyplan_cli.reader.normalize import clean, key, keys
from xyplan_cli.reader.rows import plain_number
from xyplan_cli.reader.values import Problem

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Everything that could make splitting differ from csv.reader, except the quote character itself.
PIECES = ["a", "中", " ", ",", "\t", ";", "|", "\r", "\n", "\r\n", "\x00", "\x0b", "\x0c", "\x1c", "\x85",
          "\u2028", "'", "\\", "é"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _by_csv(path: Path, codec: str, delimiter: str) -> list[tuple[int, list[str] | Problem]]:
    """The rows as `csv.reader` gives them (the reader's general path)."""
    with path.open("r", encoding=codec, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        rows: list[tuple[int, list[str] | Problem]] = []
        last = 0
        for cells in reader:
            rows.append((last + 1, cells))
            last = reader.line_num
        return rows


@SETTINGS
@given(text=texts, delimiter=st.sampled_from(sources.DELIMITERS))
def test_a_text_without_quotes_splits_as_csv_reads_it(tmp_path: Path, text: str, delimiter: str) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(text.encode())
    decoding = detect(path, path.read_bytes()[: sources.HEAD_BYTES])
    assert not isinstance(decoding, Problem) and not decoding.quoted
    assume(not decoding.dirty)  # (NULs can make it UTF-16 of an odd length) read by csv.reader anyway
    assert list(sources._csv_rows(path, decoding, delimiter)) == _by_csv(path, decoding.codec, delimiter)


def test_a_text_with_a_quote_is_read_by_csv(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('a,"b,c"\n')
    decoding = detect(path, path.read_bytes())
    assert not isinstance(decoding, Problem) and decoding.quoted
    assert list(sources._csv_rows(path, decoding, ",")) == [(1, ["a", "b,c"])]


def test_a_cell_over_the_csv_field_limit_is_a_malformed_row_when_split_too(tmp_path: Path) -> None:
    limit = csv.field_size_limit()
    path = tmp_path / "long.csv"
    path.write_text(f"a,b\n{'x' * (limit + 1)},1\n{'y' * limit},{'z' * limit}\nc,d\n")
    decoding = detect(path, path.read_bytes()[: sources.HEAD_BYTES])
    assert not isinstance(decoding, Problem) and not decoding.quoted
    rows = list(sources._csv_rows(path, decoding, ","))
    assert [line for line, _ in rows] == [1, 2, 3, 4]
    assert rows[1][1] == Problem("malformed-row", {"reason": f"field larger than field limit ({limit})"})
    assert rows[2][1] == ["y" * limit, "z" * limit]
    assert rows[3][1] == ["c", "d"]


@given(text=st.one_of(st.text(max_size=12), st.sampled_from(
    ["1", "-0", "1e3", "1_000", "nan", "-inf", "Infinity", " 7.5 ", "１２", "1,5", "0x10", "95%", "1e400"])))
def test_plain_number_is_a_finite_float_without_underscores(text: str) -> None:
    try:
        expected: float | None = float(text)
    except ValueError:
        expected = None
    if expected is not None and (expected != expected or expected in (float("inf"), float("-inf"))
                                 or "_" in text):
        expected = None
    assert plain_number(text) == expected


_SPACES = re.compile(r"\s+")
_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")


@given(text=st.one_of(st.text(max_size=20), st.sampled_from(
    ["数值(%)", "数值（%）", " 孕产妇 死亡率 (1/10万) ", "a\u3000b", "x()", "(a)(b)", "()", "ＡＢ　Ｃ"])))
def test_name_keys_are_the_regex_definitions(text: str) -> None:
    k = _SPACES.sub("", clean(text)).casefold()
    bare = _TRAILING_BRACKET.sub("", k)
    assert key(text) == k
    assert keys(text) == ((k, bare) if bare and bare != k else (k,))


@pytest.mark.parametrize("text", [
    "indicator,region,year,value\n", "indicator\tregion\tyear\tvalue\n", "a;b\nindicator;region;year;value\n",
    "indicator|region|year|value\n", "indicator region year value\n", "", "x\ny\n",
])
def test_sniffing_skips_absent_delimiters_without_changing_the_choice(text: str) -> None:
    best, best_score = "", 0
    for delimiter in sources.DELIMITERS:  # the full search, every delimiter tried
        header = find_header(list(enumerate(csv.reader(text.splitlines(), delimiter=delimiter), 1)))
        if header is not None and not header.missing():
            score = len(header.positions) * 10
            if score > best_score:
                best, best_score = delimiter, score
    expected = best or max(sources.DELIMITERS, key=lambda d: (text.count(d), d == ","))
    assert sources.sniff_delimiter(text) == expected
