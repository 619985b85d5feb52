"""The good samples: every encoding and XLSX reads to the same dataset, error-free; the script is current."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.reader import read_submissions

from .helpers import observations

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
COUNTY = "610422"
TWINS = ["sanyuan-2020-2024-gbk.csv", "sanyuan-2020-2024-utf16.txt", "sanyuan-2020-2024.xlsx"]
GOOD = ["xianyang-2020-2024.csv", "sanyuan-2020-2024.csv", *TWINS, "townships-immunization-2020-2024.csv"]


@pytest.mark.parametrize("name", GOOD)
def test_good_sample_reads_without_errors(catalogue: Catalogue, name: str) -> None:
    result = read_submissions([SAMPLES / name], catalogue)
    assert [i.code for i in result.issues if i.severity != "info"] == []
    assert result.rows.rejected == 0 and result.rows.balanced
    assert result.rows.accepted > 100


@pytest.mark.parametrize("name", TWINS)
def test_excel_twins_read_to_the_same_dataset(catalogue: Catalogue, name: str) -> None:
    clean = read_submissions([SAMPLES / "sanyuan-2020-2024.csv"], catalogue)
    twin = read_submissions([SAMPLES / name], catalogue)
    assert observations(twin.dataset) == observations(clean.dataset)


def test_the_county_file_is_the_county_part_of_the_city_drop(catalogue: Catalogue) -> None:
    city = read_submissions([SAMPLES / "xianyang-2020-2024.csv"], catalogue)
    county = read_submissions([SAMPLES / "sanyuan-2020-2024.csv"], catalogue)
    part = {o for o in observations(city.dataset) if o[1] == COUNTY}
    assert part == observations(county.dataset)


def test_the_twins_really_differ_in_form() -> None:
    """The twins test nothing if they are byte copies: check the features they are meant to have."""
    gbk = (SAMPLES / TWINS[0]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    text = gbk.decode("gbk")
    assert text.splitlines()[0].startswith("三原县") and "指标,地区,年份" in text
    assert "０" in text and "%" in text and "比例" in text and "\r\n" in text and "注:" in text
    assert (SAMPLES / TWINS[1]).read_bytes()[:2] == b"\xff\xfe"


def test_the_city_drop_covers_every_target(catalogue: Catalogue) -> None:
    city = read_submissions([SAMPLES / "xianyang-2020-2024.csv"], catalogue)
    present = {key[0] for key in city.dataset.series}
    needed = {t.indicator for t in catalogue.targets if t.scope != ("township",)}
    assert needed - present == set()
    assert set(city.dataset.years) == {2020, 2021, 2022, 2023, 2024}
    assert len({key[1] for key in city.dataset.series}) == 15
    assert city.rows.read < 20_000


def test_the_script_regenerates_the_samples(tmp_path: Path) -> None:
    out = tmp_path / "samples"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_samples.py"), str(out)],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    made = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    shipped = sorted(p.relative_to(SAMPLES) for p in SAMPLES.rglob("*")
                     if p.is_file() and p.name != "README.md")
    assert made == shipped
    stale = [str(p) for p in made if (out / p).read_bytes() != (SAMPLES / p).read_bytes()]
    assert stale == [], "samples/ is out of date: run python scripts/make_samples.py"
