"""`xyplan check PATH...`: read submissions, evaluate every target in scope, print the report."""

from __future__ import annotations

import enum
import shutil
from pathlib import Path
from typing import Annotated, Optional

import typer

from xyplan_cli.cli.common import Lang, emit, fail, print_issues, settings, use_color
from xyplan_cli.reporters import FORMATS

FormatChoice = enum.Enum("FormatChoice", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


class FailOn(str, enum.Enum):
    warn = "warn"
    fail = "fail"


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="CSV/XLSX files or folders of them.", show_default=False)],
    year: Annotated[Optional[int], typer.Option("--year", help="Evaluate as of this year (default: the latest "
                                                "year in the data).")] = None,
    plan: Annotated[list[str], typer.Option("--plan", help="Only this plan: women or children (repeatable).")] = [],  # noqa: B006
    domain: Annotated[list[str], typer.Option("--domain", help="Only this domain, e.g. health (repeatable).")] = [],  # noqa: B006
    region: Annotated[list[str], typer.Option("--region", help="Only this region: code or name (repeatable).")] = [],  # noqa: B006
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 on fail (default) or also on "
                                            "unexplained warn.")] = FailOn.fail,
    fmt: Annotated[FormatChoice, typer.Option("--format", help="Report format.")] = "table",  # type: ignore[assignment]
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to FILE "
                                                   "(atomically) instead of stdout.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="The reason and numbers for every row.")] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Encoding of CSV files (default: "
                                                    "detected).")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="Output language: zh or en.")] = None,
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
    try:
        report = api.check(paths, targets=s.targets, year=year, plans=tuple(plan), domains=tuple(domain),
                           regions=tuple(region), lang=lang, encoding=encoding)
    except CatalogueError as exc:
        print_issues(exc.issues, lang)
        fail("the catalogue cannot be used" if lang == "en" else "目标目录无法使用")
    except ValueError as exc:
        fail(str(exc))
    name = fmt.value if isinstance(fmt, enum.Enum) else str(fmt)
    to_terminal = output is None and name == "table"
    options = Options(lang=lang, color=to_terminal and use_color(s.color), verbose=verbose,
                      width=shutil.get_terminal_size((100, 24)).columns if to_terminal else 100,
                      fail_on=fail_on.value)
    emit(render(name, report, options), output)
    raise typer.Exit(exit_code(report, fail_on.value))
