"""The per-file section of `xyplan check --by file`, for the table and Markdown reporters (`Report.files`).

One row per file read: rows read, accepted, rejected and skipped; its error and warning issues; and how many
PASS, WARN and FAIL results have data from it (a series fed by two files counts for both, a result without
data for none). In the terminal table a file name too long for its column gets a line of its own, with its
numbers on the next line, so the numbers stay in their columns at 80 cells.
"""

from __future__ import annotations

from collections.abc import Callable

from xyplan_cli.report import FileSummary
from xyplan_cli.reporters.common import Lang, clean
from xyplan_cli.reporters.table import VERDICT_STYLE, paint
from xyplan_cli.reporters.wrap import cell_len, wrapped

GAP = "  "
RULE = "─"
# (en, zh): the section's title, the note under it and the column heads (file, then the numbers)
TITLE = ("By file ({n} files)", "按文件汇总(共 {n} 个文件)")


def _title(n: int, zh: bool) -> str:
    return "By file (1 file)" if n == 1 and not zh else TITLE[zh].format(n=n)
NOTE = ("PASS / WARN / FAIL: results with data from the file (a series fed by two files counts for both; "
        "a result without data for none).",
        "PASS / WARN / FAIL:数据来自该文件的结果数(一个序列的数据来自两个文件时两者都计,无数据的结果不计)。")
HEADS = (("File", "read", "accepted", "rejected", "skipped", "errors", "warnings", "PASS", "WARN", "FAIL"),
         ("文件", "读取", "接受", "拒绝", "跳过", "错误", "警告", "PASS", "WARN", "FAIL"))


def _numbers(f: FileSummary) -> list[int]:
    rows, issues, verdicts = f.rows, f.issues, f.verdicts
    return [rows.read, rows.accepted, rows.rejected, rows.skipped, issues.get("error", 0),
            issues.get("warning", 0), verdicts.get("pass", 0), verdicts.get("warn", 0), verdicts.get("fail", 0)]


def table_lines(files: tuple[FileSummary, ...], lang: Lang, width: int, color: bool) -> list[str]:
    """The section for the terminal table: title, note, head, a rule, then the files, at most `width` - 1
    cells wide (as the rest of the table) unless the terminal is too narrow even for the numbers."""
    zh = lang == "zh"
    heads = HEADS[zh]
    names = [clean(f.file) for f in files]
    values = [_numbers(f) for f in files]
    sizes = [max([cell_len(head)] + [len(str(v[i])) for v in values]) for i, head in enumerate(heads[1:])]
    numbers_width = sum(sizes) + len(GAP) * (len(sizes) - 1)
    longest = max([cell_len(heads[0])] + [cell_len(name) for name in names])
    name_width = max(cell_len(heads[0]), min(longest, width - 1 - len(GAP) - numbers_width))

    def line(name: str, numbers: list[str], head: bool = False) -> str:
        cells = []
        for text, size, column in zip(numbers, sizes, heads[1:], strict=True):
            # the head in bold; a verdict count in its verdict's colour, unless it is 0
            style = "bold" if head else VERDICT_STYLE.get(column.lower(), "") if text != "0" else ""
            cells.append(paint(" " * (size - cell_len(text)) + text, style, color))
        padded = paint(name + " " * (name_width - cell_len(name)), "bold" if head else "", color)
        return padded + GAP + GAP.join(cells)

    lines = [paint(_title(len(files), zh), "bold", color)]
    lines += [paint(text, "dim", color) for text in wrapped(NOTE[zh], width)]
    lines += [line(heads[0], list(heads[1:]), head=True), RULE * (name_width + len(GAP) + numbers_width)]
    for name, numbers in zip(names, values, strict=True):
        texts = [str(n) for n in numbers]
        if cell_len(name) <= name_width:
            lines.append(line(name, texts))
        else:  # a long path: on its own line, its numbers under it in their columns
            lines += [name, line("", texts)]
    return lines


def markdown_lines(files: tuple[FileSummary, ...], lang: Lang, esc: Callable[[str], str]) -> list[str]:
    """The section for Markdown: a heading, the note, and a table (`esc` escapes the file names)."""
    zh = lang == "zh"
    heads = list(HEADS[zh])
    heads[-3:] = ["✅ PASS", "⚠️ WARN", "❌ FAIL"]
    lines = [f"## {esc(_title(len(files), zh))}", "", esc(NOTE[zh]), "",
             _row(heads), _row(["---"] + ["---:"] * (len(heads) - 1))]
    lines += [_row([esc(f.file), *(str(n) for n in _numbers(f))]) for f in files]
    return lines


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
