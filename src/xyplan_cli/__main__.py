"""Entry point for `python -m xyplan_cli`."""

from xyplan_cli.cli.main import run

run()
