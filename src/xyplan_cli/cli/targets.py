"""`xyplan targets list|show|lint`: browse the catalogue and check user-written ones."""

# No `from __future__ import annotations`: typer reads each command's parameters from its annotations at
# every start, and would have to evaluate them from strings (~3 ms for all the commands).

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from xyplan_cli.catalogue.rules import RULE_KINDS
from xyplan_cli.cli.common import (
    DomainOption,
    LangOption,
    PlanOption,
    emit,
    fail,
    load_catalogue_or_exit,
    print_issues,
    settings,
    use_color,
)

app = typer.Typer(help="Browse the target catalogue, or lint one you wrote.", no_args_is_help=True)

Format = Literal["table", "json"]
FormatOption = Annotated[Format, typer.Option("--format", help="table or json.")]
SearchArgument = Annotated[
    str | None, typer.Argument(metavar="TEXT", help="Text to find in ids, names, aliases and quotes.")
]
KindOption = Annotated[
    list[str] | None, typer.Option("--kind", metavar="KIND", help=f"Rule kind: {', '.join(RULE_KINDS)}.")
]


@app.command("list")
def list_targets(
    ctx: typer.Context,
    search: SearchArgument = None,
    plan: PlanOption = None,
    domain: DomainOption = None,
    kind: KindOption = None,
    fmt: FormatOption = "table",
    lang: LangOption = None,
) -> None:
    """List targets: id, plan, domain, name, the requirement in words, timing."""
    from xyplan_cli.api import check_choices
    from xyplan_cli.catalogue.export import select, target_record

    s = settings(ctx)
    lang = lang or s.lang
    catalogue = load_catalogue_or_exit(s)
    try:  # an unknown plan or domain is a usage error, as it is for `check`, not an empty list
        check_choices(catalogue, year=None, plans=tuple(plan or ()), domains=tuple(domain or ()), lang=lang)
    except ValueError as exc:
        fail(str(exc))
    for k in kind or ():
        if k not in RULE_KINDS:
            options = ", ".join(RULE_KINDS)
            fail(f"未知规则类型“{k}”(可选:{options})" if lang == "zh" else f"unknown kind '{k}' (known: {options})")
    targets = select(
        catalogue, plans=tuple(plan or ()), domains=tuple(domain or ()), kinds=tuple(kind or ()), text=search
    )
    if fmt == "json":
        emit(json.dumps([target_record(t, catalogue, lang) for t in targets], ensure_ascii=False, indent=2), None)
        return
    from xyplan_cli.cli.render import targets_table

    emit(targets_table(catalogue, targets, lang, use_color(s.color)), None)


@app.command("show")
def show(
    ctx: typer.Context,
    target_id: Annotated[str, typer.Argument(metavar="ID", help="A target id, e.g. w.health.2a.")],
    fmt: FormatOption = "table",
    lang: LangOption = None,
) -> None:
    """Everything about one target, including its quote, clause and notes."""
    from xyplan_cli.catalogue.export import target_record

    s = settings(ctx)
    lang = lang or s.lang
    catalogue = load_catalogue_or_exit(s)
    target = catalogue.target_by_id.get(target_id)
    if target is None:
        import difflib

        close = difflib.get_close_matches(target_id, list(catalogue.target_by_id), n=3)
        if lang == "zh":
            fail(f"没有目标“{target_id}”" + (f",是否为 {'、'.join(close)}?" if close else ""))
        fail(f"no target '{target_id}'" + (f"; did you mean {', '.join(close)}?" if close else ""))
    record = target_record(target, catalogue, lang)
    if fmt == "json":
        emit(json.dumps(record, ensure_ascii=False, indent=2), None)
        return
    from xyplan_cli.cli.render import target_details

    emit(target_details(catalogue, target, record, lang, use_color(s.color)), None)


@app.command("lint")
def lint_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A catalogue file or folder.")],
    lang: LangOption = None,
) -> None:
    """Check a catalogue: every problem with file, line and YAML path; exit 2 if there is any."""
    from xyplan_cli.catalogue import lint

    s = settings(ctx)
    lang = lang or s.lang
    issues = lint(path)
    if issues:
        print_issues(issues, lang)
        n = len(issues)
        fail(f"{n} problem(s) in {path}" if lang == "en" else f"{path} 中有 {n} 个问题")
    sys.stdout.write(f"{path}: ok\n" if lang == "en" else f"{path}:没有问题\n")
