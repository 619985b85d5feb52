"""The `xyplan` command: global options, then one sub-command per module."""

# No `from __future__ import annotations`: typer reads each command's parameters from its annotations at
# every start, and would have to evaluate them from strings (~3 ms for all the commands).

import io
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from xyplan_cli import __version__
from xyplan_cli.cli.common import LangOption, NoColorOption, Settings, default_lang

app = typer.Typer(
    name="xyplan",
    help="Check monitoring data against Xianyang's Women's and Children's Development Plans 2021-2030.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"xyplan {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    ctx: typer.Context,
    targets: Annotated[
        Path | None,
        typer.Option("--targets", metavar="PATH", help="Catalogue file or folder to use instead of the shipped one."),
    ] = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = Settings(targets=targets, lang=lang or default_lang(), color=not no_color)


def _register() -> None:
    from xyplan_cli.cli import targets

    app.add_typer(targets.app, name="targets")
    for name in ("check", "validate", "template"):
        try:
            module = __import__(f"xyplan_cli.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError:
            continue
        module.register(app)


_register()


def _replace_unencodable() -> None:
    """A terminal or pipe in GBK or ASCII cannot show every character of a report (›, ·, ▁, some names):
    those become `?` instead of the whole run failing; UTF-8 streams are left as they are."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def run() -> None:
    """Console-script entry: no traceback ever reaches the user."""
    # pydantic looks for plugins by scanning every installed distribution's entry points the first time a
    # model validates (~15 ms with a hundred packages installed, at every start of a short command); the
    # CLI has none to load. Set the variable to something else to have them loaded.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _replace_unencodable()
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("xyplan: interrupted\n")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence
        sys.stderr.write(
            f"xyplan: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in xyplan; please report it with the command you ran.\n"
        )
        sys.exit(3)
