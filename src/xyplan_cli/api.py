"""The Python API that the CLI wraps: load a catalogue, read submissions, evaluate them into a report.

    from xyplan_cli import api
    report = api.check(["samples/city"], year=2024, lang="zh")
    report.to_dict()  # the JSON contract of `xyplan check --format json`

Problems in the data are in `report.issues`; exceptions mean the run cannot go on: `CatalogueError`
(an unusable catalogue), `ValueError` (an unknown plan, domain, region or language, or an impossible
year: out of range, or before any data) and `TypeError` (an argument of the wrong type). A single path,
plan, domain or region may be given as itself instead of a one-item list.
"""

from __future__ import annotations

import operator
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from xyplan_cli import catalogue as _catalogue
from xyplan_cli import collector, engine
from xyplan_cli.catalogue.model import Catalogue, Lang
from xyplan_cli.issues import Issue
from xyplan_cli.reader.dataset import Dataset, ReadResult
from xyplan_cli.report import (
    RESULT_SEPARATOR,
    SCHEMA_VERSION,
    DomainInfo,
    FileTally,
    IssueOut,
    PlanInfo,
    Report,
    Result,
    count,
    encode_result,
    summarize,
    trusted,
    write_json,
)

if TYPE_CHECKING:
    from xyplan_cli.reader.read import Progress

MIN_YEAR, MAX_YEAR = 1949, 2100
SPILL_BATCH = 1000  # encoded results written to the spill file at a time
LANGS = ("zh", "en")

PathArg = Path | str | os.PathLike[str]
Paths = PathArg | Iterable[PathArg]
Names = str | Sequence[str]


def load_catalogue(targets: PathArg | None = None) -> Catalogue:
    """The catalogue at `targets` (a YAML file or a folder of them), or the shipped one.

    Raises `xyplan_cli.catalogue.CatalogueError` with the issues when it cannot be used.
    """
    return _catalogue.load_catalogue(None if targets is None else Path(targets))


def read(paths: Paths, catalogue: Catalogue, encoding: str | None = None, *,
         progress: Progress | None = None) -> ReadResult:
    """Read CSV/XLSX submissions (files or folders): the dataset, the row accounting and the issues.

    A folder without any data file in it is a `no-data-files` issue (a mistyped path must not pass).
    `progress`, if given, is called as `progress("read", files done, files in all)` after each file.
    """
    from xyplan_cli.reader import read_submissions

    given = as_paths(paths)
    result = read_submissions(given, catalogue, encoding=encoding, progress=progress)
    read = [Path(os.path.abspath(f)) for f in result.files]  # as named: a link in the folder is in it
    for folder in given:
        if folder.is_dir() and not any(f.is_relative_to(os.path.abspath(folder)) for f in read):
            result.issues.append(Issue(code="no-data-files", file=str(folder)))
    return result


def as_paths(paths: Paths) -> list[Path]:
    """A list of paths for one path (str or path-like) or a sequence of them: a str is never a sequence of
    one-letter paths (api.check("/data") must not read "/", the whole filesystem)."""
    if isinstance(paths, str | os.PathLike):
        return [Path(paths)]
    if isinstance(paths, bytes) or not isinstance(paths, Iterable):
        raise TypeError(f"paths: expected a path or a list of paths, not {type(paths).__name__}")
    paths = list(paths)  # any iterable: a list, a tuple, Path.glob(...)
    for p in paths:
        if not isinstance(p, str | os.PathLike):
            raise TypeError(f"paths: expected a path or a list of paths, not a list with {type(p).__name__}")
    return [Path(p) for p in paths]


def as_names(what: str, names: Names) -> tuple[str, ...]:
    """A tuple of ids or names for one (a str) or a sequence of them."""
    if isinstance(names, str):
        return (names,)
    if not isinstance(names, Sequence) or not all(isinstance(n, str) for n in names):
        raise TypeError(f"{what}: expected a str or a list of str, not {type(names).__name__}")
    return tuple(names)


def check_lang(lang: object) -> Lang:
    """`lang` itself, or ValueError for anything but "zh" or "en"."""
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    return "zh" if lang == "zh" else "en"


