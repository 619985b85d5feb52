"""The catalogue of problems found in input: stable codes, severities and messages in Chinese and English.

Problems in the data are values (`Issue`), never exceptions. Every code a user can see is listed in
`CODES`, which `docs/issues.md` is generated from; messages are `str.format` templates over `params`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning", "info"]
Lang = Literal["zh", "en"]


class Code(NamedTuple):  # a NamedTuple is made at import several times faster than a frozen dataclass
    severity: Severity
    zh: str
    en: str
    doc: str


CODES: dict[str, Code] = {
    # -- files ---------------------------------------------------------------------------------------
    "unreadable-file": Code("error", "无法读取文件:{reason}", "cannot read the file: {reason}",
                            "The file does not exist, is not a regular file, or cannot be opened."),
    "unsupported-format": Code("error", "不支持的文件类型:{suffix}(请使用 CSV 或 XLSX)",
                               "unsupported file type {suffix} (use CSV or XLSX)",
                               "Only .csv, .txt, .tsv and .xlsx files are read."),
    "encoding-error": Code("error", "无法按 {encoding} 解码:{reason}", "cannot decode as {encoding}: {reason}",
                           "The bytes are not valid in the detected or given encoding, or --encoding names no "
                           "text encoding that can read a file; try another --encoding."),
    "file-too-large": Code("error", "文件过大:{reason}", "file too large: {reason}",
                           "A file, sheet or cell exceeds the reader's safety limits."),
    "corrupt-xlsx": Code("error", "XLSX 文件已损坏:{reason}", "corrupt XLSX file: {reason}",
                         "The workbook cannot be opened as a valid XLSX (zip) file."),
    "no-data-files": Code("error", "文件夹中没有数据文件(CSV、TSV、TXT、XLSX)",
                          "no data file (CSV, TSV, TXT, XLSX) in the folder",
                          "A folder given on the command line holds no file the reader reads: a mistyped or "
                          "wrong path must not pass as a check of nothing."),
    "empty-file": Code("error", "文件为空,没有数据行", "the file is empty: no data rows",
                       "The file has no header and no data."),
    "no-header": Code("error", "找不到表头:缺少必需列 {missing}",
                      "no header row found; missing required column(s): {missing}",
                      "No row in the first lines names the required columns (indicator, region, year, value)."),
    "duplicate-header": Code("error", "表头中“{column}”重复出现", "column '{column}' appears twice in the header",
                             "Two header cells map to the same column."),
    "no-data": Code("error", "文件只有表头,没有数据行", "the file has a header but no data rows",
                    "A header was found but no rows follow it: an unfilled template or a cut-off file."),
    "sheet-skipped": Code("info", "工作表 {sheet} 没有表头,未读取",
                          "sheet {sheet} has no header row; not read",
                          "A worksheet without a header is skipped when another sheet of the workbook "
                          "has one."),
    # -- rows ------------------------------------------------------------------------------------------
    "ragged-row": Code("error", "该行有 {found} 个单元格,表头有 {expected} 个",
                       "the row has {found} cells but the header has {expected}",
                       "A row has more non-empty cells than the header has columns."),
    "malformed-row": Code("error", "该行不是有效的 CSV:{reason}", "the row is not valid CSV: {reason}",
                          "The CSV parser cannot read the row (a field too long, an unbalanced quote)."),
    "unbalanced-quote": Code("error", "引号不配对:第 {first}–{last} 行被读成了一个单元格",
                             "unbalanced quote: lines {first}–{last} were read as one cell",
                             "A quote opened in a cell is never closed, so the following lines became "
                             "part of that cell; close the quote."),
    "row-skipped": Code("info", "跳过不含数据的行(“{text}”)", "skipped a row that holds no data ('{text}')",
                        "A title, section, footnote, comment (#) or repeated header row below the header; "
                        "it counts as skipped."),
    "missing-field": Code("error", "缺少必填项“{column}”", "required field '{column}' is empty",
                          "One of indicator, region, year or value is empty."),
    "not-a-number": Code("error", "“{text}”不是数值", "'{text}' is not a number",
                         "The value cannot be read as a number, a bounded value (>95, 95以上) or a missing marker."),
    "bad-year": Code("error", "“{text}”不是有效年份", "'{text}' is not a valid year",
                     "The year must be a four-digit year between 1949 and 2100."),
    "unknown-indicator": Code("error", "未知指标“{text}”{hint}", "unknown indicator '{text}'{hint}",
                              "The indicator is not a target id, indicator id, Chinese name or alias."),
    "unknown-region": Code("error", "未知地区“{text}”{hint}", "unknown region '{text}'{hint}",
                           "The region is not a code, full or short name of the registry; townships are "
                           "written 县/乡镇, e.g. 三原县/城关街道."),
    "unknown-breakdown": Code("error", "未知分组“{text}”{hint}", "unknown breakdown '{text}'{hint}",
                              "The breakdown is not one of 总计/城镇/农村/男/女/… or their English ids."),
    "unknown-unit": Code("error", "未知单位“{text}”", "unknown unit '{text}'",
                         "The unit column or value suffix is not a known unit."),
    "unit-mismatch": Code("error", "单位“{given}”不能换算为指标单位“{expected}”",
                          "unit '{given}' cannot be converted to the indicator's unit '{expected}'",
                          "The value's unit is of another kind than the indicator's (a count for a rate)."),
    "unit-conflict": Code("error", "单位不一致:“{given}”与“{other}”", "units disagree: '{given}' and '{other}'",
                          "Two places of a row name its unit (the value's suffix, the unit column, a bracket "
                          "in the indicator's name or the value column's header) and they do not agree."),
    "not-evaluated": Code("info", "未评估:没有适用于{level}的“{indicator}”目标({regions});其目标适用于:{scope}",
                          "not evaluated: no target on '{indicator}' applies at {level} level ({regions}); its "
                          "targets apply at: {scope}",
                          "Rows were accepted, but no target of the catalogue is checked for their indicator at "
                          "their region's level (city rows for a county-only target): they are in no result."),
    "implausible-value": Code("error", "数值 {value} 超出合理范围 {range}",
                              "value {value} is outside the plausible range {range}",
                              "A rate above 100%, a negative count, or outside the indicator's range."),
    "numerator-mismatch": Code("error", "数值 {value} 与分子/分母 {numerator}/{denominator} = {computed} 不符",
                               "value {value} disagrees with numerator/denominator {numerator}/{denominator} "
                               "= {computed}",
                               "The value is not numerator ÷ denominator within the value's precision."),
    "missing-value": Code("info", "数值缺失(“{text}”),该行已跳过", "value marked missing ('{text}'); row skipped",
                          "An explicit missing marker (empty, -, —, …, NA, 无); the row counts as skipped."),
    "duplicate": Code("warning", "与 {other} 重复(数值相同),只计一次",
                      "duplicates {other} with the same value; counted once",
                      "The same indicator, region, breakdown and year given twice with the same value."),
    "duplicate-conflict": Code("error", "与 {other} 冲突:{value} ≠ {other_value}",
                               "conflicts with {other}: {value} ≠ {other_value}",
                               "The same indicator, region, breakdown and year given twice with different "
                               "values; neither is used."),
    # -- catalogues ------------------------------------------------------------------------------------
    "yaml-syntax": Code("error", "YAML 语法错误:{reason}", "YAML syntax error: {reason}",
                        "The catalogue file is not valid YAML."),
    "yaml-unsafe": Code("error", "不允许的 YAML 标签或结构:{reason}", "YAML tag or structure not allowed: {reason}",
                        "Tags such as !!python/object, alias bombs and very deep nesting are refused."),
    "schema": Code("error", "{reason}", "{reason}",
                   "A field is missing, has the wrong type, or is not allowed (unknown kind, unknown unit)."),
    "duplicate-id": Code("error", "重复的 id “{id}”(另见 {other})", "duplicate id '{id}' (also at {other})",
                         "Ids of targets, indicators and regions must be unique in the catalogue."),
    "ambiguous-name": Code("error", "名称“{name}”同时指向指标 {id} 和 {other}",
                           "name '{name}' names both indicator {id} and {other}",
                           "Indicator names and aliases must identify one indicator after normalisation."),
    "unknown-reference": Code("error", "引用了未定义的{what}“{id}”", "refers to undefined {what} '{id}'",
                              "A target names an indicator, domain or breakdown that is not defined."),
}


class Issue(BaseModel):
    """One problem, with where it is: file, 1-based line and column (0 when unknown), and the column or
    YAML path it concerns."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    code: str
    file: str
    line: int = 0
    column: int = 0
    field: str | None = None
    params: dict[str, str] = {}

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def message(self, lang: Lang) -> str:
        code = CODES[self.code]
        template = code.zh if lang == "zh" else code.en
        params = {**self.params, "hint": did_you_mean(self.params.get("suggestion"), lang)}
        if lang == "zh":
            _in_chinese(self.code, params)
        try:
            return template.format(**params)
        except (KeyError, IndexError):
            return f"{template} {self.params}"

    def location(self) -> str:
        return where(self.file, self.line, self.column)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


