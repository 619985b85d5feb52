"""`xyplan validate PATH...`: read and validate submissions only; print the row accounting and the issues."""

# No `from __future__ import annotations`: typer reads each command's parameters from its annotations at
# every start, and would have to evaluate them from strings (~3 ms for all the commands).

import json
from pathlib import Path
from typing import Annotated, Literal

import typer

from xyplan_cli.cli.common import Lang, emit, load_catalogue_or_exit, printable, settings

Format = Literal["table", "json"]


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="CSV/XLSX files or folders of them.", show_default=False)
    ],
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding", metavar="ENCODING", help="Encoding of CSV files, e.g. gbk, utf-16 (default: detected)."
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table or json.")] = "table",
    lang: Annotated[Lang | None, typer.Option("--lang", help="Output language: zh or en.")] = None,
) -> None:
    """Read and validate submissions without evaluating targets.

    Prints rows read / accepted / rejected / skipped and every issue with file, line and column.
    Exit 0 when no row is rejected and there is no error; 2 otherwise.
    """
    from xyplan_cli import api

    s = settings(ctx)
    lang = lang or s.lang
    catalogue = load_catalogue_or_exit(s)
    result = api.read(paths, catalogue, encoding=encoding)
    issues = [api.issue_out(i, lang) for i in result.issues]
    if fmt == "json":
        payload = {"rows": result.rows.model_dump(), "issues": [i.model_dump() for i in issues]}
        emit(json.dumps(payload, ensure_ascii=False, indent=2), None)
    else:
        emit(_table(result.rows.model_dump(), [i.model_dump() for i in issues], lang), None)
    failed = result.rows.rejected > 0 or any(i.severity == "error" for i in issues)
    raise typer.Exit(2 if failed else 0)


_SEVERITY = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


INFO_SHOWN = 3  # info issues listed per file and code; the rest are counted


def _table(rows: dict[str, int], issues: list[dict[str, object]], lang: Lang) -> str:
    """Plain text: one line per issue (file:line:column severity [code] message), then the accounting.

    Errors and warnings are all listed; info issues (skipped rows) the first few per file and code."""
    lines = []
    shown: dict[tuple[str, str], int] = {}
    for issue in issues:
        group = (str(issue["file"]), str(issue["code"]))
        if issue["severity"] == "info":
            shown[group] = shown.get(group, 0) + 1
            if shown[group] > INFO_SHOWN:
                continue
        lines.append(_line(issue, lang))
    for (file, code), count in shown.items():
        if count > INFO_SHOWN:
            more = count - INFO_SHOWN
            lines.append(
                printable(f"{file}: … 另有 {more} 条 [{code}]" if lang == "zh" else f"{file}: … {more} more [{code}]")
            )
    counts = {k: sum(1 for i in issues if i["severity"] == k) for k in ("error", "warning", "info")}
    if lang == "zh":
        lines.append(
            f"读取 {rows['read']} 行:接受 {rows['accepted']},拒绝 {rows['rejected']},"
            f"跳过 {rows['skipped']};错误 {counts['error']},警告 {counts['warning']},"
            f"提示 {counts['info']}"
        )
    else:
        lines.append(
            f"rows read {rows['read']}: accepted {rows['accepted']}, rejected {rows['rejected']}, "
            f"skipped {rows['skipped']}; {counts['error']} error(s), "
            f"{counts['warning']} warning(s), {counts['info']} info"
        )
    return "\n".join(lines)


def _line(issue: dict[str, object], lang: Lang) -> str:
    where = str(issue["file"])
    if issue["line"]:
        where += f":{issue['line']}"
        if issue["column"]:
            where += f":{issue['column']}"
    severity = _SEVERITY[lang][str(issue["severity"])]
    return printable(f"{where}: {severity} [{issue['code']}] {issue['message']}")
