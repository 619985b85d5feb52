"""`xyplan targets lint` on broken catalogues: each case folder holds catalogue.yaml and expected.json,
the list of [code, line, yaml path] the linter must report (regenerate with --update-goldens)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xyplan_cli.catalogue import lint
from xyplan_cli.catalogue.schema import catalogue_schema_text

CASES = sorted(p for p in (Path(__file__).parent / "lint_cases").iterdir() if p.is_dir())
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_lint_case(case: Path, update_goldens: bool) -> None:
    found = [[i.code, i.line, i.field] for i in lint(case / "catalogue.yaml")]
    expected_file = case / "expected.json"
    if update_goldens:
        expected_file.write_text(json.dumps(found, ensure_ascii=False) + "\n", encoding="utf-8")
    assert found == json.loads(expected_file.read_text(encoding="utf-8"))
    assert found, "a broken catalogue must yield at least one problem"
    assert all(line > 0 for _, line, _ in found), "every problem names its line"


@pytest.mark.parametrize("case", ["yaml_syntax", "python_tag", "alias_bomb", "unknown_kind"])
def test_cli_reports_file_line_and_exits_2(case: str) -> None:
    path = Path(__file__).parent / "lint_cases" / case / "catalogue.yaml"
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "targets", "lint", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{path}:" in proc.stderr


def test_shipped_catalogue_lints_clean() -> None:
    assert lint(ROOT / "targets") == []


def test_broken_catalogue_is_refused_everywhere(tmp_path: Path) -> None:
    """--targets with a broken catalogue: the problem is reported and every command exits 2."""
    bad = Path(__file__).parent / "lint_cases" / "unknown_unit" / "catalogue.yaml"
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "--targets", str(bad), "targets", "list"],
                          capture_output=True, text=True, timeout=60)
    assert (proc.returncode, "Traceback" in proc.stderr) == (2, False)
    assert "unknown unit 'per_million'" in proc.stderr


def test_identical_shared_indicator_is_allowed_but_a_different_one_is_not(tmp_path: Path) -> None:
    base = (Path(__file__).parent / "lint_cases" / "unknown_unit" / "catalogue.yaml").read_text(encoding="utf-8")
    good = base.replace("per_million", "per_100k")
    (tmp_path / "a.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(good.replace("id: demo", "id: demo2"), encoding="utf-8")
    assert lint(tmp_path) == []
    (tmp_path / "b.yaml").write_text(good.replace("id: demo", "id: demo2").replace("per_100k", "percent"),
                                     encoding="utf-8")
    assert [i.code for i in lint(tmp_path)] == ["duplicate-id"]


def test_json_schema_is_up_to_date(update_goldens: bool) -> None:
    path = ROOT / "docs" / "catalogue.schema.json"
    if update_goldens:
        path.write_text(catalogue_schema_text(), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == catalogue_schema_text()
