"""Golden cases: every file in samples/bad/ ends in issues naming file, line and column, and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.reader import read_submissions

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "samples" / "bad"
GOLDENS = Path(__file__).parent / "goldens" / "bad"
CASES = sorted(p.name for p in BAD.iterdir())
WHOLE_ROW = {"unbalanced-quote", "malformed-row"}  # row problems without a single column


def compact(catalogue: Catalogue, name: str) -> dict[str, list[object]]:
    """Row accounting and issues (file, line, column, code, severity, English message)."""
    result = read_submissions([Path(name)], catalogue)
    rows = result.rows
    return {"rows": [rows.read, rows.accepted, rows.rejected, rows.skipped],
            "issues": [[i.file, i.line, i.column, i.code, i.severity, i.message("en")]
                       for i in result.issues]}


def dump(data: dict[str, list[object]]) -> str:
    lines = [json.dumps(i, ensure_ascii=False) for i in data["issues"]]
    return f'{{"rows": {json.dumps(data["rows"])},\n "issues": [\n  ' + ",\n  ".join(lines) + "\n]}\n"


@pytest.mark.parametrize("name", CASES)
def test_bad_sample(catalogue: Catalogue, update_goldens: bool, monkeypatch: pytest.MonkeyPatch,
                    name: str) -> None:
    monkeypatch.chdir(BAD)
    got = compact(catalogue, name)
    golden = GOLDENS / f"{name}.json"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(dump(got), encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))
    read, accepted, rejected, skipped = got["rows"]
    assert read == accepted + rejected + skipped
    errors = [i for i in got["issues"] if isinstance(i, list) and i[4] == "error"]
    assert errors, "a bad sample must end in at least one error"
    for file, line, column, code, *_ in errors:
        assert str(file).startswith(name)
        if line and code not in WHOLE_ROW and code != "duplicate-header":
            assert column > 0, (line, code)


def test_every_kind_of_bad_input_has_a_sample() -> None:
    codes = {"not-a-number", "unknown-indicator", "unknown-region", "unknown-breakdown", "bad-year",
             "missing-field", "unit-mismatch", "unknown-unit", "implausible-value", "numerator-mismatch",
             "duplicate-conflict", "ragged-row", "no-header", "duplicate-header", "empty-file",
             "encoding-error", "corrupt-xlsx", "unsupported-format", "unbalanced-quote"}
    found = {issue[3] for name in CASES
             for issue in json.loads((GOLDENS / f"{name}.json").read_text(encoding="utf-8"))["issues"]}
    assert codes <= found


def test_the_bad_folder_at_once(catalogue: Catalogue) -> None:
    """Read as one folder, the bad files keep their own issues: nothing is lost or merged away."""
    result = read_submissions([BAD], catalogue)
    assert result.rows.balanced
    assert len(result.files) == len(list(BAD.rglob("*.*")))
    assert {Path(f).name for f in result.files} >= {"corrupt.xlsx", "legacy.xls", "empty-file.csv"}
