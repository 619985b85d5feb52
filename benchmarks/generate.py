"""Deterministic benchmark data: the typical drop, a national-scale catalogue and file, and a batch of files.

    python benchmarks/generate.py                 # everything, into benchmarks/.data/
    python benchmarks/generate.py --quick         # the smoke-test sizes, into benchmarks/.data/quick/
    python benchmarks/generate.py --only national --counties 18 --out /tmp/x

Every data set is written by a fixed-seed generator, so the same arguments give the same bytes. Each folder
gets a `.stamp` with the arguments (and, for the typical drop, a fingerprint of the shipped catalogue);
`ensure()` regenerates a data set only when its stamp differs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xyplan_cli.catalogue import Target

HERE = Path(__file__).resolve().parent
try:
    import xyplan_cli  # noqa: F401  (the typical drop reads the shipped catalogue)
except ImportError:  # a fresh clone without `pip install -e .`
    sys.path.insert(0, str(HERE.parent / "src"))
DEFAULT_OUT = HERE / ".data"
SEED = 20220047  # 咸政办发〔2022〕47号
VERSION = 2  # bump when the generated content changes

TYPICAL_YEARS = range(2020, 2025)
NATIONAL_YEARS = range(2021, 2031)
NATIONAL_COUNTIES = 2844
COUNTIES_PER_CITY = 9
BATCH_FILES = 300
SLICE_ROWS = 50_000
HEAD_ROWS = 1_000  # with the slice, separates frictionless's start-up from its time per row
QUICK = {"counties": 334, "batch_files": 30}  # 334 × 60 × 10 ≈ 200k rows
SIZES = {"full": {"counties": NATIONAL_COUNTIES, "batch_files": BATCH_FILES}, "quick": QUICK}

HEADER = ("indicator", "region", "year", "value", "breakdown")
NATIONAL_HEADER = ("indicator", "region", "year", "value")

# Typical values of a unit where a target names no number, and the decimals a value is written with.
_TYPICAL = {"percent": 70.0, "permille": 5.0, "per_1000": 3.0, "per_10k": 10.0, "per_100k": 15.0,
            "per_100": 105.0, "ratio": 0.7, "count": 20.0, "count_10k": 3.0, "yuan": 3000.0,
            "yuan_10k": 500.0, "hours": 2.0, "years": 78.0}
_DECIMALS = {"count": 0, "yuan": 0, "ratio": 3, "per_100k": 2}
_UPPER = {"percent": 100.0, "permille": 1000.0, "ratio": 1.0}


# --- values -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    """How the values of one indicator's series look: level, yearly drift (relative), noise, bounds."""

    unit: str
    level: float
    drift: float  # signed mean yearly change, relative to the level
    low: float = 0.0
    high: float | None = None

    def series(self, rng: random.Random, years: Iterable[int]) -> Iterator[tuple[int, str]]:
        """(year, value text) for one region's series: a jittered level, a jittered trend and noise."""
        level = self.level * (1 + rng.uniform(-0.12, 0.12))
        drift = self.drift + rng.uniform(-0.015, 0.015)
        high = self.high if self.high is not None else math.inf
        decimals = _DECIMALS.get(self.unit, 1)
        for n, year in enumerate(years):
            value = level * (1 + drift * n) * (1 + rng.gauss(0, 0.01))
            value = min(max(value, self.low), high)
            yield year, (f"{round(value)}" if decimals == 0 else f"{value:.{decimals}f}")


def _bounds(unit: str, plausible: tuple[float, float | None] | None) -> tuple[float, float | None]:
    if plausible is not None:
        return plausible
    return 0.0, _UPPER.get(unit)


# --- the typical drop ------------------------------------------------------------------------------------
def _catalogue_fingerprint() -> str:
    from xyplan_cli.catalogue.loader import catalogue_files, shipped_path

    digest = hashlib.sha256()
    for path in catalogue_files(shipped_path()):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _typical_shape(unit: str, plausible: tuple[float, float | None], kind: str, direction: str,
                   milestone: float | None) -> Shape:
    """A level near the target's number (so verdicts are mixed), drifting the way the target wants."""
    level = _TYPICAL[unit] if milestone is None else milestone
    if kind == "at_least":
        level *= 0.97
    elif kind == "at_most":
        level *= 1.05
    elif kind == "count":
        level = max(level, 1.0) * 1.5
    elif kind == "cumulative":
        level = max(level / 8, 1.0)
    drift = {"higher": 0.01, "lower": -0.02}.get(direction, 0.0)
    low, high = plausible
    if high is not None:
        level = min(level, high * 0.97)
    return Shape(unit=unit, level=max(level, low), drift=drift, low=low, high=high)


