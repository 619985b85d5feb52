"""Peer: pandas + pandera validating a long CSV for plausible ranges per indicator and unique keys only.

    python pandera_validate.py DATA.csv CATALOGUE_DIR

The bar of PRODUCT.md is "range validation alone", so this does only that, the way a competent pandas user
would: `read_csv` with the C engine and explicit dtypes (codes read as strings, then made categories, the
usual memory saver for repeated strings); one pandera `DataFrameSchema` with the column types, each value
inside its indicator's range (one vectorised dataframe check: the bounds are mapped from the indicator
column, so an unknown indicator fails too) and uniqueness of (indicator, region, breakdown, year).
`lazy=True` collects every failure, as xyplan reports every problem. Ranges come from the plan files of
the catalogue (libyaml where available; the region registry is skipped): the indicator's `range`, else
the unit's default range. Exit 0 when valid, 1 when not (with a count of failures).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import yaml

UNIT_RANGES = {"percent": (0.0, 100.0), "permille": (0.0, 1000.0), "ratio": (0.0, 1.0)}  # xyplan's defaults


def catalogue_ranges(folder: Path) -> dict[str, tuple[float, float]]:
    ranges: dict[str, tuple[float, float]] = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "regions.yaml":
            continue  # ranges only: the region registry is not needed
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for item in data.get("indicators") or ():
            low, high = item.get("range") or UNIT_RANGES.get(item["unit"], (0.0, None))
            ranges[item["id"]] = (float(low), math.inf if high is None else float(high))
    return ranges


def schema(ranges: dict[str, tuple[float, float]], columns: list[str]) -> pa.DataFrameSchema:
    low = {k: v[0] for k, v in ranges.items()}
    high = {k: v[1] for k, v in ranges.items()}

    def value_within_indicator_range(df: pd.DataFrame) -> pd.Series:
        indicator = df["indicator"]  # categorical: the map runs over the categories, not the rows
        lows, highs = indicator.map(low).astype("float64"), indicator.map(high).astype("float64")
        return df["value"].between(lows, highs)

    cols = {
        "indicator": pa.Column("category"),
        "region": pa.Column("category"),
        "year": pa.Column("int64"),
        "value": pa.Column("float64", nullable=False),
    }
    if "breakdown" in columns:
        cols["breakdown"] = pa.Column("category", nullable=True)
    keys = [c for c in ("indicator", "region", "breakdown", "year") if c in columns]
    check = pa.Check(value_within_indicator_range, error="value within the indicator's range")
    return pa.DataFrameSchema(cols, checks=[check], unique=keys, strict=False)


def main(data: str, catalogue: str) -> int:
    ranges = catalogue_ranges(Path(catalogue))
    df = pd.read_csv(data, dtype={"indicator": str, "region": str, "breakdown": str, "year": "int64",
                                  "value": "float64"})
    df = df.astype({c: "category" for c in ("indicator", "region", "breakdown") if c in df.columns})
    try:
        schema(ranges, list(df.columns)).validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        sys.stdout.write(f"invalid: {len(exc.failure_cases)} failure case(s) in {len(df)} rows\n")
        return 1
    sys.stdout.write(f"valid: {len(df)} rows\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
