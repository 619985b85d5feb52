"""Fixtures of the reader tests: the name tables of the shipped catalogue, built once."""

from __future__ import annotations

import pytest

from xyplan_cli.catalogue import Catalogue
from xyplan_cli.reader.names import Names


@pytest.fixture(scope="session")
def names(catalogue: Catalogue) -> Names:
    return Names(catalogue)
