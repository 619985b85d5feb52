"""The columnar reader (large plain CSV files) gives the same dataset, row counts and issues as row by row."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.reader import ReadResult, columnar, read_submissions

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "samples").glob("*.csv"))

Compact = tuple[object, ...]


def compact(result: ReadResult) -> Compact:
    """Everything a read gives, file and line included, as comparable tuples."""
    observations = sorted((key, tuple(o)) for key, values in result.dataset.series.items() for o in values)
    issues = [(i.file, i.line, i.column, i.code, i.field, sorted(i.params.items())) for i in result.issues]
    return result.rows.model_dump(), issues, observations, result.dataset.years, len(result.dataset)


def both(paths: list[Path], catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> tuple[ReadResult, ReadResult]:
    """(row by row, column by column wherever a file is eligible)."""
    monkeypatch.setattr(columnar, "MIN_BYTES", 1 << 62)
    rows = read_submissions(paths, catalogue)
    monkeypatch.setattr(columnar, "MIN_BYTES", 0)
    columns = read_submissions(paths, catalogue)
    return rows, columns


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_read_the_same(sample: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    rows, columns = both([sample], catalogue, monkeypatch)
    assert compact(columns) == compact(rows)


def test_a_plain_sample_is_read_column_by_column(catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    _, columns = both([ROOT / "samples" / "sanyuan-2020-2024.csv"], catalogue, monkeypatch)
    assert len(columns.dataset.series.blocks) == 1 and len(columns.dataset) > 1000


@pytest.mark.parametrize("values", [("9.5", "9.5", "9.5"), ("9.5", "9.6", "9.5"), ("9.5", "9.5", "9.7"),
                                    ("9.5", "9.6", "9.7")])
@pytest.mark.parametrize("kinds", ["ccc", "crc", "rcc", "ccr"])  # c: read column by column, r: row by row
def test_repeats_across_files(values: tuple[str, str, str], kinds: str, catalogue: Catalogue, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    paths = []
    for n, (value, kind) in enumerate(zip(values, kinds, strict=True)):
        header = "indicator,region,year,value" if kind == "c" else '"indicator",region,year,value'
        path = tmp_path / f"{n}.csv"
        path.write_text(f"{header}\nmaternal_mortality,610400,2020,8\nmaternal_mortality,610400,2021,{value}\n",
                        encoding="utf-8")
        paths.append(path)
    rows, columns = both(paths, catalogue, monkeypatch)
    assert compact(columns) == compact(rows)
    assert len(columns.dataset.series.blocks) == kinds.count("c")


# Cells as statisticians write them, good and bad: the row checker decides what each one is.
INDICATORS = ["maternal_mortality", "孕产妇死亡率", "female_life_expectancy", "no_such_indicator", "", "#x"]
REGIONS = ["610400", "咸阳市", "秦都区", "秦都", "610422/城关街道", "nowhere", ""]
YEARS = ["2020", "2021", "2022", "2023 年", "20x", ""]
VALUES = ["9.5", "12", "80.25", "-1", "1e9", "95%", ">9", "NA", "", "1_0", "nan", "inf", "十"]
NOTES = ["", "", "口径调整", " x "]


@st.composite
def files(draw: st.DrawFn) -> list[str]:
    """One to three CSV texts in the long layout (some with a note column), rows drawn from the cells above,
    so that repeats, conflicts and repeats across files are common."""
    texts = []
    for _ in range(draw(st.integers(1, 3))):
        noted = draw(st.booleans())
        lines = ["indicator,region,year,value" + (",note" if noted else "")]
        for _ in range(draw(st.integers(0, 40))):
            cells = [draw(st.sampled_from(INDICATORS)), draw(st.sampled_from(REGIONS)),
                     draw(st.sampled_from(YEARS)), draw(st.sampled_from(VALUES))]
            if noted:
                cells.append(draw(st.sampled_from(NOTES)))
            lines.append(",".join(cells))
        texts.append("\n".join(lines) + "\n")
    return texts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=files(), eligible=st.lists(st.booleans(), min_size=3, max_size=3))
def test_generated_files_read_the_same(texts: list[str], eligible: list[bool], catalogue: Catalogue,
                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("columnar")
    paths = []
    for n, text in enumerate(texts):
        # A file that must be read row by row (a quote) among ones read column by column.
        path = folder / f"f{n}.csv"
        path.write_text(text if eligible[n] else text.replace("indicator,", '"indicator",', 1), encoding="utf-8")
        paths.append(path)
    with pytest.MonkeyPatch.context() as monkeypatch:
        rows, columns = both(paths, catalogue, monkeypatch)
    assert compact(columns) == compact(rows)


def test_blank_lines_are_skipped_alike(catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("indicator,region,year,value\n\nmaternal_mortality,610400,2020,9.5\n\n", encoding="utf-8")
    rows, columns = both([path], catalogue, monkeypatch)
    assert compact(columns) == compact(rows) and rows.rows.skipped == 2


@pytest.mark.parametrize(("text", "why"), [
    ('indicator,region,year,value\nmaternal_mortality,610400,2020,"9.5"\n', "a quote"),
    ("indicator,region,year,value\nmaternal_mortality,610400,2020\n", "a short row"),
    ("indicator,region,year,value\rmaternal_mortality,610400,2020,9.5\r", "old Mac line ends"),
    ("title\nindicator,region,year,value\nmaternal_mortality,610400,2020,9.5\n", "a title row"),
])
def test_unusual_files_fall_back_to_rows(text: str, why: str, catalogue: Catalogue, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(text, encoding="utf-8")
    rows, columns = both([path], catalogue, monkeypatch)
    assert not columns.dataset.series.blocks, why
    assert compact(columns) == compact(rows)
