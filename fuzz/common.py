"""What the fuzz harnesses share: the shipped catalogue, a scratch folder, and the invariants they assert."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from xyplan_cli.catalogue import Catalogue, load_catalogue
from xyplan_cli.issues import CODES, Issue
from xyplan_cli.reader import ReadResult

SCRATCH = Path(tempfile.mkdtemp(prefix="xyplan-fuzz-"))
os.environ.setdefault("XYPLAN_NO_CACHE", "1")  # parse every input; no pickles in the user's cache


def shipped() -> Catalogue:
    return load_catalogue()


def write(name: str, data: bytes) -> Path:
    """`data` as the file `name` in this process's scratch folder (overwritten every input)."""
    path = SCRATCH / name
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def check_issues(issues: list[Issue]) -> None:
    """Every issue has a known code, a file, non-negative positions and a message in both languages."""
    for issue in issues:
        assert issue.code in CODES, issue
        assert issue.file, issue
        assert issue.line >= 0 and issue.column >= 0, issue
        assert issue.message("en") and issue.message("zh"), issue


def check_read(result: ReadResult) -> None:
    """The accounting equation and the issue invariants of one `read_submissions` result."""
    rows = result.rows
    assert rows.read == rows.accepted + rows.rejected + rows.skipped, rows
    assert min(rows.read, rows.accepted, rows.rejected, rows.skipped) >= 0, rows
    assert rows.accepted == len(result.dataset), (rows, len(result.dataset))
    if rows.rejected:
        assert any(i.severity == "error" for i in result.issues), result.issues
    check_issues(result.issues)


def cleanup() -> None:
    for name in os.listdir(SCRATCH):
        os.unlink(SCRATCH / name)
