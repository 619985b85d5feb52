"""The code stays clean: ruff, mypy --strict and the import-linter layer contracts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff() -> None:
    proc = run(sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "scripts")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict() -> None:
    proc = run(sys.executable, "-m", "mypy", "--strict", "src/xyplan_cli")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_import_contracts() -> None:
    here = str(Path(sys.executable).parent)
    lint_imports = shutil.which("lint-imports", path=here) or shutil.which("lint-imports")
    if lint_imports is None:
        pytest.fail("lint-imports (import-linter) is not installed; install the project's [test] extra")
    proc = run(lint_imports)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_module_opens_with_a_purpose() -> None:
    missing = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        text = path.read_text(encoding="utf-8").lstrip()
        if not text.startswith('"""'):
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []
