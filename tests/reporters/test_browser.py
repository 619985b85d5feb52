"""The HTML report in a real browser: headless Chromium draws the charts, loads nothing, runs nothing.

Skipped only when Chromium is absent and CI is not set; in CI (`.ci/run` installs Debian's `chromium`) it
must run. A control page with an external image and a script error proves the checks can fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from xyplan_cli.reporters import Options, render

from . import png
from .sample import build_report

BROWSERS = ("chromium", "chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0")
WINDOW = (1200, 2000)
OBSERVED = (0x0B, 0x5C, 0xAD)  # the observed-line colour of svg.chart .observed
TARGET = (0xB3, 0x59, 0x00)  # the target-line colour


def _browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and CI requires the browser test")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return found


@dataclass
class Visit:
    dom: str
    console: list[str]
    requests: list[str]
    screenshot: Path


def visit(page: Path, tmp: Path) -> Visit:
    """Open `page` twice: once dumping the DOM with a network log, once for a screenshot."""
    browser = _browser()
    net_log, shot = tmp / "net.json", tmp / "shot.png"
    common = [browser, *FLAGS, f"--user-data-dir={tmp / 'profile'}"]
    dump = subprocess.run([*common, f"--log-net-log={net_log}", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=180, check=True)
    subprocess.run([*common, f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, text=True, timeout=180, check=True)
    console = [line for line in dump.stderr.splitlines() if ":CONSOLE" in line]
    return Visit(dump.stdout, console, _page_requests(net_log), shot)


def _page_requests(net_log: Path) -> list[str]:
    """URLs the page asked for: requests with an initiator (the browser's own have "not an origin")."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    own = (None, "not an origin")
    return [event["params"]["url"] for event in log["events"]
            if event["type"] == start_job and event.get("params", {}).get("initiator") not in own]


def _counts(path: Path, tolerance: int = 20) -> dict[str, int]:
    """Pixels that are not white, and pixels near the observed and the target colours."""
    _, _, channels, rows = png.read(path.read_bytes())
    counts = {"ink": 0, "observed": 0, "target": 0}
    for p in png.pixels(rows, channels):
        if min(p) >= 245:
            continue
        counts["ink"] += 1
        for name, colour in (("observed", OBSERVED), ("target", TARGET)):
            if all(abs(a - b) <= tolerance for a, b in zip(p, colour, strict=True)):
                counts[name] += 1
    return counts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_in_a_browser(lang: str, tmp_path: Path) -> None:
    report = build_report(lang)
    page = tmp_path / "report.html"
    page.write_text(render("html", report, Options(lang=lang)), encoding="utf-8")
    seen = visit(page, tmp_path)

    # the charts are drawn: an SVG with an observed line for every series, target lines and projections
    with_series = [r for r in report.results if r.series]
    assert seen.dom.count('<svg class="chart"') == len(with_series)
    assert seen.dom.count('<polyline class="observed"') == len(with_series)
    assert seen.dom.count('<line class="target"') >= len([r for r in with_series if r.milestones])
    # the <script> region is text, and no script element exists at all
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in seen.dom
    assert "<script" not in seen.dom.lower()
    # nothing was requested, nothing complained
    assert seen.requests == []
    assert seen.console == []
    # what a person sees: not blank, and the chart lines in their colours
    width, height = WINDOW
    counts = _counts(seen.screenshot)
    assert counts["ink"] > width * height * 0.02
    assert counts["observed"] > 1000
    assert counts["target"] > 500


def test_the_checks_catch_a_bad_page(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><body><p>x</p><img src="http://127.0.0.1:9/pixel.png">'
                    "<script>undefined_function()</script></body></html>", encoding="utf-8")
    seen = visit(page, tmp_path)
    assert seen.requests == ["http://127.0.0.1:9/pixel.png"]
    assert any("undefined_function" in line for line in seen.console)
    assert _counts(seen.screenshot)["observed"] == 0
