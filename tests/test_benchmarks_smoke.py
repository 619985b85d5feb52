"""The benchmark generator, at tiny sizes: a lint-clean national catalogue and CSVs of the expected shape."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from xyplan_cli.catalogue import lint, load_catalogue

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def read(path: Path) -> tuple[tuple[str, ...], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return tuple(rows[0]), rows[1:]


def out_of_range(rows: list[list[str]], catalogue_dir: Path | None) -> list[list[str]]:
    catalogue = load_catalogue(catalogue_dir)
    bad = []
    for row in rows:
        low, high = catalogue.indicator_by_id[row[0]].plausible
        value = float(row[3])
        if value < low or (high is not None and value > high):
            bad.append(row)
    return bad


# (counties, batch files) → national rows = counties × 60 indicators × 10 years
CASES = [(1, 1), (9, 2), (20, 3)]


@pytest.mark.parametrize(("counties", "files"), CASES)
def test_national_catalogue_and_file(generate: ModuleType, tmp_path: Path, counties: int, files: int) -> None:
    sets = generate.ensure(tmp_path, only=("national", "batch"), counties=counties, batch_files=files)
    targets = sets.national / "targets"
    assert lint(targets) == []
    catalogue = load_catalogue(targets)
    county_codes = {r.code for r in catalogue.regions if r.level == "county"}
    city_codes = {r.code for r in catalogue.regions if r.level == "city"}
    kinds = {t.kind for t in catalogue.targets}
    assert (len(catalogue.indicators), len(catalogue.targets), len(county_codes)) == (60, 60, counties)
    assert kinds >= {"at_least", "at_most", "band", "baseline_relative", "direction", "coverage", "count"}
    assert {r.parent for r in catalogue.regions if r.level == "county"} <= city_codes

    header, rows = read(sets.national / "national.csv")
    keys = {(r[0], r[1], r[2]) for r in rows}
    assert (header, len(rows), len(keys)) == (("indicator", "region", "year", "value"), counties * 600,
                                              counties * 600)
    years = sorted({int(r[2]) for r in rows})
    assert ({r[1] for r in rows}, years) == (county_codes, list(range(2021, 2031)))
    assert out_of_range(rows, targets) == []

    slice_rows = read(sets.national / "slice.csv")[1]
    assert slice_rows == rows[: generate.SLICE_ROWS]
    batch = sorted(sets.batch.glob("*.csv"))
    assert [(p.stem in county_codes, len(read(p)[1])) for p in batch] == [(True, 600)] * files


def test_typical_drop_covers_the_shipped_targets(generate: ModuleType, tmp_path: Path) -> None:
    drop = generate.ensure(tmp_path, only=("typical",)).typical
    catalogue = load_catalogue()
    header, rows = read(drop)
    codes = {r.code for r in catalogue.regions}
    counties = {r.name for r in catalogue.regions if r.level == "county"}
    places = {r[1] if r[1] in codes else r[1].split("/")[0] for r in rows}
    assert header == ("indicator", "region", "year", "value", "breakdown")
    assert {t.indicator for t in catalogue.targets} <= {r[0] for r in rows}
    assert places <= codes | counties and codes <= places
    assert sorted({int(r[2]) for r in rows}) == list(range(2020, 2025))
    assert len(rows) == len({(r[0], r[1], r[4], r[2]) for r in rows})
    assert out_of_range(rows, None) == []


def test_generation_is_deterministic(generate: ModuleType, tmp_path: Path) -> None:
    first = generate.ensure(tmp_path / "a", counties=4, batch_files=2)
    second = generate.ensure(tmp_path / "b", counties=4, batch_files=2)
    for a, b in ((first.typical, second.typical),
                 (first.national / "national.csv", second.national / "national.csv"),
                 (first.national / "targets" / "regions.yaml", second.national / "targets" / "regions.yaml"),
                 (first.batch / "110101.csv", second.batch / "110101.csv")):
        assert a.read_bytes() == b.read_bytes()


def test_the_stack_floor_app_runs_like_a_cli() -> None:
    """The do-nothing CLI the benchmark times must really parse its options and build its model."""
    app = ROOT / "benchmarks" / "peers" / "minimal_app.py"
    done = subprocess.run([sys.executable, str(app), "check", "a.csv", "b.csv", "--year", "2023"],
                          capture_output=True, text=True, check=False)
    bad = subprocess.run([sys.executable, str(app), "check", "a.csv", "--format", "xml"],
                         capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, bad.returncode) == (0, "year=2023 value=2.0\n", 2)
