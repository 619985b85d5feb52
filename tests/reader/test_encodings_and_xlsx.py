"""--encoding (unknown, non-text, BOM or no BOM), Chinese messages of file problems, and XLSX number formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.cli.main import app
from xyplan_cli.reader import read_submissions

from .helpers import counts, issues, observations

runner = CliRunner()
TEXT = "指标\t地区\t年份\t数值\t说明\n孕产妇死亡率\t秦都区\t2024\t10.6\t\n孕产妇死亡率\t杨陵区\t2023\t9.8\t\n"
QUOTED = TEXT.replace("10.6\t", '10.6\t"核实, 无误"')  # read by csv.reader, not line by line


@pytest.mark.parametrize("text", [TEXT, QUOTED], ids=["plain", "quoted"])
@pytest.mark.parametrize(("data", "given"), [
    # without a BOM, utf-16 and utf-32 are read in the byte order of the file (else little-endian)
    (("", "utf-16-le"), "utf-16"),
    (("", "utf-16-be"), "utf-16"),
    (("", "utf-32-le"), "utf-32"),
    # a BOM the given codec keeps is dropped, whatever the codec
    (("\ufeff", "utf-16-le"), "utf-16le"),
    (("\ufeff", "utf-16-be"), "utf-16be"),
    (("\ufeff", "utf-32-le"), "utf-32le"),
    (("\ufeff", "utf-32-be"), "utf-32-be"),
    (("\ufeff", "utf-8"), "utf-8"),
    (("\ufeff", "gb18030"), "gb18030"),
    (("\ufeff", "utf-16-le"), None),
])
def test_a_given_encoding_reads_the_file(catalogue: Catalogue, tmp_path: Path, text: str,
                                         data: tuple[str, str], given: str | None) -> None:
    bom, encoding = data
    path = tmp_path / "data.txt"
    path.write_bytes((bom + text).encode(encoding))
    result = read_submissions([path], catalogue, encoding=given)
    assert (counts(result), issues(result)) == ((2, 2, 0, 0), [])


@pytest.mark.parametrize(("given", "reason"), [
    ("no-such-codec", "unknown encoding"),
    ("rot13", "not a text encoding"),
    ("base64", "not a text encoding"),
    ("idna", "cannot be used to read a file"),
    ("undefined", "cannot be used to read a file"),
    ("punycode", "cannot be used to read a file"),
])
def test_an_unusable_encoding_is_an_issue_of_the_file(catalogue: Catalogue, tmp_path: Path, given: str,
                                                       reason: str) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    result = read_submissions([path], catalogue, encoding=given)
    assert [(i.code, i.line, i.params["reason"]) for i in result.issues] == [("encoding-error", 0, reason)]


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize(("given", "lang", "message"), [
    ("no-such-codec", "zh", "无法按 no-such-codec 解码:未知编码"),
    ("rot13", "zh", "无法按 rot13 解码:不是文本编码"),
    ("base64", "en", "cannot decode as base64: not a text encoding"),
    ("idna", "zh", "无法按 idna 解码:不能用于读取文件"),
    ("utf-32", "en", "cannot decode as utf-32: invalid byte(s)"),
])
def test_validate_and_check_report_an_encoding_alike(tmp_path: Path, command: str, given: str, lang: str,
                                                     message: str) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    proc = runner.invoke(app, [command, str(path), "--encoding", given, "--lang", lang])
    assert (proc.exit_code, str(path) in proc.output, message in proc.output) == (2, True, True), proc.output


@pytest.mark.parametrize(("header", "lang", "message"), [
    ("地区,年份,数值", "en", "no header row found; missing required column(s): indicator"),
    ("地区,年份,数值", "zh", "找不到表头:缺少必需列 指标"),
    ("a,b,c,d", "en", "no header row found; missing required column(s): indicator, region, year, value"),
    ("a,b,c,d", "zh", "找不到表头:缺少必需列 指标、地区、年份、数值"),
])
def test_no_header_names_the_missing_columns(catalogue: Catalogue, tmp_path: Path, header: str, lang: str,
                                             message: str) -> None:
    path = tmp_path / "data.csv"
    path.write_text(f"{header}\n秦都区,2024,10.6,x\n", encoding="utf-8")
    result = read_submissions([path], catalogue)
    assert [(i.code, i.message(lang)) for i in result.issues] == [("no-header", message)]


def _binary(path: Path) -> None:
    path.with_suffix(".csv").write_bytes(b"\x00\x01\x02\x03\xff" * 40)


def _ole(path: Path) -> None:
    path.with_suffix(".xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def _undecodable(path: Path) -> None:
    path.with_suffix(".csv").write_bytes("指标,地区,年份,数值\n孕产妇死亡率,秦都区,2024,".encode() + b"\xff\n")


@pytest.mark.parametrize(("make", "code", "zh", "en"), [
    (_binary, "unsupported-format", "不支持的文件类型:.csv (二进制数据)", "binary data"),
    (_ole, "unsupported-format", "Excel 97-2003 .xls 文件或加密的工作簿", "encrypted workbook"),
    (_undecodable, "encoding-error", "无法按 UTF-8 解码:该单元格含有无法解码的字节", "undecodable"),
])
def test_file_problems_in_chinese(catalogue: Catalogue, tmp_path: Path, make: object, code: str, zh: str,
                                  en: str) -> None:
    assert callable(make)
    make(tmp_path / "data")
    result = read_submissions([tmp_path], catalogue)
    found = [(i.code, zh in i.message("zh"), en in i.message("zh"), en in i.message("en")) for i in result.issues]
    assert found == [(code, True, False, True)]


@pytest.mark.parametrize(("number_format", "value", "shown"), [
    ("0.0%", 0.952, 95.2),
    ('0.0"%"', 95.2, 95.2),
    ("0.0\\%", 95.2, 95.2),
    ("[Red]0.0", 95.2, 95.2),
    ('[Red]0.0"%";[Blue]-0.0"%"', 95.2, 95.2),
    ("0.0_%", 95.2, 95.2),
    ("0%;[Red]-0%", 0.95, 95.0),
    ("General", 95.2, 95.2),
])
def test_only_a_real_percent_format_scales(catalogue: Catalogue, tmp_path: Path, number_format: str, value: float,
                                           shown: float) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.append(["指标", "地区", "年份", "数值"])
    sheet.append(["适龄妇女宫颈癌人群筛查率", "三原县", 2024, value])
    sheet.cell(row=2, column=4).number_format = number_format
    path = tmp_path / "book.xlsx"
    book.save(path)
    result = read_submissions([path], catalogue)
    assert (issues(result), [o[4] for o in observations(result.dataset)]) == ([], [shown])


@pytest.mark.parametrize(("cell", "column"), [("Z2", 26)])
def test_a_stray_cell_is_reported_where_it_is(catalogue: Catalogue, tmp_path: Path, cell: str, column: int) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["指标", "地区", "年份", "数值"])
    sheet.append(["适龄妇女宫颈癌人群筛查率", "三原县", 2024, 95.2])
    sheet[cell] = "stray"
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert issues(read_submissions([path], catalogue)) == [(2, column, "ragged-row")]

