"""The evaluation engine: pure functions from a catalogue and a dataset to verdicts with their numbers."""

from xyplan_cli.engine.evaluate import evaluate, evaluate_series, iter_results

__all__ = ["evaluate", "evaluate_series", "iter_results"]
