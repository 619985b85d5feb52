"""`xyplan targets list|show` through the real command line, from outside the checkout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CONTRACT = {"id", "plan", "domain", "name_zh", "name_en", "quote", "clause", "unit", "kind", "direction",
            "inclusive", "timing", "milestones", "baseline_year", "scope", "breakdown"}


def xyplan(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xyplan_cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                                                     "PYTHONPATH": ":".join(sys.path)})


def test_list_json_follows_the_contract(tmp_path: Path) -> None:
    proc = xyplan("targets", "list", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert len(records) >= 180
    for r in records:
        assert set(r) >= CONTRACT, r["id"]
        assert r["plan"] in ("women", "children")
        assert r["direction"] in ("higher", "lower", "band", "gap_narrows", "slowing_rise")
        assert all(set(m) == {"year", "value"} and isinstance(m["year"], int) for m in r["milestones"])
        if r["milestones"]:
            assert r["milestones"][-1]["year"] == r["deadline"]
    pension = next(r for r in records if r["milestones"] == [{"year": 2025, "value": 90.0},
                                                             {"year": 2030, "value": 95.0}])
    assert (pension["plan"], pension["kind"], pension["inclusive"]) == ("women", "at_least", True)


@pytest.mark.parametrize(("lang", "header", "example"), [("zh", "要求", "≤ 10/10万(2030年)"),
                                                         ("en", "requirement", "≤ 10/10万 by 2030")])
def test_list_table_in_both_languages(tmp_path: Path, lang: str, header: str, example: str) -> None:
    proc = xyplan("--lang", lang, "targets", "list", "--plan", "women", "--domain", "health", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert header in proc.stdout
    assert example in proc.stdout


@pytest.mark.parametrize(("args", "expected"), [
    (["--kind", "cumulative"], {"c.education.m5b", "c.education.m5c", "c.education.m6a"}),
    (["孕产妇死亡率", "--plan", "women"], {"w.health.2a", "w.health.2b", "w.health.2c"}),
])
def test_filters(tmp_path: Path, args: list[str], expected: set[str]) -> None:
    proc = xyplan("targets", "list", "--format", "json", *args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert expected <= {r["id"] for r in json.loads(proc.stdout)}


def test_show_has_quote_clause_and_notes(tmp_path: Path) -> None:
    proc = xyplan("--lang", "en", "targets", "show", "c.health.3a", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for text in ("新生儿", "儿童规划 二(一) 主要目标3", "notes", "≤ 3‰ every year"):
        assert text in proc.stdout


def test_show_unknown_id_suggests_and_exits_2(tmp_path: Path) -> None:
    proc = xyplan("targets", "show", "w.health.2", cwd=tmp_path)
    assert proc.returncode == 2
    assert "did you mean" in proc.stderr and "Traceback" not in proc.stderr
