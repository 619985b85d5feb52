"""The report model: results per target × region × breakdown, the summary, and the exit code."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from xyplan_cli.reader.dataset import RowCounts

SCHEMA_VERSION = "1.0"

Verdict = Literal["pass", "warn", "fail"]
Status = Literal[
    "met",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "moving_away",
    "volatile",
    "insufficient_data",
    "no_data",
    "missed",
    "breached",
]

VERDICT_OF: dict[str, Verdict] = {
    "met": "pass",
    "on_track": "pass",
    "acceleration_needed": "warn",
    "limited_progress": "warn",
    "moving_away": "warn",
    "volatile": "warn",
    "insufficient_data": "warn",
    "no_data": "warn",
    "missed": "fail",
    "breached": "fail",
}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Point(_Model):
    year: int
    value: float
    bound: str | None = None  # ">95" for a bounded value
    note: str | None = None


class MilestoneCheck(_Model):
    """A requirement judged in one year: what was required, what was observed, whether it was met."""

    year: int
    required: str
    observed: float | None
    met: bool | None


class Milestone(_Model):
    """A numeric requirement of the target: the value due by `year`, in the target's unit (for charts)."""

    year: int
    value: float


class Result(_Model):
    target_id: str
    plan: str
    domain: str
    indicator: str
    name: str
    region: str
    region_code: str
    breakdown: str
    verdict: Verdict
    status: Status
    latest: Point | None
    unit: str
    requirement: str
    deadline: int
    threshold: float | None = None
    gap: float | None = None
    ratio: float | None = None
    projected: float | None = None
    explained: str | None = None
    reason: str
    series: tuple[Point, ...] = ()
    history: tuple[MilestoneCheck, ...] = ()
    milestones: tuple[Milestone, ...] = ()  # the target's numeric milestones, last = final deadline


class IssueOut(_Model):
    file: str
    line: int
    column: int
    code: str
    severity: str
    field: str | None
    message: str


class DomainInfo(_Model):
    id: str
    name: str


class PlanInfo(_Model):
    """A plan's and its domains' names in the report's language, in catalogue order (the group order)."""

    id: str
    name: str
    domains: tuple[DomainInfo, ...]


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    as_of: int | None
    lang: Literal["zh", "en"]
    plans: tuple[PlanInfo, ...] = ()
    rows: RowCounts
    issues: tuple[IssueOut, ...]
    summary: dict[str, int]
    results: tuple[Result, ...]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def summarize(results: tuple[Result, ...] | list[Result]) -> dict[str, int]:
    """Counts per verdict (pass, warn, fail), always all three keys, plus `explained` warnings."""
    counts = {"pass": 0, "warn": 0, "fail": 0, "explained": 0}
    for r in results:
        counts[r.verdict] += 1
        if r.verdict == "warn" and r.explained:
            counts["explained"] += 1
    return counts


def exit_code(report: Report, fail_on: Literal["warn", "fail"] = "fail") -> int:
    """2 for unusable input (any error issue: rejected row, unreadable file); else 1 for a FAIL (or an
    unexplained WARN with fail_on="warn"); else 0. 2 outranks 1."""
    if report.rows.rejected or any(i.severity == "error" for i in report.issues):
        return 2
    if any(r.verdict == "fail" for r in report.results):
        return 1
    if fail_on == "warn" and any(r.verdict == "warn" and not r.explained for r in report.results):
        return 1
    return 0
