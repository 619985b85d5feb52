"""What a result carries: the numbers, rounded for stable JSON, and reasons in English and Chinese."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from xyplan_cli.engine import evaluate
from xyplan_cli.report import Result

from .build import catalogue, dataset, judge, obs, target

AT_MOST = "{kind: at_most, inclusive: true, milestones: [{year: 2030, value: 10}]}"

def ratio(base: float, latest: float, years: int, target: float, to_deadline: int) -> float:
    """R as PRODUCT.md defines it, with compound annual growth rates."""
    return float(((latest / base) ** (1 / years) - 1) / ((target / base) ** (1 / to_deadline) - 1))


R_ON, R_LIMITED, R_BEHIND, R_AWAY = (ratio(12, v, 4, 10, 10) for v in (11, 11.5, 11.3, 13))
PROJECTED = 11.3 * (11.3 / 12) ** (6 / 4)

# series → the reason's opening in English and Chinese
REASONS = [
    ({2020: 12, 2024: 9.5}, "met: 9.5/10万 in 2024", "已达标:2024年为9.5/10万"),
    ({2020: 12, 2024: 11}, f"on track: R = {R_ON:.2f}", f"进度正常:R = {R_ON:.2f}"),
    ({2020: 12, 2024: 11.5}, f"limited progress: R = {R_LIMITED:.2f}", f"进展有限:R = {R_LIMITED:.2f}"),
    ({2020: 12, 2024: 11.3}, f"behind: R = {R_BEHIND:.2f}, projected {PROJECTED:.2f}/10万 in 2030",
     f"进度落后:R = {R_BEHIND:.2f},预计2030年为{PROJECTED:.2f}/10万"),
    ({2020: 12, 2024: 13}, f"moving away: R = {R_AWAY:.2f}", f"背离目标:R = {R_AWAY:.2f}"),
    ({2020: 12, 2030: 10.5}, "missed: 10.5/10万 in 2030, required ≤ 10/10万 by 2030",
     "到期未达标:2030年为10.5/10万,要求2030年≤ 10/10万"),
    ({2024: 11}, "insufficient data: only 2024 (11/10万)", "数据不足:仅有2024年数据(11/10万)"),
]


@pytest.mark.parametrize(("values", "en", "zh"), REASONS)
def test_reasons_show_the_numbers_in_both_languages(tmp_path: Path, values: dict[int, float], en: str,
                                                    zh: str) -> None:
    cat = catalogue(tmp_path, target(AT_MOST), unit="per_100k")
    assert judge(cat, values, None).reason.startswith(en)
    assert judge(cat, values, None, lang="zh").reason.startswith(zh)


def test_a_result_is_filled(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_MOST), unit="per_100k")
    r = judge(cat, {2020: 12, 2022: "<11.5", 2024: 11.3}, None, notes={2022: "估算"})
    assert (r.target_id, r.plan, r.domain, r.indicator, r.name, r.region, r.region_code, r.breakdown) == (
        "t.x", "women", "health", "x", "Indicator X", "咸阳市", "610400", "total")
    assert (r.verdict, r.status, r.unit, r.requirement, r.deadline) == (
        "warn", "acceleration_needed", "per_100k", "≤ 10/10万 by 2030", 2030)
    assert (r.threshold, r.gap, r.ratio, r.projected) == (10.0, 1.3, round(R_BEHIND, 4), round(PROJECTED, 4))
    assert [(p.year, p.value, p.bound, p.note) for p in r.series] == [
        (2020, 12.0, None, None), (2022, 11.5, "<11.5", "估算"), (2024, 11.3, None, None)]
    assert r.latest == r.series[-1]
    assert [(m.year, m.value) for m in r.milestones] == [(2030, 10.0)]


def test_floats_are_rounded(tmp_path: Path) -> None:
    rule = "{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 95}]}"
    cat = catalogue(tmp_path, target(rule))
    r = judge(cat, {2020: 0.1 + 0.2, 2021: 95.2 * 1.0000000000000002}, None)
    assert [p.value for p in r.series] == [0.3, 95.2]
    r = judge(cat, {2020: 80, 2023: 83}, None)
    assert r.ratio == round(r.ratio or 0, 4) and r.projected == round(r.projected or 0, 4)


def _json(results: list[Result]) -> str:
    return json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False)


def test_output_does_not_depend_on_input_order(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_MOST), target(AT_MOST, id="t.y", scope="[county]"), unit="per_100k")
    rows = [obs(year, 10 + (year % 3) + i, region=region)
            for i, region in enumerate(("610400", "610402", "610422")) for year in range(2020, 2025)]
    first = _json(evaluate(cat, dataset(rows), as_of=None, lang="zh"))
    random.Random(4).shuffle(rows)
    assert _json(evaluate(cat, dataset(rows), as_of=None, lang="zh")) == first


def test_history_values_are_rounded_observations(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_MOST, timing="every_year"), unit="per_100k")
    r = judge(cat, {2021: 9.1 * 1.0000000000000002, 2022: 10.5}, None)
    assert [(h.year, h.required, h.observed, h.met) for h in r.history] == [
        (2021, "≤ 10/10万", 9.1, True), (2022, "≤ 10/10万", 10.5, False)]


def test_projections_stay_within_the_unit(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target("{kind: direction, direction: increase, deadline: 2030}"))
    assert judge(cat, {2020: 68.3, 2024: 81.2}, None).projected == 100.0
    cat = catalogue(tmp_path / "b", target(AT_MOST), unit="per_100k")
    assert judge(cat, {2020: 12, 2024: 4}, None).projected is None  # met: nothing projected
