"""`xyplan check` end to end: golden outputs for the samples, JSON equal to the API's, exit codes, --output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from xyplan_cli import api

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
GOLDENS = Path(__file__).parent / "goldens"

# (golden name, arguments after `check`): small, readable slices of the samples
CASES = [
    ("midterm-en", ["samples/midterm-2025.csv", "--plan", "women", "--domain", "social_security", "--lang", "en"]),
    ("midterm-zh", ["samples/midterm-2025.csv", "--plan", "children", "--domain", "education", "--lang", "zh"]),
    ("qindu-children-education-zh", ["samples/xianyang-2020-2024.csv", "--region", "秦都区", "--plan", "children",
                                     "--domain", "education", "--lang", "zh"]),
    ("yongshou-health-en-verbose", ["samples/xianyang-2020-2024.csv", "--region", "永寿县", "--plan", "children",
                                    "--domain", "health", "--lang", "en", "-v"]),
]


def xyplan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "COLUMNS": "100",
            "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "xyplan_cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**base, **(env or {})})


def _golden(name: str, text: str, update: bool) -> str:
    path = GOLDENS / name
    if update:
        path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_golden_output(name: str, args: list[str], fmt: str, update_goldens: bool) -> None:
    proc = xyplan("check", *args, "--format", fmt, "--no-color" if fmt == "table" else "-v")
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout == _golden(f"{name}.{'txt' if fmt == 'table' else 'json'}", proc.stdout, update_goldens)


def test_cli_json_equals_the_api() -> None:
    proc = xyplan("check", "samples/xianyang-2020-2024.csv", "samples/midterm-2025.csv", "--format", "json",
                  "--lang", "zh", "--year", "2024")
    report = api.check([SAMPLES / "xianyang-2020-2024.csv", SAMPLES / "midterm-2025.csv"], year=2024, lang="zh")
    assert json.loads(proc.stdout) == json.loads(json.dumps(report.to_dict(), ensure_ascii=False).replace(
        str(SAMPLES) + "/", "samples/"))


def test_exit_codes_follow_the_report() -> None:
    # the city drop has FAILs and no rejected row: 1; a file with a rejected row: 2, even with FAILs
    assert xyplan("check", "samples/xianyang-2020-2024.csv", "--format", "json").returncode == 1
    assert xyplan("check", "samples/xianyang-2020-2024.csv", "samples/bad/unknown-region.csv",
                  "--format", "json").returncode == 2
    # only PASS and WARN: 0, unless --fail-on warn
    args = ["samples/xianyang-2020-2024.csv", "--region", "咸阳市", "--plan", "women", "--domain", "health"]
    proc = xyplan("check", *args, "--format", "json")
    summary = json.loads(proc.stdout)["summary"]
    assert (summary["fail"], proc.returncode) == (0, 0)
    assert summary["warn"] > summary["explained"]
    assert xyplan("check", *args, "--format", "json", "--fail-on", "warn").returncode == 1


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    proc = xyplan("check", "samples/midterm-2025.csv", "--format", "json", "--output", str(out))
    assert proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == 2025
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@pytest.mark.parametrize("extra", [[], ["--by", "file"]])
def test_json_written_to_a_file_as_it_is_made_equals_stdout(tmp_path: Path, extra: list[str]) -> None:
    """The JSON goes into --output while it is evaluated (memory stays bounded on national files); the
    bytes are those of stdout."""
    out = tmp_path / "report.json"
    args = ["check", "samples/xianyang-2020-2024.csv", "samples/midterm-2025.csv", "--format", "json", *extra]
    to_file, to_stdout = xyplan(*args, "--output", str(out)), xyplan(*args)
    assert (to_file.returncode, to_file.stdout) == (to_stdout.returncode, "")
    assert out.read_text(encoding="utf-8") == to_stdout.stdout


def test_a_usage_error_leaves_the_old_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    proc = xyplan("check", "samples/midterm-2025.csv", "--format", "json", "--region", "秦都县", "--output", str(out))
    assert proc.returncode == 2
    assert (out.read_text(encoding="utf-8"), sorted(p.name for p in tmp_path.iterdir())) == ("old", ["report.json"])


def test_an_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    proc = xyplan("check", "samples/midterm-2025.csv", "--format", "json", "--output", str(tmp_path / "no" / "r.json"))
    assert (proc.returncode, "Traceback" in proc.stderr, "cannot write" in proc.stderr) == (2, False, True)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_while_writing_is_a_clear_error() -> None:
    """Written piece by piece, a failing write (or the close that flushes it) is the output's error, exit 2."""
    proc = xyplan("check", "samples/xianyang-2020-2024.csv", "--format", "json", "--output", "/dev/full")
    assert (proc.returncode, "Traceback" in proc.stderr) == (2, False)
    assert "cannot write /dev/full" in proc.stderr


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_a_terminal_in_another_encoding_gets_the_report(encoding: str) -> None:
    """A GBK console cannot show ›, · or ▁: those become ? and the run goes on (it used to end in exit 3)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "COLUMNS": "100",
           "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONIOENCODING": encoding}
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "check", "samples/midterm-2025.csv", "--lang", "zh"],
                          capture_output=True, cwd=ROOT, timeout=300, env=env, check=False)
    assert proc.returncode == 1, proc.stderr.decode(encoding, "replace")
    text = proc.stdout.decode(encoding)
    assert "443" in text and ("项" in text) == (encoding == "gbk")


def test_unknown_region_is_a_usage_error() -> None:
    proc = xyplan("check", "samples/midterm-2025.csv", "--region", "秦都县")
    assert (proc.returncode, "Traceback" in proc.stderr) == (2, False)
    assert "秦都区" in proc.stderr


def test_missing_file_is_an_input_error() -> None:
    proc = xyplan("check", "samples/no-such-file.csv", "--format", "json")
    assert (proc.returncode, "Traceback" in proc.stderr) == (2, False)
    assert json.loads(proc.stdout)["issues"][0]["code"] == "unreadable-file"
