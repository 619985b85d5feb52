"""The target catalogue: models of plans, indicators, targets and regions, and their loader."""

from xyplan_cli.catalogue.loader import CatalogueError, lint, load_catalogue, shipped_path
from xyplan_cli.catalogue.model import Catalogue, Indicator, Plan, Region, Target

__all__ = ["Catalogue", "CatalogueError", "Indicator", "Plan", "Region", "Target", "lint", "load_catalogue",
           "shipped_path"]
