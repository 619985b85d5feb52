"""JSON reporter: the versioned, deterministic machine contract (`docs/report.schema.json`)."""

from __future__ import annotations

import json

from xyplan_cli.report import Report
from xyplan_cli.reporters import Options


def render(report: Report, options: Options) -> str:
    del options
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