def typical_rows(rng: random.Random) -> Iterator[tuple[str, str, int, str, str]]:
    """City + 14 counties (+ one township per county for township-scope targets) × every indicator that
    a target needs × 2020-2024, with the breakdowns the targets name (blank = total)."""
    from xyplan_cli.catalogue import load_catalogue
    from xyplan_cli.catalogue.rules import Relative

    catalogue = load_catalogue()
    needs: dict[str, tuple[set[str], set[str], Target]] = {}  # indicator → (levels, breakdowns, first target)
    for target in catalogue.targets:
        entries = [(target.indicator, target)]
        rule = target.rule
        if isinstance(rule, Relative) and rule.reference in catalogue.indicator_by_id:
            entries.append((rule.reference, target))
        for indicator_id, owner in entries:
            levels, groups, _ = needs.setdefault(indicator_id, (set(), set(), owner))
            levels.update(owner.scope)
            groups.update(owner.breakdown or ("",))
    cities = [r for r in catalogue.regions if r.level == "city"]
    counties = [r for r in catalogue.regions if r.level == "county"]
    places = {"city": [r.code for r in cities], "county": [r.code for r in counties],
              "township": [f"{r.name}/城关街道" for r in counties]}
    for indicator in catalogue.indicators:
        if indicator.id not in needs:
            continue
        levels, groups, target = needs[indicator.id]
        milestone = target.milestones[-1].value if target.milestones else None
        shape = _typical_shape(indicator.unit.value, _bounds(indicator.unit.value, indicator.range),
                               target.kind, target.direction, milestone)
        for level in ("city", "county", "township"):
            if level not in levels:
                continue
            for region in places[level]:
                for group in sorted(groups):
                    for year, value in shape.series(rng, TYPICAL_YEARS):
                        yield indicator.id, region, year, value, group


def write_typical(out: Path) -> Path:
    folder = out / "typical"
    path = folder / "drop.csv"
    params = {"version": VERSION, "seed": SEED, "catalogue": _catalogue_fingerprint()}
    if _fresh(folder, params):
        return path
    _reset(folder)
    _write_csv(path, HEADER, typical_rows(random.Random(f"{SEED}-typical")))
    _stamp(folder, params)
    return path


# --- the national catalogue ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spec:
    """One national indicator with its single target."""

    id: str
    unit: str
    rule: dict[str, Any]
    timing: str
    shape: Shape
    range: tuple[float, float | None] | None = None


# (kind, unit, how many): 60 indicators, one target each, over the main rule kinds.
NATIONAL_MIX: tuple[tuple[str, str, int], ...] = (
    ("at_least", "percent", 15),
    ("at_most", "per_100k", 4), ("at_most", "permille", 3), ("at_most", "percent", 3),
    ("band", "percent", 5),
    ("baseline_relative", "per_100k", 5),
    ("direction", "percent", 5), ("direction", "years", 5), ("direction", "count", 5),
    ("coverage", "percent", 5),
    ("count", "count", 5),
)
_RANGES = {"per_100k": (0.0, 1000.0), "years": (0.0, 120.0), "count": (0.0, 100000.0)}


def national_specs() -> list[Spec]:
    """The 60 indicators and targets of the national catalogue (fixed seed, so always the same)."""
    rng = random.Random(f"{SEED}-national-specs")
    specs = []
    for kind, unit, count in NATIONAL_MIX:
        for n in range(count):
            specs.append(_spec(rng, f"{kind}_{unit}_{n + 1}", kind, unit))
    return specs


