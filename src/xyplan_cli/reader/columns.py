"""The submission columns, their English and Chinese header aliases, and finding the header row.

A header is the first row, among the first `HEADER_SCAN` rows, that names all required columns; rows
above it are title rows. Header cells are compared after normalisation, and a trailing bracket group is
ignored (数值(%) is 数值); a unit in the value column's bracket is kept (`Header.value_unit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xyplan_cli.issues import COLUMNS_ZH
from xyplan_cli.reader.normalize import clean, keys
from xyplan_cli.reader.values import bracket_unit

REQUIRED: tuple[str, ...] = ("indicator", "region", "year", "value")
OPTIONAL: tuple[str, ...] = ("breakdown", "unit", "numerator", "denominator", "source", "note", "township")
COLUMNS: tuple[str, ...] = REQUIRED + OPTIONAL
HEADER_SCAN = 30

ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicator_id", "indicator id", "indicator name", "target", "target_id",
                  "指标", "指标名称", "指标id", "指标代码", "指标编号", "监测指标", "指标项", "目标", "项目"),
    "region": ("region", "region_code", "region code", "region name", "area", "地区", "地区名称", "地区代码",
               "区县", "区域", "行政区划", "行政区划代码", "行政区", "县区", "县(市、区)", "县(市区)"),
    "year": ("year", "年份", "年度", "统计年度", "年", "数据年份", "时间"),
    "value": ("value", "数值", "值", "指标值", "数据", "监测值", "实际值", "完成值", "统计值"),
    "breakdown": ("breakdown", "group", "disaggregation", "分组", "分类", "类别", "城乡", "性别", "学段",
                  "分组(城乡/性别)"),
    "unit": ("unit", "units", "单位", "计量单位", "指标单位"),
    "numerator": ("numerator", "分子"),
    "denominator": ("denominator", "分母"),
    "source": ("source", "data source", "来源", "数据来源", "资料来源", "报送单位"),
    "note": ("note", "notes", "remark", "remarks", "comment", "comments", "说明", "备注", "注释", "情况说明"),
    "township": ("township", "town", "乡镇", "乡镇(街道)", "乡镇街道", "街道", "镇街", "乡(镇、街道)"),
}

HEADER_NAMES: dict[str, dict[str, str]] = {"zh": COLUMNS_ZH, "en": {c: c for c in COLUMNS}}

_KEY_TO_COLUMN: dict[str, str] = {}
for _column, _aliases in ALIASES.items():
    for _alias in _aliases:
        for _k in keys(_alias):
            _KEY_TO_COLUMN.setdefault(_k, _column)


def column_of(cell: str) -> str | None:
    """The column a header cell names, or None."""
    for k in keys(cell):
        found = _KEY_TO_COLUMN.get(k)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Header:
    """A header row: its position in the rows, the column → 0-based cell index, a repeated column, and the
    unit word the value column's header names in brackets (数值(‰): every value is in ‰), "" for none."""

    index: int
    line: int
    positions: dict[str, int]
    duplicate: str | None = None
    width: int = 0
    duplicate_at: int = -1
    value_unit: str = ""

    def missing(self) -> list[str]:
        return [c for c in REQUIRED if c not in self.positions]


def read_header(index: int, line: int, cells: list[str]) -> Header:
    positions: dict[str, int] = {}
    duplicate, duplicate_at = None, -1
    for i, cell in enumerate(cells):
        column = column_of(cell) if cell else None
        if column is None:
            continue
        if column in positions:
            if duplicate is None:
                duplicate, duplicate_at = cell.strip(), i
            continue
        positions[column] = i
    value_unit = bracket_unit(cells[positions["value"]]) if "value" in positions else ""
    return Header(index, line, positions, duplicate, width=len(cells), duplicate_at=duplicate_at,
                  value_unit=value_unit)


def find_header(rows: Sequence[tuple[int, object]]) -> Header | None:
    """The first row naming every required column, else the row naming most columns (two or more),
    which `missing()` then explains; None when no row looks like a header at all. Rows that are not
    lists of cells (unparseable rows) are passed over but keep their place in `index`."""
    best: Header | None = None
    for index, (line, cells) in enumerate(rows[:HEADER_SCAN]):
        if not isinstance(cells, list):
            continue
        header = read_header(index, line, cells)
        if not header.missing():
            return header
        if len(header.positions) >= 2 and (best is None or len(header.positions) > len(best.positions)):
            best = header
    return best


FOOTNOTE_MARKS: tuple[str, ...] = (
    "注:", "注1", "注2", "注释", "说明:", "备注", "附注", "填表", "填报", "审核", "制表",
    "负责人", "统计负责人", "单位负责人", "联系人", "联系电话", "电话", "数据来源", "资料来源", "来源:",
    "日期", "报送", "*", "※", "#", "note", "source", "remark",
)


def looks_like_footnote(text: str) -> bool:
    t = clean(text).casefold()
    return t.startswith(FOOTNOTE_MARKS) or (t.startswith("注") and len(t) > 1 and not t[1].isalnum())
