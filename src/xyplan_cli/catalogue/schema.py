"""The JSON Schema of the catalogue file format, generated from the models (docs/catalogue.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from xyplan_cli.catalogue.model import Indicator, Plan, Region, Target


class PlanFile(BaseModel):
    """One catalogue file: a plan with its indicators and targets, and/or a region registry."""

    model_config = ConfigDict(extra="forbid", title="xyplan catalogue file")

    plan: Plan | None = None
    indicators: list[Indicator] = []
    targets: list[Target] = []
    regions: list[Region] = []


def catalogue_schema() -> dict[str, Any]:
    schema = PlanFile.model_json_schema()
    # `plan` of a target is filled in from the file's plan block; in a file it is optional
    target = schema["$defs"]["Target"]
    target["required"] = [r for r in target["required"] if r != "plan"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def catalogue_schema_text() -> str:
    return json.dumps(catalogue_schema(), ensure_ascii=False, indent=2) + "\n"
