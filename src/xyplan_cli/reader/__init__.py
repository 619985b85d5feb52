"""Reading submissions: CSV and XLSX files (or folders of them) into a validated dataset and issues."""

from xyplan_cli.reader.dataset import Dataset, Observation, ReadResult, RowCounts
from xyplan_cli.reader.read import read_submissions

__all__ = ["Dataset", "Observation", "ReadResult", "RowCounts", "read_submissions"]
