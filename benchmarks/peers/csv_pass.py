"""Peer floor: one bare csv.reader pass over a long CSV (read every row, nothing else)."""

from __future__ import annotations

import csv
import sys


def main(path: str) -> int:
    rows = 0
    with open(path, encoding="utf-8", newline="") as f:
        for _ in csv.reader(f):
            rows += 1
    sys.stdout.write(f"rows={rows - 1}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
