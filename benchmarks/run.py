"""Run every benchmark in one go and print (and save) a markdown table of median wall time and peak memory.

    python benchmarks/run.py              # full sizes, 5 repetitions → benchmarks/results.md
    python benchmarks/run.py --quick      # smoke test: ~200k national rows, 2 repetitions
    python benchmarks/run.py --repeat 9 --only national

Data is generated if missing (benchmarks/generate.py, fixed seed, into benchmarks/.data/). The peers (pandas,
pandera, frictionless) are installed into their own environment, benchmarks/.venv-peers, never into the
project's. Every measurement is a separate child process; repetitions go round-robin over the
measurements so that drift in the machine hits all of them alike. Wall time is time.perf_counter() around
the child; peak memory is the child's own max RSS, from os.wait4 on its pid.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEERS = HERE / ".venv-peers"
REQUIREMENTS = HERE / "peers" / "requirements.txt"
IMPORT_FLOOR = "import typer, pydantic, yaml, rich"

sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)


# --- running one child ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    peak_kib: int  # the child's max RSS
    rc: int
    stderr: str = ""


def run_child(cmd: list[str], cwd: Path = ROOT) -> Sample:
    """Run `cmd` with stdout discarded; its wall time, its own peak RSS (wait4) and exit code."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Sample(wall=wall, peak_kib=usage.ru_maxrss, rc=proc.returncode, stderr=text)


def run_many(cmds: list[list[str]]) -> Sample:
    """Several children one after another, as one sample: total wall time, the largest peak, the worst rc."""
    start = time.perf_counter()
    samples = [run_child(cmd) for cmd in cmds]
    wall = time.perf_counter() - start
    worst = max(samples, key=lambda s: s.rc)
    return Sample(wall=wall, peak_kib=max(s.peak_kib for s in samples), rc=worst.rc, stderr=worst.stderr)


# --- measurements -----------------------------------------------------------------------------------------
@dataclass
class Measurement:
    key: str
    label: str
    rows: int | None
    run: Callable[[], Sample]
    repeat: int
    xyplan: bool = False  # "not available" instead of a number while `xyplan check` does not work
    samples: list[Sample] = field(default_factory=list)
    unavailable: str | None = None

    def step(self) -> None:
        if self.unavailable is not None or len(self.samples) >= self.repeat:
            return
        sample = self.run()
        if self.xyplan and _broken(sample):
            self.unavailable = _first_line(sample.stderr) or f"exit {sample.rc}"
            return
        self.samples.append(sample)

    @property
    def wall(self) -> float | None:
        return statistics.median(s.wall for s in self.samples) if self.samples else None

    @property
    def peak_mib(self) -> float | None:
        return statistics.median(s.peak_kib for s in self.samples) / 1024 if self.samples else None

    @property
    def note(self) -> str:
        if self.unavailable is not None:
            return f"not available: {self.unavailable}"
        codes = sorted({s.rc for s in self.samples})
        if self.xyplan and codes == [2]:
            return f"exit 2 (input rejected): {_last_line(self.samples[0].stderr)}"
        return "exit " + "/".join(map(str, codes)) if codes and codes != [0] else ""


def _broken(sample: Sample) -> bool:
    """The command does not work yet: a crash, an internal error, or no `check` command at all."""
    return sample.rc not in (0, 1, 2) or "Traceback" in sample.stderr or "No such command" in sample.stderr


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:160] if lines else ""


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def xyplan_command() -> list[str]:
    """The console script of this interpreter (no shell shims in the timing), else `python -m xyplan_cli`."""
    script = Path(sys.executable).parent / "xyplan"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "xyplan_cli"]


def count_rows(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f) - 1


# --- the peers' environment -------------------------------------------------------------------------------
def peers_python() -> Path:
    """benchmarks/.venv-peers/bin/python, created and filled from peers/requirements.txt when needed."""
    python = PEERS / "bin" / "python"
    stamp = PEERS / ".requirements"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if python.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    _say(f"installing the peers into {PEERS.relative_to(ROOT)} (pandas, pandera, frictionless) …")
    subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)
    stamp.write_text(wanted, encoding="utf-8")
    return python