def evaluate(catalogue: Catalogue, read_result: ReadResult, *, year: int | None = None,
             plans: Names = (), domains: Names = (), regions: Names = (), lang: Lang = "en",
             write: Callable[[str], object] | None = None, by: Literal["file"] | None = None,
             progress: Progress | None = None) -> Report:
    """Evaluate what was read as of `year` (None: the latest year in the data) into a report.

    `plans` and `domains` are ids (women, health); `regions` are codes or names (秦都区, 秦都,
    610402, 三原县/城关街道). Unknown ones raise ValueError with a message in `lang`.

    With `write`, the report's JSON (`Report.to_json`) is written through it as the results are
    evaluated, and the report returned has no `results` (its summary, rows and issues are complete): a
    national report is ~170,000 results and 400 MB of JSON, too much to hold.

    `by="file"` adds `Report.files`: per file read, its rows, issues and the verdicts of the results with
    data from it. `progress`, if given, is called as `progress("evaluate", targets done, targets in all)`.
    """
    plans, domains, regions = as_names("plans", plans), as_names("domains", domains), as_names("regions", regions)
    if by not in (None, "file"):
        raise ValueError(f"by must be None or 'file', not {by!r}")
    with collector.paused():
        return _evaluate(catalogue, read_result, year=year, plans=plans, domains=domains, regions=regions,
                         lang=lang, write=write, by=by, progress=progress)


def _evaluate(catalogue: Catalogue, read_result: ReadResult, *, year: int | None, plans: Sequence[str],
              domains: Sequence[str], regions: Sequence[str], lang: Lang, write: Callable[[str], object] | None,
              by: Literal["file"] | None, progress: Progress | None) -> Report:
    check_choices(catalogue, year=year, plans=plans, domains=domains, lang=lang)
    codes = resolve_regions(catalogue, regions, lang)
    dataset = read_result.dataset
    as_of = year if year is not None else dataset.latest_year
    first = None if year is None else min((y for _, y in dataset.series.first_years()), default=None)
    if year is not None and first is not None and year < first:
        span = f"{first}–{dataset.latest_year}"
        raise ValueError(f"截至 {year} 年没有数据:数据的年份为 {span}" if lang == "zh"
                         else f"no data up to {year}: the data has the years {span}")
    results = engine.iter_results(catalogue, dataset, as_of=as_of, lang=lang, regions=codes, plans=plans,
                                  domains=domains)
    if progress is not None:
        results = _reported(results, catalogue, plans, domains, progress)
    tally = FileTally(catalogue, read_result, as_of) if by == "file" else None
    if tally is not None:
        results = tally.watch(results)
    found = read_result.issues + unevaluated_issues(catalogue, dataset, lang)
    issues = tuple(issue_out(i, lang) for i in sorted(found, key=Issue.sort_key))
    head: dict[str, Any] = {"as_of": as_of, "lang": lang, "plans": plan_infos(catalogue, plans, domains, lang),
                            "rows": read_result.rows, "issues": issues}
    if write is None:
        kept = tuple(results)
        return trusted(Report, schema_version=SCHEMA_VERSION, **head, summary=summarize(kept),
                       files=None if tally is None else tally.summaries(), results=kept)
    return _streamed(head, results, write, tally)


LEVELS = {"city": ("市级", "city"), "county": ("县级", "county"), "township": ("乡镇级", "township")}


def unevaluated_issues(catalogue: Catalogue, dataset: Dataset, lang: Lang) -> list[Issue]:
    """A `not-evaluated` info issue for each indicator and region level with data no target looks at,
    located at its first row."""
    from xyplan_cli.engine.select import region_name, unevaluated

    zh = lang == "zh"
    out = []
    for indicator, level, regions, first, scope in unevaluated(catalogue, dataset):
        names = [region_name(r, catalogue) for r in regions[:3]]
        more = len(regions) - len(names)
        shown = ("、" if zh else ", ").join(names) + (
            (f" 等 {len(regions)} 个" if zh else f" and {more} more") if more else "")
        where = ("、" if zh else ", ").join(LEVELS[lv][0 if zh else 1] for lv in scope) or ("无" if zh else "none")
        out.append(Issue(code="not-evaluated", file=first.file, line=first.line, params={
            "indicator": catalogue.indicator_by_id[indicator].name.get(lang) if indicator in
            catalogue.indicator_by_id else indicator, "level": LEVELS[level][0 if zh else 1], "regions": shown,
            "scope": where}))
    return out


def _reported(results: Iterator[Result], catalogue: Catalogue, plans: Sequence[str], domains: Sequence[str],
              progress: Progress) -> Iterator[Result]:
    """`results` as they are, telling `progress` how many of the chosen targets are done: the engine
    gives the results target by target, in the order of `chosen_targets`."""
    from xyplan_cli.engine.select import chosen_targets

    chosen = chosen_targets(catalogue, plans, domains)
    position = {target.id: i for i, target in enumerate(chosen)}
    progress("evaluate", 0, len(chosen))
    current = None
    for result in results:
        if result.target_id != current:
            current = result.target_id
            progress("evaluate", position.get(current, 0), len(chosen))
        yield result
    progress("evaluate", len(chosen), len(chosen))


