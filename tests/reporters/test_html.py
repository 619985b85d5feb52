"""The HTML report, read as markup: self-contained, escaped, a chart per series with its target line."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from xyplan_cli.report import Report, Result
from xyplan_cli.reporters import Options, render

from .sample import SCRIPT_REGION, build_report


class Elements(HTMLParser):
    """Every start tag with its attributes, and all text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def _classes(elements: Elements, tag: str, css: str) -> int:
    return sum(1 for t, a in elements.tags if t == tag and css in a.get("class", "").split())


def test_self_contained(report: Report) -> None:
    html = render("html", report, Options(lang=report.lang))
    elements = parse(html)
    links = ("src", "href", "xlink:href", "action", "srcset", "poster")
    urls = [(t, k, v) for t, a in elements.tags for k, v in a.items() if k in links]
    assert all(k == "href" and v.startswith("#") for _, k, v in urls), urls
    assert not re.search(r"url\(|@import|@font-face", html)
    assert [t for t, _ in elements.tags if t in ("script", "link", "img", "iframe", "object", "embed")] == []
    csp = next(a["content"] for t, a in elements.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src" not in csp


def test_a_chart_per_series_with_its_target(report: Report) -> None:
    elements = parse(render("html", report, Options(lang=report.lang)))
    with_series = [r for r in report.results if r.series]
    assert _classes(elements, "svg", "chart") == len(with_series)
    assert _classes(elements, "polyline", "observed") == len(with_series)
    assert _classes(elements, "line", "target") == sum(_target_count(r) for r in with_series)
    assert _classes(elements, "path", "milestone") == sum(_target_count(r) for r in with_series)
    assert _classes(elements, "line", "projection") == sum(1 for r in with_series if r.projected is not None)
    assert _classes(elements, "line", "deadline") == len(with_series)
    assert _classes(elements, "circle", "bounded") == sum(1 for r in with_series for p in r.series if p.bound)
    assert _classes(elements, "circle", "noted") == sum(1 for r in with_series for p in r.series if p.note)
    assert _classes(elements, "figure", "series") == len(report.results)


def _target_count(result: Result) -> int:
    return len(result.milestones) or (1 if result.threshold is not None else 0)


def test_summary_rows_and_bars(report: Report) -> None:
    elements = parse(render("html", report, Options(lang=report.lang)))
    assert _classes(elements, "svg", "bar") == 7 + 1  # one per plan × domain, and the total
    assert _classes(elements, "section", "domain") == 7


@pytest.mark.parametrize(("lang", "html_lang", "words"), [("zh", "zh-CN", "汇总"), ("en", "en", "Summary")])
def test_language(lang: str, html_lang: str, words: str) -> None:
    html = render("html", build_report(lang), Options(lang=lang))
    elements = parse(html)
    assert ("html", {"lang": html_lang}) in elements.tags
    assert words in "".join(elements.text)
    assert "@media print" in html


INJECTIONS = [
    SCRIPT_REGION,
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "]]><!--",
]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_every_text_is_escaped(evil: str) -> None:
    base = build_report("en")
    result = base.results[5]
    series = tuple(p.model_copy(update={"note": evil}) for p in result.series)
    history = tuple(h.model_copy(update={"required": evil}) for h in result.history)
    poisoned = result.model_copy(update={
        "name": evil, "region": evil, "requirement": evil, "reason": evil, "explained": evil,
        "target_id": evil, "series": series, "history": history, "unit": evil})
    plans = tuple(p.model_copy(update={"name": evil}) for p in base.plans)
    issues = tuple(i.model_copy(update={"message": evil, "file": evil, "code": evil}) for i in base.issues)
    report = base.model_copy(update={"results": (poisoned,), "plans": plans, "issues": issues})
    elements = parse(render("html", report, Options(lang="en", verbose=True)))
    assert [t for t, _ in elements.tags if t in ("script", "img")] == []
    assert [k for _, a in elements.tags for k in a if k.startswith("on")] == []
    assert evil in "".join(elements.text)
