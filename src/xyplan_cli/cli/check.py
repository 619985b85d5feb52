"""`xyplan check PATH...`: read submissions, evaluate every target in scope, print the report."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from xyplan_cli.cli.common import (
    DomainOption,
    EncodingOption,
    LangOption,
    NoColorOption,
    OutputOption,
    PlanOption,
    RegionOption,
    emit,
    fail,
    print_issues,
    settings,
    use_color,
)
from xyplan_cli.reporters import FormatName

PathsArgument = Annotated[
    list[Path], typer.Argument(metavar="PATH", help="CSV/XLSX files or folders of them.", show_default=False)
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", metavar="YEAR", help="Evaluate as of this year (default: the latest year in the data)."),
]
FailOnOption = Annotated[
    Literal["warn", "fail"], typer.Option("--fail-on", help="Exit 1 on fail (default), or also on an unexplained warn.")
]
FormatOption = Annotated[FormatName, typer.Option("--format", help="Report format.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="The reason and numbers for every row.")]


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(
    ctx: typer.Context,
    paths: PathsArgument,
    year: YearOption = None,
    plan: PlanOption = None,
    domain: DomainOption = None,
    region: RegionOption = None,
    fail_on: FailOnOption = "fail",
    fmt: FormatOption = "table",
    output: OutputOption = None,
    verbose: VerboseOption = False,
    encoding: EncodingOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Check submissions against the plans' targets: PASS / WARN / FAIL per target, region and breakdown.

    Exit 0: no FAIL and no input error; 1: a FAIL (or an unexplained WARN with --fail-on warn);
    2: unusable input (unreadable file, invalid catalogue, any rejected row). 2 outranks 1.
    """
    from xyplan_cli import api
    from xyplan_cli.catalogue import CatalogueError
    from xyplan_cli.report import exit_code
    from xyplan_cli.reporters import Options, render

    s = settings(ctx)
    lang = lang or s.lang
    # JSON to stdout is written as it is evaluated (a national report is too big to hold in memory).
    streamed = sys.stdout.write if fmt == "json" and output is None else None
    try:
        report = api.check(
            paths,
            targets=s.targets,
            year=year,
            plans=tuple(plan or ()),
            domains=tuple(domain or ()),
            regions=tuple(region or ()),
            lang=lang,
            encoding=encoding,
            write=streamed,
        )
    except CatalogueError as exc:
        print_issues(exc.issues, lang)
        fail("the catalogue cannot be used" if lang == "en" else "目标目录无法使用")
    except ValueError as exc:
        fail(str(exc))
    to_terminal = output is None and fmt == "table"
    width = shutil.get_terminal_size((100, 24)).columns if to_terminal else 100
    color = to_terminal and use_color(s.color and not no_color)
    options = Options(lang=lang, color=color, verbose=verbose, width=width, fail_on=fail_on)
    if streamed is None:
        emit(render(fmt, report, options), output)
    raise typer.Exit(exit_code(report, fail_on))
