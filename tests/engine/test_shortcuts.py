"""The engine's shortcuts give what the plain definitions give: sentences filled in with `%` as with
`str.format`, remembered number texts and rounded values as computed afresh, one growth computation for
both the rate and the projection."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xyplan_cli.engine import progress
from xyplan_cli.engine.compare import show, shown
from xyplan_cli.engine.evaluate import VALUE_DIGITS, _tidy, _value
from xyplan_cli.engine.words import LABELS, TEMPLATES, say
from xyplan_cli.reader.dataset import INF, Observation
from xyplan_cli.units import SYMBOLS, Unit

numbers = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False).map(lambda x: round(x, 3))


@pytest.mark.parametrize("key", sorted(TEMPLATES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_sentence_reads_as_its_template_formatted(key: str, lang: str) -> None:
    template = TEMPLATES[key][1 if lang == "zh" else 0]
    names = [part.split("}")[0] for part in template.split("{")[1:]]
    # values that would trip a careless conversion: a percent sign, braces, a number
    params: dict[str, object] = {n: f"{n} 50% {{x}}" if i % 2 else 2024 for i, n in enumerate(names) if n != "label"}
    for status in ("met", "moving_away", None):
        label = LABELS[status][1 if lang == "zh" else 0] if status else ""
        assert say(lang, key, status, **params) == template.format(label=label, **params)  # type: ignore[arg-type]


def _obs(low: float, high: float, low_open: bool = False, high_open: bool = False) -> Observation:
    return Observation("i", "610400", "total", 2024, low, high, low_open, high_open)


@given(value=numbers, unit=st.sampled_from(list(Unit)))
def test_a_remembered_value_text_is_the_value_shown(value: float, unit: Unit) -> None:
    obs = _obs(value, value)
    assert shown(obs, unit) == show(value, unit)
    assert shown(obs, unit) == show(value, unit)  # the second time from memory


def test_zero_and_minus_zero_are_shown_alike() -> None:
    assert shown(_obs(-0.0, -0.0), Unit.PERCENT) == shown(_obs(0.0, 0.0), Unit.PERCENT) == "0%"


@pytest.mark.parametrize(("obs", "text"), [
    (_obs(95.0, INF, low_open=True), ">95%"),
    (_obs(95.0, INF), "≥95%"),
    (_obs(-INF, 5.0, high_open=True), "<5%"),
    (_obs(1.0, 2.5), "1–2.5%"),
])
def test_a_bounded_value_is_shown_by_its_bound(obs: Observation, text: str) -> None:
    assert shown(obs, Unit.PERCENT) == text == f"{obs.bound_text()}{SYMBOLS[Unit.PERCENT]}"


@given(value=st.one_of(numbers, st.floats(allow_nan=True), st.integers(-10**6, 10**6)))
def test_a_remembered_rounding_is_the_rounding(value: float) -> None:
    expected = _tidy(value, VALUE_DIGITS)
    assert _value(value) == expected
    assert _value(value) == expected  # the second time from memory
    assert math.isfinite(value) or expected is None


def _reference_growth(base: Observation, latest: Observation) -> float:
    """The annual growth rate as the engine defined it before `trend` (compound, or linear relative)."""
    if base.value > 0 and latest.value > 0:
        return float((latest.value / base.value) ** (1 / (latest.year - base.year)) - 1)
    slope = (latest.value - base.value) / (latest.year - base.year)
    scale = abs(base.value) or abs(latest.value)
    return slope / scale if scale else 0.0


def _reference_projection(base: Observation, latest: Observation, deadline: int) -> float | None:
    use_linear = base.value <= 0 or latest.value <= 0
    growth = progress.annual_growth(base.year, base.value, latest.year, latest.value, use_linear)
    return progress.project(latest.year, latest.value, growth, deadline, use_linear)


@given(b=numbers, v=numbers, years=st.integers(1, 9), ahead=st.integers(0, 10))
def test_one_trend_computation_gives_the_rate_and_the_projection(b: float, v: float, years: int,
                                                                 ahead: int) -> None:
    base = _obs(b, b)._replace(year=2020)
    latest = _obs(v, v)._replace(year=2020 + years)
    deadline = latest.year + ahead
    growth, projected = progress.trend(base, latest, deadline)
    assert growth == _reference_growth(base, latest)
    assert projected == _reference_projection(base, latest, deadline)
    assert progress.trend(base, latest, None) == (growth, None)
