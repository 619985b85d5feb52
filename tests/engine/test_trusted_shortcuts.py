"""The evaluation's shortcuts give what the plain definitions give: trusted report models equal validated
ones, the latest year is the last of all years, a gap's context is the one `replace` makes, the notes of a
gap series, and the paused collector restores the collector's state."""

from __future__ import annotations

import dataclasses
import gc
import importlib
import json
import math
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from xyplan_cli import api, collector
from xyplan_cli.engine import kinds, trends
from xyplan_cli.engine.compare import show
from xyplan_cli.engine.outcome import Ctx
from xyplan_cli.issues import Issue
from xyplan_cli.reader.dataset import Observation
from xyplan_cli.report import IssueOut, Point, Report, Result, trusted_point
from xyplan_cli.units import SYMBOLS, Unit

evaluate_module = importlib.import_module("xyplan_cli.engine.evaluate")

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

numbers = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)
notes = st.one_of(st.none(), st.text(max_size=5))


def _same(trusted: object, validated: object) -> None:
    """Equal, with the same fields set, the same dump and the same JSON."""
    assert isinstance(trusted, Result | Point | IssueOut) and isinstance(validated, type(trusted))
    assert trusted == validated
    assert trusted.model_fields_set == validated.model_fields_set
    assert trusted.model_dump(mode="json") == validated.model_dump(mode="json")
    assert json.dumps(trusted.model_dump(mode="json")) == json.dumps(validated.model_dump(mode="json"))


def _report(lang: str, year: int | None = None) -> Report:
    return api.check([SAMPLES], lang=lang, year=year)  # type: ignore[arg-type]


def test_every_trusted_result_equals_the_validated_one() -> None:
    for lang, year in (("en", None), ("zh", None), ("en", 2022)):
        results = _report(lang, year).results
        assert results
        for r in results:
            _same(r, Result.model_validate(r.model_dump()))
            for p in r.series:
                _same(p, Point.model_validate(p.model_dump()))


@given(year=st.integers(1949, 2100), value=numbers, bound=notes, note=notes)
def test_a_trusted_point_equals_the_validated_one(year: int, value: float, bound: str | None,
                                                  note: str | None) -> None:
    point = trusted_point({"year": year, "value": value, "bound": bound, "note": note})
    _same(point, Point(year=year, value=value, bound=bound, note=note))


@given(value=numbers, year=st.integers(2015, 2030), note=notes)
def test_the_point_of_an_observation_is_its_plain_point(value: float, year: int, note: str | None) -> None:
    obs = Observation("x", "610400", "total", year, value, value, note=note)
    for _ in range(2):  # the second time from the cache (an exact value without a note)
        point = evaluate_module._point(obs)
        _same(point, Point(year=year, value=evaluate_module._tidy(value, 6) or 0.0, bound=None, note=note))


@given(line=st.integers(0, 10**6), column=st.integers(0, 500), field=notes, lang=st.sampled_from(["en", "zh"]))
def test_a_trusted_issue_equals_the_validated_one(line: int, column: int, field: str | None, lang: str) -> None:
    issue = Issue(code="unknown-region", file="a.csv", line=line, column=column, field=field,
                  params={"value": "某区", "suggestion": "秦都区"})
    validated = IssueOut(file=issue.file, line=issue.line, column=issue.column, code=issue.code,
                         severity=issue.severity, field=issue.field, message=issue.message(lang))  # type: ignore[arg-type]
    _same(api.issue_out(issue, lang), validated)  # type: ignore[arg-type]


def test_a_gap_context_is_the_replaced_context() -> None:
    ctx = Ctx(as_of=2024, unit=Unit.PERCENT, lang="en", timing="by_deadline", plan_start=2021,
              baseline_year=2020, deadline=2030, floor=0.0, ceiling=100.0)
    made = kinds._gap_ctx(ctx)
    assert made == dataclasses.replace(ctx, floor=0.0, ceiling=None)
    assert kinds._gap_ctx(ctx) is made  # once per context
    other = dataclasses.replace(ctx, unit=Unit.COUNT, floor=5.0)
    assert kinds._gap_ctx(other) == dataclasses.replace(other, floor=0.0, ceiling=None)


@given(a=st.lists(st.tuples(st.integers(2018, 2026), numbers, notes), max_size=8),
       b=st.lists(st.tuples(st.integers(2018, 2026), numbers, notes), max_size=8))
def test_a_gap_series_carries_both_rows_notes(a: list[tuple[int, float, str | None]],
                                              b: list[tuple[int, float, str | None]]) -> None:
    one_a_year = sorted({y: (y, v, n) for y, v, n in a}.values())
    left = [Observation("x", "r", "urban", y, v, v, note=n) for y, v, n in one_a_year]
    right = [Observation("x", "r", "rural", y, v, v, note=n) for y, v, n in b]
    by_year = {o.year: o for o in right}
    expected = [(x.year, abs(x.value - by_year[x.year].value),
                 "; ".join(dict.fromkeys(n for n in (x.note, by_year[x.year].note) if n)) or None)
                for x in left if x.year in by_year]
    assert [(o.year, o.value, o.note) for o in trends.gap_series(left, right, "urban-rural")] == expected


def test_the_paused_collector_is_restored() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        junk = [[] for _ in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    del junk
    gc.freeze()
    try:  # objects frozen by someone else stay frozen
        frozen = gc.get_freeze_count()
        with collector.paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    gc.disable()
    try:  # a disabled collector stays disabled
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@given(value=st.floats(allow_nan=False), digits=st.integers(0, 9), unit=st.sampled_from(list(Unit)),
       symbol=st.booleans())
@example(value=-0.0, digits=4, unit=Unit.PERCENT, symbol=True)
@example(value=1234567.891, digits=2, unit=Unit.YUAN, symbol=True)
@example(value=float("inf"), digits=4, unit=Unit.PERCENT, symbol=True)
def test_a_number_shown_is_its_f_string(value: float, digits: int, unit: Unit, symbol: bool) -> None:
    """`show` with its format specs made once, against the definition with the spec in the f-string."""
    if math.isinf(value):
        assert show(value, unit, digits, symbol) == ("∞" if value > 0 else "−∞")
        return
    text = f"{value:,.{digits}f}" if unit in (Unit.COUNT, Unit.YUAN) else f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    assert show(value, unit, digits, symbol) == (text + SYMBOLS[unit] if symbol else text)
