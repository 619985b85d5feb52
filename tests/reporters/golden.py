"""Golden-file comparison for the reporter tests; `pytest --update-goldens` rewrites the files."""

from __future__ import annotations

from pathlib import Path

GOLDENS = Path(__file__).parent / "goldens"


def check(name: str, text: str, update: bool, folder: Path = GOLDENS) -> None:
    path = folder / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.is_file(), f"{path} is missing; run pytest with --update-goldens to create it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its golden file (if intended: pytest --update-goldens)"
