"""`xyplan validate`: accounting and issues as a table or JSON; exit 0 when clean, 2 on any error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xyplan_cli.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
runner = CliRunner()
GOOD = ["xianyang-2020-2024.csv", "sanyuan-2020-2024-gbk.csv", "sanyuan-2020-2024-utf16.txt",
        "sanyuan-2020-2024.xlsx", "townships-immunization-2020-2024.csv"]


@pytest.mark.parametrize("name", GOOD)
def test_good_samples_exit_0(name: str) -> None:
    proc = runner.invoke(app, ["validate", str(SAMPLES / name), "--format", "json"])
    assert proc.exit_code == 0, proc.output[:2000]
    payload = json.loads(proc.output)
    assert set(payload) == {"rows", "issues"}
    assert set(payload["rows"]) == {"read", "accepted", "rejected", "skipped"}
    for issue in payload["issues"]:
        assert set(issue) == {"file", "line", "column", "code", "severity", "field", "message"}


@pytest.mark.parametrize("name", sorted(p.name for p in (SAMPLES / "bad").iterdir()))
def test_bad_samples_exit_2(name: str) -> None:
    proc = runner.invoke(app, ["validate", str(SAMPLES / "bad" / name)])
    assert proc.exit_code == 2
    assert "Traceback" not in proc.output and name in proc.output


@pytest.mark.parametrize(("lang", "summary"), [("en", "rows read 4: accepted 2, rejected 2, skipped 0"),
                                               ("zh", "读取 4 行:接受 2,拒绝 2,跳过 0")])
def test_table_in_both_languages(lang: str, summary: str) -> None:
    proc = runner.invoke(app, ["validate", str(SAMPLES / "bad" / "unknown-region.csv"), "--lang", lang])
    lines = proc.output.splitlines()
    assert summary in lines[-1]
    hint = "did you mean '秦都区'" if lang == "en" else "是否为“秦都区”"
    assert any(line.startswith(str(SAMPLES / "bad" / "unknown-region.csv") + ":4:2:") and hint in line
               for line in lines)


@pytest.mark.parametrize(("encoding", "code"), [("gbk", 0), ("GB18030", 0), ("utf-8", 2),
                                                ("no-such-codec", 2)])
def test_encoding_option(encoding: str, code: int) -> None:
    path = SAMPLES / "sanyuan-2020-2024-gbk.csv"
    proc = runner.invoke(app, ["validate", str(path), "--encoding", encoding])
    assert proc.exit_code == code, proc.output[-500:]


def test_missing_path_is_an_issue_not_a_crash(tmp_path: Path) -> None:
    proc = runner.invoke(app, ["validate", str(tmp_path / "nope.csv"), "--format", "json"])
    assert proc.exit_code == 2
    assert [i["code"] for i in json.loads(proc.output)["issues"]] == ["unreadable-file"]
