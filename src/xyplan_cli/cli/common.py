"""What every command shares: global settings, language default, catalogue loading, output and errors."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple, NoReturn

import typer

if TYPE_CHECKING:
    from xyplan_cli.catalogue import Catalogue
    from xyplan_cli.issues import Issue

Lang = Literal["zh", "en"]


def default_lang() -> Lang:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES, LANG), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class Settings(NamedTuple):  # made at import several times faster than a dataclass
    targets: Path | None = None
    lang: Lang = "en"
    color: bool = True


def settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings(lang=default_lang())


def use_color(requested: bool, stream: object = None) -> bool:
    """Colour only on a terminal, never with NO_COLOR set or --no-color."""
    stream = stream or sys.stdout
    if not requested or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def fail(message: str, code: int = 2) -> NoReturn:
    """A one-line diagnostic on stderr, then exit."""
    sys.stderr.write(f"xyplan: {message}\n")
    raise typer.Exit(code)


# Control characters (an escape sequence could drive the terminal) and bidirectional overrides (they
# reorder what is shown): text from the data shows them as escapes, \x1b or \u202e. Compiled (by `re`) on
# the first use, not at every start.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def printable(text: str) -> str:
    """One line of text that is safe to print on a terminal: unsafe characters escaped, visibly."""
    return re.sub(_UNSAFE, lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def print_issues(issues: list[Issue], lang: Lang) -> None:
    for issue in issues:
        where = issue.location()
        field = f" [{issue.field}]" if issue.field else ""
        sys.stderr.write(printable(f"{where}:{field} {issue.severity} {issue.code}: {issue.message(lang)}") + "\n")


def load_catalogue_or_exit(s: Settings) -> Catalogue:
    from xyplan_cli.catalogue import CatalogueError, load_catalogue

    try:
        return load_catalogue(s.targets)
    except CatalogueError as exc:
        print_issues(exc.issues, s.lang)
        fail("the catalogue cannot be used" if s.lang == "en" else "目标目录无法使用")


def emit(text: str, output: Path | None) -> None:
    """Write a report to stdout, or atomically to `output` (a temporary file renamed into place)."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        return
    from xyplan_cli.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")


# -- options shared by several commands ------------------------------------------------------------------
LangOption = Annotated[Lang | None, typer.Option("--lang", help="Output language: zh or en (default: locale).")]
PlanOption = Annotated[list[str] | None, typer.Option("--plan", metavar="PLAN", help="women or children (repeatable).")]
DomainOption = Annotated[
    list[str] | None, typer.Option("--domain", metavar="DOMAIN", help="Domain id, e.g. health (repeatable).")
]
RegionOption = Annotated[
    list[str] | None, typer.Option("--region", metavar="REGION", help="Region code or name (repeatable).")
]
EncodingOption = Annotated[
    str | None, typer.Option("--encoding", metavar="ENCODING", help="Encoding of CSV files (default: detected).")
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colours (also: NO_COLOR, non-terminal).")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
]
