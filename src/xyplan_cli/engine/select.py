"""Which series are evaluated (regions, their levels, breakdowns) and the order of the results."""

from __future__ import annotations

from collections.abc import Sequence

from xyplan_cli.catalogue.model import Catalogue, Level, Target
from xyplan_cli.catalogue.rules import GapNarrows
from xyplan_cli.reader.dataset import TOTAL, Dataset, Observation


def level_of(code: str, catalogue: Catalogue) -> Level:
    """`县code/乡镇` is a township; a registry region has its own level; another 6-digit code a county."""
    if "/" in code:
        return "township"
    region = catalogue.region_by_code.get(code)
    return region.level if region is not None else "county"


def region_name(code: str, catalogue: Catalogue) -> str:
    """The full Chinese name: 咸阳市, 三原县/城关街道; an unknown code as it is."""
    county, _, township = code.partition("/")
    region = catalogue.region_by_code.get(county)
    name = region.name if region is not None else county
    return f"{name}/{township}" if township else name


def regions(catalogue: Catalogue, dataset: Dataset, wanted: Sequence[str], as_of: int | None) -> list[str]:
    """The regions with data up to `as_of`; or the `wanted` codes, plus the townships of a wanted county
    that have data."""
    present = sorted({region for (_, region, _), first in dataset.series.first_years()
                      if as_of is not None and first <= as_of})
    if not wanted:
        return present
    chosen = dict.fromkeys(wanted)
    for code in present:
        if "/" in code and code.split("/", 1)[0] in chosen:
            chosen.setdefault(code)
    return list(chosen)


def breakdowns(target: Target) -> tuple[str, ...]:
    """The series of a target in one region: its breakdowns (total without any); a narrowing gap is one
    series named after its pair, `urban-rural`."""
    if isinstance(target.rule, GapNarrows):
        return ("-".join(target.rule.between),)
    return target.breakdown or (TOTAL,)


def chosen_targets(catalogue: Catalogue, plans: Sequence[str] = (), domains: Sequence[str] = ()) -> list[Target]:
    """The targets of the chosen plans and domains (all without a choice), in report order."""
    order = target_order(catalogue)
    chosen = [t for t in catalogue.targets
              if not (plans and t.plan not in plans) and not (domains and t.domain not in domains)]
    return sorted(chosen, key=lambda t: order[t.id])


def target_order(catalogue: Catalogue) -> dict[str, tuple[int, int, int]]:
    """Each target's place: plan order, domain order within the plan, order in the catalogue."""
    plans = {p.id: (i, [d.id for d in p.domains]) for i, p in enumerate(catalogue.plans)}
    return {t.id: (plans[t.plan][0], plans[t.plan][1].index(t.domain), i)
            for i, t in enumerate(catalogue.targets)}


def region_order(codes: Sequence[str], levels: dict[str, Level]) -> list[str]:
    """The order of regions within a target: the city first, then by code. (Results come in target order,
    then this, then the target's breakdown order: the engine loops in that order and needs no sort.)"""
    return sorted(codes, key=lambda code: (0 if levels[code] == "city" else 1, code))


def unevaluated(catalogue: Catalogue, dataset: Dataset
                ) -> list[tuple[str, Level, list[str], Observation, list[str]]]:
    """Data no target looks at: (indicator, level, region codes, the first row, the levels its targets do
    look at) for each indicator and region level with series that no target of the catalogue reads at that
    level (city rows of a county-only target), whatever plans or domains a run chose. Nothing read is
    dropped silently."""
    scopes: dict[str, set[str]] = {}
    for target in catalogue.targets:
        for indicator, _ in target.reads:
            scopes.setdefault(indicator, set()).update(target.scope)
    found: dict[tuple[str, Level], list[str]] = {}
    firsts: dict[tuple[str, Level], tuple[str, str, str]] = {}
    levels: dict[str, Level] = {}  # of each region (a national file has 170,640 series of 2,844 regions)
    for key in dataset.series:
        indicator, region, _ = key
        level = levels.get(region) or levels.setdefault(region, level_of(region, catalogue))
        if level not in scopes.get(indicator, ()):
            regions = found.setdefault((indicator, level), [])
            if region not in regions:
                regions.append(region)
            firsts.setdefault((indicator, level), key)
    return [(indicator, level, sorted(regions), dataset.series.find(firsts[(indicator, level)])[0],
             sorted(scopes.get(indicator, ()))) for (indicator, level), regions in sorted(found.items())]
