"""Fuzz the reader with workbooks: raw bytes as an .xlsx, or a valid workbook with one part replaced by
the fuzzer's bytes (sheet, shared strings, styles, workbook, content types, relationships), so that
openpyxl's XML parsing is reached past the zip layer. No exception escapes; every row is accounted for.

Input layout: the first byte chooses the mode (0: raw .xlsx; n: replace part n of `PARTS`), the rest is
the payload.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile

from instrument import instrumented

with instrumented(["xyplan_cli", "openpyxl"]):
    import openpyxl  # noqa: F401  (the reader imports it lazily; instrument it here)

    from xyplan_cli.reader import read_submissions

from common import check_read, shipped, write

CATALOGUE = shipped()
PARTS = ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
         "[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml", "docProps/core.xml")
SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def template() -> dict[str, bytes]:
    """The parts of a small valid workbook: a header, three rows, a percent format, a second sheet."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.append(["指标", "地区", "年份", "数值", "说明"])
    sheet.append(["孕产妇死亡率", "秦都区", 2023, 12.5, ""])
    sheet.append(["婴儿死亡率", "三原县", 2024, 3.1, "注"])
    sheet.append(["maternal_mortality", "610402", "2024", "=1+1", None])
    sheet["D3"].number_format = "0.0%"
    book.create_sheet("notes").append(["说明"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer = io.BytesIO(_fixed_dates(buffer.getvalue()))
    with zipfile.ZipFile(buffer) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    return with_shared_strings(parts)


def _fixed_dates(data: bytes) -> bytes:
    """The workbook with constant document dates (openpyxl stamps the time of saving), so that the seeds
    made from it do not change from run to run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", content)
            target.writestr(zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0)), content)
    return out.getvalue()


def with_shared_strings(parts: dict[str, bytes]) -> dict[str, bytes]:
    """openpyxl writes inline strings; Excel writes a shared-strings part. Add one (used by cell A5)."""
    parts["xl/sharedStrings.xml"] = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                     'count="1" uniqueCount="1"><si><t>学生近视率</t></si></sst>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}" /></Types>'.encode())
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Type="{SST}" Target="sharedStrings.xml" Id="rId99" /></Relationships>'.encode())
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'<row r="5"><c r="A5" t="s"><v>0</v></c><c r="B5" t="inlineStr"><is><t>\xe5\x92\xb8'
        b'\xe9\x98\xb3\xe5\xb8\x82</t></is></c><c r="C5"><v>2024</v></c><c r="D5"><v>0.2</v></c></row>'
        b"</sheetData>")
    return parts


TEMPLATE = template()


def workbook(data: bytes) -> bytes:
    mode, payload = (data[0], data[1:]) if data else (0, b"")
    if mode == 0 or mode > len(PARTS):
        return payload
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in TEMPLATE.items():
            archive.writestr(name, payload if name == PARTS[mode - 1] else content)
    return buffer.getvalue()


def test_one_input(data: bytes) -> None:
    path = write("book.xlsx", workbook(data))
    check_read(read_submissions([path], CATALOGUE))


if __name__ == "__main__":
    import atheris

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
