"""Which series are evaluated, in which order, and which data counts: regions, scope, breakdowns,
plans and domains, no data, data after the evaluated year."""

from __future__ import annotations

from pathlib import Path

from xyplan_cli.engine import evaluate

from .build import catalogue, dataset, obs, series, target

AT_LEAST = "{kind: at_least, inclusive: true, milestones: [{year: 2030, value: 90}]}"
GAP = "{kind: gap_narrows, between: [urban, rural], deadline: 2030}"


def test_every_region_with_data_gets_every_target_in_scope_or_no_data(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST), target(AT_LEAST, id="t.other", indicator="other"),
                    target(AT_LEAST, id="t.city", scope="[city]"))
    data = dataset(series({2024: 95}), series({2024: 91}, indicator="other", region="610402"))
    got = [(r.target_id, r.region_code, r.status) for r in evaluate(cat, data, as_of=None, lang="en")]
    assert got == [
        ("t.x", "610400", "met"),
        ("t.x", "610402", "no_data"),
        ("t.other", "610400", "no_data"),
        ("t.other", "610402", "met"),
        ("t.city", "610400", "met"),
    ]


def test_no_data_result_is_a_warning_with_the_requirement(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST))
    data = dataset(series({2024: 95}, indicator="other", region="610402"))
    (r,) = evaluate(cat, data, as_of=None, lang="zh")
    got = (r.region, r.verdict, r.status, r.latest, r.series, r.reason)
    assert got == ("秦都区", "warn", "no_data", None, (), "无数据")
    assert (r.requirement, r.deadline, r.unit) == ("≥ 90%(2030年)", 2030, "percent")


def test_given_regions_are_evaluated_even_without_data_and_include_their_townships(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST, scope="[city, county, township]"))
    data = dataset(series({2024: 95}), series({2024: 92}, region="610402"),
                   series({2024: 96}, region="610422/城关街道"))
    got = [(r.region_code, r.status) for r in
           evaluate(cat, data, as_of=None, lang="en", regions=["610422", "610402"])]
    assert got == [("610402", "met"), ("610422", "no_data"), ("610422/城关街道", "met")]


def test_breakdowns_are_separate_series(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST, breakdown="[urban, rural]"))
    data = dataset(series({2024: 95}, breakdown="urban"), series({2024: 80}, breakdown="total"))
    got = [(r.breakdown, r.status) for r in evaluate(cat, data, as_of=None, lang="en")]
    assert got == [("urban", "met"), ("rural", "no_data")]


def test_gap_narrows_is_one_result_per_region(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(GAP, breakdown="[urban, rural]"), unit="permille")
    data = dataset(series({2020: 2.0, 2024: 2.0}, breakdown="urban"),
                   series({2020: 6.0, 2024: 4.0}, breakdown="rural", notes={2024: "农村新生儿随访加强"}))
    (r,) = evaluate(cat, data, as_of=None, lang="en")
    assert (r.breakdown, r.status, [(p.year, p.value) for p in r.series]) == (
        "urban-rural", "on_track", [(2020, 4.0), (2024, 2.0)])
    assert r.series[-1].note == "农村新生儿随访加强"
    assert r.reason.startswith("on track: gap -15.91%/yr since 2020")


def test_gap_with_one_group_only_is_insufficient(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(GAP, breakdown="[urban, rural]"))
    (r,) = evaluate(cat, dataset(series({2020: 2.0, 2024: 2.0}, breakdown="urban")), as_of=None, lang="en")
    assert (r.status, r.series) == ("insufficient_data", ())
    assert "urban and rural" in r.reason


def test_gap_widening(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(GAP))
    data = dataset(series({2020: 2.0, 2024: 1.0}, breakdown="urban"),
                   series({2020: 6.0, 2024: 7.0}, breakdown="rural"))
    assert [r.status for r in evaluate(cat, data, as_of=None, lang="en")] == ["moving_away"]
    assert [r.status for r in evaluate(cat, data, as_of=2020, lang="en")] == ["insufficient_data"]


def test_data_after_the_evaluated_year_is_ignored(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST))
    data = dataset(series({2020: 80, 2023: 84, 2024: 95}))
    (r,) = evaluate(cat, data, as_of=2023, lang="en")
    assert (r.status, r.latest.year if r.latest else None, [p.year for p in r.series]) == (
        "on_track", 2023, [2020, 2023])


def test_as_of_defaults_to_the_latest_year_of_all_data(tmp_path: Path) -> None:
    rule = "{kind: at_least, inclusive: true, milestones: [{year: 2025, value: 90}]}"
    cat = catalogue(tmp_path, target(rule))
    data = dataset(series({2020: 80, 2024: 89}), series({2025: 1}, indicator="other"))
    (r,) = evaluate(cat, data, as_of=None, lang="en")
    assert r.status == "insufficient_data"  # the 2025 milestone is due, the city's latest value is from 2024


def test_regions_with_data_only_after_as_of_are_left_out(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST))
    data = dataset(series({2024: 95}), series({2025: 95}, region="610402"))
    assert [r.region_code for r in evaluate(cat, data, as_of=2024, lang="en")] == ["610400"]


def test_empty_dataset(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST))
    assert evaluate(cat, dataset(), as_of=None, lang="en") == []
    given = evaluate(cat, dataset(), as_of=None, lang="en", regions=["610400"])
    assert [r.status for r in given] == ["no_data"]


def test_plans_and_domains_filter(tmp_path: Path) -> None:
    cat = catalogue(tmp_path, target(AT_LEAST), target(AT_LEAST, id="t.ss", domain="social_security"),
                    children=True)
    data = dataset(series({2024: 95}), series({2024: 60}, indicator="y"))

    def ids(**kw: list[str]) -> list[str]:
        return [r.target_id for r in evaluate(cat, data, as_of=None, lang="en", **kw)]

    assert ids() == ["c.y", "t.x", "t.ss"]  # plans in catalogue order (files load alphabetically)
    assert ids(plans=["children"]) == ["c.y"]
    assert ids(domains=["health"]) == ["c.y", "t.x"]
    assert ids(plans=["women"], domains=["social_security"]) == ["t.ss"]


def test_results_are_sorted(tmp_path: Path) -> None:
    # catalogue order: t.b (social_security), t.a (health); plan order puts health first
    cat = catalogue(tmp_path,
                    target(AT_LEAST, id="t.b", domain="social_security", breakdown="[rural, urban]"),
                    target(AT_LEAST, id="t.a"), target(AT_LEAST, id="t.c"))
    rows = [obs(2024, 95, region=region, breakdown=bd) for region in ("610422", "610400", "610402")
            for bd in ("total", "urban", "rural")]
    results = evaluate(cat, dataset(rows), as_of=None, lang="en")
    got = [(r.target_id, r.region_code, r.breakdown) for r in results]
    regions = ("610400", "610402", "610422")
    expected = [(t, region, "total") for t in ("t.a", "t.c") for region in regions]
    expected += [("t.b", region, bd) for region in regions for bd in ("rural", "urban")]
    assert got == expected
