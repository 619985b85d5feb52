"""JSON reporter: the versioned, deterministic machine contract (`docs/report.schema.json`)."""

from __future__ import annotations

import json

from xyplan_cli.report import Report
from xyplan_cli.reporters import Options


def render(report: Report, options: Options) -> str:
    del options
    return report.to_json()  # = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", faster


def schema() -> str:
    """The JSON Schema of `render`'s output, as published in docs/report.schema.json."""
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "report.schema.json",
                **Report.model_json_schema(mode="serialization")}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
