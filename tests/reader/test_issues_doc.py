"""docs/issues.md lists every issue code of `issues.CODES`; it is generated here (--update-goldens)."""

from __future__ import annotations

from pathlib import Path

from xyplan_cli.issues import CODES

DOC = Path(__file__).resolve().parents[2] / "docs" / "issues.md"
INTRO = """# Issue codes

Every problem `xyplan` finds in submissions or catalogues is reported with a stable code, a severity and a
message in Chinese and English, with the file, line and column it concerns (line 0: the whole file).
`{…}` in a message is filled in from the issue's details. **error** rejects the row or file (exit 2),
**warning** keeps the data and reports it, **info** records a row that was skipped.

Row accounting: every row below a header is counted once as accepted, rejected or skipped, so
`read = accepted + rejected + skipped`. Blank rows, title/footnote/comment rows below the header
(`row-skipped`), explicit missing values (`missing-value`) and the repeat of a duplicate with the same
value (`duplicate`) are skipped. Rows of a file without a usable header are counted as rejected.

This page is generated from `xyplan_cli.issues.CODES` by `tests/reader/test_issues_doc.py`
(`pytest tests/reader/test_issues_doc.py --update-goldens`).
"""


def render() -> str:
    lines = [INTRO, "| code | severity | message (zh) | message (en) | meaning |", "|---|---|---|---|---|"]
    for name, code in CODES.items():
        cells = [f"`{name}`", code.severity, code.zh, code.en, code.doc]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def test_docs_list_every_code(update_goldens: bool) -> None:
    text = render()
    if update_goldens:
        DOC.write_text(text, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == text, "docs/issues.md is stale: rerun with --update-goldens"


def test_every_code_has_both_messages() -> None:
    for name, code in CODES.items():
        assert code.zh and code.en and code.doc, name
        assert set(_fields(code.zh)) == set(_fields(code.en)), name


def _fields(template: str) -> list[str]:
    import string

    return [f for _, f, _, _ in string.Formatter().parse(template) if f]
