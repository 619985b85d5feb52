"""Helpers for reader tests: write text to a file, read it, and compact the result into tuples."""

from __future__ import annotations

from pathlib import Path

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.reader import ReadResult, read_submissions
from xyplan_cli.reader.dataset import Dataset

ObsTuple = tuple[str, str, str, int, float, float, bool, bool, "str | None"]


def read_text(catalogue: Catalogue, folder: Path, text: str, name: str = "data.csv",
              encoding: str = "utf-8") -> ReadResult:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return read_submissions([path], catalogue)


def observations(dataset: Dataset) -> set[ObsTuple]:
    """The dataset without where each value came from (file, line)."""
    return {(o.indicator, o.region, o.breakdown, o.year, o.low, o.high, o.low_open, o.high_open, o.note)
            for values in dataset.series.values() for o in values}


def issues(result: ReadResult) -> list[tuple[int, int, str]]:
    return [(i.line, i.column, i.code) for i in result.issues]


def counts(result: ReadResult) -> tuple[int, int, int, int]:
    r = result.rows
    return (r.read, r.accepted, r.rejected, r.skipped)
