"""The progress bar of `xyplan check`: drawn on a terminal and erased before the report, never in pipes or CI."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import tempfile
import termios
import time
from itertools import product
from pathlib import Path

import pytest

from xyplan_cli.catalogue import load_catalogue
from xyplan_cli.cli.progress import ERASE, Bar, wanted

ROOT = Path(__file__).resolve().parents[2]
FILES = 300


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder like benchmarks/.data/batch: 300 small files, one indicator × region series each."""
    folder = tmp_path_factory.mktemp("batch")
    catalogue = load_catalogue()
    indicators = [i.id for i in catalogue.indicators if i.unit.value == "percent"][:20]
    regions = [r.name for r in catalogue.regions]
    for n, (indicator, region) in enumerate(list(product(indicators, regions))[:FILES]):
        rows = "".join(f"{indicator},{region},{year},{50 + n % 7 + year % 5}\n" for year in range(2021, 2025))
        (folder / f"{n:03d}.csv").write_text("indicator,region,year,value\n" + rows, encoding="utf-8")
    return folder


def _env(**extra: str) -> dict[str, str]:
    """A clean environment (no CI from the test runner's own), a terminal that is not dumb, no delay."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "COLUMNS": "100", "TERM": "xterm",
            "PYTHONPATH": os.pathsep.join(sys.path), "XYPLAN_PROGRESS_DELAY": "0", **extra}


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "xyplan_cli", "check", *args, "--no-color", "--plan", "children"]


def on_terminal(args: list[str], env: dict[str, str], stdout_too: bool = False) -> tuple[bytes, bytes]:
    """Run with stderr (and stdout, if `stdout_too`) on a pseudo-terminal: (what the terminal got, stdout)."""
    master, slave = os.openpty()
    mode = termios.tcgetattr(slave)
    mode[1] &= ~termios.OPOST  # no \n → \r\n: the bytes arrive as written
    termios.tcsetattr(slave, termios.TCSANOW, mode)
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=slave if stdout_too else out, stderr=slave,
                                env=env, cwd=ROOT)
        os.close(slave)
        tty = bytearray()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the process has closed the terminal
                break
            if not chunk:
                break
            tty += chunk
        os.close(master)
        assert proc.wait(timeout=60) in (0, 1, 2)
        out.seek(0)
        return bytes(tty), out.read()


def piped(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, capture_output=True, env=env, cwd=ROOT, timeout=300)


@pytest.mark.parametrize(("lang", "words"), [("en", (b"reading ", b"/300 files", b"checking ")),
                                              ("zh", ("读取 ".encode(), "/300 个文件".encode(), "评估 ".encode()))])
def test_bar_is_drawn_on_a_terminal_and_erased(batch: Path, lang: str, words: tuple[bytes, ...]) -> None:
    args = _command(str(batch), "--lang", lang)
    tty, stdout = on_terminal(args, _env())
    for word in words:
        assert word in tty
    assert b"\r" in tty and tty.endswith(ERASE.encode())  # the last thing on the terminal: the bar erased
    assert b"\n" not in tty  # one line, redrawn in place
    assert stdout == piped(args, _env()).stdout  # the report is intact


@pytest.mark.parametrize("fmt", ["table", "json"])  # json is written while it is made (streamed)
def test_bar_is_erased_before_the_report_on_the_same_terminal(batch: Path, fmt: str) -> None:
    args = _command(str(batch), "--format", fmt)
    tty, _ = on_terminal(args, _env(), stdout_too=True)
    end = tty.rindex(ERASE.encode()) + len(ERASE)
    assert b"/300 files" in tty[:end]
    assert tty[end:] == piped(args, _env()).stdout  # nothing of the bar after the report's first byte


@pytest.mark.parametrize(("case", "extra"), [("CI", {"CI": "1"}), ("CI=true", {"CI": "true"}),
                                             ("dumb terminal", {"TERM": "dumb"}),
                                             ("quick run", {"XYPLAN_PROGRESS_DELAY": "60"})])
def test_no_bar_on_a_terminal(batch: Path, case: str, extra: dict[str, str]) -> None:
    tty, stdout = on_terminal(_command(str(batch)), _env(**extra))
    assert tty == b"", case
    assert stdout


def test_no_bar_in_a_pipe(batch: Path) -> None:
    proc = piped(_command(str(batch)), _env())
    assert b"\r" not in proc.stderr and b"files" not in proc.stderr
    assert proc.stdout


class _Terminal(io.StringIO):
    encoding = "utf-8"  # type: ignore[assignment]

    def isatty(self) -> bool:
        return True


# (stream is a terminal, environment, a bar wanted)
WANTED = [
    (True, {}, True),
    (True, {"TERM": "xterm-256color"}, True),
    (True, {"CI": "1"}, False),
    (True, {"CI": "false"}, False),  # any non-empty value
    (True, {"CI": ""}, True),
    (True, {"TERM": "dumb"}, False),
    (False, {}, False),
]


@pytest.mark.parametrize(("tty", "environ", "expected"), WANTED)
def test_when_a_bar_is_wanted(tty: bool, environ: dict[str, str], expected: bool) -> None:
    stream = _Terminal() if tty else io.StringIO()
    assert wanted(stream, environ) is expected


# (lang, phase, done, total, columns, expected line)
LINES = [
    ("en", "read", 120, 300, 80, "reading █████████░░░░░░░░░░░░░░░ 120/300 files  40% · 1.5s"),  # 24 cells
    ("en", "read", 120, 300, 45, "reading ████░░░░░░ 120/300 files  40% · 1.5s"),  # 44 cells
    ("en", "read", 120, 300, 40, "reading 120/300 files  40% · 1.5s"),  # no room for a bar of 10
    ("en", "read", 120, 300, 20, "reading 120/300 fil"),  # cut: never wider than the terminal
    ("en", "evaluate", 60, 60, 80, "checking ████████████████████████ 60/60 targets 100% · 1.5s"),
    ("en", "evaluate", 90, 60, 80, "checking ████████████████████████ 60/60 targets 100% · 1.5s"),
    ("zh", "read", 3, 300, 80, "读取 ░░░░░░░░░░░░░░░░░░░░░░░░ 3/300 个文件   1% · 1.5 秒"),
    ("zh", "read", 3, 300, 30, "读取 3/300 个文件   1% · 1.5"),
    ("en", "report", 0, 0, 80, "writing the report · 1.5s"),
    ("zh", "report", 0, 0, 80, "生成报告 · 1.5 秒"),
]


@pytest.mark.parametrize(("lang", "phase", "done", "total", "columns", "expected"), LINES)
def test_bar_line(lang: str, phase: str, done: int, total: int, columns: int, expected: str) -> None:
    bar = Bar("zh" if lang == "zh" else "en", _Terminal(), environ={})
    assert bar.line(phase, done, total, 1.5, columns) == expected


def test_bar_waits_for_the_delay_and_erases_what_it_drew() -> None:
    stream = _Terminal()
    late = Bar("en", stream, environ={"XYPLAN_PROGRESS_DELAY": "60"})
    late.update("read", 1, 2)
    late.close()
    assert stream.getvalue() == ""
    now = Bar("en", stream, environ={"XYPLAN_PROGRESS_DELAY": "0"})
    with now:
        now.update("read", 1, 2)
        now.update("read", 2, 2)  # within the redraw interval: not drawn
    assert stream.getvalue().startswith("\rreading ") and stream.getvalue().endswith(ERASE)
    assert stream.getvalue().count("\r") == 2  # one draw, one erase
    now.update("read", 2, 2)  # closed: never drawn again
    assert stream.getvalue().count("\r") == 2
