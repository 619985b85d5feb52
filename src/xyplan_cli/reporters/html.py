"""HTML reporter: one self-contained page with a summary, input issues and a chart for every series.

No network at all: inline CSS, inline SVG, system fonts, no script; a Content-Security-Policy forbids
anything else, so even text that slipped past escaping could not load or run. Every text from the data
goes through `html.escape`. Readable in Chinese and English, on screen and printed.
"""

from __future__ import annotations

from xyplan_cli.report import IssueOut, Report, Result, summarize
from xyplan_cli.reporters import Options
from xyplan_cli.reporters.common import (
    Group,
    Lang,
    groups,
    label,
    latest_text,
    location,
    numbers_lines,
    region_text,
    severity_label,
    status_label,
    verdict_text,
)
from xyplan_cli.reporters.svg import bar, chart, e

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
:root { --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --ink: #1f2328; --muted: #59636e;
  --line: #d1d9e0; --target: #b35900; --obs: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 24px; color: var(--ink); line-height: 1.5; font-size: 14px;
  font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
  "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 8px; }
h4 { font-size: 15px; margin: 0; }
.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); vertical-align: middle; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
.badge { display: inline-block; min-width: 48px; padding: 0 6px; border-radius: 4px; color: #fff;
  font-weight: 700; font-size: 12px; text-align: center; }