def peer_versions(python: Path) -> str:
    code = ("from importlib.metadata import version as v; "
            "print(', '.join(f'{p} {v(p)}' for p in ('pandas', 'pandera', 'frictionless')))")
    proc = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=False)
    return proc.stdout.strip() or "unknown"


# --- the machine ------------------------------------------------------------------------------------------
def machine() -> str:
    cpu = "unknown CPU"
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cpu}, {cores} cores{memory}; {platform.system()} {platform.release()}; "
            f"{platform.python_implementation()} {platform.python_version()}")


def load() -> str:
    """The 1-minute load average: other work on the machine shows in the timings."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "unknown"


# --- the plan of a run ------------------------------------------------------------------------------------
def plan(args: argparse.Namespace, data: generate.DataSets, peers: Path | None) -> list[Measurement]:
    xyplan = xyplan_command()
    python = sys.executable
    national_csv = data.national / "national.csv"
    catalogue = str(data.national / "targets")
    national_rows = count_rows(national_csv)
    batch_files = sorted(data.batch.glob("*.csv"))
    batch_rows = sum(count_rows(p) for p in batch_files)
    n = args.repeat
    out: list[Measurement] = []

    def add(key: str, label: str, rows: int | None, cmd: list[str], xy: bool = False,
            cwd: Path = ROOT) -> None:
        out.append(Measurement(key, label, rows, lambda: run_child(cmd, cwd), n, xyplan=xy))

    if "typical" in args.only:
        add("floor", f'import floor: `python -c "{IMPORT_FLOOR}"`', None, [python, "-c", IMPORT_FLOOR])
        add("stack", "stack floor: a do-nothing typer + pydantic CLI (`peers/minimal_app.py`)", None,
            [python, str(HERE / "peers" / "minimal_app.py"), "check", str(data.typical)])
        add("startup", "`xyplan --version`: start-up alone (imports, command tree), no work", None,
            [*xyplan, "--version"], xy=True)
        add("typical", "`xyplan check` typical drop (shipped catalogue)", count_rows(data.typical),
            [*xyplan, "check", str(data.typical)], xy=True)
    if "national" in args.only:
        # JSON to stdout (discarded), not `--output /dev/null`: the atomic writer would rename over /dev/null.
        add("national", "`xyplan check --format json` national file", national_rows,
            [*xyplan, "--targets", catalogue, "check", str(national_csv), "--format", "json"], xy=True)
        if peers is not None:
            add("pandera", "pandas + pandera: ranges + uniqueness", national_rows,
                [str(peers), str(HERE / "peers" / "pandera_validate.py"), str(national_csv), catalogue])
            # frictionless refuses absolute paths as unsafe: run it beside the file.
            slices = {"frictionless": ("slice.csv", "long"), "frictionless-head": ("head.csv", "short")}
            for key, (name, what) in slices.items():
                add(key, f"`frictionless validate`, {what} slice of the national file",
                    count_rows(data.national / name),
                    [str(peers.parent / "frictionless"), "validate", name], cwd=data.national)
        add("csv", "bare `csv.reader` pass", national_rows,
            [python, str(HERE / "peers" / "csv_pass.py"), str(national_csv)])
        report = data.national / "report.json"
        report.unlink(missing_ok=True)  # written afresh by this run's xyplan
        encode = [python, str(HERE / "peers" / "json_encode.py"), str(report)]
        out.append(Measurement(
            "encode", "`json.dumps` of xyplan's national report alone (stdlib C encoder, compact; the "
            "encoding's own time; memory includes loading the report)", None,
            lambda: _encode_only(encode, [*xyplan, "--targets", catalogue, "check", str(national_csv),
                                          "--format", "json", "--output", str(report)], report), n, xyplan=True))
    if "batch" in args.only:
        add("folder", f"`xyplan check FOLDER`: {len(batch_files)} files, one process", batch_rows,
            [*xyplan, "--targets", catalogue, "check", str(data.batch)], xy=True)
        cmds = [[*xyplan, "--targets", catalogue, "check", str(p)] for p in batch_files]
        out.append(Measurement("separate", f"{len(batch_files)} × `xyplan check FILE`, separate processes "
                               f"(total; {args.batch_repeat} run{'s' if args.batch_repeat > 1 else ''})",
                               batch_rows, lambda: _separate(cmds), args.batch_repeat, xyplan=True))
    return out


def _separate(cmds: list[list[str]]) -> Sample:
    """The first file alone decides whether xyplan works at all, so a broken build costs one run, not 300."""
    first = run_child(cmds[0])
    if _broken(first):
        return first
    rest = run_many(cmds[1:])
    return Sample(wall=first.wall + rest.wall, peak_kib=max(first.peak_kib, rest.peak_kib),
                  rc=max(first.rc, rest.rc), stderr=rest.stderr or first.stderr)


def _encode_only(encode: list[str], make: list[str], report: Path) -> Sample:
    """The time the encoder reports for itself; the report is written by xyplan first, once per run."""
    if not report.is_file():
        made = run_child(make)
        if made.rc not in (0, 1):
            return Sample(wall=0.0, peak_kib=0, rc=3, stderr=made.stderr or f"xyplan exit {made.rc}")
    sample = run_child(encode)
    reported = [line for line in sample.stderr.splitlines() if line.startswith("encode_seconds=")]
    if sample.rc != 0 or not reported:
        return Sample(wall=0.0, peak_kib=0, rc=sample.rc or 3, stderr=sample.stderr or "no time reported")
    return Sample(wall=float(reported[0].split("=", 1)[1]), peak_kib=sample.peak_kib, rc=0)


def measure(measurements: list[Measurement]) -> None:
    rounds = max((m.repeat for m in measurements), default=0)
    for r in range(rounds):
        for m in measurements:
            before = len(m.samples)
            m.step()
            if len(m.samples) > before:
                s = m.samples[-1]
                _say(f"[{r + 1}/{m.repeat}] {m.key:17} {s.wall:8.2f} s {s.peak_kib / 1024:8.1f} MiB"
                     f"  exit {s.rc}")
            elif m.unavailable is not None and before == 0 and r == 0:
                _say(f"[-] {m.key:17} not available: {m.unavailable}")


# --- the report -------------------------------------------------------------------------------------------
def _fmt_s(x: float | None) -> str:
    if x is None:
        return "not available"
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def _fmt_mib(x: float | None) -> str:
    return "—" if x is None else f"{x:,.0f} MiB"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _bar(value: float | None, limit: float | None) -> str:
    if value is None:
        return "not available"
    if limit is None:
        return "reference"
    return "met" if value <= limit else "MISSED"


def _extrapolate(long: Measurement | None, short: Measurement | None,
                 target: Measurement | None) -> float | None:
    """Start-up + rows × time per row, the time per row taken between the two slices."""
    if not (long and short and target):
        return None
    if not (long.wall and short.wall and long.rows and short.rows and target.rows):
        return None
    per_row = (long.wall - short.wall) / (long.rows - short.rows)
    return short.wall + per_row * (target.rows - short.rows)


def report(measurements: list[Measurement], args: argparse.Namespace, peers: str, loads: str) -> str:
    by = {m.key: m for m in measurements}

    def wall(key: str) -> float | None:
        return by[key].wall if key in by else None

    def peak(key: str) -> float | None:
        return by[key].peak_mib if key in by else None

    lines = [
        f"# xyplan benchmarks{' (quick)' if args.quick else ''}",
        "",
        f"- Machine: {machine()}",
        f"- Peers: {peers}",
        f"- Load average (1 min) before and after the run: {loads}",
        f"- Run {date.today().isoformat()}: median of {args.repeat} repetitions "
        f"(separate-run batch: {args.batch_repeat}); every measurement a separate process; "
        "peak memory = the process's own max RSS (wait4).",
        "",
        "| measurement | rows | runs | median wall | peak memory | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for m in measurements:
        rows = f"{m.rows:,}" if m.rows is not None else "—"
        lines.append(f"| {m.label} | {rows} | {len(m.samples)} | {_fmt_s(m.wall)} | {_fmt_mib(m.peak_mib)} | "
                     f"{m.note} |")
    extrapolated = _extrapolate(by.get("frictionless"), by.get("frictionless-head"), by.get("national"))
    if extrapolated is not None:
        lines.append("| `frictionless validate`, **extrapolated** to the national file (start-up from the "
                     f"short slice + time per row from the long one) | {by['national'].rows:,} | — | "
                     f"~{_fmt_s(extrapolated)} | — | estimate, not measured |")
    ratios = [
        ("typical drop: xyplan ÷ import floor, wall", _ratio(wall("typical"), wall("floor")), 1.5),
        ("stack floor ÷ import floor, wall", _ratio(wall("stack"), wall("floor")), None),
        ("start-up alone: `xyplan --version` ÷ import floor, wall", _ratio(wall("startup"), wall("floor")), None),
        ("national: xyplan ÷ pandas+pandera, wall", _ratio(wall("national"), wall("pandera")), 1.0),
        ("national: xyplan ÷ pandas+pandera, peak memory", _ratio(peak("national"), peak("pandera")), 1.0),
        ("national: xyplan ÷ csv.reader pass, wall", _ratio(wall("national"), wall("csv")), None),
        ("national: stdlib encoding of xyplan's report alone ÷ pandas+pandera, wall",
         _ratio(wall("encode"), wall("pandera")), None),
        ("national: pandas+pandera ÷ csv.reader pass, wall", _ratio(wall("pandera"), wall("csv")), None),
        ("national: frictionless (extrapolated) ÷ pandas+pandera, wall",
         _ratio(extrapolated, wall("pandera")), None),
        ("batch: separate runs ÷ one folder run, wall", _ratio(wall("separate"), wall("folder")), None),
    ]
    lines += ["", "| ratio | value | bar | verdict |", "|---|---:|---:|---|"]
    for label, value, limit in ratios:
        shown = "—" if value is None else f"{value:.2f}×"
        bar = "—" if limit is None else f"≤ {limit:.2f}×"
        lines.append(f"| {label} | {shown} | {bar} | {_bar(value, limit)} |")
    lines += ["", f"Rerun: `python benchmarks/run.py{' --quick' if args.quick else ''}` "
              "(data in benchmarks/.data/, peers in benchmarks/.venv-peers/; both made on first use)."]
    return "\n".join(lines) + "\n"


def compile_xyplan() -> None:
    """Byte-compile xyplan's modules first, as `pip install` does for an installed wheel (and for the
    peers): an editable checkout run under PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every
    changed module at each start and charge the compiler to xyplan's time."""
    spec = importlib.util.find_spec("xyplan_cli")
    if spec is None or not spec.submodule_search_locations:
        return
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke test: ~200k national rows, 30 batch "
                        "files, 2 repetitions; results to benchmarks/.data/quick/results.md")
    parser.add_argument("--repeat", type=int, help="repetitions of each measurement (default 5, quick 2)")
    parser.add_argument("--batch-repeat", type=int, default=1,
                        help="repetitions of the N separate runs (default 1)")
    parser.add_argument("--only", action="append", choices=("typical", "national", "batch"),
                        help="only these groups (repeatable; default all)")
    parser.add_argument("--no-peers", action="store_true", help="skip pandas/pandera/frictionless")
    parser.add_argument("--data", type=Path, default=generate.DEFAULT_OUT,
                        help="work folder for generated data")
    parser.add_argument("--output", type=Path,
                        help="markdown file for the table (default benchmarks/results.md)")
    args = parser.parse_args(argv)
    args.repeat = args.repeat or (2 if args.quick else 5)
    args.only = tuple(args.only or ("typical", "national", "batch"))
    output = args.output or (args.data / "quick" / "results.md" if args.quick else HERE / "results.md")

    _say("generating data where missing …")
    data = generate.ensure(args.data, quick=args.quick)
    peers = None if args.no_peers or "national" not in args.only else peers_python()
    versions = peer_versions(peers) if peers is not None else "not run"
    measurements = plan(args, data, peers)
    compile_xyplan()
    before = load()
    measure(measurements)
    table = report(measurements, args, versions, f"{before} / {load()}")
    sys.stdout.write(table)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(table, encoding="utf-8")
    _say(f"written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
