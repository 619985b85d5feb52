"""Property: improving the latest value never worsens the verdict (fail < warn < pass), for every rule
kind with a direction and every timing mode.

Fluctuation detection is switched off here (`fluctuation: 1e9`): a larger jump into the latest year is
by design a warning (波动较大) however good the value, so it is not monotone; it is tested on its own.
Bands are left out for the same reason: moving towards the centre from either side improves them. A
baseline-relative target whose latest year is the baseline year is skipped: that value sets the threshold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.engine import evaluate

from .build import catalogue, dataset, series, target

RULES: dict[str, tuple[str, bool]] = {  # id → (rule, higher is better)
    "at_least": ("{kind: at_least, inclusive: true, milestones: [{year: 2025, value: 60}, "
                 "{year: 2030, value: 80}]}", True),
    "above": ("{kind: at_least, inclusive: false, milestones: [{year: 2028, value: 50}]}", True),
    "at_most": ("{kind: at_most, inclusive: true, milestones: [{year: 2025, value: 40}, "
                "{year: 2030, value: 20}]}", False),
    "below": ("{kind: at_most, inclusive: false, milestones: [{year: 2027, value: 30}]}", False),
    "coverage": ("{kind: coverage, deadline: 2026, value: 100}", True),
    "count": ("{kind: count, milestones: [{year: 2026, value: 3}]}", True),
    "cumulative": ("{kind: cumulative, from_year: 2021, milestones: [{year: 2025, value: 150}]}", True),
    "down20": ("{kind: baseline_relative, baseline_year: 2020, change: -20, deadline: 2027}", False),
    "up10": ("{kind: baseline_relative, baseline_year: 2020, change: 10, deadline: 2027}", True),
    "rise": ("{kind: direction, direction: increase, deadline: 2027}", True),
    "fall": ("{kind: direction, direction: decrease, deadline: 2027}", False),
    "previous": ("{kind: relative, reference: previous, relation: at_least, deadline: 2027}", True),
    "slowing": ("{kind: slowing_rise, deadline: 2027}", False),
}
BASELINE_RULES = ("down20", "up10")
TIMINGS = ("by_deadline", "every_year", "reach_and_hold")
RANK = {"fail": 0, "warn": 1, "pass": 2}


@pytest.fixture(scope="module")
def cat(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    targets = [target(rule, id=f"p.{name}.{timing}", timing=timing, extra="fluctuation: 1.0e+9")
               for name, (rule, _) in RULES.items() for timing in TIMINGS]
    return catalogue(Path(tmp_path_factory.mktemp("property")), *targets)


values = st.integers(min_value=0, max_value=10_000).map(lambda n: n / 100)
histories = st.dictionaries(st.integers(min_value=2019, max_value=2031), values, min_size=1, max_size=7)


@settings(max_examples=300, deadline=None)
@given(history=histories, delta=st.integers(min_value=1, max_value=5_000).map(lambda n: n / 100),
       extra_years=st.integers(min_value=0, max_value=2))
def test_improving_the_latest_value_never_worsens_the_verdict(cat: Catalogue, history: dict[int, float],
                                                              delta: float, extra_years: int) -> None:
    last = max(history)
    as_of = last + extra_years
    before = {r.target_id: r for r in evaluate(cat, dataset(series(history)), as_of=as_of, lang="en")}
    for name, (_, higher) in RULES.items():
        if name in BASELINE_RULES and last == 2020:
            continue
        better = dict(history)
        better[last] = history[last] + delta if higher else max(0.0, history[last] - delta)
        after = {r.target_id: r for r in evaluate(cat, dataset(series(better)), as_of=as_of, lang="en")}
        for timing in TIMINGS:
            tid = f"p.{name}.{timing}"
            old, new = before[tid], after[tid]
            assert RANK[new.verdict] >= RANK[old.verdict], (tid, history, better, old.reason, new.reason)