def _spec(rng: random.Random, ident: str, kind: str, unit: str) -> Spec:
    rng_range = _RANGES.get(unit)
    low, high = rng_range if rng_range else _bounds(unit, None)
    timing = "by_deadline"
    if kind == "at_least":
        goal = round(rng.uniform(80, 95))
        rule = {"kind": kind, "inclusive": True, "milestones": [{"year": 2025, "value": goal - 5},
                                                                  {"year": 2030, "value": goal}]}
        shape = Shape(unit, goal * 0.85, 0.012, low, high)
    elif kind == "at_most":
        goal = {"per_100k": round(rng.uniform(8, 20)), "permille": round(rng.uniform(3, 8))}.get(unit, 5)
        rule = {"kind": kind, "inclusive": True, "milestones": [{"year": 2030, "value": goal}]}
        timing = "every_year" if unit == "percent" else timing
        shape = Shape(unit, goal * 1.2, -0.02, low, high)
    elif kind == "band":
        centre = round(rng.uniform(40, 60))
        rule = {"kind": kind, "tolerance": 3, "milestones": [{"year": 2030, "value": centre}]}
        timing = "every_year"
        shape = Shape(unit, centre, 0.0, low, high)
    elif kind == "baseline_relative":
        rule = {"kind": kind, "baseline_year": 2021, "change": -20, "deadline": 2030}
        shape = Shape(unit, rng.uniform(10, 40), -0.025, low, high)
    elif kind == "direction":
        direction = rng.choice(["increase", "decrease"])
        rule = {"kind": kind, "direction": direction, "strength": rng.choice(["gradual", "steady"]),
                "deadline": 2030}
        level = {"percent": rng.uniform(30, 70), "years": rng.uniform(70, 80), "count": rng.uniform(20, 200)}
        shape = Shape(unit, level[unit], 0.015 if direction == "increase" else -0.015, low, high)
    elif kind == "coverage":
        rule = {"kind": kind, "deadline": 2030}
        shape = Shape(unit, 92.0, 0.01, low, high)
    else:  # count
        rule = {"kind": kind, "milestones": [{"year": 2030, "value": 1}]}
        shape = Shape(unit, 2.0, 0.05, low, high)
    return Spec(id=ident, unit=unit, rule=rule, timing=timing, shape=shape, range=rng_range)


@dataclass(frozen=True)
class NationalRegions:
    cities: list[tuple[str, str]]  # (code, name)
    counties: list[tuple[str, str, str]]  # (code, name, parent code)


# The 31 province-level prefixes of GB/T 2260; prefectures are spread over them in turn.
_PROVINCES = ("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
              "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65")


def national_regions(counties: int) -> NationalRegions:
    """`counties` synthetic county-level regions, nine to a synthetic prefecture-level city."""
    cities: list[tuple[str, str]] = []
    out: list[tuple[str, str, str]] = []
    for n in range(counties):
        city_index, county_index = divmod(n, COUNTIES_PER_CITY)
        if county_index == 0:
            province = _PROVINCES[city_index % len(_PROVINCES)]
            code = f"{province}{city_index // len(_PROVINCES) + 1:02d}00"
            cities.append((code, f"测试{code}市"))
        parent = cities[-1][0]
        code = f"{parent[:4]}{county_index + 1:02d}"
        out.append((code, f"测试{code}县", parent))
    return NationalRegions(cities=cities, counties=out)


def _flow(mapping: dict[str, Any]) -> str:
    """A YAML flow mapping (JSON is valid YAML) on one line."""
    return json.dumps(mapping, ensure_ascii=False)


def catalogue_text(specs: list[Spec]) -> str:
    lines = [
        "# Synthetic national-scale catalogue for benchmarks (benchmarks/generate.py; do not edit).",
        "plan:",
        "  id: national",
        "  name: {zh: 全国县级监测基准(合成), en: Synthetic national county-level benchmark plan}",
        "  start: 2021",
        "  end: 2030",
        "  baseline_year: 2021",
        "  domains:",
        "    - {id: bench, zh: 基准, en: Benchmark}",
        "indicators:",
    ]
    for n, spec in enumerate(specs, 1):
        names = {"zh": f"基准指标{n}", "en": f"Benchmark indicator {n}"}
        entry: dict[str, Any] = {"id": spec.id, "name": names, "unit": spec.unit}
        if spec.range is not None:
            entry["range"] = list(spec.range)
        lines.append(f"  - {_flow(entry)}")
    lines.append("targets:")
    for n, spec in enumerate(specs, 1):
        target = {"id": f"n.bench.{n}", "indicator": spec.id, "domain": "bench",
                  "quote": f"基准指标{n}达到目标", "clause": f"基准 {n}", "rule": spec.rule,
                  "timing": spec.timing, "scope": ["county"]}
        lines.append(f"  - {_flow(target)}")
    return "\n".join(lines) + "\n"


def regions_text(regions: NationalRegions) -> str:
    lines = ["# Synthetic county-level regions for benchmarks (benchmarks/generate.py; do not edit).",
             "regions:"]
    for code, name in regions.cities:
        lines.append(f"  - {_flow({'code': code, 'name': name, 'short': name[:-1], 'level': 'city'})}")
    for code, name, parent in regions.counties:
        county = {"code": code, "name": name, "short": name[:-1], "level": "county", "parent": parent}
        lines.append(f"  - {_flow(county)}")
    return "\n".join(lines) + "\n"


def national_rows(rng: random.Random, specs: list[Spec],
                  counties: Iterable[tuple[str, str, str]]) -> Iterator[tuple[str, str, int, str]]:
    """Region by region (as county files concatenated), indicator by indicator, year by year."""
    for code, _, _ in counties:
        for spec in specs:
            for year, value in spec.shape.series(rng, NATIONAL_YEARS):
                yield spec.id, code, year, value


