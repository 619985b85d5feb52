"""JUnit XML reporter for CI test views (Jenkins, GitLab): one suite per plan and domain, one case per result.

FAIL is a `<failure>`. WARN passes with its reason in `<system-out>`, unless `fail_on == "warn"`, which
makes an unexplained WARN a failure (an explained one still passes, as in the exit code). Input issues are
test cases of a first suite named "submission": an error-severity issue is an `<error>`, a warning or info
passes with its message in `<system-out>`; a "rows" case always reports the row accounting.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from xyplan_cli.report import IssueOut, Report, Result
from xyplan_cli.reporters import Options
from xyplan_cli.reporters.common import Lang, groups, label, latest_text, numbers_lines, region_text

# Characters that XML 1.0 cannot carry at all (control characters other than tab, newline, carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(report: Report, options: Options) -> str:
    lang = options.lang
    root = ET.Element("testsuites", name="xyplan")
    suites = [_submission(report, lang)]
    for group in groups(report):
        suite = _suite(f"{group.plan}.{group.domain}", f"{group.plan_name} › {group.domain_name}")
        for result in group.results:
            _add_case(suite, _case(result, lang, options))
        suites.append(suite)
    for suite in suites:
        root.append(suite)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(suite_id: str, name: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_x(name), id=_x(suite_id), package=_x(suite_id))
    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, "0")
    suite.set("time", "0")
    return suite


def _add_case(suite: ET.Element, case: ET.Element) -> None:
    suite.append(case)
    suite.set("tests", str(int(suite.get("tests", "0")) + 1))
    for child, key in (("failure", "failures"), ("error", "errors")):
        if case.find(child) is not None:
            suite.set(key, str(int(suite.get(key, "0")) + 1))


def _case(result: Result, lang: Lang, options: Options) -> ET.Element:
    region = region_text(result, lang)
    case = ET.Element("testcase", name=_x(f"{result.target_id} · {region}"),
                      classname=_x(f"xyplan.{result.plan}.{result.domain}.{result.target_id}"), time="0")
    details = "\n".join([
        f"{result.name} · {region}",
        f"{label('latest', lang)}: {latest_text(result)}",
        f"{label('requirement', lang)}: {result.requirement}",
        result.reason,
        *numbers_lines(result, lang),
    ])
    failing = result.verdict == "fail" or (
        options.fail_on == "warn" and result.verdict == "warn" and not result.explained)
    if failing:
        failure = ET.SubElement(case, "failure", type=result.status, message=_x(result.reason))
        failure.text = _x(details)
    else:
        out = ET.SubElement(case, "system-out")
        out.text = _x(f"{result.verdict.upper()}{'*' if result.explained else ''}: {details}")
    return case


def _submission(report: Report, lang: Lang) -> ET.Element:
    suite = _suite("submission", "submission")
    rows = report.rows
    case = ET.Element("testcase", name="rows", classname="xyplan.submission", time="0")
    ET.SubElement(case, "system-out").text = label(
        "rows", lang, read=rows.read, accepted=rows.accepted, rejected=rows.rejected, skipped=rows.skipped)
    _add_case(suite, case)
    for issue in report.issues:
        _add_case(suite, _issue_case(issue))
    return suite


def _issue_case(issue: IssueOut) -> ET.Element:
    where = f"{issue.file}:{issue.line}:{issue.column}"
    case = ET.Element("testcase", name=_x(f"{where} {issue.code}"), classname="xyplan.submission", time="0")
    if issue.severity == "error":
        error = ET.SubElement(case, "error", type=issue.code, message=_x(issue.message))
        error.text = _x(f"{where}{f' [{issue.field}]' if issue.field else ''}: {issue.message}")
    else:
        ET.SubElement(case, "system-out").text = _x(f"{issue.severity} {issue.code}: {issue.message}")
    return case
