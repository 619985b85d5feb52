"""The JSON reporter round-trips the report, and docs/report.schema.json is the model's current schema."""

from __future__ import annotations

import json
from pathlib import Path

from xyplan_cli.report import Report
from xyplan_cli.reporters import Options, render
from xyplan_cli.reporters.json import schema

from . import golden

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_schema_file_is_up_to_date(update_goldens: bool) -> None:
    golden.check("report.schema.json", schema(), update_goldens, folder=DOCS)


def test_json_round_trips(report: Report) -> None:
    text = render("json", report, Options(lang=report.lang))
    assert Report.model_validate_json(text) == report


def test_schema_names_every_field_of_the_output(report: Report) -> None:
    document = json.loads(schema())
    output = json.loads(render("json", report, Options(lang=report.lang)))
    # `files` is there only with `--by file` (tests/cli/test_by_file.py checks it); everything else always
    assert set(document["properties"]) - set(output) == {"files"}
    assert set(output) <= set(document["properties"])
    result_fields = set(document["$defs"]["Result"]["properties"])
    assert {key for r in output["results"] for key in r} == result_fields
