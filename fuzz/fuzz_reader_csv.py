"""Fuzz the reader with arbitrary bytes as a CSV file: no exception escapes, every row is accounted for."""

from __future__ import annotations

import sys

from instrument import instrumented

with instrumented(["xyplan_cli"]):
    from xyplan_cli.reader import read_submissions

from common import check_read, shipped, write

CATALOGUE = shipped()
NAMES = ("data.csv", "data.txt", "data.tsv")


def test_one_input(data: bytes) -> None:
    name = NAMES[data[0] % len(NAMES)] if data else NAMES[0]
    path = write(name, data[1:])
    check_read(read_submissions([path], CATALOGUE))


if __name__ == "__main__":
    import atheris

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
