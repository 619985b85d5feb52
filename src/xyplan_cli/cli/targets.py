"""`xyplan targets list|show|lint`: browse the catalogue and check user-written ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from xyplan_cli.catalogue.rules import RULE_KINDS
from xyplan_cli.cli.common import (
    Lang,
    emit,
    fail,
    load_catalogue_or_exit,
    print_issues,
    settings,
    use_color,
)

app = typer.Typer(help="Browse the target catalogue, or lint one you wrote.", no_args_is_help=True)

Format = Literal["table", "json"]
LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help="Output language: zh or en.")]


@app.command("list")
def list_targets(
    ctx: typer.Context,
    search: Annotated[Optional[str], typer.Argument(help="Text to search in ids, names, aliases and quotes.")] = None,
    plan: Annotated[list[str], typer.Option("--plan", help="women or children (repeatable).")] = [],  # noqa: B006
    domain: Annotated[list[str], typer.Option("--domain", help="Domain id, e.g. health (repeatable).")] = [],  # noqa: B006
    kind: Annotated[list[str], typer.Option("--kind", help=f"Rule kind: {', '.join(RULE_KINDS)}.")] = [],  # noqa: B006
    fmt: Annotated[Format, typer.Option("--format", help="table or json.")] = "table",
    lang: LangOpt = None,
) -> None:
    """List targets: id, plan, domain, name, the requirement in words, timing."""
    from xyplan_cli.catalogue.export import select, target_record

    s = settings(ctx)
    lang = lang or s.lang
    catalogue = load_catalogue_or_exit(s)
    for k in kind:
        if k not in RULE_KINDS:
            fail(f"unknown kind '{k}'; choose from {', '.join(RULE_KINDS)}")
    targets = select(catalogue, plans=tuple(plan), domains=tuple(domain), kinds=tuple(kind), text=search)
    if fmt == "json":
        emit(json.dumps([target_record(t, catalogue, lang) for t in targets], ensure_ascii=False, indent=2), None)
        return
    from xyplan_cli.cli.render import targets_table

    emit(targets_table(catalogue, targets, lang, use_color(s.color)), None)


@app.command("show")
def show(
    ctx: typer.Context,
    target_id: Annotated[str, typer.Argument(metavar="ID", help="A target id, e.g. w.health.2a.")],
    fmt: Annotated[Format, typer.Option("--format", help="table or json.")] = "table",
    lang: LangOpt = None,
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
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        fail(f"no target '{target_id}'{hint}")
    record = target_record(target, catalogue, lang)
    if fmt == "json":
        emit(json.dumps(record, ensure_ascii=False, indent=2), None)
        return
    from xyplan_cli.cli.render import target_details

    emit(target_details(catalogue, target, record, lang, use_color(s.color)), None)


@app.command("lint")
def lint_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A catalogue file or folder.")],
    lang: LangOpt = None,
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
