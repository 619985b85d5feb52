"""`xyplan check PATH...`: read submissions, evaluate every target in scope, print the report."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

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
    printable,
    settings,
    use_color,
)
from xyplan_cli.reporters import FormatName

if TYPE_CHECKING:
    from xyplan_cli.cli.progress import Bar
    from xyplan_cli.report import IssueOut

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
ByOption = Annotated[
    Literal["file"] | None,
    typer.Option("--by", help="Add a summary per file read: rows read/accepted/rejected/skipped, issues, and "
                 "the PASS/WARN/FAIL results with data from the file (a series from two files counts for both, a "
                 "result without data for none). In table, markdown and json; csv, junit and html are unchanged."),
]


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
    by: ByOption = None,
    encoding: EncodingOption = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Check submissions against the plans' targets: PASS / WARN / FAIL per target, region and breakdown.

    Exit 0: no FAIL and no input error; 1: a FAIL (or an unexplained WARN with --fail-on warn);
    2: unusable input (unreadable file, invalid catalogue, any rejected row). 2 outranks 1.

    A long run on a terminal shows a progress bar on stderr, erased before the report is printed
    (never in a pipe, or with CI or TERM=dumb set).
    """
    from xyplan_cli import api
    from xyplan_cli.catalogue import CatalogueError
    from xyplan_cli.cli.progress import Bar
    from xyplan_cli.report import exit_code
    from xyplan_cli.reporters import Options, render

    s = settings(ctx)
    lang = lang or s.lang
    if output is not None:
        refuse_input_as_output(output, paths, s.targets, lang)
    to_terminal = output is None and fmt == "table"
    width = shutil.get_terminal_size((100, 24)).columns if to_terminal else 100
    color = to_terminal and use_color(s.color and not no_color)
    options = Options(lang=lang, color=color, verbose=verbose, width=width, fail_on=fail_on)
    bar = Bar(lang)  # on stderr, if it is a terminal; erased when the `with` block is left, before any output
    text = None
    with bar, _json_sink(fmt, output, bar, lang) as streamed:
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
                by=by,
                progress=bar.update if bar.active else None,
            )
        except CatalogueError as exc:
            bar.close()
            print_issues(exc.issues, lang)
            fail("the catalogue cannot be used" if lang == "en" else "目标目录无法使用")
        except ValueError as exc:
            bar.close()
            fail(str(exc))
        if streamed is None:
            bar.update("report", 0, 0)
            text = render(fmt, report, options)
    if text is not None:
        emit(text, output)
    if not to_terminal:  # the report is in a file or a pipe: a CI log must still say why the run failed
        _errors_on_stderr(report.issues, lang)
    raise typer.Exit(exit_code(report, fail_on))


ERRORS_ON_STDERR = 10


def _errors_on_stderr(issues: Sequence[IssueOut], lang: str) -> None:
    """The first input errors (those that make the exit code 2), one a line, and how many there are."""
    errors = [i for i in issues if i.severity == "error"]
    if not errors:
        return
    from xyplan_cli.reporters.common import location

    for issue in errors[:ERRORS_ON_STDERR]:
        sys.stderr.write(printable(f"{location(issue)}: {issue.code}: {issue.message}") + "\n")
    n = len(errors)
    sys.stderr.write(f"xyplan: 输入错误 {n} 个;报告中列出全部问题\n" if lang == "zh"
                     else f"xyplan: {n} input error{'s' if n > 1 else ''}; the report lists every issue\n")


@contextlib.contextmanager
def _json_sink(fmt: str, output: Path | None, bar: Bar, lang: str) -> Iterator[Callable[[str], object] | None]:
    """Where JSON goes while it is evaluated (a national report is ~400 MB, too big to hold): stdout, or
    the --output file. None for the other formats: they are rendered whole, then emitted."""
    if fmt != "json":
        yield None
    elif output is None:
        yield bar.before(sys.stdout.write)
    else:
        with _output_file(output, bar, lang) as write:
            yield write


@contextlib.contextmanager
def _output_file(output: Path, bar: Bar, lang: str) -> Iterator[Callable[[str], object]]:
    """A write function into `output`, which replaces the old file only once the block ends normally (a
    usage error or Ctrl-C leaves the old one). An OSError of the file itself (creating, writing, replacing
    it) is a clear message and exit 2; any other OSError of the run passes through as it is, not blamed on
    the output."""
    from xyplan_cli.atomic import atomic_file

    own: list[OSError] = []  # failed writes into the file (raised inside the block)
    in_block = False
    try:
        with atomic_file(output) as handle:

            def write(text: str) -> object:
                try:
                    return handle.write(text.encode("utf-8"))
                except OSError as exc:
                    own.append(exc)
                    raise

            in_block = True
            yield write
            in_block = False
    except OSError as exc:
        if in_block and not own:  # once a write failed, closing the file fails too: still the output's error
            raise
        bar.close()  # the message must not land on the bar's line
        reason = exc.strerror or exc
        fail(f"无法写入 {output}:{reason}" if lang == "zh" else f"cannot write {output}: {reason}")


def refuse_input_as_output(output: Path, inputs: list[Path], targets: Path | None, lang: str) -> None:
    """Exit 2 when `output` is (or links to) a file the run reads: a submission, a data file in a folder
    given, or the catalogue; the report would replace it."""
    from xyplan_cli.reader.sources import discover

    real = os.path.realpath(output)
    read = [path for path, _ in discover(inputs)]
    if targets is not None:
        read += [targets, *targets.rglob("*.y*ml")] if targets.is_dir() else [targets]
    if any(os.path.realpath(path) == real for path in read):
        fail(f"输出文件 {output} 是输入文件,报告会覆盖它;请写到其他文件" if lang == "zh"
             else f"the output {output} is an input file, which the report would replace; write it elsewhere")
