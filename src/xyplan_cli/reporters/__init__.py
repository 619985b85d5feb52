"""Reporters: a finished report in, a string out. The registry maps each `--format` name to one.

Reporters are imported lazily (a run pays only for the format it prints). They never write to stdout or
files and never import the CLI; the CLI owns output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Literal

from xyplan_cli.report import Report


@dataclass(frozen=True)
class Options:
    lang: Literal["zh", "en"] = "en"
    color: bool = False
    width: int = 100
    verbose: bool = False
    fail_on: Literal["warn", "fail"] = "fail"


Reporter = Callable[[Report, Options], str]
FormatName = Literal["table", "json", "csv", "markdown", "junit", "html"]  # the CLI's --format choices

# name → "module:function" inside xyplan_cli.reporters
REGISTRY: dict[str, str] = {
    "table": "table:render",
    "json": "json:render",
    "csv": "csv:render",
    "markdown": "markdown:render",
    "junit": "junit:render",
    "html": "html:render",
}

FORMATS: tuple[str, ...] = tuple(REGISTRY)


def get(name: str) -> Reporter:
    module_name, function = REGISTRY[name].split(":")
    module = import_module(f"xyplan_cli.reporters.{module_name}")
    reporter: Reporter = getattr(module, function)
    return reporter


def render(name: str, report: Report, options: Options) -> str:
    return get(name)(report, options)