.badge.pass { background: var(--pass); } .badge.warn { background: var(--warn); }
.badge.fail { background: var(--fail); }
.issues li.error { color: var(--fail); } .issues li.warning { color: var(--warn); }
.issues code { color: var(--ink); }
article.target { margin: 16px 0 24px; }
.req { margin: 2px 0 8px; }
.tid { font-weight: 400; color: var(--muted); font-size: 12px; margin-left: 6px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 12px; }
figure.series { margin: 0; padding: 8px 10px; border: 1px solid var(--line);
  border-left: 5px solid var(--pass); border-radius: 6px; background: #fff; break-inside: avoid; }
figure.series.warn { border-left-color: var(--warn); } figure.series.fail { border-left-color: var(--fail); }
figcaption { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
figcaption .region { font-weight: 600; } figcaption .status { color: var(--muted); }
.reason { margin: 4px 0; }
.numbers { margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: 12px; }
.note { margin: 6px 0 0; padding: 4px 8px; background: #fff8c5; border-left: 3px solid var(--warn);
  font-size: 13px; overflow-wrap: anywhere; white-space: pre-line; }
svg.chart { display: block; width: 100%; height: auto; margin: 4px 0; }
svg.chart text { font-size: 10px; fill: var(--muted); }
svg.chart .grid { stroke: #eaeef2; stroke-width: 1; }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .deadline { stroke: var(--ink); stroke-width: 1.2; stroke-dasharray: 2 3; }
svg.chart .milestone-year { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 1 3; }
svg.chart .target { stroke: var(--target); stroke-width: 2; stroke-dasharray: 6 4; }
svg.chart .milestone { fill: var(--target); }
svg.chart .observed { fill: none; stroke: var(--obs); stroke-width: 2; }
svg.chart .point { fill: var(--obs); }
svg.chart .bounded { fill: #fff; stroke: var(--obs); stroke-width: 1.5; }
svg.chart .noted { fill: none; stroke: var(--warn); stroke-width: 1.5; }
svg.chart .projection { stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 2 3; }
svg.chart .projected { fill: #fff; stroke: var(--muted); stroke-width: 1.5; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; color: var(--muted); font-size: 12px; margin: 8px 0; }
.legend svg { vertical-align: middle; margin-right: 4px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .grid { grid-template-columns: repeat(2, 1fr); }
  h2 { break-before: page; } h2.first { break-before: auto; }
  figure.series, article.target h4, tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

LEGEND = (
    ("observed", '<polyline points="2,12 10,6 18,9 26,3" fill="none" stroke="#0b5cad" stroke-width="2"/>'),
    ("target_line", '<line x1="2" y1="8" x2="26" y2="8" stroke="#b35900" stroke-width="2" '
                    'stroke-dasharray="6 4"/><path d="M26 3L31 8L26 13L21 8Z" fill="#b35900"/>'),
    ("projection", '<line x1="2" y1="12" x2="26" y2="4" stroke="#59636e" stroke-width="1.5" '
                   'stroke-dasharray="2 3"/>'),
    ("deadline", '<line x1="16" y1="1" x2="16" y2="15" stroke="#1f2328" stroke-dasharray="2 3"/>'),
    ("note", '<circle cx="16" cy="8" r="6" fill="none" stroke="#9a6700" stroke-width="1.5"/>'
             '<circle cx="16" cy="8" r="3" fill="#0b5cad"/>'),
)


def render(report: Report, options: Options) -> str:
    lang = options.lang
    title = label("title", lang)
    if report.as_of is not None:
        title += " · " + label("as_of", lang, year=report.as_of)
    found = groups(report)
    body = [f"<header><h1>{e(title)}</h1>{_meta(report, lang)}</header>",
            _summary(report, found, lang)]
    if report.issues:
        body.append(_issues(report.issues, lang))
    body.append(_legend(lang))
    plan = None
    for group in found:
        if group.plan != plan:
            first = plan is None
            plan = group.plan
            css = ' class="first"' if first else ""
            body.append(f"<h2{css}>{e(group.plan_name)}</h2>")
        body.append(_domain(group, lang, options.verbose))
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ])


def _meta(report: Report, lang: Lang) -> str:
    rows = report.rows
    accounting = label("rows", lang, read=rows.read, accepted=rows.accepted, rejected=rows.rejected,
                       skipped=rows.skipped)
    return f'<p class="meta">{e(accounting)}</p>'


def _counts_cells(results: list[Result] | tuple[Result, ...], lang: Lang) -> str:
    counts = summarize(results)
    explained = f' <span class="muted">({counts["explained"]} WARN*)</span>' if counts["explained"] else ""
    return (f'<td class="n">{counts["pass"]}</td><td class="n">{counts["warn"]}{explained}</td>'
            f'<td class="n">{counts["fail"]}</td><td class="n">{len(results)}</td>'
            f"<td>{bar(counts, lang)}</td>")


def _summary(report: Report, found: list[Group], lang: Lang) -> str:
    badges = "".join(f'<th class="n"><span class="badge {v}">{v.upper()}</span></th>'
                     for v in ("pass", "warn", "fail"))
    head = (f"<tr><th>{e(label('plan', lang))}</th><th>{e(label('domain', lang))}</th>{badges}"
            f'<th class="n">{e(label("total", lang))}</th><th></th></tr>')
    rows = [f'<tr><td>{e(g.plan_name)}</td><td><a href="#{_anchor(g)}">{e(g.domain_name)}</a></td>'
            f"{_counts_cells(g.results, lang)}</tr>" for g in found]
    total = (f'<tr class="total"><td colspan="2">{e(label("total", lang))}</td>'
             f"{_counts_cells(report.results, lang)}</tr>")
    legend = ""
    if any(r.verdict == "warn" and r.explained for r in report.results):
        legend = f'<p class="muted">{e(label("explained_legend", lang))}</p>'
    return (f'<section class="summary"><h2 class="first">{e(label("summary", lang))}</h2>'
            f"<table><thead>{head}</thead><tbody>{''.join(rows)}{total}</tbody></table>{legend}</section>")


def _anchor(group: Group) -> str:
    return e(f"g-{group.plan}-{group.domain}")


def _issues(issues: tuple[IssueOut, ...], lang: Lang) -> str:
    items = "".join(
        f'<li class="{e(i.severity)}"><code>{e(location(i))}</code> '
        f"{e(severity_label(i.severity, lang))} <code>{e(i.code)}</code> {e(i.message)}</li>" for i in issues)
    return (f'<section class="issues"><h2>{e(label("issues", lang))} ({len(issues)})</h2>'
            f"<ul>{items}</ul></section>")


def _legend(lang: Lang) -> str:
    items = "".join(f'<span><svg width="32" height="16" viewBox="0 0 32 16" aria-hidden="true">{icon}</svg>'
                    f"{e(label(key, lang))}</span>" for key, icon in LEGEND)
    return f'<div class="legend">{items}</div>'


def _domain(group: Group, lang: Lang, verbose: bool) -> str:
    by_target: dict[str, list[Result]] = {}
    for result in group.results:
        by_target.setdefault(result.target_id, []).append(result)
    counts = summarize(group.results)
    words = " · ".join(f"{counts[v]} {v.upper()}" for v in ("pass", "warn", "fail"))
    parts = [f'<section class="domain" id="{_anchor(group)}"><h3>{e(group.domain_name)} '
             f'<span class="muted">{e(words)}</span></h3>']
    for target_id, results in by_target.items():
        first = results[0]
        parts.append(f'<article class="target"><h4>{e(first.name)}'
                     f'<span class="tid">{e(target_id)}</span></h4>'
                     f'<p class="req">{e(label("requirement", lang))}: {e(first.requirement)}</p>'
                     '<div class="grid">')
        parts += [_series(r, lang, verbose) for r in results]
        parts.append("</div></article>")
    parts.append("</section>")
    return "\n".join(parts)


def _series(result: Result, lang: Lang, verbose: bool) -> str:
    numbers = [line for line in numbers_lines(result, lang)[1:]
               if verbose or not line.startswith((label("series", lang), label("note", lang)))]
    items = "".join(f"<li>{e(line)}</li>" for line in numbers)
    note = ""
    if result.explained:
        note = f'<p class="note">{e(label("note", lang))}: {e(result.explained)}</p>'
    other_notes = "".join(
        f'<p class="note">{p.year}: {e(p.note)}</p>'
        for p in result.series if p.note and p.note != result.explained)
    return (f'<figure class="series {result.verdict}">'
            f'<figcaption><span class="badge {result.verdict}">{e(verdict_text(result))}</span>'
            f'<span class="region">{e(region_text(result, lang))}</span>'
            f"<span>{e(latest_text(result))}</span>"
            f'<span class="status">{e(status_label(result.status, lang))}</span></figcaption>'
            f"{chart(result, lang)}"
            f'<p class="reason">{e(result.reason)}</p>'
            f'<ul class="numbers">{items}</ul>{note}{other_notes}</figure>')
