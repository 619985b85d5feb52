"""Stack floor: the smallest CLI built like xyplan (typer, one frozen pydantic model), doing no work.

It is what the typical-drop bar is up against before any of xyplan's own code runs: typer builds its
command tree (and a pydantic validator per parameter), pydantic builds a model, one line is printed.
Run with the project's interpreter, as xyplan is; PYDANTIC_DISABLE_PLUGINS is set as xyplan sets it.
"""

import os
from pathlib import Path
from typing import Annotated, Literal

import typer
from pydantic import BaseModel, ConfigDict

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


class Point(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int
    value: float


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.callback()
def main(targets: Annotated[Path | None, typer.Option("--targets")] = None) -> None:
    """Global options, as xyplan has them."""


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument()],
    year: Annotated[int | None, typer.Option("--year")] = None,
    fmt: Annotated[Literal["table", "json"], typer.Option("--format")] = "table",
    verbose: Annotated[bool, typer.Option("--verbose")] = False,
) -> None:
    """Print one model: no file is read."""
    typer.echo(Point(year=year or 2024, value=float(len(paths))))


if __name__ == "__main__":
    app()
