"""Safe outputs: reports written atomically, non-regular targets written in place, data text neutralised in
every format, YAML loaded safely only, and nothing reaching the network."""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from xyplan_cli import api
from xyplan_cli.atomic import write_atomic
from xyplan_cli.report import Report
from xyplan_cli.reporters import FORMATS, Options, render

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "sanyuan-2020-2024.csv"
HOSTILE_NOTE = '=HYPERLINK("http://evil.example/","x") <script>alert(1)</script> | **b** `c`'


# -- atomic writes -------------------------------------------------------------------------------------
def _fail(*_: object, **__: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("broken", ["os.replace", "os.fsync"])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    broken: str) -> None:
    target = tmp_path / "report.html"
    target.write_text("the old report", encoding="utf-8")
    name = broken.split(".")[1]
    monkeypatch.setattr(os, name, _fail)
    with pytest.raises(OSError):
        write_atomic(target, "the new report " * 10_000)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_a_killed_writer_leaves_no_half_file(tmp_path: Path) -> None:
    """A process killed in the middle of writing (SIGKILL after the temporary file is half written) leaves
    the old report whole; the temporary file is the only trace, and it is never the report."""
    target = tmp_path / "report.json"
    target.write_text('{"old": true}', encoding="utf-8")
    script = f"""
import os, signal
from pathlib import Path
from xyplan_cli import atomic
real_fsync = os.fsync
def die(fd):
    os.kill(os.getpid(), signal.SIGKILL)
os.fsync = die
atomic.write_atomic(Path({str(target)!r}), "x" * 5_000_000)
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -9
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert all(p.name == "report.json" or p.name.startswith(".report.json.") for p in tmp_path.iterdir())


def test_output_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "check", "--format", "json", "--output", str(target),
                           str(SAMPLE)], capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout == ""
    assert Report.model_validate_json(target.read_text(encoding="utf-8")).rows.accepted > 0
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_report_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    """A new report is readable as any new file is (umask), not 0600 like the temporary it was written as;
    a replaced report keeps the permissions it had."""
    new, kept = tmp_path / "new.json", tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    before = os.umask(0o022)
    try:
        write_atomic(new, "{}")
        write_atomic(kept, "{}")
    finally:
        os.umask(before)
    assert (stat.S_IMODE(new.stat().st_mode), stat.S_IMODE(kept.stat().st_mode)) == (0o644, 0o640)


def test_an_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "report.json"
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "check", "--output", str(target), str(SAMPLE)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and f"cannot write {target}" in proc.stderr


def test_output_to_dev_null_keeps_the_device() -> None:
    before = os.stat("/dev/null")
    assert stat.S_ISCHR(before.st_mode)
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "check", "--format", "html", "--output", "/dev/null",
                           str(SAMPLE)], capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith(".null.")]


def test_output_to_a_fifo_is_written_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "check", "--format", "json", "--output", str(fifo),
                           str(SAMPLE)], capture_output=True, text=True, timeout=120)
    reader.join(timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert Report.model_validate_json(received[0]).rows.accepted > 0


# -- data text in the reports --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """A real run whose data puts a formula, a script, a pipe and Markdown into a note the reports show."""
    path = tmp_path_factory.mktemp("hostile") / "data.csv"
    rows = ["indicator,region,year,value,note"]
    for year, value in ((2020, 10), (2021, 11), (2022, 12), (2023, 13), (2024, 30)):
        note = HOSTILE_NOTE.replace('"', '""') if year == 2024 else ""
        rows.append(f'maternal_mortality,秦都区,{year},{value},"{note}"')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = api.check([path], regions=["秦都区"])
    assert HOSTILE_NOTE in {r.explained for r in report.results}, "the note must reach the report"
    return report


def test_csv_neutralises_the_formula(hostile_report: Report) -> None:
    text = render("csv", hostile_report, Options()).removeprefix("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert "'" + HOSTILE_NOTE in cells
    assert HOSTILE_NOTE not in cells


def test_html_escapes_the_note(hostile_report: Report) -> None:
    page = render("html", hostile_report, Options(verbose=True))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    assert "default-src 'none'" in page  # and a CSP that would block a script anyway


def test_markdown_escapes_the_note(hostile_report: Report) -> None:
    text = render("markdown", hostile_report, Options())
    assert r"&lt;script&gt;alert(1)&lt;/script&gt; \| \*\*b\*\* \`c\`" in text
    assert "<script" not in text


# -- safe YAML -----------------------------------------------------------------------------------------
UNSAFE_YAML = re.compile(r"unsafe_load|full_load|FullLoader|UnsafeLoader|yaml\.Loader\b|Loader=yaml\.Loader|"
                         r"yaml\.load\((?![^)]*Loader=_FastLoader)[^)]*\)")


def test_yaml_is_only_loaded_safely() -> None:
    """Every YAML call in the package uses a safe loader (the functional side: corpus/catalogues/python-*)."""
    found = [f"{path.relative_to(ROOT)}:{n}" for path in (ROOT / "src").rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if UNSAFE_YAML.search(line)]
    assert found == []


def test_python_tags_run_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"plan: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    from xyplan_cli.catalogue import lint

    assert [i.code for i in lint(path)] == ["yaml-unsafe"]
    assert not marker.exists()


# -- no network ----------------------------------------------------------------------------------------
class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed(f"network use: {args!r}")

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)
    yield


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_never_reaches_the_network(no_network: None, fmt: str) -> None:
    report = api.check([SAMPLE, ROOT / "samples" / "sanyuan-2020-2024.xlsx"], lang="zh")
    out = render(fmt, report, Options(lang="zh", verbose=True, color=fmt == "table"))
    assert out
    if fmt == "html":
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", out), "the page loads nothing"
