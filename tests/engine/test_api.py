"""The Python API: load, read, evaluate, check — the report the CLI prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xyplan_cli import api
from xyplan_cli.catalogue import Catalogue, CatalogueError
from xyplan_cli.issues import Issue
from xyplan_cli.reader.dataset import ReadResult, RowCounts

from .build import catalogue, dataset, series, target

AT_LEAST = "{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 90}]}"


@pytest.fixture
def cat(tmp_path: Path) -> Catalogue:
    return catalogue(tmp_path / "cat", target(AT_LEAST),
                     target(AT_LEAST, id="t.ss", domain="social_security"), children=True)


def read_result(issues: list[Issue] | None = None) -> ReadResult:
    data = dataset(series({2020: 80, 2024: 92}), series({2020: 80, 2023: 81}, region="610402"),
                   series({2024: 96}, region="610422/城关街道"), series({2024: 60}, indicator="y"))
    return ReadResult(dataset=data, rows=RowCounts(read=7, accepted=6, skipped=1), issues=issues or [])


@pytest.mark.parametrize(("given", "codes"), [
    (["610402"], ["610402"]),
    (["秦都区"], ["610402"]),
    (["秦都"], ["610402"]),
    (["秦都区", "咸阳市", "610402"], ["610402", "610400"]),
    (["三原县/城关街道"], ["610422/城关街道"]),
    (["610422/城关街道"], ["610422/城关街道"]),
])
def test_regions_by_code_or_name(cat: Catalogue, given: list[str], codes: list[str]) -> None:
    assert list(api.resolve_regions(cat, given, "en")) == codes


def test_evaluate_uses_the_resolved_regions(cat: Catalogue) -> None:
    report = api.evaluate(cat, read_result(), regions=["秦都", "三原县"], plans=["women"], domains=["health"])
    assert [(r.region_code, r.status) for r in report.results] == [("610402", "limited_progress"),
                                                                     ("610422", "no_data")]


@pytest.mark.parametrize(("kwargs", "lang", "message"), [
    ({"regions": ["秦都县"]}, "en", "unknown region '秦都县'; did you mean '秦都区'?"),
    ({"regions": ["秦都县"]}, "zh", "未知地区“秦都县”,是否为“秦都区”?"),
    ({"plans": ["elderly"]}, "en", "unknown plan 'elderly' (known: children, women)"),
    ({"domains": ["economy"]}, "en", "unknown domain 'economy' (known: health, social_security)"),
    ({"plans": ["children"], "domains": ["social_security"]}, "zh", "未知领域“social_security”(可选:health)"),
    ({"year": 20245}, "en", "year 20245 is out of range (1949–2100)"),
])
def test_usage_errors_are_value_errors(cat: Catalogue, kwargs: dict[str, object], lang: str,
                                       message: str) -> None:
    with pytest.raises(ValueError) as caught:
        api.evaluate(cat, read_result(), lang="zh" if lang == "zh" else "en", **kwargs)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_the_report(cat: Catalogue) -> None:
    issues = [Issue(code="missing-value", file="b.csv", line=9, params={"text": "-"}),
              Issue(code="duplicate", file="a.csv", line=3, params={"other": "a.csv:2"})]
    report = api.evaluate(cat, read_result(issues), lang="zh")
    assert (report.as_of, report.lang, report.rows) == (2024, "zh", RowCounts(read=7, accepted=6, skipped=1))
    assert [(p.id, p.name, [d.name for d in p.domains]) for p in report.plans] == [
        ("children", "测试儿童规划", ["儿童健康"]), ("women", "测试妇女规划", ["健康", "社会保障"])]
    assert [(i.file, i.line, i.code, i.severity, i.message) for i in report.issues] == [
        ("", 0, "not-evaluated", "info",
         "未评估:没有适用于乡镇级的“指标甲”目标(三原县/城关街道);其目标适用于:市级、县级"),
        ("a.csv", 3, "duplicate", "warning", "与 a.csv:2 重复(数值相同),只计一次"),
        ("b.csv", 9, "missing-value", "info", "数值缺失(“-”),该行已跳过")]  # (the test's rows name no file)
    got = [(r.target_id, r.region_code, r.verdict) for r in report.results]
    assert got == [("c.y", "610400", "pass"), ("c.y", "610402", "warn"),
                   ("t.x", "610400", "pass"), ("t.x", "610402", "warn"),
                   ("t.ss", "610400", "pass"), ("t.ss", "610402", "warn")]
    assert report.summary == {"pass": 3, "warn": 3, "fail": 0, "explained": 0}


def test_year_and_filters(cat: Catalogue) -> None:
    report = api.evaluate(cat, read_result(), year=2023, plans=["women"], domains=["social_security"])
    assert report.as_of == 2023
    assert [(p.id, [d.id for d in p.domains]) for p in report.plans] == [("women", ["social_security"])]
    assert [(r.target_id, r.region_code, r.status) for r in report.results] == [
        ("t.ss", "610400", "insufficient_data"), ("t.ss", "610402", "limited_progress")]


def test_check_reads_files(cat: Catalogue, tmp_path: Path) -> None:
    del cat
    folder = tmp_path / "cat"
    data = tmp_path / "drop.csv"
    data.write_text("指标,地区,年份,数值,说明\n指标甲,咸阳市,2020,80,\n指标甲,咸阳市,2024,75,口径调整\n"
                    "指标甲,秦都区,2024,91,\n", encoding="utf-8")
    report = api.check([data], targets=folder, lang="en", plans=["women"], domains=["health"])
    assert report.rows == RowCounts(read=3, accepted=3)
    assert [(r.region_code, r.status, r.explained) for r in report.results] == [
        ("610400", "moving_away", "口径调整"), ("610402", "met", None)]
    first = json.dumps(report.to_dict(), ensure_ascii=False)
    again = api.check([str(data)], targets=folder, lang="en", plans=["women"], domains=["health"])
    assert json.dumps(again.to_dict(), ensure_ascii=False) == first


def test_check_with_an_unusable_catalogue(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError):
        api.check([tmp_path / "drop.csv"], targets=tmp_path / "missing")


def test_check_refuses_an_unknown_region_before_reading(tmp_path: Path) -> None:
    catalogue(tmp_path / "cat", target(AT_LEAST))
    with pytest.raises(ValueError, match="unknown region"):
        api.check([tmp_path / "no-such-file.csv"], targets=tmp_path / "cat", regions=["火星"])


def test_data_no_target_looks_at_is_reported_not_dropped(tmp_path: Path) -> None:
    """City rows of a county-only target are accepted, and an info issue says they are in no result."""
    data = tmp_path / "scope.csv"
    data.write_text("indicator,region,year,value\nstandardized_mch_institutions,咸阳市,2024,1\n"
                    "standardized_mch_institutions,三原县,2024,1\nstandardized_mch_institutions,610481,2024,1\n",
                    encoding="utf-8")
    report = api.check(data, lang="en")
    assert [(i.line, i.code, i.severity) for i in report.issues] == [(2, "not-evaluated", "info")]
    assert "at city level (咸阳市); its targets apply at: county" in report.issues[0].message
    assert {r.region_code for r in report.results if r.indicator == "standardized_mch_institutions"} == {
        "610422", "610481"}
