"""The table's fast paths give what the plain definitions give, on generated inputs: wrapping is greedy over the
pieces, a sparkline is a bar a year, rows are their blocks filled to the same height, a column's blocks are its
cells' own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xyplan_cli.report import Point
from xyplan_cli.reporters.common import SPARK_BARS, sparkline
from xyplan_cli.reporters.table import Cell, _block, _column, _join
from xyplan_cli.reporters.wrap import _cut, cell_len, measured, tokens
from xyplan_cli.units import SYMBOLS, Unit, format_value

ALPHABET = (
    st.sampled_from(list("0123456789 .,:;%‰+-/()[]=<>≤≥≈±Rabcxyz年万人小时·→—"))
    | st.sampled_from(list("，。、：；（）「」『』【】《》〈〉“”‘’！？…"))
    | st.sampled_from(["\u3000", "\t", "\n", "\u00a0", "０", "９", "\u0660", "\u0301", "\u200b", "一", "🙂"])
    | st.characters(min_codepoint=0x2E80, max_codepoint=0x9FFF)  # CJK
    | st.characters(min_codepoint=0xF900, max_codepoint=0xFFEF)  # compatibility ideographs, full-width forms
    | st.characters()
)
# Mostly the texts of a report: words, numbers and Chinese, with a few odd characters.
WORDS = st.sampled_from(["on", "track:", "+2.05%/yr", "since", "2020", "(69.8年", "→", "75.7年", "in", "2024),",
                         "R", "=", "0.71", "2024:", "95.2", "≥", "95%", "进度正常:自2020年起年均+2.05%(69.8年",
                         "2024年75.7年),预计2030年为85.5年", "《儿童规划》二(一)", "见附件(", "abcdefghijklmnopqrstuvw",
                         "", "（一）", "年，", "，，"])
REPORT_TEXT = st.lists(WORDS | st.text(alphabet=ALPHABET, max_size=6), max_size=14).map(" ".join)


def greedy(text: str, width: int) -> list[str]:
    """The plain definition of wrapping: each line takes the pieces that fit; a space that does not fit ends
    the line and is dropped, a piece that does not fit starts the next one, cut if wider than a line."""
    width = max(width, 2)
    out = []
    for paragraph in text.split("\n"):
        lines: list[str] = []
        line = ""
        for piece in tokens(paragraph.lstrip()):
            if cell_len(line + piece) <= width:
                line += piece
                continue
            if line.rstrip():
                lines.append(line.rstrip())
            line = "" if piece.isspace() else piece
            while cell_len(line) > width:
                lines.append(_cut(line, width))
                line = line[len(lines[-1]):]
        if line.rstrip() or not lines:
            lines.append(line.rstrip())
        out += lines
    return out


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60) | REPORT_TEXT, st.integers(min_value=0, max_value=30))
def test_measured_is_greedy_over_the_pieces(text: str, width: int) -> None:
    lines = measured(text, width)
    assert [line for line, _ in lines] == greedy(text, width)
    assert [cells for _, cells in lines] == [cell_len(line) for line, _ in lines]


def plain_sparkline(series: tuple[Point, ...]) -> str:
    """The plain definition: a bar a year from the first year to the last (the last value of a year counts, a
    year without one is a space), scaled between the lowest and the highest value; a flat series mid-height."""
    if not series:
        return ""
    values = {p.year: p.value for p in series}
    low, high = min(values.values()), max(values.values())
    bars = []
    for year in range(min(values), max(values) + 1):
        if year not in values:
            bars.append(" ")
        elif high == low:
            bars.append(SPARK_BARS[3])
        else:
            bars.append(SPARK_BARS[round((values[year] - low) / (high - low) * (len(SPARK_BARS) - 1))])
    return "".join(bars)


POINTS = st.lists(st.tuples(st.integers(2015, 2024), st.floats(-1e6, 1e6, allow_nan=False)), max_size=8)


@settings(max_examples=1000, deadline=None)
@given(POINTS, st.booleans())
def test_sparkline_is_the_plain_definition(pairs: list[tuple[int, float]], one_a_year: bool) -> None:
    if one_a_year:  # the common case, which has its own path: one point a year, in order
        pairs = [(2020 + k, value) for k, (_, value) in enumerate(pairs)]
    series = tuple(Point(year=year, value=value) for year, value in pairs)
    assert sparkline(series) == plain_sparkline(series)


def plain_rows(columns: list[list[tuple[str, ...]]], fills: list[str], bottom: bool) -> list[list[str]]:
    """The plain definition of a table's rows: each row's blocks filled to the row's height with their column's
    fill (under the lines, or above them for the header), then joined line by line."""
    rows = []
    for blocks in zip(*columns, strict=True):
        height = max(len(block) for block in blocks)
        missing = [[fill] * (height - len(block)) for block, fill in zip(blocks, fills, strict=True)]
        filled = [gap + list(block) if bottom else list(block) + gap
                  for block, gap in zip(blocks, missing, strict=True)]
        rows.append([GAP_TEXT.join(line) for line in zip(*filled, strict=True)])
    return rows


GAP_TEXT = "  "
BLOCK = st.lists(st.sampled_from(["a ", "bb", "", "年 ", "  "]), min_size=1, max_size=4).map(tuple)


@settings(max_examples=500, deadline=None)
@given(st.integers(2, 7).flatmap(lambda n: st.tuples(
    st.lists(st.lists(BLOCK, min_size=0, max_size=6), min_size=n, max_size=n),
    st.lists(st.sampled_from(["", " ", "   "]), min_size=n, max_size=n))), st.booleans())
def test_rows_are_the_plain_definition(columns_fills: tuple[list[list[tuple[str, ...]]], list[str]],
                                       bottom: bool) -> None:
    columns, fills = columns_fills
    rows = min(map(len, columns))
    columns = [column[:rows] for column in columns]  # as many blocks in every column: one a row
    assert _join(columns, fills, bottom) == plain_rows(columns, fills, bottom)


CELLS = st.lists(st.lists(st.tuples(st.sampled_from(["PASS", "咸阳市", "75.7年 (2024)", "▁▃▆▇█", "", "a b c d e"]),
                                    st.sampled_from(["", "cyan", "bold red"])), min_size=1, max_size=2).map(tuple),
                 max_size=12)


@settings(max_examples=300, deadline=None)
@given(CELLS, st.integers(2, 12), st.booleans(), st.booleans())
def test_column_lays_out_each_cell_as_block_does(cells: list[Cell], width: int, color: bool, last: bool) -> None:
    """A column's blocks, laid out once a distinct cell and paragraph, are each cell's own `_block`."""
    pad = 0 if last else width
    blocks = _column(cells, dict.fromkeys(cells), width, color, pad)
    assert blocks == [_block(cell, width, color, pad) for cell in cells]


@pytest.mark.parametrize("unit", list(Unit))
@pytest.mark.parametrize("value", [0.0, -0.0, 1234567.891, -0.004, 95.2, 10.0])
def test_format_value_groups_thousands_only_for_counts_and_money(unit: Unit, value: float) -> None:
    text = format_value(value, unit)
    grouped = f"{value:,.2f}".rstrip("0").rstrip(".")
    assert text.removesuffix(SYMBOLS[unit]) == grouped if unit in (Unit.COUNT, Unit.YUAN) else "," not in text