# The reader's own English phrases in the `reason` and `suffix` of file and cell problems, in Chinese (the
# rest of a reason, such as an operating system's error text, is shown as it is).
_ZH_PHRASES: dict[str, str] = {
    "undecodable bytes in this cell": "该单元格含有无法解码的字节",
    "invalid byte(s)": "无效字节",
    "unknown encoding": "未知编码",
    "not a text encoding": "不是文本编码",
    "cannot be used to read a file": "不能用于读取文件",
    "binary data": "二进制数据",
    "an Excel 97-2003 .xls or an encrypted workbook": "Excel 97-2003 .xls 文件或加密的工作簿",
    "(none)": "(无扩展名)",
    "no such file or folder": "文件或文件夹不存在",
    "not a regular file": "不是普通文件",
    "a zip file, but not an Excel workbook": "是 zip 文件,但不是 Excel 工作簿",
}
# The params that name required columns by their ids ("indicator, region"), by code; the columns' Chinese
# names (also the reader's Chinese header names: reader.columns.HEADER_NAMES).
_COLUMN_PARAMS = {"no-header": "missing", "missing-field": "column"}
COLUMNS_ZH = {"indicator": "指标", "region": "地区", "year": "年份", "value": "数值", "breakdown": "分组",
              "unit": "单位", "numerator": "分子", "denominator": "分母", "source": "来源", "note": "说明",
              "township": "乡镇"}


def _in_chinese(code: str, params: dict[str, str]) -> None:
    """The params of a Chinese message with the reader's English words in Chinese: column ids, known phrases."""
    key = _COLUMN_PARAMS.get(code, "")
    if key in params:
        params[key] = "、".join(COLUMNS_ZH.get(c, c) for c in params[key].split(", "))
    for key in ("reason", "suffix"):
        if key in params:
            for en, zh in _ZH_PHRASES.items():
                params[key] = params[key].replace(en, zh)


def where(file: str, line: int, column: int) -> str:
    """file:line:column, or less for an issue about a whole file (line 0) or a whole row (column 0)."""
    text = file
    if line:
        text += f":{line}"
        if column:
            text += f":{column}"
    return text


def did_you_mean(suggestion: str | None, lang: Lang) -> str:
    """The `hint` of unknown-* messages, from the issue's `suggestion` parameter."""
    if not suggestion:
        return ""
    return f",是否为“{suggestion}”?" if lang == "zh" else f"; did you mean '{suggestion}'?"
