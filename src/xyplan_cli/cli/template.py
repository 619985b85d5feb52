"""`xyplan template`: a fill-in file for data providers (CSV with BOM, or XLSX), a row per series and year."""

# No `from __future__ import annotations`: typer reads each command's parameters from its annotations at
# every start, and would have to evaluate them from strings (~3 ms for all the commands).

import datetime
import re
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from xyplan_cli.cli.common import Lang, fail, load_catalogue_or_exit, settings

Format = Literal["csv", "xlsx"]


def register(app: typer.Typer) -> None:
    app.command("template")(template)


def parse_years(text: str) -> list[int]:
    """`2021-2025`, `2024`, `2021,2023`; ValueError when malformed or outside 1949–2100."""
    years: list[int] = []
    for part in text.replace("，", ",").split(","):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–~至]\s*(\d{4})\s*)?", part)
        if not match:
            raise ValueError(part.strip())
        first, last = int(match[1]), int(match[2] or match[1])
        if not 1949 <= first <= last <= 2100:
            raise ValueError(part.strip())
        years.extend(y for y in range(first, last + 1) if y not in years)
    return years


def template(
    ctx: typer.Context,
    plan: Annotated[
        list[str], typer.Option("--plan", metavar="PLAN", help="women or children (repeatable; default both).")
    ] = [],  # noqa: B006
    region: Annotated[
        list[str],
        typer.Option(
            "--region",
            metavar="REGION",
            help="Region code or name, or county/township "
            "(三原县/城关街道) for township rows (repeatable; default the "
            "city and its 14 counties).",
        ),
    ] = [],  # noqa: B006
    years: Annotated[
        str | None,
        typer.Option("--years", metavar="YEARS", help="Years: 2021-2025, 2024 or 2021,2023 (default: last year)."),
    ] = None,
    fmt: Annotated[
        Format | None, typer.Option("--format", help="csv or xlsx (default: from the output file's suffix, else csv).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (atomically); CSV goes to stdout without it."
        ),
    ] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Language of headers and names.")] = None,
) -> None:
    """Write a fill-in file: one row per indicator × region × year × breakdown the targets need.

    Units are prefilled and values left empty; the file reads back with `xyplan validate`. Townships
    are listed only when asked for with --region 县/乡镇, and only for township-scope targets; an
    indicator whose targets are all township-scope is not listed for the city or counties.
    """
    from xyplan_cli.reader import template as tpl

    s = settings(ctx)
    lang = lang or s.lang
    zh = lang == "zh"
    if output is not None:
        from xyplan_cli.cli.check import refuse_input_as_output

        refuse_input_as_output(output, [], s.targets, lang)
    catalogue = load_catalogue_or_exit(s)
    known = [p.id for p in catalogue.plans]
    for p in plan:
        if p not in known:
            options = ", ".join(known)
            fail(f"未知规划“{p}”(可选:{options})" if zh else f"unknown plan '{p}' (known: {options})")
    try:
        year_list = parse_years(years) if years else [datetime.date.today().year - 1]
    except ValueError as exc:
        fail(f"无效年份“{exc}”" if zh else f"invalid years '{exc}' (use 2021-2025, 2024 or 2021,2023)")
    regions, unknown = tpl.resolve_regions(catalogue, region)
    if unknown:
        fail(("未知地区:" if zh else "unknown region: ") + "; ".join(unknown))
    kind: Format = fmt or ("xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "csv")
    if kind == "xlsx" and output is None:
        fail("XLSX 需要 --output 文件" if zh else "--format xlsx needs --output FILE")
    series = tpl.needs(catalogue, plan or known, regions)
    table = tpl.rows(catalogue, series, year_list, lang)
    if output is None:
        # with the BOM, as `check --format csv` has it: Excel reads `xyplan template > fill.csv` as UTF-8
        sys.stdout.write(tpl.to_csv(table).decode("utf-8"))
        return
    from xyplan_cli.atomic import write_atomic

    data = tpl.to_xlsx(table) if kind == "xlsx" else tpl.to_csv(table)
    try:
        write_atomic(output, data)
    except OSError as exc:
        fail(f"无法写入 {output}:{exc.strerror or exc}" if zh else f"cannot write {output}: {exc.strerror or exc}")
    rows = len(table) - 1
    sys.stderr.write(f"{output}: {rows} 行\n" if zh else f"{output}: {rows} rows\n")
