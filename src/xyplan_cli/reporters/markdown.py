"""Markdown reporter: a summary by plan and domain with counts, then one table per domain (GitHub-flavoured).

For monitoring reports and pull-request comments. Every text from the data is escaped: HTML special
characters become entities, and `|`, `\\` and Markdown emphasis characters are backslash-escaped, so a
cell can neither break the table nor inject markup.
"""

from __future__ import annotations

import html
import re

from xyplan_cli.report import Report, Result, summarize
from xyplan_cli.reporters import Options
from xyplan_cli.reporters.common import (
    Group,
    Lang,
    clean,
    groups,
    label,
    latest_text,
    location,
    numbers_lines,
    region_text,
    severity_label,
    sparkline,
    verdict_text,
)

ICONS = {"pass": "✅", "warn": "⚠️", "fail": "❌"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
# every character that ends a line for some reader (str.splitlines' list), not only "\n": a raw U+2028 in a
# note would split the table row for them
_LINE_BREAK = re.compile("[\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def esc(value: str) -> str:
    """Text safe inside a Markdown table cell: HTML escaped, Markdown specials escaped, one line."""
    text = html.escape(clean(value), quote=False)
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_BREAK.sub("<br>", text)


def render(report: Report, options: Options) -> str:
    lang = options.lang
    title = label("title", lang)
    if report.as_of is not None:
        title += " · " + label("as_of", lang, year=report.as_of)
    lines = [f"# {esc(title)}", ""]
    found = groups(report)
    lines += _summary(report, found, lang)
    if report.issues:
        lines += ["", f"## {label('issues', lang)} ({len(report.issues)})", ""]
        lines += [f"- `{issue.code}` {esc(severity_label(issue.severity, lang))} · "
                  f"{esc(location(issue))} · {esc(issue.message)}" for issue in report.issues]
    plan = None
    for group in found:
        if group.plan != plan:
            plan = group.plan
            lines += ["", f"## {esc(group.plan_name)}"]
        lines += ["", f"### {esc(group.domain_name)}", ""]
        lines += _table(group.results, lang, options.verbose)
    if any(r.verdict == "warn" and r.explained for r in report.results):
        lines += ["", f"\\* {esc(label('explained_legend', lang))}"]
    if report.files is not None:  # --by file
        from xyplan_cli.reporters.files import markdown_lines

        lines += ["", *markdown_lines(report.files, lang, esc)]
    return "\n".join(lines) + "\n"


def _summary(report: Report, found: list[Group], lang: Lang) -> list[str]:
    head = [label("plan", lang), label("domain", lang), "✅ PASS", "⚠️ WARN", "❌ FAIL", label("total", lang)]
    lines = [f"## {label('summary', lang)}", "", _row(head), _row(["---"] * 2 + ["---:"] * 4)]
    for group in found:
        counts = summarize(group.results)
        lines.append(_row([esc(group.plan_name), esc(group.domain_name),
                           *(str(counts[v]) for v in ("pass", "warn", "fail")), str(len(group.results))]))
    total = summarize(report.results)
    lines.append(_row([f"**{label('total', lang)}**", "", f"**{total['pass']}**", f"**{total['warn']}**",
                       f"**{total['fail']}**", f"**{len(report.results)}**"]))
    rows = report.rows
    lines += ["", esc(label("rows", lang, read=rows.read, accepted=rows.accepted, rejected=rows.rejected,
                            skipped=rows.skipped))]
    return lines


def _table(results: list[Result], lang: Lang, verbose: bool) -> list[str]:
    keys = ("verdict", "indicator", "region", "latest", "requirement", "detail", "trend")
    head = [label(k, lang) for k in keys]
    lines = [_row(head), _row(["---"] * len(head))]
    for r in results:
        detail = esc(r.reason)
        note = [f"{label('note', lang)}: {r.explained}"] if r.explained else []
        extra = numbers_lines(r, lang) if verbose else note
        detail += "".join("<br>" + esc(line) for line in extra)
        lines.append(_row([
            f"{ICONS[r.verdict]} {esc(verdict_text(r))}", esc(r.name), esc(region_text(r, lang)),
            esc(latest_text(r)), esc(r.requirement), detail, sparkline(r.series),
        ]))
    return lines


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
