"""Fuzz the catalogue loader with arbitrary bytes as a YAML file: no exception escapes `lint`, every issue
is well-formed, and `load_catalogue` agrees with `lint` (it succeeds exactly when lint finds nothing)."""

from __future__ import annotations

import sys

from instrument import instrumented

with instrumented(["xyplan_cli", "yaml"]):
    from xyplan_cli.catalogue import CatalogueError, lint, load_catalogue

from common import check_issues, write


def test_one_input(data: bytes) -> None:
    path = write("catalogue.yaml", data)
    issues = lint(path)
    check_issues(issues)
    try:
        load_catalogue(path)
    except CatalogueError as exc:
        assert issues, "load_catalogue refused a catalogue that lint accepts"
        assert [i.code for i in exc.issues] == [i.code for i in issues]
    else:
        assert not issues, "load_catalogue accepted a catalogue that lint refuses"


if __name__ == "__main__":
    import atheris

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
