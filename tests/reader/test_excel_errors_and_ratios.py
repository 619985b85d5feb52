"""Excel error values are data, units in brackets are units, and numerators, denominators and numbers are read
alike: each case read row by row, column at a time (`RowChecker.lines`) and by pyarrow, which must agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.cli.main import app
from xyplan_cli.reader import ReadResult, columnar, read_submissions, sources
from xyplan_cli.reader.values import Missing, Problem, Reading, parse_value

from .helpers import counts

ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#n/a"]


def compact(result: ReadResult) -> tuple[object, ...]:
    issues = [(i.line, i.column, i.code, i.field, sorted(i.params.items())) for i in result.issues]
    values = sorted((o.indicator, o.region, o.year, o.low, o.high) for v in result.dataset.series.values() for o in v)
    return counts(result), issues, values


def read(catalogue: Catalogue, folder: Path, text: str) -> ReadResult:
    """The file read the three ways, which give the same; the row-by-row result."""
    path = folder / "data.csv"
    path.write_bytes(text.encode("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(columnar, "MIN_BYTES", 1 << 62)
        lines = read_submissions([path], catalogue)  # a CSV without quotes: column at a time
        patch.setattr(sources, "_text", lambda path, decoding: None)
        streamed = read_submissions([path], catalogue)  # row by row (`fast`, `check`)
        patch.undo()
        patch.setattr(columnar, "MIN_BYTES", 0)
        columns = read_submissions([path], catalogue)  # pyarrow, when the file has no quotes
    assert compact(lines) == compact(streamed)
    assert compact(columns) == compact(streamed)
    return streamed


def issues(result: ReadResult) -> list[tuple[str, int, int]]:
    return [(i.code, i.line, i.column) for i in result.issues]


def values(result: ReadResult) -> list[tuple[str, int, float]]:
    return sorted((o.indicator, o.year, o.low) for v in result.dataset.series.values() for o in v)


HEAD = "指标,地区,年份,数值\n孕产妇死亡率,三原县,2024,8.1\n"


# -- 1. Excel errors -----------------------------------------------------------------------------------
@pytest.mark.parametrize("error", ERRORS)
@pytest.mark.parametrize(("row", "expected"), [
    ("{e},三原县,2023,9.9", ("unknown-indicator", 3, 1)),
    ("孕产妇死亡率,{e},2023,9.9", ("unknown-region", 3, 2)),
    ("孕产妇死亡率,三原县,{e},9.9", ("bad-year", 3, 3)),
    ("孕产妇死亡率,三原县,2023,{e}", ("not-a-number", 3, 4)),
])
def test_an_excel_error_rejects_the_row(catalogue: Catalogue, tmp_path: Path, error: str, row: str,
                                        expected: tuple[str, int, int]) -> None:
    result = read(catalogue, tmp_path, HEAD + row.format(e=error) + "\n")
    assert issues(result) == [expected]
    assert result.issues[0].params["text"] == error
    assert counts(result) == (2, 1, 1, 0)


@pytest.mark.parametrize("row", ["# note,三原县,2023,9.9", "#备注", "#,,,", "#N/A,,,", "#N/A,#N/A,#N/A,#N/A"])
def test_comments_and_rows_without_data_stay_skipped(catalogue: Catalogue, tmp_path: Path, row: str) -> None:
    result = read(catalogue, tmp_path, HEAD + row + "\n")
    assert [(i.code, i.line) for i in result.issues] == [("row-skipped", 3)]
    assert counts(result) == (2, 1, 0, 1)


def test_an_excel_error_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "t4.csv"
    path.write_text(HEAD + "#N/A,三原县,2023,9.9\n", encoding="utf-8")
    proc = CliRunner().invoke(app, ["--lang", "en", "validate", str(path)])
    assert proc.exit_code == 2 and "unknown-indicator" in proc.output


# -- 2. a unit in brackets -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("指标,地区,年份,数值\n5岁以下儿童死亡率(%),三原县,2023,0.55\n5岁以下儿童死亡率(%),三原县,2024,0.61\n",
     [("under5_mortality", 2023, 5.5), ("under5_mortality", 2024, 6.1)]),
    ("指标,地区,年份,数值,单位\n5岁以下儿童死亡率(%),三原县,2024,0.61,%\n", [("under5_mortality", 2024, 6.1)]),
    ("指标,地区,年份,数值\n5岁以下儿童死亡率(%),三原县,2024,6.1‰\n", []),  # the suffix disagrees
    ("指标,地区,年份,数值\n5岁以下儿童死亡率（1/10万）,三原县,2024,610\n", [("under5_mortality", 2024, 6.1)]),
    ("指标,地区,年份,数值(‰)\n适龄妇女宫颈癌人群筛查率,三原县,2024,952\n婴儿死亡率,三原县,2024,3.4\n",
     [("cervical_cancer_screening_rate", 2024, 95.2), ("infant_mortality", 2024, 3.4)]),
    ("指标,地区,年份,数值(%),单位\n婴儿死亡率,三原县,2024,3.4,‰\n婴儿死亡率,三原县,2023,0.34,\n",
     [("infant_mortality", 2023, 3.4), ("infant_mortality", 2024, 3.4)]),  # a unit cell outranks the header
    # a bracket that is the indicator's own unit is only a name (the catalogue's aliases have them)
    ("指标,地区,年份,数值,单位\n孕产妇系统管理率(%),三原县,2024,0.644,比例\n婴儿死亡率(‰),三原县,2024,3.4,\n",
     [("infant_mortality", 2024, 3.4), ("maternal_systematic_management_rate", 2024, 64.4)]),
    ("指标,地区,年份,数值\n5岁以下儿童死亡率(城镇),三原县,2024,6.1\n每千名儿童儿科执业(助理)医师数,三原县,2024,0.8\n",
     [("paediatricians_per_1000_children", 2024, 0.8), ("under5_mortality", 2024, 6.1)]),
])
def test_a_unit_in_brackets_is_the_values_unit(catalogue: Catalogue, tmp_path: Path, text: str,
                                                expected: list[tuple[str, int, float]]) -> None:
    result = read(catalogue, tmp_path, text)
    assert values(result) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("指标,地区,年份,数值,单位\n5岁以下儿童死亡率(%),三原县,2024,0.61,‰\n", ("unit-conflict", 2, 5)),
    ("指标,地区,年份,数值\n5岁以下儿童死亡率(%),三原县,2024,6.1‰\n", ("unit-conflict", 2, 1)),
    ("指标,地区,年份,数值\n5岁以下儿童死亡率(人),三原县,2024,6.1\n", ("unit-mismatch", 2, 1)),
    ("指标,地区,年份,数值(人)\n5岁以下儿童死亡率,三原县,2024,6.1\n", ("unit-mismatch", 2, 4)),
])
def test_a_unit_in_brackets_that_cannot_be_the_values(catalogue: Catalogue, tmp_path: Path, text: str,
                                                       expected: tuple[str, int, int]) -> None:
    assert issues(read(catalogue, tmp_path, text)) == [expected]


# -- 3, 4. numerator and denominator ---------------------------------------------------------------------
RATIOS = "指标,地区,年份,数值,分子,分母\n"


@pytest.mark.parametrize(("numerator", "denominator", "expected"), [
    ("—", "—", None), ("无", "无", None), ("NA", "-", None), ("…", "5000", None), ("17", "", None),
    ("17", "0.5万", None), ("１７", "5000", None), ("17", "5000人", None), ("1.7万", "500万", None),
    ("17", "1.2万", ("numerator-mismatch", 2, 4)), ("x", "5000", ("not-a-number", 2, 5)),
    ("17", "5000元", ("not-a-number", 2, 6)), ("—", "abc", ("not-a-number", 2, 6)),
    ("abc", "—", ("not-a-number", 2, 5)),
])
def test_numerator_and_denominator_read_as_values(catalogue: Catalogue, tmp_path: Path, numerator: str,
                                                  denominator: str, expected: tuple[str, int, int] | None) -> None:
    result = read(catalogue, tmp_path, RATIOS + f"婴儿死亡率,秦都区,2024,3.4,{numerator},{denominator}\n")
    assert issues(result) == ([] if expected is None else [expected])
    assert values(result) == ([] if expected else [("infant_mortality", 2024, 3.4)])


def test_the_computed_ratio_counts_wan(catalogue: Catalogue, tmp_path: Path) -> None:
    result = read(catalogue, tmp_path, RATIOS + "婴儿死亡率,秦都区,2024,3.4,17,1.2万\n")
    assert result.issues[0].params["computed"] == "1.42‰"


# -- 5. numbers: a decimal comma, a trailing decimal point -----------------------------------------------
@pytest.mark.parametrize("text", ["0,952", "-0,5", "00,123", "95,2", "0,952%"])
def test_a_decimal_comma_is_not_a_number(text: str) -> None:
    assert parse_value(text) == Problem("not-a-number", {"text": text})


@pytest.mark.parametrize(("text", "number", "word"), [
    ("5.", 5.0, ""), ("5.%", 5.0, "%"), ("95．", 95.0, ""), ("９５．％", 95.0, "%"), ("1,234.", 1234.0, ""),
    ("5.e1", 50.0, ""), ("0.952", 0.952, ""), ("1,234", 1234.0, ""),
])
def test_a_trailing_decimal_point_is_read_as_float_reads_it(text: str, number: float, word: str) -> None:
    reading = parse_value(text)
    assert isinstance(reading, Reading) and (reading.low, reading.high, reading.unit_word) == (number, number, word)


SCREENED = [("cervical_cancer_screening_rate", 2024, 95.0)]


@pytest.mark.parametrize(("cell", "expected"), [("95.", SCREENED), ("95.%", SCREENED), ("95．", SCREENED),
                                                ("0,952", [])])
def test_numbers_read_alike_in_every_path(catalogue: Catalogue, tmp_path: Path, cell: str,
                                          expected: list[tuple[str, int, float]]) -> None:
    result = read(catalogue, tmp_path, f"指标\t地区\t年份\t数值\n适龄妇女宫颈癌人群筛查率\t三原县\t2024\t{cell}\n")
    assert values(result) == expected
    assert issues(result) == ([] if expected else [("not-a-number", 2, 4)])


def test_excel_na_is_no_missing_marker() -> None:
    assert parse_value("#N/A") == Problem("not-a-number", {"text": "#N/A"})
    assert isinstance(parse_value("N/A"), Missing)
