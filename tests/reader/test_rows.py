"""One row at a time through the reader: what is accepted (as which value), skipped or rejected (why)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from xyplan_cli.catalogue import Catalogue

from .helpers import counts, issues, observations, read_text

HEADER = "指标,地区,年份,分组,数值,单位,说明\n"
INF = math.inf

# One data row (line 2) → the observation it becomes: (indicator, region, breakdown, year, low, high).
MM, MSM, NIP = "maternal_mortality", "maternal_systematic_management_rate", "nip_vaccination_coverage"
NPP = "new_preschool_places"
ACCEPTED = [
    ("孕产妇死亡率,秦都区,2024,,10.6,,", (MM, "610402", "total", 2024, 10.6, 10.6)),
    ("maternal_mortality,610402,2024,总计,10.6,1/10万,", (MM, "610402", "total", 2024, 10.6, 10.6)),
    ("w.health.2a,秦都,2024,合计,10.6,/10万,", (MM, "610402", "total", 2024, 10.6, 10.6)),
    ("Maternal mortality ratio,Qindu,2024,total,10.6,,", (MM, "610402", "total", 2024, 10.6, 10.6)),
    ("孕产妇死亡率（1/10万）,秦 都 区,２０２４,,１０．６,,", (MM, "610402", "total", 2024, 10.6, 10.6)),
    ("孕产妇死亡率,咸阳市,2024年,,0.0106%,,", (MM, "610400", "total", 2024, 10.6, 10.6)),
    ("孕产妇系统管理率,三原县,2024,,0.952,比例,", (MSM, "610422", "total", 2024, 95.2, 95.2)),
    ("孕产妇系统管理率,三原县,2024,,>95,,", (MSM, "610422", "total", 2024, 95.0, INF)),
    ("孕产妇系统管理率,三原县,2024,,95%以上,,", (MSM, "610422", "total", 2024, 95.0, INF)),
    ("婴儿死亡率,杨凌示范区,2024,农村,3.2‰,,", ("infant_mortality", "610403", "rural", 2024, 3.2, 3.2)),
    ("婴儿死亡率,杨陵区,2024,城市,0.32%,,", ("infant_mortality", "610403", "urban", 2024, 3.2, 3.2)),
    ("新建幼儿园数,咸阳市,2024,,25所,,", ("new_kindergartens", "610400", "total", 2024, 25.0, 25.0)),
    ("新增学前教育学位数,咸阳市,2024,,0.66万,,", (NPP, "610400", "total", 2024, 6600.0, 6600.0)),
    ('新增学前教育学位数,咸阳市,2024,,"6,600",个,', (NPP, "610400", "total", 2024, 6600.0, 6600.0)),
    ("适龄儿童免疫规划疫苗接种率,三原县/城关街道,2024,,98.1,,", (NIP, "610422/城关街道", "total", 2024, 98.1,
                                                   98.1)),
    ("适龄儿童免疫规划疫苗接种率,610422/城关 街道,2024,,98.1,,", (NIP, "610422/城关街道", "total", 2024, 98.1,
                                                     98.1)),
    ("学生近视率,秦都区,2024,小学,35.1,%,", ("student_myopia", "610402", "primary", 2024, 35.1, 35.1)),
    ("学生近视率,秦都区,2024,初中,35.1,%,", ("student_myopia", "610402", "junior", 2024, 35.1, 35.1)),
]


@pytest.mark.parametrize(("row", "expected"), ACCEPTED)
def test_accepted(catalogue: Catalogue, tmp_path: Path, row: str, expected: tuple[object, ...]) -> None:
    result = read_text(catalogue, tmp_path, HEADER + row + "\n")
    assert issues(result) == []
    assert [o[:6] for o in observations(result.dataset)] == [expected]
    assert counts(result) == (1, 1, 0, 0)


# One data row (line 2) → the issues that reject it: (column, code).
REJECTED = [
    ("孕产妇死亡,秦都区,2024,,10.6,,", [(1, "unknown-indicator")]),
    ("孕产妇死亡率,秦都县,2024,,10.6,,", [(2, "unknown-region")]),
    ("孕产妇死亡率,咸阳市/城关街道,2024,,10.6,,", [(2, "unknown-region")]),
    ("孕产妇死亡率,秦都区,24,,10.6,,", [(3, "bad-year")]),
    ("孕产妇死亡率,秦都区,1900,,10.6,,", [(3, "bad-year")]),
    ("孕产妇死亡率,秦都区,2024,城乡结合部,10.6,,", [(4, "unknown-breakdown")]),
    ("孕产妇死亡率,秦都区,2024,,十点六,,", [(5, "not-a-number")]),
    ("孕产妇死亡,秦都县,2024,,abc,,", [(1, "unknown-indicator"), (2, "unknown-region"), (5, "not-a-number")]),
    ("孕产妇死亡率,秦都区,2024,,10.6,度,", [(6, "unknown-unit")]),
    ("孕产妇死亡率,秦都区,2024,,10.6,个,", [(6, "unit-mismatch")]),
    ("孕产妇死亡率,秦都区,2024,,10.6元,,", [(5, "unit-mismatch")]),
    ("孕产妇死亡率,秦都区,2024,,10.6%,‰,", [(6, "unit-conflict")]),
    ("孕产妇系统管理率,秦都区,2024,,100.1,,", [(5, "implausible-value")]),
    ("孕产妇系统管理率,秦都区,2024,,>100,,", [(5, "implausible-value")]),
    ("孕产妇系统管理率,秦都区,2024,,1.02,比例,", [(5, "implausible-value")]),
    ("新建幼儿园数,咸阳市,2024,,-3,,", [(5, "implausible-value")]),
    (",秦都区,2024,,10.6,,", [(1, "missing-field")]),
    ("孕产妇死亡率,,,,10.6,,", [(2, "missing-field"), (3, "missing-field")]),
    ("孕产妇死亡率,秦都区,2024,,10.6,,,extra", [(8, "ragged-row")]),
]


@pytest.mark.parametrize(("row", "expected"), REJECTED)
def test_rejected(catalogue: Catalogue, tmp_path: Path, row: str, expected: list[tuple[int, str]]) -> None:
    result = read_text(catalogue, tmp_path, HEADER + row + "\n")
    assert [(column, code) for line, column, code in issues(result)] == expected
    assert {line for line, _, _ in issues(result)} == {2}
    assert counts(result) == (1, 0, 1, 0)
    assert len(result.dataset) == 0


# One row (line 2) → skipped, with the issue it reports (None: a blank row, no issue).
SKIPPED = [
    ("孕产妇死亡率,秦都区,2024,,,,", "missing-value"),
    ("孕产妇死亡率,秦都区,2024,,—,,", "missing-value"),
    ("孕产妇死亡率,秦都区,2024,,NA,,2024年未统计", "missing-value"),
    (",,,,,,", None),
    ("   ,  ,,,,,", None),
    ("注:本表由卫健委提供,,,,,,", "row-skipped"),
    ("填表人:张三,审核人:李四,,,,,", "row-skipped"),
    ("# a comment,,,,,,", "row-skipped"),
    ("一、妇女与健康,,,,,,", "row-skipped"),
    ("指标,地区,年份,分组,数值,单位,说明", "row-skipped"),
    (",,,,,,只有说明", "row-skipped"),
]


@pytest.mark.parametrize(("row", "code"), SKIPPED)
def test_skipped(catalogue: Catalogue, tmp_path: Path, row: str, code: str | None) -> None:
    result = read_text(catalogue, tmp_path, HEADER + row + "\n")
    assert [c for _, _, c in issues(result)] == ([code] if code else [])
    assert counts(result) == (1, 0, 0, 1)


@pytest.mark.parametrize(("value", "numerator", "denominator", "code"), [
    ("95.2", "952", "1000", None), ("95.2", "9521", "10000", None), ("95", "9549", "10000", None),
    ("0.952", "952", "1000", None), ("95.2", "930", "1000", "numerator-mismatch"),
    ("95.2", "952", "0", "numerator-mismatch"), ("95.2", "abc", "1000", "not-a-number"),
    ("95", "9551", "10000", "numerator-mismatch"), ("95.2", "952", "", None),
])
def test_numerator_and_denominator(catalogue: Catalogue, tmp_path: Path, value: str, numerator: str,
                                   denominator: str, code: str | None) -> None:
    unit = "比例" if value.startswith("0.") else "%"
    row = f"孕产妇系统管理率,秦都区,2024,{value},{unit},{numerator},{denominator}"
    text = f"指标,地区,年份,数值,单位,分子,分母\n{row}\n"
    result = read_text(catalogue, tmp_path, text)
    assert [c for _, _, c in issues(result)] == ([code] if code else [])


def test_duplicates_in_one_file_and_across_files(catalogue: Catalogue, tmp_path: Path) -> None:
    head = "indicator,region,year,value,note\n"
    (tmp_path / "a.csv").write_text(head + "maternal_mortality,秦都区,2023,11.2,\n"
                                    "maternal_mortality,610402,2023,11.20,说明\n"
                                    "maternal_mortality,秦都区,2024,10.6,\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(head + "maternal_mortality,秦都,2024,10.9,\n"
                                    "maternal_mortality,秦都区,2024,10.6,\n", encoding="utf-8")
    from xyplan_cli.reader import read_submissions

    result = read_submissions([tmp_path], catalogue)
    got = [(Path(i.file).name, i.line, i.code, Path(i.params.get("other", "")).name) for i in result.issues]
    assert got == [("a.csv", 3, "duplicate", "a.csv:2"), ("a.csv", 4, "duplicate-conflict", "b.csv:2"),
                   ("b.csv", 2, "duplicate-conflict", "a.csv:4"),
                   ("b.csv", 3, "duplicate-conflict", "b.csv:2")]  # named: a row with another value
    assert counts(result) == (5, 1, 3, 1)
    assert [(o[3], o[4], o[8]) for o in observations(result.dataset)] == [(2023, 11.2, "说明")]


@pytest.mark.parametrize("values", [("11.2", "11.2", "10.9"), ("11.2", "10.9", "11.2"), ("10.9", "11.2", "11.2")])
def test_a_conflict_rejects_every_row_of_the_series_year_whatever_the_order(catalogue: Catalogue, tmp_path: Path,
                                                                            values: tuple[str, str, str]) -> None:
    """Two files agree and a third differs: all three rows are rejected in every order of reading, each
    naming a row with another value (never "11.2 ≠ 11.2"), and each file counts its own row."""
    from itertools import permutations

    from xyplan_cli.reader import read_submissions

    paths = []
    for name, value in zip("abc", values, strict=True):
        path = tmp_path / f"{name}.csv"
        path.write_text(f"indicator,region,year,value\nmaternal_mortality,秦都区,2023,{value}\n", encoding="utf-8")
        paths.append(path)
    seen = set()
    for order in permutations(paths):
        result = read_submissions(list(order), catalogue)
        got = sorted((Path(i.file).name, i.code, i.params["value"] != i.params["other_value"]) for i in result.issues)
        per_file = sorted((Path(f).name, (r.accepted, r.rejected, r.skipped)) for f, r in result.file_rows.items())
        seen.add((tuple(got), counts(result), tuple(per_file)))
    assert seen == {((("a.csv", "duplicate-conflict", True), ("b.csv", "duplicate-conflict", True),
                      ("c.csv", "duplicate-conflict", True)), (3, 0, 3, 0),
                     (("a.csv", (0, 1, 0)), ("b.csv", (0, 1, 0)), ("c.csv", (0, 1, 0))))}


# (value, unit cell, value read or issue code): a bare 万 scales the unit its unit cell names
TEN_THOUSAND = [("0.5万", "个", 5000.0), ("0.5万", "count", 5000.0), ("0.5万", "万个", 5000.0),
                ("0.5万", "", 5000.0), ("0.5万", "元", "unit-conflict"), ("5000", "个", 5000.0)]


@pytest.mark.parametrize(("value", "unit", "expected"), TEN_THOUSAND)
def test_a_bare_wan_scales_the_unit_cell(catalogue: Catalogue, tmp_path: Path, value: str, unit: str,
                                         expected: float | str) -> None:
    row = f"新增学前教育学位数,咸阳市,2024,{value},{unit}"
    result = read_text(catalogue, tmp_path, f"指标,地区,年份,数值,单位\n{row}\n")
    got = [c for _, _, c in issues(result)] or [o[4] for o in observations(result.dataset)]
    assert got == [expected]
