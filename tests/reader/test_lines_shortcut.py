"""A CSV without quotes read as text, column by column (`RowChecker.lines`), gives what reading it row by row
from the stream gives: the same rows, observations, counts and issues, for any cells and chunk size."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.reader import ReadResult, read_submissions, rows, sources
from xyplan_cli.reader.columns import column_of, read_header
from xyplan_cli.reader.dataset import Observation
from xyplan_cli.reader.decode import detect
from xyplan_cli.reader.rows import Checked, RowChecker
from xyplan_cli.reader.values import Problem

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

HEADERS = ["indicator,region,year,value", "indicator,region,year,value,breakdown,note",
           "指标,地区,年份,分组,数值,单位,说明,分子,分母", "#,indicator,region,township,year,value",
           "value,year,region,indicator,unit"]
# Cells by column, mostly plain (the shortcut's rows), and every kind of other cell, so that both kinds mix.
POOLS = {
    "indicator": ["maternal_mortality", "孕产妇死亡率", "female_life_expectancy", "no_such_indicator", "#x", "#N/A",
                  "5岁以下儿童死亡率(%)", "婴儿死亡率(‰)"],
    "region": ["610400", "咸阳市", "秦都区", "610422/城关街道", "nowhere", " "],
    "year": ["2020", "2021", "2022", "2023 年", "20x"],
    "value": ["9.5", "-0", " 7 ", "-1", "1e9", "95%", ">9", "NA", "1_0", "nan", "inf", "十", "１２", "#N/A", "5.",
              "0,952"],
    "breakdown": ["总计", "城镇", "male", "nothing"],
    "unit": ["‰", "%", "1/10万", "人", "ratio"],
    "note": ["口径调整", " x "],
    "township": ["城关街道"],
    "numerator": ["3", "x", "—", "0.5万"],
    "denominator": ["4", "0", "无", "1.2万"],
}
PLAIN = {"indicator", "region", "year", "value", "breakdown", "note"}
CELLS = [c for pool in POOLS.values() for c in pool] + ["", " ", "#", "注:说明"]


@st.composite
def rows_of(draw: st.DrawFn, header: str, delimiter: str = ",") -> list[str]:
    """Lines under `header`: each cell from its column's pool (or empty) mostly, else anything."""
    columns = [column_of(c) or "" for c in header.split(",")]
    lines = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 5))
        if kind == 0:  # any cells, any number of them
            cells = draw(st.lists(st.one_of(st.sampled_from(CELLS), st.text(alphabet="9.,e-x 年", max_size=5)),
                                  max_size=len(columns) + 2))
        elif kind < 3:  # plain: known names, a plain number in range, no unit, township, numerator, denominator
            cells = [draw(st.sampled_from(POOLS[c][:3])) if c in PLAIN else "" for c in columns]
        else:
            cells = [draw(st.sampled_from(POOLS[c])) if c in POOLS and draw(st.integers(0, 3)) else ""
                     for c in columns]
        lines.append(delimiter.join(c for c in cells if delimiter not in c))
    return lines


def compact(result: ReadResult) -> tuple[object, ...]:
    """Everything a read gives, file and line included, as comparable tuples."""
    observations = sorted((key, tuple(o)) for key, values in result.dataset.series.items() for o in values)
    issues = [(i.file, i.line, i.column, i.code, i.field, sorted(i.params.items())) for i in result.issues]
    return (result.rows.model_dump(), {f: r.model_dump() for f, r in result.file_rows.items()}, issues,
            observations)


