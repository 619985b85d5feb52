"""Property tests (hypothesis): the JSON report is the same across runs and whatever the order of the
input files; every reporter's output stays safe whatever text the data puts in names, regions and notes.

(The reader's never-raises/accounting properties are in tests/reader/test_properties.py and the engine's
monotonicity in tests/engine/test_property.py.)
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xyplan_cli import api
from xyplan_cli.catalogue import Catalogue
from xyplan_cli.reader.dataset import RowCounts
from xyplan_cli.report import VERDICT_OF, IssueOut, Milestone, PlanInfo, Point, Report, Result, summarize
from xyplan_cli.reporters import FORMATS, Options, render

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- determinism ---------------------------------------------------------------------------------------
INDICATORS = ["maternal_mortality", "孕产妇死亡率", "hiv_mtct_rate", "infant_mortality", "no_such_thing"]
REGIONS = ["秦都区", "610404", "杨陵", "西安市"]
VALUES = ["11.2", "10.4", "9.8", "3.1", "150%", "—", "x"]
rows = st.tuples(st.sampled_from(INDICATORS), st.sampled_from(REGIONS), st.integers(2019, 2025),
                 st.sampled_from(VALUES), st.sampled_from(["", "已核实", "=1+1"]))
files = st.lists(st.lists(rows, max_size=8), min_size=1, max_size=4)


def report_json(catalogue: Catalogue, paths: list[Path]) -> str:
    report = api.evaluate(catalogue, api.read(paths, catalogue), lang="en")
    return render("json", report, Options())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents=files, order=st.randoms(use_true_random=False))
def test_json_is_the_same_across_runs_and_file_orders(catalogue: Catalogue,
                                                      contents: list[list[tuple[str, str, int, str, str]]],
                                                      order: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, body in enumerate(contents):
            path = Path(folder) / f"f{n}.csv"
            lines = ["indicator,region,year,value,note"] + [",".join(map(str, row)) for row in body]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            paths.append(path)
        first = report_json(catalogue, paths)
        shuffled = list(paths)
        order.shuffle(shuffled)  # type: ignore[attr-defined]
        assert report_json(catalogue, paths) == first
        assert report_json(catalogue, shuffled) == first


# -- reporter safety -----------------------------------------------------------------------------------
HOSTILE = ["<script>alert(1)</script>", "<SCRIPT SRC=//x>", "</style><script>x</script>", "<img src=x onerror=y>",
           '=HYPERLINK("http://evil.example/","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "|", "\\|",
           "**x**", "]]>", "<![CDATA[", "\x00", "\x1b[31m", "\u202e", "&lt;", "<!--", "-->", "\ufffe", "`x`"]
texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30),
                  st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3).map("".join))
ids = st.one_of(st.sampled_from(["women", "children"]), texts)
numbers = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
points = st.builds(Point, year=st.integers(2015, 2030), value=st.floats(-1e6, 1e6), bound=st.one_of(st.none(), texts),
                   note=st.one_of(st.none(), texts))


@st.composite
def results(draw: st.DrawFn) -> Result:
    status = draw(st.sampled_from(sorted(VERDICT_OF)))
    series = tuple(sorted(draw(st.lists(points, max_size=4, unique_by=lambda p: p.year)), key=lambda p: p.year))
    return Result(target_id=draw(texts), plan=draw(ids), domain=draw(ids), indicator=draw(texts), name=draw(texts),
                  region=draw(texts), region_code=draw(texts), breakdown=draw(st.one_of(st.just("total"), texts)),
                  verdict=VERDICT_OF[status], status=status, latest=series[-1] if series else None,
                  unit=draw(st.sampled_from(["percent", "per_100k", "count"])), requirement=draw(texts),
                  deadline=draw(st.integers(2021, 2035)), threshold=draw(numbers), gap=draw(numbers),
                  ratio=draw(numbers), projected=draw(numbers), explained=draw(st.one_of(st.none(), texts)),
                  reason=draw(texts), series=series,
                  milestones=tuple(Milestone(year=y, value=v) for y, v in draw(
                      st.lists(st.tuples(st.integers(2021, 2035), st.floats(-1e6, 1e6)), max_size=2))))


@st.composite
def reports(draw: st.DrawFn) -> Report:
    found = tuple(draw(st.lists(results(), max_size=4)))
    issues = tuple(draw(st.lists(st.builds(IssueOut, file=texts, line=st.integers(0, 99), column=st.integers(0, 9),
                                           code=st.sampled_from(["not-a-number", "unknown-region"]),
                                           severity=st.sampled_from(["error", "warning", "info"]),
                                           field=st.one_of(st.none(), texts), message=texts), max_size=3)))
    plans = tuple(PlanInfo(id=r.plan, name=draw(texts), domains=()) for r in found[:1])
    return Report(as_of=draw(st.one_of(st.none(), st.integers(2020, 2030))), lang=draw(st.sampled_from(["zh", "en"])),
                  plans=plans, rows=RowCounts(read=3, accepted=1, rejected=1, skipped=1), issues=issues,
                  summary=summarize(found), results=found)


class Tags(HTMLParser):
    """Every start tag and attribute name of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}


PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "section",
             "table", "thead", "tbody", "tr", "th", "td", "span", "a", "ul", "li", "code", "div", "article",
             "figure", "figcaption", "svg", "g", "line", "polyline", "path", "circle", "rect", "text", "polygon",
             "br", "small", "strong", "em", "details", "summary", "tspan", "desc"}
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def options(report: Report) -> Options:
    return Options(lang=report.lang, verbose=True)


@SETTINGS
@given(report=reports())
def test_html_runs_nothing(report: Report) -> None:
    page = render("html", report, options(report))
    assert "<script" not in page.lower()
    parser = Tags()
    parser.feed(page)
    assert parser.tags <= PAGE_TAGS, parser.tags - PAGE_TAGS
    assert not {a for a in parser.attributes if a.startswith("on")}


@SETTINGS
@given(report=reports())
def test_csv_cells_are_never_formulas(report: Report) -> None:
    text = render("csv", report, options(report)).removeprefix("\ufeff")
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            if cell.startswith(FORMULA):
                float(cell)  # only a plain (negative) number may start with "-" or "+"


@SETTINGS
@given(report=reports())
def test_junit_is_well_formed_xml(report: Report) -> None:
    root = ET.fromstring(render("junit", report, options(report)).encode("utf-8"))
    assert root.tag == "testsuites"
    assert int(root.get("tests", "-1")) == sum(1 for _ in root.iter("testcase"))


MD_CELL_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def markdown_cells(line: str) -> int:
    """The number of cells of a table row: unescaped pipes minus one."""
    plain = re.sub(r"\\.", "", line)
    return plain.count("|") - 1


@SETTINGS
@given(report=reports())
def test_markdown_is_escaped(report: Report) -> None:
    text = render("markdown", report, options(report))
    assert set(re.findall(r"<[^>]*>", text)) <= {"<br>"}
    widths = {markdown_cells(line) for line in text.splitlines() if line.startswith("| ")}
    assert widths <= {6, 7}, widths  # summary tables have 6 columns, result tables 7


@SETTINGS
@given(report=reports())
def test_every_format_renders_and_json_round_trips(report: Report) -> None:
    for name in FORMATS:
        out = render(name, report, options(report))
        assert isinstance(out, str) and out
        if name == "table":
            assert "\x1b" not in out, "no escape sequence without colour"
    assert Report.model_validate_json(render("json", report, options(report))) == report
