"""Property tests: arbitrary bytes and rows never raise out of the reader and keep the accounting."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.issues import CODES
from xyplan_cli.reader import ReadResult, read_submissions
from xyplan_cli.reader.dataset import Dataset, Observation
from xyplan_cli.reader.names import Names
from xyplan_cli.reader.values import parse_value

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Cells that exercise every branch: names, numbers in many spellings, markers, separators, junk.
TOKENS = ["孕产妇死亡率", "maternal_mortality", "w.health.2a", "婴儿死亡率", "学生近视率", "秦都区", "秦都",
          "610402", "三原县/城关街道", "咸阳市/城关街道", "2024", "２０２４", "2024年", "1900", "总计",
          "城镇", "小学", "falls", "10.6", "９５．２％", ">95", "95以上", "1,234", "3.32万", "—", "NA", "",
          " ", "-3", "105%", "1/10万", "比例", "个", "度", "#", "注:说明", "指标", "地区", "年份", "数值",
          '"', "\n", ",", "\t", ";", "\x00", "\udcff"]
HEADERS = ["indicator,region,year,value", "指标,地区,年份,分组,数值,单位,说明,分子,分母", "year,value",
           "indicator,region,year,value,value", ""]
cells = st.one_of(st.sampled_from(TOKENS), st.text(max_size=12))
rows = st.lists(st.lists(cells, max_size=10), max_size=25)


def check(result: ReadResult) -> None:
    r = result.rows
    assert r.read == r.accepted + r.rejected + r.skipped
    assert min(r.read, r.accepted, r.rejected, r.skipped) >= 0
    assert r.accepted == len(result.dataset)
    assert all(i.code in CODES and i.line >= 0 and i.column >= 0 for i in result.issues)
    if r.rejected:
        assert any(i.severity == "error" for i in result.issues)


def read_bytes(catalogue: Catalogue, data: bytes, name: str) -> ReadResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return read_submissions([path], catalogue)


@SETTINGS
@given(data=st.binary(max_size=3000), name=st.sampled_from(["a.csv", "a.txt", "a.tsv", "a.xlsx", "a"]))
def test_arbitrary_bytes(catalogue: Catalogue, data: bytes, name: str) -> None:
    check(read_bytes(catalogue, data, name))


@SETTINGS
@given(header=st.sampled_from(HEADERS), body=rows, delimiter=st.sampled_from([",", "\t", ";"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_arbitrary_rows(catalogue: Catalogue, header: str, body: list[list[str]], delimiter: str,
                        encoding: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if header:
        writer.writerow(header.split(","))
    writer.writerows(body)
    data = buffer.getvalue().encode(encoding, errors="surrogateescape" if encoding != "utf-16" else "replace")
    check(read_bytes(catalogue, data, "rows.csv"))


@SETTINGS
@given(body=rows)
def test_arbitrary_rows_in_a_workbook(catalogue: Catalogue, body: list[list[str]]) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.append(["指标", "地区", "年份", "数值"])
    for row in body:
        sheet.append([c for c in row if c.isprintable() and "\udcff" not in c])
    buffer = io.BytesIO()
    book.save(buffer)
    check(read_bytes(catalogue, buffer.getvalue(), "rows.xlsx"))


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(st.text(max_size=30), st.sampled_from(TOKENS)))
def test_cells_never_raise(names: Names, text: str) -> None:
    parse_value(text)
    names.indicator(text)
    names.region(text)
    names.breakdown(text)


@SETTINGS
@given(header=st.sampled_from(["indicator,region,year,value", "指标,地区,乡镇,年份,数值",
                               "#,指标,地区,年份,分组,数值,单位,说明,分子,分母"]),
       body=st.lists(st.lists(cells, min_size=3, max_size=11), max_size=30))
def test_the_fast_path_agrees_with_the_full_check(catalogue: Catalogue, header: str,
                                                  body: list[list[str]]) -> None:
    from xyplan_cli.reader.columns import read_header
    from xyplan_cli.reader.rows import RowChecker

    checker = RowChecker(catalogue)
    checker.use(read_header(0, 1, header.split(",")))
    fast = checker.fast()
    for cells in body * 2:  # the second round runs on warm caches
        assert fast(list(cells)) == checker.check(list(cells))


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(2015, 2030)), max_size=30))
def test_the_latest_year_is_the_last_of_all_years(rows: list[tuple[str, int]]) -> None:
    data = Dataset()
    for region, year in rows:
        data.add(Observation("x", region, "total", year, 1.0, 1.0))
    data.finish()
    years = data.years
    assert data.latest_year == (years[-1] if years else None)