def both(paths: list[Path], catalogue: Catalogue) -> tuple[ReadResult, ReadResult]:
    """(row by row from the stream, as text column by column)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(sources, "_text", lambda path, decoding: None)
        streamed = read_submissions(paths, catalogue)
    return streamed, read_submissions(paths, catalogue)


@SETTINGS
@given(data=st.data(), header=st.sampled_from(HEADERS), delimiter=st.sampled_from([",", "\t", ";"]))
def test_lines_agree_with_the_full_check(catalogue: Catalogue, data: st.DataObject, header: str,
                                         delimiter: str) -> None:
    checker = RowChecker(catalogue)
    checker.use(read_header(0, 1, header.split(",")))
    lines = data.draw(rows_of(header, delimiter))
    text = "".join(line + "\n" for line in lines)
    for _ in range(2):  # the second round on warm caches
        made = [row for chunk in checker.lines(text, 0, delimiter, "f.csv", 2) for row in chunk]
        assert len(made) == len(lines)
        for line, (text_of_row, row) in enumerate(zip(lines, made, strict=True), 2):
            cells = sources.split(text_of_row, delimiter)
            if isinstance(row, Observation):
                assert not isinstance(cells, Problem)
                checked = checker.check(list(cells))
                assert isinstance(checked, Checked)
                assert tuple(row) == (*checked, "f.csv", line)
                assert row.low == checked.low and math.copysign(1, row.low) == math.copysign(1, checked.low)
            else:
                assert row == cells


def test_plain_rows_are_taken_as_observations(catalogue: Catalogue) -> None:
    checker = RowChecker(catalogue)
    checker.use(read_header(0, 1, ["indicator", "region", "year", "value", "unit"]))
    text = ("maternal_mortality,610400,2020,9.5,\nmaternal_mortality,610400,2021,9.5,1/10万\n"
            "maternal_mortality,610400,2022,9.5,%\n#maternal_mortality,610400,2023,9.5,\n"
            "maternal_mortality,610400,2024,1e9,\n\nmaternal_mortality,610400,2024\n")
    made = [row for chunk in checker.lines(text, 0, ",", "f.csv", 2) for row in chunk]
    assert [isinstance(row, Observation) for row in made] == [True, True, False, False, False, False, False]


@st.composite
def files(draw: st.DrawFn) -> list[str]:
    """One to three texts with rows drawn as above: good rows, repeats, conflicts and bad rows."""
    texts = []
    for _ in range(draw(st.integers(1, 3))):
        header = draw(st.sampled_from(HEADERS))
        end = draw(st.sampled_from(["\n", "\r\n"]))
        texts.append(end.join([header, *draw(rows_of(header))]) + draw(st.sampled_from(["", end, end + end])))
    return texts


@SETTINGS
@given(texts=files(), chunk=st.sampled_from([1, 7, 64, 1 << 16]))
def test_files_read_as_text_read_as_streamed(texts: list[str], chunk: int, catalogue: Catalogue,
                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("lines")
    paths = []
    for n, text in enumerate(texts):
        path = folder / f"f{n}.csv"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(rows, "CHUNK_CHARS", chunk)
        streamed, lines = both(paths, catalogue)
    assert compact(lines) == compact(streamed)


def test_the_benchmark_drop_reads_alike(catalogue: Catalogue, tmp_path: Path) -> None:
    """The typical drop of the benchmarks (16,360 rows), generated here as benchmarks/run.py does."""
    spec = importlib.util.spec_from_file_location(
        "bench_generate", Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate  # dataclasses look their module up while the class is built
    spec.loader.exec_module(generate)
    path = generate.write_typical(tmp_path)
    streamed, lines = both([path], catalogue)
    assert compact(lines) == compact(streamed)


PIECES = ["a", "中", " ", ",", "\t", "\r", "\n", "\r\n", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "é"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join), skip=st.integers(0, 5),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_text_rows_are_the_streamed_rows(tmp_path: Path, text: str, skip: int, encoding: str) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes((("\ufeff" if encoding == "utf-8-sig" else "") + text).encode(encoding.replace("-sig", "")))
    decoding = detect(path, path.read_bytes()[: sources.HEAD_BYTES])
    assert not isinstance(decoding, Problem)
    assume(not decoding.dirty and not decoding.quoted)
    streamed = list(sources._csv_rows(path, decoding, ","))
    whole = sources._text(path, decoding)
    assume(whole is not None)  # (a lone carriage return: streamed)
    assert list(sources._text_rows(whole, ",")) == streamed
    start = sources.skip_lines(whole, skip)
    assert list(sources._text_rows(whole, ",", start, skip + 1)) == streamed[skip:]


def test_a_lone_carriage_return_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"a,b\rc,d\r\ne,f\n")
    decoding = detect(path, path.read_bytes())
    assert not isinstance(decoding, Problem)
    assert sources._text(path, decoding) is None
    assert [n for n, _ in sources._csv_rows(path, decoding, ",")] == [1, 2, 3]
