"""Builders for the engine tests: small catalogues written as YAML and loaded through the real loader,
and datasets from {year: value} tables (values may be bounded: ">95", "≥95", "<5", "≤5")."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

from xyplan_cli.catalogue import Catalogue, load_catalogue
from xyplan_cli.engine import evaluate
from xyplan_cli.reader.dataset import TOTAL, Dataset, Observation
from xyplan_cli.report import Result

PLAN = """\
plan:
  id: women
  name: {zh: 测试妇女规划, en: Test women's plan}
  start: 2021
  end: 2030
  baseline_year: 2020
  domains:
    - {id: health, zh: 健康, en: Health}
    - {id: social_security, zh: 社会保障, en: Social security}
indicators:
  - {id: x, name: {zh: 指标甲, en: Indicator X}, unit: UNIT}
  - {id: ref, name: {zh: 参照指标, en: Reference series}, unit: UNIT}
  - {id: other, name: {zh: 其他指标, en: Other indicator}, unit: UNIT}
targets:
"""

CHILDREN = """\
plan:
  id: children
  name: {zh: 测试儿童规划, en: Test children's plan}
  start: 2021
  end: 2030
  baseline_year: 2020
  domains:
    - {id: health, zh: 儿童健康, en: Child health}
indicators:
  - {id: y, name: {zh: 指标乙, en: Indicator Y}, unit: percent}
targets:
  - {id: c.y, indicator: y, domain: health, quote: 引文, clause: 条款,
     rule: {kind: at_least, inclusive: true, milestones: [{year: 2030, value: 50}]}}
"""

REGIONS = """\
regions:
  - {code: "610400", name: 咸阳市, short: 咸阳, level: city}
  - {code: "610402", name: 秦都区, short: 秦都, level: county, parent: "610400"}
  - {code: "610422", name: 三原县, short: 三原, level: county, parent: "610400"}
"""

Value = float | str


def target(rule: str, *, id: str = "t.x", indicator: str = "x", domain: str = "health",
           timing: str = "by_deadline", scope: str = "[city, county]", breakdown: str = "[]",
           extra: str = "") -> str:
    """One target as a YAML list item; `rule` is a YAML flow mapping."""
    more = f", {extra}" if extra else ""
    return (f"  - {{id: {id}, indicator: {indicator}, domain: {domain}, quote: 引文, clause: 条款, "
            f"rule: {rule}, timing: {timing}, scope: {scope}, breakdown: {breakdown}{more}}}\n")


def catalogue(folder: Path, *targets: str, unit: str = "percent", children: bool = False) -> Catalogue:
    """Write the plan (with `targets`) and the regions to `folder` and load them with the loader."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "women.yaml").write_text(PLAN.replace("UNIT", unit) + "".join(targets), encoding="utf-8")
    (folder / "regions.yaml").write_text(REGIONS, encoding="utf-8")
    if children:
        (folder / "children.yaml").write_text(CHILDREN, encoding="utf-8")
    return load_catalogue(folder)


def obs(year: int, value: Value, *, indicator: str = "x", region: str = "610400", breakdown: str = TOTAL,
        note: str | None = None) -> Observation:
    """An observation; a string value is a bound: >95, ≥95, <5, ≤5."""
    if isinstance(value, str):
        sign, number = value[0], float(value[1:])
        if sign in ">≥":
            return Observation(indicator, region, breakdown, year, number, math.inf, low_open=sign == ">",
                               note=note)
        return Observation(indicator, region, breakdown, year, -math.inf, number, high_open=sign == "<",
                           note=note)
    return Observation(indicator, region, breakdown, year, float(value), float(value), note=note)


def series(values: Mapping[int, Value], *, indicator: str = "x", region: str = "610400", breakdown: str = TOTAL,
           notes: dict[int, str] | None = None) -> list[Observation]:
    notes = notes or {}
    return [obs(y, v, indicator=indicator, region=region, breakdown=breakdown, note=notes.get(y))
            for y, v in values.items()]


def dataset(*parts: list[Observation]) -> Dataset:
    data = Dataset()
    for part in parts:
        for o in part:
            data.add(o)
    return data.finish()


def only(results: list[Result], target_id: str = "t.x", region: str = "610400") -> Result:
    """The single result of `target_id` in `region`."""
    found = [r for r in results if r.target_id == target_id and r.region_code == region]
    assert len(found) == 1, [(r.target_id, r.region_code, r.breakdown) for r in results]
    return found[0]


def judge(cat: Catalogue, values: Mapping[int, Value], as_of: int | None, *, lang: str = "en",
          notes: dict[int, str] | None = None, extra: list[Observation] | None = None) -> Result:
    """The city's result for t.x given its series."""
    data = dataset(series(values, notes=notes), extra or [])
    return only(evaluate(cat, data, as_of=as_of, lang="zh" if lang == "zh" else "en"))
