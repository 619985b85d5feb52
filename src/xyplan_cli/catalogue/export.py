"""Targets as plain records: the `xyplan targets list --format json` contract of PRODUCT.md."""

from __future__ import annotations

from typing import Any

from xyplan_cli.catalogue.describe import requirement
from xyplan_cli.catalogue.model import Catalogue, Lang, Target


def target_record(target: Target, catalogue: Catalogue, lang: Lang = "en") -> dict[str, Any]:
    indicator = catalogue.indicator_by_id[target.indicator]
    names = target.name or indicator.name
    plan = catalogue.plan_of(target)
    return {
        "id": target.id,
        "plan": target.plan,
        "domain": target.domain,
        "name_zh": names.zh,
        "name_en": names.en,
        "quote": target.quote,
        "clause": target.clause,
        "unit": indicator.unit.value,
        "kind": target.kind,
        "direction": target.direction,
        "inclusive": target.inclusive,
        "timing": target.timing,
        "milestones": [{"year": m.year, "value": m.value} for m in target.milestones],
        "baseline_year": target.baseline_year,
        "scope": list(target.scope),
        "breakdown": list(target.breakdown),
        "indicator": target.indicator,
        "deadline": target.deadline(plan.end),
        "requirement": requirement(target, catalogue, lang, plan.end),
        "rule": target.rule.model_dump(mode="json"),
        "notes": target.notes,
    }


def select(
    catalogue: Catalogue,
    *,
    plans: tuple[str, ...] = (),
    domains: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    text: str | None = None,
) -> list[Target]:
    """Targets matching every given filter; `text` searches id, names, aliases, quote and clause."""
    needle = text.casefold() if text else None
    out = []
    for t in catalogue.targets:
        if plans and t.plan not in plans:
            continue
        if domains and t.domain not in domains:
            continue
        if kinds and t.kind not in kinds:
            continue
        if needle is not None:
            ind = catalogue.indicator_by_id[t.indicator]
            names = t.name or ind.name
            hay = " ".join((t.id, t.indicator, names.zh, names.en, ind.name.zh, ind.name.en, *ind.aliases,
                            t.quote, t.clause)).casefold()
            if needle not in hay:
                continue
        out.append(t)
    return out