def write_national(out: Path, counties: int) -> Path:
    """national/targets/ (catalogue), national/national.csv, and its first 50,000 and 1,000 rows as
    national/slice.csv and national/head.csv."""
    folder = out / "national"
    params = {"version": VERSION, "seed": SEED, "counties": counties}
    if _fresh(folder, params):
        return folder
    _reset(folder)
    specs = national_specs()
    regions = national_regions(counties)
    (folder / "targets").mkdir(parents=True)
    (folder / "targets" / "national.yaml").write_text(catalogue_text(specs), encoding="utf-8")
    (folder / "targets" / "regions.yaml").write_text(regions_text(regions), encoding="utf-8")
    rows = national_rows(random.Random(f"{SEED}-national"), specs, regions.counties)
    _write_csv(folder / "national.csv", NATIONAL_HEADER, rows)
    for name, size in (("slice.csv", SLICE_ROWS), ("head.csv", HEAD_ROWS)):
        _head(folder / "national.csv", folder / name, size)
    _stamp(folder, params)
    return folder


def write_batch(out: Path, files: int) -> Path:
    """batch/: a mid-size drop split into one file per county (the first `files` national counties)."""
    folder = out / "batch"
    params = {"version": VERSION, "seed": SEED, "files": files}
    if _fresh(folder, params):
        return folder
    _reset(folder)
    specs = national_specs()
    counties = national_regions(max(files, 1)).counties[:files]
    rng = random.Random(f"{SEED}-batch")
    for county in counties:
        _write_csv(folder / f"{county[0]}.csv", NATIONAL_HEADER, national_rows(rng, specs, [county]))
    _stamp(folder, params)
    return folder


# --- files and stamps ------------------------------------------------------------------------------------
def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _head(source: Path, target: Path, rows: int) -> None:
    with source.open(encoding="utf-8", newline="") as src, \
            target.open("w", encoding="utf-8", newline="") as dst:
        for n, line in enumerate(src):
            if n > rows:
                break
            dst.write(line)


def _fresh(folder: Path, params: dict[str, Any]) -> bool:
    stamp = folder / ".stamp"
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == json.dumps(params, sort_keys=True)


def _stamp(folder: Path, params: dict[str, Any]) -> None:
    (folder / ".stamp").write_text(json.dumps(params, sort_keys=True), encoding="utf-8")


def _reset(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


@dataclass(frozen=True)
class DataSets:
    typical: Path  # the CSV of the typical drop (shipped catalogue)
    national: Path  # the folder with targets/, national.csv and slice.csv
    batch: Path  # the folder of per-county files (national catalogue)


ALL = ("typical", "national", "batch")


def ensure(out: Path = DEFAULT_OUT, quick: bool = False, only: tuple[str, ...] = ALL,
           counties: int | None = None, batch_files: int | None = None) -> DataSets:
    """Generate what is missing or stale under `out` (quick sizes under `out/quick`); return the paths."""
    size = SIZES["quick" if quick else "full"]
    root = out / "quick" if quick else out
    counties = size["counties"] if counties is None else counties
    batch_files = size["batch_files"] if batch_files is None else batch_files
    typical = write_typical(root) if "typical" in only else root / "typical" / "drop.csv"
    national = write_national(root, counties) if "national" in only else root / "national"
    batch = write_batch(root, batch_files) if "batch" in only else root / "batch"
    return DataSets(typical=typical, national=national, batch=batch)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="work folder (default: benchmarks/.data)")
    parser.add_argument("--quick", action="store_true", help="smoke-test sizes (~200k national rows)")
    parser.add_argument("--only", action="append", choices=ALL,
                        help="only this data set (repeatable)")
    parser.add_argument("--counties", type=int, help=f"national county count (default {NATIONAL_COUNTIES})")
    parser.add_argument("--batch-files", type=int, help=f"files in the batch folder (default {BATCH_FILES})")
    parser.add_argument("--force", action="store_true", help="regenerate even when up to date")
    args = parser.parse_args(argv)
    root = args.out / "quick" if args.quick else args.out
    if args.force and root.exists():
        for name in ("typical", "national", "batch"):
            shutil.rmtree(root / name, ignore_errors=True)
    sets = ensure(args.out, quick=args.quick, only=tuple(args.only or ALL),
                  counties=args.counties, batch_files=args.batch_files)
    for name, path in vars(sets).items():
        print(f"{name:9} {path}")


if __name__ == "__main__":
    main()
