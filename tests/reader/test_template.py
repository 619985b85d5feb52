"""`xyplan template`: the rows the targets need, as CSV (with BOM) and XLSX, that read back and validate."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.cli.main import app
from xyplan_cli.reader import read_submissions
from xyplan_cli.reader.template import needs, resolve_regions

runner = CliRunner()


def test_default_regions_are_the_city_and_its_counties(catalogue: Catalogue) -> None:
    regions, unknown = resolve_regions(catalogue, [])
    assert (len(regions), regions[0], unknown) == (15, "610400", [])


@pytest.mark.parametrize(("region", "indicator", "present"), [
    ("610402", "nip_vaccination_coverage", False),       # township-only target: not for a county
    ("610422/城关街道", "nip_vaccination_coverage", True),  # asked for by path: there
    ("610422/城关街道", "maternal_mortality", False),      # a city/county target: not for a township
    ("610402", "maternal_mortality", True),
    ("610400", "women_share_party_members", True),         # the series a relative target compares with
])
def test_which_series_a_region_gets(catalogue: Catalogue, region: str, indicator: str, present: bool) -> None:
    got = {n.indicator for n in needs(catalogue, ["women", "children"], [region])}
    assert (indicator in got) == present


def test_breakdowns_come_from_the_targets(catalogue: Catalogue) -> None:
    got = {(n.indicator, n.breakdown) for n in needs(catalogue, ["children"], ["610402"])}
    assert {("student_myopia", "primary"), ("student_myopia", "junior"), ("student_myopia", "senior")} <= got
    assert ("student_myopia", "total") not in got
    assert ("neonatal_mortality", "urban") in got and ("neonatal_mortality", "total") in got


def fill(path: Path) -> int:
    """Fill every value of a CSV template with 1 (plausible in every unit); the number of rows."""
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    value = rows[0].index("数值") if "数值" in rows[0] else rows[0].index("value")
    for row in rows[1:]:
        row[value] = "1"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return len(rows) - 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_template_filled_in_validates(catalogue: Catalogue, tmp_path: Path, lang: str) -> None:
    out = tmp_path / "t.csv"
    proc = runner.invoke(app, ["template", "--years", "2023-2024", "--lang", lang, "--output", str(out)])
    assert proc.exit_code == 0, proc.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert data.decode("utf-8-sig").split(",")[0] == ("指标" if lang == "zh" else "indicator")
    empty = read_submissions([out], catalogue)
    assert (empty.rows.accepted, empty.rows.rejected, empty.rows.skipped) == (0, 0, empty.rows.read)
    rows = fill(out)
    proc = runner.invoke(app, ["validate", str(out), "--format", "json"])
    assert proc.exit_code == 0, proc.output[:2000]
    assert json.loads(proc.output)["rows"] == {"read": rows, "accepted": rows, "rejected": 0, "skipped": 0}


def test_xlsx_template_filled_in_validates(catalogue: Catalogue, tmp_path: Path) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    out = tmp_path / "t.xlsx"
    proc = runner.invoke(app, ["template", "--plan", "women", "--region", "三原县", "--region", "咸阳市",
                               "--years", "2024", "--output", str(out)])
    assert proc.exit_code == 0, proc.output
    book = load_workbook(out)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    value = header.index("数值") if "数值" in header else header.index("value")
    for row in sheet.iter_rows(min_row=2):
        row[value].value = 1
    book.save(out)
    result = read_submissions([out], catalogue)
    assert result.issues == [] and result.rows.accepted == sheet.max_row - 1 > 10
    assert {key[1] for key in result.dataset.series} == {"610422", "610400"}


@pytest.mark.parametrize(("args", "message"), [
    (["--years", "2024-2020"], "2024-2020"), (["--years", "abc"], "abc"), (["--region", "秦都县"], "秦都区"),
    (["--plan", "men"], "men"), (["--format", "xlsx"], "--output"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    proc = runner.invoke(app, ["template", *args])
    assert proc.exit_code == 2 and message in proc.output


def test_csv_to_stdout_with_bom() -> None:
    """`xyplan template > fill.csv` must open in Excel as UTF-8, as `check --format csv` does."""
    proc = runner.invoke(app, ["template", "--years", "2024", "--region", "610422/城关街道", "--lang", "zh"])
    assert proc.exit_code == 0
    lines = proc.output.splitlines()
    assert lines[0] == "\ufeff指标,地区,年份,分组,数值,单位,说明,来源"
    assert all(",三原县/城关街道,2024," in line for line in lines[1:]) and len(lines) > 1
