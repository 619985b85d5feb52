"""Equal milestone checks are shared between series, trusted models share a field set, and neither changes the JSON."""

from __future__ import annotations

import json

from xyplan_cli.engine.compare import Need
from xyplan_cli.engine.outcome import check
from xyplan_cli.reader.dataset import Observation
from xyplan_cli.report import MilestoneCheck, Point, _encode, trusted, trusted_from
from xyplan_cli.units import Unit


def _obs(value: float, year: int = 2024, line: int = 1) -> Observation:
    return Observation("ind", "610402", "total", year, value, value, line=line)


def _generic(model: MilestoneCheck) -> str:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2)


def test_equal_checks_of_two_series_are_one_object() -> None:
    need = Need.at_least(90.0)
    first = check(2024, need, _obs(95.5, line=3), Unit.PERCENT)
    second = check(2024, need, _obs(95.5, line=7), Unit.PERCENT)  # another row, the same check
    assert first is second
    assert check(2024, need, _obs(80.0), Unit.PERCENT) is not first
    assert check(2024, need, None, Unit.PERCENT) is check(2024, need, None, Unit.PERCENT)


def test_a_zero_keeps_its_sign() -> None:
    """0.0 and -0.0 are equal keys but are written differently: each check keeps its own."""
    need = Need.at_most(5.0)
    negative = check(2024, need, _obs(-0.0), Unit.PERCENT)
    positive = check(2024, need, _obs(0.0), Unit.PERCENT)
    assert str(negative.observed) == "-0.0" and str(positive.observed) == "0.0"
    for h in (negative, positive, negative):  # the second encoding of each comes from the text cache
        assert _encode(h, "") == _generic(h)


def test_trusted_models_share_their_field_set_safely() -> None:
    a = trusted_from(Point, {"year": 2024, "value": 1.0, "bound": None, "note": None})
    b = trusted(Point, year=2023, value=2.0, bound=None, note=None)
    assert a.model_fields_set == b.model_fields_set == {"year", "value", "bound", "note"}
    copied = a.model_copy(update={"value": 3.0})
    assert copied.value == 3.0 and a.value == 1.0 and b.model_fields_set == {"year", "value", "bound", "note"}
    assert a == Point(year=2024, value=1.0)