def _streamed(head: dict[str, Any], results: Iterator[Result], write: Callable[[str], object],
              tally: FileTally | None) -> Report:
    """The summary comes before the results in the JSON: the encoded results wait in a temporary file
    (the page cache, not the process's memory) until all are counted. They are spilled already joined
    as the JSON array has them, so that they are written back in large chunks, never split again."""
    summary = summarize(())
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spill:
        pending: list[str] = []
        separator = ""  # between the results, none before the first
        for result in results:
            count(summary, result)
            pending.append(encode_result(result))
            if len(pending) >= SPILL_BATCH:
                spill.write(separator + RESULT_SEPARATOR.join(pending))
                separator = RESULT_SEPARATOR
                pending.clear()
        if pending:
            spill.write(separator + RESULT_SEPARATOR.join(pending))
        report = trusted(Report, schema_version=SCHEMA_VERSION, **head, summary=summary,
                         files=None if tally is None else tally.summaries(), results=())
        spill.seek(0)
        chunks = iter(lambda: spill.read(1 << 20), "")  # until the end of the file
        write_json(report, write, chunks if summary["pass"] + summary["warn"] + summary["fail"] else (),
                   joined=True)
    return report


def check(paths: Paths, *, targets: PathArg | None = None, year: int | None = None,
          plans: Names = (), domains: Names = (), regions: Names = (), lang: Lang = "en",
          encoding: str | None = None, write: Callable[[str], object] | None = None,
          by: Literal["file"] | None = None, progress: Progress | None = None) -> Report:
    """Load the catalogue, read `paths` and evaluate: what `xyplan check` prints. `write`, `by`: see
    `evaluate`; `progress` is told of both phases, ("read", files done, files) then ("evaluate", targets
    done, targets)."""
    paths = as_paths(paths)
    plans, domains, regions = as_names("plans", plans), as_names("domains", domains), as_names("regions", regions)
    check_lang(lang)  # before the catalogue is loaded, as are the other usage errors before any file is read
    if by not in (None, "file"):
        raise ValueError(f"by must be None or 'file', not {by!r}")
    catalogue = load_catalogue(targets)
    check_choices(catalogue, year=year, plans=plans, domains=domains, lang=lang)
    resolve_regions(catalogue, regions, lang)
    return evaluate(catalogue, read(paths, catalogue, encoding, progress=progress), year=year, plans=plans,
                    domains=domains, regions=regions, lang=lang, write=write, by=by, progress=progress)


def check_choices(catalogue: Catalogue, *, year: int | None, plans: Names, domains: Names, lang: Lang) -> None:
    """Raise ValueError for a year out of range, a plan or domain id the catalogue does not have, or a
    language other than zh or en; TypeError for a year that is not an int."""
    zh = check_lang(lang) == "zh"
    plans, domains = as_names("plans", plans), as_names("domains", domains)
    if year is not None:
        if isinstance(year, bool):
            raise TypeError("year: expected an int or None, not bool")
        try:
            year = operator.index(year)  # an int, or an integer type such as numpy.int64
        except TypeError:
            raise TypeError(f"year: expected an int or None, not {type(year).__name__}") from None
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


def resolve_regions(catalogue: Catalogue, regions: Names, lang: Lang) -> tuple[str, ...]:
    """Region codes for codes or names, as submissions name them; ValueError for an unknown one."""
    from xyplan_cli.reader.names import Names as RegionNames

    names = RegionNames.of(catalogue)
    codes = []
    for text in as_names("regions", regions):
        found = names.region(text)
        if not isinstance(found, str):
            raise ValueError(Issue(code=found.code, file="", params=found.params).message(lang))
        codes.append(found)
    return tuple(dict.fromkeys(codes))


def issue_out(issue: Issue, lang: Lang) -> IssueOut:
    # Built without validation: an `Issue` is validated already, and its fields have IssueOut's types.
    return trusted(IssueOut, file=issue.file, line=issue.line, column=issue.column, code=issue.code,
                   severity=issue.severity, field=issue.field, message=issue.message(lang))


def plan_infos(catalogue: Catalogue, plans: Names, domains: Names, lang: Lang) -> tuple[PlanInfo, ...]:
    """The chosen plans and their chosen domains, named in `lang`, in catalogue order."""
    plans, domains = as_names("plans", plans), as_names("domains", domains)
    out = []
    for plan in catalogue.plans:
        if plans and plan.id not in plans:
            continue
        shown = tuple(trusted(DomainInfo, id=d.id, name=d.name(lang)) for d in plan.domains
                      if not domains or d.id in domains)
        if shown:
            out.append(trusted(PlanInfo, id=plan.id, name=plan.name.get(lang), domains=shown))
    return tuple(out)
