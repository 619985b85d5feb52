"""The Python API that the CLI wraps: load a catalogue, read submissions, evaluate them into a report.

    from xyplan_cli import api
    report = api.check(["samples/city"], year=2024, lang="zh")
    report.to_dict()  # the JSON contract of `xyplan check --format json`

Problems in the data are in `report.issues`; exceptions mean the run cannot go on: `CatalogueError`
(an unusable catalogue) and `ValueError` (an unknown plan, domain or region, or an impossible year).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from xyplan_cli import catalogue as _catalogue
from xyplan_cli import engine
from xyplan_cli.catalogue.model import Catalogue, Lang
from xyplan_cli.issues import Issue
from xyplan_cli.reader.dataset import ReadResult
from xyplan_cli.report import DomainInfo, IssueOut, PlanInfo, Report, summarize

MIN_YEAR, MAX_YEAR = 1949, 2100


def load_catalogue(targets: Path | None = None) -> Catalogue:
    """The catalogue at `targets` (a YAML file or a folder of them), or the shipped one.

    Raises `xyplan_cli.catalogue.CatalogueError` with the issues when it cannot be used.
    """
    return _catalogue.load_catalogue(targets)


def read(paths: Sequence[Path | str], catalogue: Catalogue, encoding: str | None = None) -> ReadResult:
    """Read CSV/XLSX submissions (files or folders): the dataset, the row accounting and the issues."""
    from xyplan_cli.reader import read_submissions

    return read_submissions([Path(p) for p in paths], catalogue, encoding=encoding)


def evaluate(catalogue: Catalogue, read_result: ReadResult, *, year: int | None = None,
             plans: Sequence[str] = (), domains: Sequence[str] = (), regions: Sequence[str] = (),
             lang: Lang = "en") -> Report:
    """Evaluate what was read as of `year` (None: the latest year in the data) into a report.

    `plans` and `domains` are ids (women, health); `regions` are codes or names (秦都区, 秦都,
    610402, 三原县/城关街道). Unknown ones raise ValueError with a message in `lang`.
    """
    check_choices(catalogue, year=year, plans=plans, domains=domains, lang=lang)
    codes = resolve_regions(catalogue, regions, lang)
    dataset = read_result.dataset
    results = engine.evaluate(catalogue, dataset, as_of=year, lang=lang, regions=codes, plans=plans,
                              domains=domains)
    issues = tuple(issue_out(i, lang) for i in sorted(read_result.issues, key=Issue.sort_key))
    return Report(as_of=year if year is not None else engine.latest_year(dataset), lang=lang,
                  plans=plan_infos(catalogue, plans, domains, lang), rows=read_result.rows, issues=issues,
                  summary=summarize(results), results=tuple(results))


def check(paths: Sequence[Path | str], *, targets: Path | None = None, year: int | None = None,
          plans: Sequence[str] = (), domains: Sequence[str] = (), regions: Sequence[str] = (),
          lang: Lang = "en", encoding: str | None = None) -> Report:
    """Load the catalogue, read `paths` and evaluate: what `xyplan check` prints."""
    catalogue = load_catalogue(targets)
    check_choices(catalogue, year=year, plans=plans, domains=domains, lang=lang)
    resolve_regions(catalogue, regions, lang)  # usage errors before any file is read
    return evaluate(catalogue, read(paths, catalogue, encoding), year=year, plans=plans, domains=domains,
                    regions=regions, lang=lang)


def check_choices(catalogue: Catalogue, *, year: int | None, plans: Sequence[str], domains: Sequence[str],
                  lang: Lang) -> None:
    """Raise ValueError for a year out of range, or a plan or domain id the catalogue does not have."""
    zh = lang == "zh"
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"年份 {year} 无效:应在 {MIN_YEAR}–{MAX_YEAR} 之间" if zh
                         else f"year {year} is out of range ({MIN_YEAR}–{MAX_YEAR})")
    known_plans = [p.id for p in catalogue.plans]
    for plan in plans:
        if plan not in known_plans:
            raise ValueError(_unknown("规划" if zh else "plan", plan, known_plans, zh))
    chosen = [p for p in catalogue.plans if not plans or p.id in plans]
    known_domains = list(dict.fromkeys(d.id for p in chosen for d in p.domains))
    for domain in domains:
        if domain not in known_domains:
            raise ValueError(_unknown("领域" if zh else "domain", domain, known_domains, zh))


def _unknown(what: str, given: str, known: list[str], zh: bool) -> str:
    options = ", ".join(known)
    return f"未知{what}“{given}”(可选:{options})" if zh else f"unknown {what} '{given}' (known: {options})"


def resolve_regions(catalogue: Catalogue, regions: Sequence[str], lang: Lang) -> tuple[str, ...]:
    """Region codes for codes or names, as submissions name them; ValueError for an unknown one."""
    from xyplan_cli.reader.names import Names

    names = Names(catalogue)
    codes = []
    for text in regions:
        found = names.region(text)
        if not isinstance(found, str):
            raise ValueError(Issue(code=found.code, file="", params=found.params).message(lang))
        codes.append(found)
    return tuple(dict.fromkeys(codes))


def issue_out(issue: Issue, lang: Lang) -> IssueOut:
    return IssueOut(file=issue.file, line=issue.line, column=issue.column, code=issue.code,
                    severity=issue.severity, field=issue.field, message=issue.message(lang))


def plan_infos(catalogue: Catalogue, plans: Sequence[str], domains: Sequence[str],
               lang: Lang) -> tuple[PlanInfo, ...]:
    """The chosen plans and their chosen domains, named in `lang`, in catalogue order."""
    out = []
    for plan in catalogue.plans:
        if plans and plan.id not in plans:
            continue
        shown = tuple(DomainInfo(id=d.id, name=d.name(lang)) for d in plan.domains
                      if not domains or d.id in domains)
        if shown:
            out.append(PlanInfo(id=plan.id, name=plan.name.get(lang), domains=shown))
    return tuple(out)
