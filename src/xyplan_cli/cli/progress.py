"""The progress bar of a long `xyplan check`: one line on stderr, only on a terminal, erased before any output.

The bar appears only once a run has taken `DELAY` seconds (a quick run never flickers; the environment
variable XYPLAN_PROGRESS_DELAY changes it, for tests), is redrawn in place with `\\r` at most every
`INTERVAL` seconds, and is never drawn when stderr is not a terminal, when CI is set to any non-empty
value, or when TERM=dumb: pipes and CI logs stay clean. `erase` (or leaving the `with` block) clears the
line, so nothing of the bar is left in the scroll-back once the report or a message is printed. It is drawn
by hand: rich's import alone costs more start-up time than a whole small run.
"""

from __future__ import annotations

import codecs
import os
import sys
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TextIO

from xyplan_cli.cli.common import Lang
from xyplan_cli.reporters.wrap import cell_len

DELAY = 0.5  # seconds before the bar appears
INTERVAL = 0.1  # seconds between two redraws
DELAY_VARIABLE = "XYPLAN_PROGRESS_DELAY"
BAR_WIDTH = 24  # cells of the bar itself, on a wide enough terminal
MIN_BAR_WIDTH = 10  # narrower, the numbers are shown without a bar
ERASE = "\r\x1b[K"  # to the start of the line, then clear it (ANSI EL: every terminal but a dumb one)

# phase → (en, zh) words: what is being done, and what is counted
WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "read": (("reading", "files"), ("读取", "个文件")),
    "evaluate": (("checking", "targets"), ("评估", "项目标")),
    "report": (("writing the report", ""), ("生成报告", "")),
}


def wanted(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """A bar only for someone watching a terminal: `stream` is a TTY, CI is not set, TERM is not dumb."""
    if environ.get("CI") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _delay(environ: Mapping[str, str]) -> float:
    try:
        return max(0.0, float(environ.get(DELAY_VARIABLE, DELAY)))
    except ValueError:
        return DELAY


class Bar:
    """`update` is the `progress` callback of `api.check`; use the bar as a context manager, so that it is
    erased whatever happens (an error, Ctrl-C) before anything else is printed."""

    def __init__(self, lang: Lang, stream: TextIO | None = None, environ: Mapping[str, str] = os.environ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.lang = lang
        self.active = wanted(self.stream, environ)  # False: `update` does nothing, ever
        self.delay = _delay(environ)
        self.start = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False  # the bar is on the line now
        self.phase = ""
        self.full = "█" if _utf8(self.stream) else "#"
        self.empty = "░" if _utf8(self.stream) else "-"

    def update(self, phase: str, done: int, total: int) -> None:
        """Redraw as (phase, done, total), unless too soon: a run shorter than the delay shows nothing."""
        if not self.active:
            return
        now = time.monotonic()
        if now - self.start < self.delay:
            return
        if self.shown and phase == self.phase and now - self.drawn_at < INTERVAL:
            return
        self.phase, self.drawn_at = phase, now
        self.stream.write("\r" + self.line(phase, done, total, now - self.start, _columns(self.stream)) + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def line(self, phase: str, done: int, total: int, elapsed: float, columns: int) -> str:
        """The bar's text, at most `columns` - 1 cells wide (a full line would wrap on some terminals)."""
        (en_word, en_unit), (zh_word, zh_unit) = WORDS.get(phase, ((phase, ""), (phase, "")))
        zh = self.lang == "zh"
        word, unit = (zh_word, zh_unit) if zh else (en_word, en_unit)
        seconds = f"{elapsed:.1f} 秒" if zh else f"{elapsed:.1f}s"
        if total <= 0:  # a phase without counts
            return _cut(f"{word} · {seconds}", columns - 1)
        done = min(done, total)
        counts = f"{done}/{total} {unit} {100 * done // total:3d}% · {seconds}"
        room = columns - 1 - cell_len(word) - cell_len(counts) - 2
        size = min(BAR_WIDTH, room)
        if size < MIN_BAR_WIDTH:  # too narrow for a bar worth the name: the numbers alone
            return _cut(f"{word} {counts}", columns - 1)
        filled = size * done // total
        return f"{word} {self.full * filled}{self.empty * (size - filled)} {counts}"

    def erase(self) -> None:
        """Clear the bar's line, if the bar is on it (it may be drawn again by a later `update`)."""
        if self.shown:
            self.stream.write(ERASE)
            self.stream.flush()
            self.shown = False

    def close(self) -> None:
        """Erase the bar for good: output follows."""
        self.erase()
        self.active = False

    def before(self, write: Callable[[str], object]) -> Callable[[str], object]:
        """`write`, closing the bar first: for a report written while it is made (streamed JSON)."""
        if not self.active:
            return write

        def closing_write(text: str) -> object:
            self.close()
            return write(text)

        return closing_write

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _utf8(stream: TextIO) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError):
        return 80


def _cut(text: str, width: int) -> str:
    """`text` cut to `width` cells."""
    while cell_len(text) > width and text:
        text = text[:-1]
    return text.rstrip()
