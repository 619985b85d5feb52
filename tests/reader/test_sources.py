"""Files as they arrive: folders, encodings, delimiters, title and footnote rows, workbooks, limits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.reader import read_submissions, sources

from .helpers import counts, issues, observations, read_text

ROW = "孕产妇死亡率,秦都区,2024,10.6"
EXPECTED = {("maternal_mortality", "610402", "total", 2024, 10.6, 10.6, False, False, None)}


@pytest.mark.parametrize(("text", "encoding"), [
    (f"指标,地区,年份,数值\n{ROW}\n", "utf-8"),
    (f"指标,地区,年份,数值\n{ROW}\n", "utf-8-sig"),
    (f"指标,地区,年份,数值\r\n{ROW}\r\n", "gbk"),
    (f"指标,地区,年份,数值\r\n{ROW}\r\n", "gb18030"),
    (f"指标\t地区\t年份\t数值\r\n{ROW.replace(',', chr(9))}\r\n", "utf-16"),
    (f"指标\t地区\t年份\t数值\r\n{ROW.replace(',', chr(9))}\r\n", "utf-16-le"),
    (f"指标;地区;年份;数值\n{ROW.replace(',', ';')}\n", "utf-8"),
    (f"指标|地区|年份|数值\n{ROW.replace(',', '|')}\n", "utf-8"),
    (f"indicator,region,year,value\r{ROW}\r", "utf-8"),
    (f"监测数据表,,,\n填报单位:秦都区,,,\n\n指标名称,地区名称,年度,指标值\n{ROW}\n,,,\n注:初步统计,,,\n",
     "gbk"),
    (f"序号,指标,地区,年份,数值(1/10万),备注\n1,{ROW},\n", "utf-8"),
    ('"指标","地区","年份","数值"\n"孕产妇死亡率","秦都区","2024","10.6"\n', "utf-8"),
])
def test_spellings_of_one_file(catalogue: Catalogue, tmp_path: Path, text: str, encoding: str) -> None:
    result = read_text(catalogue, tmp_path, text, encoding=encoding)
    assert [c for _, _, c in issues(result) if c != "row-skipped"] == []
    assert observations(result.dataset) == EXPECTED
    assert result.rows.accepted == 1 and result.rows.balanced


def test_line_numbers_count_physical_lines(catalogue: Catalogue, tmp_path: Path) -> None:
    bad = ROW.replace("10.6", "y")
    text = f'标题,,,\n指标,地区,年份,数值\n"孕产妇\n死亡率",秦都区,2023,x\n{ROW}\n\n{bad}\n'
    result = read_text(catalogue, tmp_path, text)
    assert issues(result) == [(3, 4, "not-a-number"), (7, 4, "not-a-number")]
    assert counts(result) == (4, 1, 2, 1)


def test_an_undecodable_row_is_rejected_and_the_rest_read(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(f"指标,地区,年份,数值\n{ROW}\n".encode() + "婴儿死亡率,秦都区,2024,".encode() + b"\xff\n"
                     + "婴儿死亡率,秦都区,2023,3.1\n".encode())
    result = read_submissions([path], catalogue)
    assert issues(result) == [(3, 4, "encoding-error")]
    assert counts(result) == (3, 2, 1, 0)


def test_given_encoding_wins(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes(f"指标,地区,年份,数值\n{ROW}\n".encode("gbk"))
    assert read_submissions([path], catalogue, encoding="gbk").rows.accepted == 1
    wrong = read_submissions([path], catalogue, encoding="utf-8")
    assert "encoding-error" in {i.code for i in wrong.issues}
    unknown = read_submissions([path], catalogue, encoding="no-such-codec")
    assert [(i.code, i.params["reason"]) for i in unknown.issues] == [("encoding-error", "unknown encoding")]


def test_folders(catalogue: Catalogue, tmp_path: Path) -> None:
    good = f"指标,地区,年份,数值\n{ROW}\n"
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.csv").write_text(good.replace("2024", "2022"), encoding="utf-8")
    (tmp_path / "a.csv").write_text(good, encoding="utf-8")
    (tmp_path / "c.TXT").write_text(good.replace("2024", "2023"), encoding="utf-8")
    (tmp_path / ".hidden.csv").write_text("garbage", encoding="utf-8")
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.csv").write_text("garbage", encoding="utf-8")
    (tmp_path / "README.md").write_text("not data", encoding="utf-8")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    result = read_submissions([tmp_path, tmp_path / "a.csv"], catalogue)
    names = [str(Path(f).relative_to(tmp_path)) for f in result.files]
    assert names == ["a.csv", "b/z.csv", "c.TXT", "old.xls"]
    assert [(Path(i.file).name, i.code) for i in result.issues] == [("old.xls", "unsupported-format")]
    assert counts(result) == (3, 3, 0, 0)


@pytest.mark.parametrize(("name", "data", "code"), [
    ("a.json", b'{"a": 1}', "unsupported-format"),
    ("a.xls", b"<html><table></table></html>", "unsupported-format"),
    ("a.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "unsupported-format"),
    ("a.xlsx", b"just text", "corrupt-xlsx"),
    ("a.xlsx", b"PK\x03\x04 truncated", "corrupt-xlsx"),
    ("a.csv", b"", "empty-file"),
    ("a.csv", b"\n\n  \n", "empty-file"),
    ("a.csv", "指标,地区,年份,数值\n".encode(), "no-data"),
    ("a.csv", "indicator,region,value\nmaternal_mortality,秦都区,10.6\n".encode(), "no-header"),
])
def test_whole_file_problems(catalogue: Catalogue, tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = read_submissions([path], catalogue)
    assert [(i.code, i.line) for i in result.issues] == [(code, 1 if code == "no-data" else 0)]
    assert result.rows.accepted == 0 and result.rows.balanced


def test_a_header_too_far_down_is_not_found(catalogue: Catalogue, tmp_path: Path) -> None:
    text = "标题\n" * 40 + f"指标,地区,年份,数值\n{ROW}\n"
    result = read_text(catalogue, tmp_path, text)
    assert [i.code for i in result.issues] == ["no-header"]
    assert counts(result) == (42, 0, 42, 0)


def test_size_limit(catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_TEXT_BYTES", 10)
    result = read_text(catalogue, tmp_path, f"指标,地区,年份,数值\n{ROW}\n")
    assert [i.code for i in result.issues] == ["file-too-large"]


def test_workbooks(catalogue: Catalogue, tmp_path: Path) -> None:
    """Percent-formatted cells are read as the percentages they show; a sheet without a header is
    skipped when another sheet has one; numbers are stored as numbers."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    data = book.active
    data.append(["孕产妇系统管理情况"])
    data.append(["指标", "地区", "年份", "数值", "说明"])
    data.append(["孕产妇系统管理率", "秦都区", 2024, 0.952, None])
    data.cell(row=3, column=4).number_format = "0.0%"
    data.append(["孕产妇系统管理率", "秦都区", 2023.0, 94.1, "未设格式"])
    data.append(["孕产妇系统管理率", "秦都区", 2022, "93.5%", None])
    book.create_sheet("说明").append(["本表由卫健委填报"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    result = read_submissions([path], catalogue)
    assert [(o[3], o[4], o[8]) for o in sorted(observations(result.dataset))] == [
        (2022, 93.5, None), (2023, 94.1, "未设格式"), (2024, 95.2, None)]
    assert [(i.file.endswith("[说明]"), i.code) for i in result.issues] == [(True, "sheet-skipped")]


def test_a_workbook_without_any_header(catalogue: Catalogue, tmp_path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.active.append(["a", "b"])
    book.create_sheet("two").append(["c", "d"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    result = read_submissions([path], catalogue)
    assert [i.code for i in result.issues] == ["no-header", "no-header"]
    assert counts(result) == (2, 0, 2, 0)
