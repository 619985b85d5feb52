"""`xyplan check --by file`: per-file rows, issues and verdicts; the JSON `files` array; the table section."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Literal

import jsonschema
import pytest

from xyplan_cli import api
from xyplan_cli.report import Report
from xyplan_cli.reporters import Options, render
from xyplan_cli.reporters.markdown import esc

ROOT = Path(__file__).resolve().parents[2]
GOLDENS = Path(__file__).parent / "goldens"


def xyplan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it (as in test_check_cli.py): UTF-8, 100 columns unless `env` says otherwise."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "COLUMNS": "100",
            "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "xyplan_cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**base, **(env or {})})


HEAD = "indicator,region,year,value\n"
# a: a rejected row (unknown region) and the first years of 咸阳市's infant mortality, whose last years are in b;
# c: a gap between urban and rural (a series of two groups) and a repeated row (skipped, a warning)
SPLIT = {
    "a.csv": HEAD + "infant_mortality,咸阳市,2020,3.67\ninfant_mortality,咸阳市,2021,3.68\n"
                    "infant_mortality,火星市,2021,3.1\ninfant_mortality,咸阳市,2022,3.67\n",
    "b.csv": HEAD + "infant_mortality,咸阳市,2023,3.70\ninfant_mortality,咸阳市,2024,4.2\n"
                    "infant_mortality,秦都区,2023,3.27\ninfant_mortality,秦都区,2024,3.22\n",
    "c.csv": "indicator,region,year,breakdown,value\n"
             "infant_mortality,咸阳市,2022,urban,8.56\ninfant_mortality,咸阳市,2024,urban,8.56\n"
             "infant_mortality,咸阳市,2022,rural,6.42\ninfant_mortality,咸阳市,2024,rural,7.21\n"
             "infant_mortality,咸阳市,2024,total,4.2\n",
}
# d: a coverage; e: the national average it is compared with (a relative target: fed by both files)
RELATIVE = {
    "d.csv": HEAD + "children_home_coverage,咸阳市,2023,80\nchildren_home_coverage,咸阳市,2024,85\n",
    "e.csv": HEAD + "children_home_coverage_national,咸阳市,2023,90\nchildren_home_coverage_national,咸阳市,2024,91\n",
}
# b's second row conflicts with a's first: a's row moves from accepted to rejected in a's count
CONFLICT = {
    "a.csv": HEAD + "maternal_mortality,秦都区,2023,11.2\nmaternal_mortality,秦都区,2024,10.6\n",
    "b.csv": HEAD + "maternal_mortality,秦都区,2024,10.9\n",
}

# (files, year, expected per file: (file, read, accepted, rejected, skipped, errors, warnings, pass, warn, fail))
CASES = [
    # 咸阳市 FAILs in 2024 (4.2‰ > 4‰) and counts for a and b; 秦都区 PASSes from b; the gap PASSes from c
    (SPLIT, None, [("a.csv", 4, 3, 1, 0, 1, 0, 0, 0, 1), ("b.csv", 4, 4, 0, 0, 0, 0, 1, 0, 1),
                   ("c.csv", 5, 4, 0, 1, 0, 1, 1, 0, 0)]),
    # as of 2022 b's rows are later than the year evaluated: its results count for none
    (SPLIT, 2022, [("a.csv", 4, 3, 1, 0, 1, 0, 1, 0, 0), ("b.csv", 4, 4, 0, 0, 0, 0, 0, 0, 0),
                   ("c.csv", 5, 4, 0, 1, 0, 1, 0, 1, 0)]),
    # three targets on the coverage (d), one of them against the national average (e)
    (RELATIVE, None, [("d.csv", 2, 2, 0, 0, 0, 0, 3, 0, 0), ("e.csv", 2, 2, 0, 0, 0, 0, 1, 0, 0)]),
    # 秦都区 2023 from a is left (WARN: one year); 2024 is rejected in both files
    (CONFLICT, None, [("a.csv", 2, 1, 1, 0, 1, 0, 0, 1, 0), ("b.csv", 1, 0, 1, 0, 1, 0, 0, 0, 0)]),
]


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _tuples(report: Report, folder: Path) -> list[tuple[object, ...]]:
    assert report.files is not None
    return [(str(Path(f.file).relative_to(folder)), f.rows.read, f.rows.accepted, f.rows.rejected, f.rows.skipped,
             f.issues["error"], f.issues["warning"], f.verdicts["pass"], f.verdicts["warn"], f.verdicts["fail"])
            for f in report.files]


@pytest.mark.parametrize(("files", "year", "expected"), CASES)
def test_per_file_summary(tmp_path: Path, files: dict[str, str], year: int | None,
                          expected: list[tuple[object, ...]]) -> None:
    folder = _folder(tmp_path, files)
    report = api.check([folder], year=year, by="file")
    assert _tuples(report, folder) == expected
    # streamed (`write=`): the same files, counted on the way through
    parts: list[str] = []
    streamed = api.check([folder], year=year, by="file", write=parts.append)
    assert _tuples(streamed, folder) == expected
    assert json.loads("".join(parts))["files"] == json.loads(report.to_json())["files"]


def test_per_file_rows_and_issues_add_up_to_the_totals() -> None:
    report = api.check([ROOT / "samples"], by="file")
    assert report.files is not None
    assert [f.file for f in report.files] == api.read([ROOT / "samples"], api.load_catalogue()).files
    for key in ("read", "accepted", "rejected", "skipped"):
        assert sum(getattr(f.rows, key) for f in report.files) == getattr(report.rows, key)
    assert sum(sum(f.issues.values()) for f in report.files) == len(report.issues)
    # a worksheet's issues count for its workbook
    xlsx = next(f for f in report.files if f.file.endswith(".xlsx") and f.rows.read)
    assert sum(xlsx.issues.values()) == sum(1 for i in report.issues if i.file.startswith(xlsx.file))


def test_json_has_files_only_with_by_file_and_validates(tmp_path: Path) -> None:
    folder = _folder(tmp_path, SPLIT)
    plain = xyplan("check", str(folder), "--format", "json")
    assert "files" not in json.loads(plain.stdout)
    proc = xyplan("check", str(folder), "--format", "json", "--by", "file")
    assert proc.returncode == 2, proc.stderr  # the rejected row
    document = json.loads(proc.stdout)
    assert [f["file"] for f in document["files"]] == [str(folder / name) for name in SPLIT]
    assert Report.model_validate_json(proc.stdout).files is not None
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert {key for f in document["files"] for key in f} == set(schema["$defs"]["FileSummary"]["properties"])
    jsonschema.validate(json.loads(plain.stdout), schema)


# (golden, arguments): a short path that fits its column in Chinese, long ones that get a line of their own
TABLES = [
    (f"by-file-{lang}-80.txt", ["samples/midterm-2025.csv", "samples/bad/conflict-across-files", "--lang", lang,
                                "--by", "file"])
    for lang in ("en", "zh")
]


@pytest.mark.parametrize(("name", "args"), TABLES, ids=[t[0] for t in TABLES])
def test_table_section_at_80_columns(name: str, args: list[str], update_goldens: bool) -> None:
    proc = xyplan("check", *args, "--no-color", env={"COLUMNS": "80"})
    assert proc.returncode == 2, proc.stderr
    section = proc.stdout[proc.stdout.index("\nBy file" if "-en-" in name else "\n按文件汇总") + 1:]
    assert proc.stdout.startswith(xyplan("check", *args[:-2], "--no-color", env={"COLUMNS": "80"}).stdout)
    assert max(len(line) for line in section.splitlines() if line.isascii()) < 80
    path = GOLDENS / name
    if update_goldens:
        path.write_text(section, encoding="utf-8")
    assert section == path.read_text(encoding="utf-8")


def test_verdict_counts_coloured_only_with_colour(tmp_path: Path) -> None:
    report = api.check([_folder(tmp_path, SPLIT)], by="file", lang="en")
    coloured = render("table", report, Options(lang="en", color=True, width=120))
    plain = render("table", report, Options(lang="en", color=False, width=120))
    section = coloured[coloured.index("By file"):]
    assert "\x1b[1;31m" in section and "\x1b[1;32m" in section  # FAIL and PASS counts
    assert "\x1b" not in plain


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_table(tmp_path: Path, lang: Literal["en", "zh"]) -> None:
    folder = _folder(tmp_path, SPLIT)
    text = render("markdown", api.check([folder], by="file", lang=lang), Options(lang=lang))
    rows = [line for line in text.splitlines() if line.startswith(f"| {esc(str(folder))}")]
    assert rows == [f"| {esc(str(folder / 'a.csv'))} | 4 | 3 | 1 | 0 | 1 | 0 | 0 | 0 | 1 |",
                    f"| {esc(str(folder / 'b.csv'))} | 4 | 4 | 0 | 0 | 0 | 0 | 1 | 0 | 1 |",
                    f"| {esc(str(folder / 'c.csv'))} | 5 | 4 | 0 | 1 | 0 | 1 | 1 | 0 | 0 |"]
    without = render("markdown", api.check([folder], lang=lang), Options(lang=lang))
    assert text.startswith(without.rstrip("\n") + "\n\n## ")


def test_csv_junit_and_html_are_unchanged_by_by_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, SPLIT)
    for fmt in ("csv", "junit", "html"):
        assert xyplan("check", str(folder), "--format", fmt, "--by", "file").stdout == \
            xyplan("check", str(folder), "--format", fmt).stdout
