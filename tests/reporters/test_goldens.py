"""Golden outputs of the text reporters for the sample report (update with --update-goldens)."""

from __future__ import annotations

import pytest

from xyplan_cli.reporters import Options, render

from . import golden
from .sample import build_report

# (golden file, format, report language, options)
CASES = [
    ("table_zh_80.txt", "table", "zh", Options(lang="zh", width=80)),
    ("table_zh_120.txt", "table", "zh", Options(lang="zh", width=120)),
    ("table_en_80.txt", "table", "en", Options(lang="en", width=80)),
    ("table_en_120.txt", "table", "en", Options(lang="en", width=120)),
    ("table_en_100_verbose.txt", "table", "en", Options(lang="en", width=100, verbose=True)),
    ("markdown_zh.md", "markdown", "zh", Options(lang="zh")),
    ("markdown_en.md", "markdown", "en", Options(lang="en")),
    ("report_zh.csv", "csv", "zh", Options(lang="zh")),
    ("junit_en.xml", "junit", "en", Options(lang="en")),
    ("junit_zh_fail_on_warn.xml", "junit", "zh", Options(lang="zh", fail_on="warn")),
]


@pytest.mark.parametrize(("name", "fmt", "lang", "options"), CASES, ids=[c[0] for c in CASES])
def test_golden(name: str, fmt: str, lang: str, options: Options, update_goldens: bool) -> None:
    golden.check(name, render(fmt, build_report(lang), options), update_goldens)
