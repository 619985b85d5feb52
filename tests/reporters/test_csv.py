"""The CSV report: one row per result, nothing a spreadsheet would run as a formula, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from xyplan_cli.report import Report
from xyplan_cli.reporters import Options, render
from xyplan_cli.reporters.csv import BOM, COLUMNS, number, text

from .sample import FORMULA_NOTE

NUMERIC = {"latest_year", "latest_value", "threshold", "gap", "ratio", "projected", "deadline"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _rows(report: Report) -> list[dict[str, str]]:
    out = render("csv", report, Options(lang=report.lang))
    assert out.startswith(BOM)
    return list(csv.DictReader(io.StringIO(out[len(BOM):], newline="")))


def test_one_row_per_result(report: Report) -> None:
    rows = _rows(report)
    assert [(r["target_id"], r["region"], r["verdict"]) for r in rows] == [
        (x.target_id, x.region, x.verdict) for x in report.results]
    assert list(rows[0]) == list(COLUMNS)


def test_no_text_cell_can_run_as_a_formula(report: Report) -> None:
    for row in _rows(report):
        for column, cell in row.items():
            if column in NUMERIC and cell:
                float(cell)  # a plain number, negative ones included
            else:
                assert not cell.startswith(FORMULA_STARTS), (column, cell)


def test_dangerous_cells_keep_their_text_behind_an_apostrophe(report: Report) -> None:
    rows = {(r["target_id"], r["region"]): r for r in _rows(report)}
    assert rows[("c.myopia", "渭城区")]["explained"] == "'" + FORMULA_NOTE
    assert rows[("w.maternal_mortality", "咸阳市")]["gap"] == "-1.7"
    assert rows[("c.infant_mortality", "三原县")]["ratio"] == "-0.35"
    assert rows[("c.preschool_places", "咸阳市")]["latest_value"] == "30150"
    assert rows[("c.preschool_enrolment", "长武县")]["latest_value"] == ""


# (cell text, written as)
TEXTS = [
    ("=1+1", "'=1+1"),
    ("+86 29", "'+86 29"),
    ("-20% from 2020", "'-20% from 2020"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("咸阳市", "咸阳市"),
    ("a=b", "a=b"),
    ("", ""),
]


@pytest.mark.parametrize(("cell", "expected"), TEXTS)
def test_text_cells(cell: str, expected: str) -> None:
    assert text(cell) == expected


# (number, written as)
NUMBERS = [(None, ""), (-1.7, "-1.7"), (30150.0, "30150"), (0.1 + 0.2, "0.30000000000000004"), (-0.0, "0")]


@pytest.mark.parametrize(("value", "expected"), NUMBERS)
def test_numeric_cells(value: float | None, expected: str) -> None:
    assert number(value) == expected
