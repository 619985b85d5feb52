"""The bad-input corpus (corpus/manifest.yaml) through the real CLI, each run a subprocess with a time and
memory limit: exit 2, the expected issue codes, no traceback, and every issue names its file (and the line
and column when the problem is on a row). Anyone can drop a new broken file into corpus/ and list it."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from .generate import MAKERS

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
ROOT = HERE.parents[1]
SAMPLE = ROOT / "samples" / "sanyuan-2020-2024.csv"
TIMEOUT = 120  # seconds per command
MEMORY = 1536 << 20  # bytes of address space per command
# Codes about a row: the issue must give the line, and the column of the offending cell.
CELL_CODES = {"not-a-number", "unknown-indicator", "unknown-region", "unknown-breakdown", "bad-year",
              "missing-field", "unit-mismatch", "unknown-unit", "implausible-value", "numerator-mismatch",
              "duplicate-conflict", "ragged-row", "missing-value", "duplicate-header"}
LINE_CODES = CELL_CODES | {"malformed-row", "unbalanced-quote", "row-skipped", "yaml-syntax", "yaml-unsafe",
                           "schema", "unknown-reference", "duplicate-id", "encoding-error"}
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ISSUE_LINE = re.compile(r"^(?P<where>.+?)(?::(?P<line>\d+)(?::(?P<column>\d+))?)?: (?:\[\S+\] )?"
                        r"(?:error|warning|info) \[?(?P<code>[a-z-]+)\]?:? ")


@dataclass(frozen=True)
class Case:
    kind: str  # submissions or catalogues
    name: str
    codes: tuple[str, ...]
    exit: int
    absent: tuple[str, ...] = ()
    whole_file: bool = False
    make: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    def path(self, folder: Path) -> Path:
        """The path to give the CLI, relative to the folder it runs in."""
        if self.make:
            return MAKERS[self.name](folder).relative_to(folder)
        return Path(self.kind) / self.name


def load_cases() -> list[Case]:
    manifest = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
    cases = []
    for kind in ("submissions", "catalogues"):
        for entry in manifest[kind]:
            name = entry.get("file") or entry["make"]
            cases.append(Case(kind, name, tuple(entry["codes"]), entry["exit"], tuple(entry.get("absent", ())),
                              bool(entry.get("whole_file")), "make" in entry))
    return cases


CASES = load_cases()


def limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "xyplan_cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT, preexec_fn=limit, env=env, encoding="utf-8", errors="replace")


def clean_run(proc: subprocess.CompletedProcess[str], case: Case) -> None:
    """No traceback or internal error, the expected exit code, no raw control characters on a terminal."""
    both = proc.stdout + proc.stderr
    assert "Traceback" not in both and "internal error" not in both and "MemoryError" not in both, both[-2000:]
    assert proc.returncode == case.exit, (proc.returncode, both[-2000:])


def check_lines(text: str, path: Path, case: Case) -> set[str]:
    """Every issue line of terminal output names the file (under `path`), with a line (and column) where
    the code concerns a row; returns the codes seen."""
    codes = set()
    assert not CONTROL.search(text), "raw control or bidi characters reach the terminal"
    for line in text.splitlines():
        match = ISSUE_LINE.match(line)
        if match is None:
            continue
        codes.add(match["code"])
        where = match["where"]
        assert where == str(path) or where.startswith(f"{path}{os.sep}") or where.startswith(f"{path}["), line
        if case.whole_file:
            continue
        if match["code"] in LINE_CODES:
            assert match["line"], f"no line in: {line}"
        if match["code"] in CELL_CODES:
            assert match["column"], f"no column in: {line}"
    return codes


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "submissions"], ids=lambda c: c.name)
def test_submission(case: Case, tmp_path: Path) -> None:
    folder = CORPUS if not case.make else tmp_path
    path = case.path(folder)
    validate = run(["--lang", "en", "validate", str(path)], folder)
    clean_run(validate, case)
    seen = check_lines(validate.stdout + validate.stderr, path, case)
    assert set(case.codes) <= seen, (case.codes, seen, validate.stdout[-2000:])
    assert not set(case.absent) & seen, (case.absent, seen)

    check = run(["--lang", "en", "check", "--format", "json", str(path)], folder)
    clean_run(check, case)
    report = json.loads(check.stdout)
    rows = report["rows"]
    assert rows["read"] == rows["accepted"] + rows["rejected"] + rows["skipped"]
    codes = {i["code"] for i in report["issues"]}
    assert set(case.codes) <= codes
    for issue in report["issues"]:
        assert issue["file"] == str(path) or issue["file"].startswith(str(path)), issue
        if issue["code"] in CELL_CODES:
            assert issue["line"] > 0 and issue["column"] > 0, issue


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "catalogues"], ids=lambda c: c.name)
def test_catalogue(case: Case, tmp_path: Path) -> None:
    folder = CORPUS if not case.make else tmp_path
    path = case.path(folder)
    lint = run(["--lang", "en", "targets", "lint", str(path)], folder)
    clean_run(lint, case)
    seen = check_lines(lint.stderr, path, case)
    assert set(case.codes) <= seen, (case.codes, lint.stderr[-2000:])
    assert not set(case.absent) & seen

    check = run(["--lang", "en", "--targets", str(path), "check", "--format", "json", str(SAMPLE)], folder)
    clean_run(check, case)
    assert check.stdout == "", "no report is printed when the catalogue cannot be used"
    assert set(case.codes) <= check_lines(check.stderr, path, case)


def test_the_reference_catalogue_is_valid() -> None:
    """The catalogue the broken ones were made from lints clean, so each case fails for its own reason."""
    proc = run(["targets", "lint", "catalogues/valid-reference.yaml"], CORPUS)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_every_corpus_file_is_in_the_manifest() -> None:
    listed = {(c.kind, c.name) for c in CASES if not c.make}
    present = {(kind, p.name) for kind in ("submissions", "catalogues") for p in (CORPUS / kind).iterdir()}
    assert present - listed == {("catalogues", "valid-reference.yaml")}
    assert listed <= present
    assert len(CASES) >= 40


def test_an_unreadable_file_is_reported_unless_root_can_read_it(tmp_path: Path) -> None:
    """chmod 000 does not stop root: as root the locked file is read like any other; otherwise it is an
    unreadable-file issue. The dangling symlink and the FIFO are unreadable either way."""
    case = next(c for c in CASES if c.name == "unreadable-entries")
    path = case.path(tmp_path)
    report = json.loads(run(["--lang", "en", "check", "--format", "json", str(path)], tmp_path).stdout)
    unreadable = {Path(i["file"]).name for i in report["issues"] if i["code"] == "unreadable-file"}
    expected = {"b-dangling.csv", "c-fifo.csv"} | (set() if os.geteuid() == 0 else {"d-locked.csv"})
    assert unreadable == expected
    assert report["rows"]["accepted"] == (2 if os.geteuid() == 0 else 1)
