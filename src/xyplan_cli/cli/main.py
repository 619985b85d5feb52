"""The `xyplan` command: global options, then one sub-command per module."""

# No `from __future__ import annotations`: typer reads each command's parameters from its annotations at
# every start, and would have to evaluate them from strings (~3 ms for all the commands).

import contextlib
import errno
import io
import os
import signal
import sys
from pathlib import Path
from typing import Annotated, NoReturn

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


class _Stopped(BaseException):
    """Ctrl-C or SIGTERM (a cancelled CI job), raised by `run`'s signal handlers: not a KeyboardInterrupt,
    which typer turns into a silent exit 130 before `run` sees it. A BaseException, as KeyboardInterrupt
    is: `except Exception` does not stop it, and the `with` blocks on its way clean up (temporary files)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: object) -> None:
    raise _Stopped(signum)


# Errors of writing, not reading: the disk or the quota is full, the file too large (ulimit -f), /dev/full.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def _lang() -> str:
    """The --lang of the command line, else the locale's: for the few messages `run` prints itself."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return default_lang()


def run() -> None:
    """Console-script entry: no traceback ever reaches the user."""
    # pydantic looks for plugins by scanning every installed distribution's entry points the first time a
    # model validates (~15 ms with a hundred packages installed, at every start of a short command); the
    # CLI has none to load. Set the variable to something else to have them loaded.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _replace_unencodable()
    for signum in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # as Python does: nohup, a background job
            signal.signal(signum, _stop)
    zh = _lang() == "zh"
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # here, not at exit: a failed write is reported
    except (_Stopped, KeyboardInterrupt) as exc:
        sys.stderr.write("xyplan: 已中断\n" if zh else "xyplan: interrupted\n")
        sys.exit(128 + (exc.signum if isinstance(exc, _Stopped) else signal.SIGINT))
    except SystemExit:
        raise
    except OSError as exc:
        if exc.errno != errno.EPIPE and exc.errno not in _WRITE_ERRORS:
            _internal(exc)
        _discard_stdout()
        if exc.errno == errno.EPIPE:  # the reader of a pipe is gone (| head): quietly, as click does
            sys.exit(1)
        sys.stderr.write(f"xyplan: 无法写出报告:{exc.strerror}\n" if zh
                         else f"xyplan: cannot write the report: {exc.strerror}\n")
        sys.exit(2)
    except Exception as exc:  # the last line of defence
        _internal(exc)


def _discard_stdout() -> None:
    """What is left in stdout's buffer cannot be written either: to /dev/null with it, else the flush at
    exit fails again, with a traceback."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _internal(exc: Exception) -> NoReturn:
    sys.stderr.write(
        f"xyplan: internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in xyplan; please report it with the command you ran.\n"
    )
    sys.exit(3)
