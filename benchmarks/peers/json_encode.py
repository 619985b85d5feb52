"""Output floor: how long the standard library alone takes to encode a finished xyplan JSON report.

The report is loaded first (not timed), then encoded once with `json.dumps(..., ensure_ascii=False)`: the
C encoder, compact, which is faster than the indented layout the report itself is written in. The time of
the encoding alone goes to stderr as `encode_seconds=…`; benchmarks/run.py takes it as the measurement.
"""

from __future__ import annotations

import json
import sys
import time


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    start = time.perf_counter()
    text = json.dumps(report, ensure_ascii=False)
    elapsed = time.perf_counter() - start
    sys.stdout.write(f"results={len(report['results'])} characters={len(text)}\n")
    sys.stderr.write(f"encode_seconds={elapsed:.6f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
