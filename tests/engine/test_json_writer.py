"""The fast JSON writer gives the very bytes of `json.dumps(report.to_dict(), ensure_ascii=False, indent=2)`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xyplan_cli import api

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("paths", "lang", "year"), [
    (["samples"], "en", None),
    (["samples"], "zh", 2022),
    (["samples/bad"], "en", None),
    (["samples/midterm-2025.csv"], "zh", None),
])
def test_bytes_match_the_generic_encoder(paths: list[str], lang: str, year: int | None) -> None:
    report = api.check([ROOT / p for p in paths], lang="zh" if lang == "zh" else "en", year=year)
    assert report.results
    assert report.to_json() == json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("batch", [1, 7, None])  # None: exactly the number of results
def test_streamed_report_is_the_same_text(batch: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    full = api.check([ROOT / "samples" / "midterm-2025.csv"], lang="en")
    monkeypatch.setattr(api, "SPILL_BATCH", batch or len(full.results))
    pieces: list[str] = []
    streamed = api.check([ROOT / "samples" / "midterm-2025.csv"], lang="en", write=pieces.append)
    assert "".join(pieces) == full.to_json()
    assert (streamed.results, streamed.summary, streamed.rows) == ((), full.summary, full.rows)


def test_streamed_report_without_results() -> None:
    pieces: list[str] = []
    report = api.check([ROOT / "samples" / "bad" / "empty-file.csv"], lang="en", write=pieces.append)
    assert "".join(pieces) == report.to_json() and '"results": []' in report.to_json()
