"""JUnit XML: valid against the schema Jenkins and GitLab read; failures, errors and passes as decided."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Literal

import pytest
import xmlschema

from xyplan_cli.report import Report
from xyplan_cli.reporters import Options, render

from .sample import build_report

SCHEMA = xmlschema.XMLSchema(Path(__file__).with_name("junit.xsd"))


def _outcome(case: ET.Element) -> str:
    for tag in ("failure", "error", "skipped"):
        if case.find(tag) is not None:
            return tag
    return "pass"


@pytest.mark.parametrize("fail_on", ["fail", "warn"])
def test_valid_against_the_junit_schema(report: Report, fail_on: Literal["warn", "fail"]) -> None:
    SCHEMA.validate(render("junit", report, Options(lang=report.lang, fail_on=fail_on)))


def test_the_schema_rejects_broken_junit() -> None:
    good = render("junit", build_report("en"), Options(lang="en"))
    broken_ones = (good.replace('tests="4"', 'tests="four"', 1),
                   good.replace('<testcase name="rows"', '<testcase bogus="1" name="rows"', 1),
                   good.replace(' name="rows"', "", 1))
    for broken in broken_ones:
        assert not SCHEMA.is_valid(broken)


# (fail_on, expected outcome per (target_id, region) that is not a plain pass)
CASES = [
    ("fail", {("w.screening", "泾阳县"): "failure", ("w.pension", "咸阳市"): "failure",
              ("c.immunisation", "三原县/陵前镇"): "failure", ("c.preschool_places", "咸阳市"): "failure"}),
    ("warn", {("w.screening", "泾阳县"): "failure", ("w.pension", "咸阳市"): "failure",
              ("c.immunisation", "三原县/陵前镇"): "failure", ("c.preschool_places", "咸阳市"): "failure",
              ("w.maternal_mortality", "秦都区"): "failure", ("c.infant_mortality", "三原县"): "failure",
              ("c.injury_mortality", "永寿县"): "failure", ("c.preschool_enrolment", "长武县"): "failure"}),
]


@pytest.mark.parametrize(("fail_on", "not_passing"), CASES)
def test_outcomes(report: Report, fail_on: Literal["warn", "fail"],
                  not_passing: dict[tuple[str, str], str]) -> None:
    root = ET.fromstring(render("junit", report, Options(lang=report.lang, fail_on=fail_on)))
    by_case = {}
    for suite in root.iter("testsuite"):
        if suite.get("id") == "submission":
            continue
        for case in suite.iter("testcase"):
            target = case.get("classname", "").rsplit(".", 2)[-2:]
            region = case.get("name", "").split(" · ")[1]
            by_case[(".".join(target), region)] = _outcome(case)
    expected = {(r.target_id, r.region): not_passing.get((r.target_id, r.region), "pass")
                for r in report.results}
    assert by_case == expected
    # explained warnings pass even with --fail-on warn, with their reason in system-out
    explained = [c for c in root.iter("testcase") if "c.myopia" in c.get("classname", "")]
    assert _outcome(explained[0]) == "pass"
    out = explained[0].findtext("system-out") or ""
    assert out.startswith("WARN*") and "=HYPERLINK" in out


def test_suites_per_plan_and_domain_and_counts(report: Report) -> None:
    root = ET.fromstring(render("junit", report, Options(lang=report.lang)))
    suites = [(s.get("id"), *(int(s.get(key, "-1")) for key in ("tests", "failures", "errors")))
              for s in root.iter("testsuite")]
    assert suites == [
        ("submission", 4, 0, 2),
        ("women.health", 3, 1, 0), ("women.education", 1, 0, 0), ("women.economy", 1, 0, 0),
        ("women.social_security", 1, 1, 0),
        ("children.health", 5, 1, 0), ("children.safety", 1, 0, 0), ("children.education", 3, 1, 0),
    ]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("19", "4", "2")


def test_input_issues_are_error_cases_in_submission() -> None:
    root = ET.fromstring(render("junit", build_report("en"), Options(lang="en")))
    suite = next(s for s in root.iter("testsuite") if s.get("name") == "submission")
    cases = [(c.get("name"), _outcome(c)) for c in suite.iter("testcase")]
    assert cases == [
        ("rows", "pass"),
        ("samples/2025/秦都区.csv:14:2 unknown-region", "error"),
        ("samples/2025/三原县.xlsx:9:4 not-a-number", "error"),
        ("samples/2025/三原县.xlsx:22:1 duplicate", "pass"),
    ]


def test_characters_xml_cannot_carry_are_replaced() -> None:
    base = build_report("en")
    evil = base.results[2].model_copy(update={"reason": "bad\x00\x01\x0b byte", "region": "a\x1fb"})
    out = render("junit", base.model_copy(update={"results": (evil,)}), Options(lang="en"))
    SCHEMA.validate(out)
    assert "bad\ufffd\ufffd\ufffd byte" in out
