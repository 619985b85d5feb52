"""A catalogue from the cache is loaded without the validating loader (`catalogue.validate`), and is the
catalogue that validating its files gives; `shipped_path` is the folder the package resources name."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from importlib import resources
from pathlib import Path

from xyplan_cli.catalogue import load_catalogue, loader, shipped_path
from xyplan_cli.catalogue.validate import validate

LOAD = ("import pickle, sys\n"
        "from xyplan_cli.catalogue import load_catalogue\n"
        "catalogue = load_catalogue()\n"
        "sys.stderr.write(f\"validate={'xyplan_cli.catalogue.validate' in sys.modules}\\n\")\n"
        "sys.stdout.buffer.write(pickle.dumps(catalogue))")


def load_in_a_new_process(cache: Path) -> tuple[bool, bytes]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("XYPLAN_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr.decode().endswith("validate=True\n"), proc.stdout


def test_only_a_cache_miss_validates(tmp_path: Path) -> None:
    validated, cold = load_in_a_new_process(tmp_path)
    assert validated
    validated, warm = load_in_a_new_process(tmp_path)
    assert not validated
    assert pickle.loads(warm) == pickle.loads(cold) == validate(shipped_path())[1] == load_catalogue()


def plain_shipped_path() -> Path:
    """The definition through the package's resources: inside the package, else `targets/` of the checkout."""
    packaged = Path(str(resources.files("xyplan_cli"))) / "targets"
    if packaged.is_dir():
        return packaged
    return Path(loader.__file__).resolve().parents[3] / "targets"


def test_shipped_path_is_the_plain_definition() -> None:
    assert shipped_path().resolve() == plain_shipped_path().resolve()
    assert (shipped_path() / "regions.yaml").is_file()
