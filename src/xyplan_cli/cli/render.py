"""Terminal rendering of catalogue views (targets list and show) with rich."""

from __future__ import annotations

import shutil
from io import StringIO
from typing import Any

from rich.console import Console
from rich.table import Table

from xyplan_cli.catalogue.describe import requirement, rule_words
from xyplan_cli.catalogue.model import Catalogue, Lang, Target

TIMING = {
    "by_deadline": ("限期达到", "by deadline"),
    "every_year": ("每年", "every year"),
    "reach_and_hold": ("达到并保持", "reach and hold"),
}
PLAN_SHORT = {"women": ("妇女", "women"), "children": ("儿童", "children")}


def _console(color: bool) -> tuple[Console, StringIO]:
    """A console writing into a buffer, as wide as the terminal (100 columns on a pipe)."""
    buffer = StringIO()
    console = Console(
        file=buffer,
        width=shutil.get_terminal_size((100, 24)).columns,
        color_system="standard" if color else None,
        force_terminal=color,
        highlight=False,
        soft_wrap=False,
    )
    return console, buffer


def _text(buffer: StringIO) -> str:
    """What was printed, without the spaces rich pads each table line with up to the console's width."""
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


def _words(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


def targets_table(catalogue: Catalogue, targets: list[Target], lang: Lang, color: bool) -> str:
    console, buffer = _console(color)
    zh = lang == "zh"
    table = Table(box=None, header_style="bold", pad_edge=False)
    for label in (
        ("编号", "id"),
        ("规划", "plan"),
        ("领域", "domain"),
        ("指标", "name"),
        ("要求", "requirement"),
        ("时限", "timing"),
    ):
        table.add_column(_words(label, lang), overflow="fold", no_wrap=label[1] == "id")  # ids stay whole
    for t in targets:
        plan = catalogue.plan_of(t)
        domain = catalogue.domain_of(t)
        table.add_row(
            t.id,
            _words(PLAN_SHORT.get(t.plan, (t.plan, t.plan)), lang),
            domain.name(lang),
            catalogue.target_name(t, lang),
            requirement(t, catalogue, lang, plan.end),
            _words(TIMING[t.timing], lang),
        )
    console.print(table)
    console.print(f"{len(targets)} 个目标" if zh else f"{len(targets)} targets")
    return _text(buffer)


def target_details(catalogue: Catalogue, target: Target, record: dict[str, Any], lang: Lang, color: bool) -> str:
    console, buffer = _console(color)
    zh = lang == "zh"
    plan = catalogue.plan_of(target)
    indicator = catalogue.indicator_by_id[target.indicator]
    rows: list[tuple[str, str]] = [
        ("编号" if zh else "id", target.id),
        ("规划" if zh else "plan", plan.name.get(lang)),
        ("领域" if zh else "domain", catalogue.domain_of(target).name(lang)),
        ("名称" if zh else "name", f"{record['name_zh']} / {record['name_en']}"),
        ("指标" if zh else "indicator", f"{indicator.id} ({indicator.unit.value})"),
        ("别名" if zh else "aliases", "、".join(indicator.aliases) or "—"),
        ("要求" if zh else "requirement", record["requirement"]),
        ("规则" if zh else "rule", f"{target.kind} {rule_words(target, catalogue, lang, plan.end)}"),
        ("时限" if zh else "timing", _words(TIMING[target.timing], lang)),
        (
            "里程碑" if zh else "milestones",
            ", ".join(f"{m['year']}: {m['value']:g}" for m in record["milestones"]) or "—",
        ),
        ("范围" if zh else "scope", ", ".join(target.scope)),
        ("分组" if zh else "breakdown", ", ".join(target.breakdown) or "—"),
        ("原文" if zh else "quote", f"“{target.quote}”"),
        ("出处" if zh else "clause", target.clause),
        ("说明" if zh else "notes", target.notes or "—"),
    ]
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in rows:
        table.add_row(key, value)
    console.print(table)
    return _text(buffer)
