"""Load catalogues: the shipped one or a user's, from the cache when it holds the same bytes, else validated."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xyplan_cli.catalogue.model import Catalogue
    from xyplan_cli.issues import Issue


class CatalogueError(Exception):
    """The catalogue cannot be used; `issues` says why and where."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} problem(s) in the catalogue")
        self.issues = issues


def shipped_path() -> Path:
    """The catalogue inside the installed package, or `targets/` of a source checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "targets"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "targets"


def catalogue_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load the catalogue at `path` (file or folder; None = the shipped one). Raises CatalogueError.

    A catalogue without a regions file uses the shipped region registry. A catalogue loaded before from
    the very same bytes comes from the cache (`catalogue.cache`); only another one is validated.
    """
    from xyplan_cli.catalogue import cache

    root = path or shipped_path()
    files = catalogue_files(root) if root.exists() else []
    digest = cache.key([*files, shipped_path() / "regions.yaml"]) if files else None
    catalogue = cache.load(digest) if digest is not None else None
    if catalogue is not None:
        return catalogue
    from xyplan_cli.catalogue.validate import validate

    issues, catalogue = validate(root)
    if issues or catalogue is None:
        raise CatalogueError(issues)
    if digest is not None:
        cache.store(digest, catalogue)
    return catalogue


def lint(path: Path) -> list[Issue]:
    """Every problem of the catalogue at `path`, sorted by file and line; empty when it is usable."""
    from xyplan_cli.catalogue.validate import validate

    return validate(path)[0]


