"""The CLI and the API under misuse: outputs through links or onto inputs, empty folders, failed writes,
signals, single values where lists are expected, unknown choices and the language of every message."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from xyplan_cli import api
from xyplan_cli.catalogue.loader import shipped_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SMALL = str(SAMPLES / "midterm-2025.csv")
CITY = str(SAMPLES / "xianyang-2020-2024.csv")


def xyplan(*args: str, cwd: Path = ROOT, stdout: object = subprocess.PIPE,
           limit: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "COLUMNS": "100",
           "PYTHONPATH": os.pathsep.join(sys.path)}

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "xyplan_cli", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, cwd=cwd, timeout=300, env=env, preexec_fn=limited)


# -- 1. -o writes through symbolic links, never replaces them ----------------------------------------------
LINKS = [  # (links to make: name → where it points, the -o argument, the file that must get the report)
    ({"link.json": "shared/real.json"}, "link.json", "shared/real.json"),
    ({"link.json": "shared/new.json"}, "link.json", "shared/new.json"),  # dangling: the target is created
    ({"link.json": "shared/real.json", "chain.json": "link.json"}, "chain.json", "shared/real.json"),
    ({"null.json": os.devnull}, "null.json", None),
]


@pytest.mark.parametrize(("links", "output", "written"), LINKS, ids=["file", "dangling", "chain", "devnull"])
def test_output_is_written_through_links(tmp_path: Path, links: dict[str, str], output: str,
                                         written: str | None) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "real.json").write_text("old")
    (tmp_path / "shared" / "real.json").chmod(0o640)
    for name, to in links.items():
        (tmp_path / name).symlink_to(to)
    proc = xyplan("check", SMALL, "--format", "json", "-o", output, cwd=tmp_path)
    still_links = all((tmp_path / name).is_symlink() for name in links)
    body = (tmp_path / written).read_text()[:1] if written else ""
    mode = (tmp_path / written).stat().st_mode & 0o777 if written == "shared/real.json" else 0o640
    leftovers = [p.name for p in tmp_path.rglob("*.tmp")]
    assert (proc.returncode, still_links, body, mode, leftovers) == (1, True, "{" if written else "", 0o640, [])


# -- 2. the API takes one path, region, plan or domain as itself ------------------------------------------
def test_api_takes_single_values() -> None:
    one = api.check(SMALL, regions="秦都", plans="women", domains="health", lang="zh")
    listed = api.check([Path(SMALL)], regions=["秦都"], plans=["women"], domains=["health"], lang="zh")
    assert (one.to_dict(), len(one.results) > 0) == (listed.to_dict(), True)
    assert api.check(Path(SMALL), targets=str(shipped_path())).summary == api.check([SMALL]).summary
    assert api.read(SMALL, api.load_catalogue()).files == [SMALL]


@pytest.mark.parametrize(("kwargs", "error", "fragment"), [
    ({"lang": "fr"}, ValueError, "lang must be 'zh' or 'en'"),
    ({"by": "region"}, ValueError, "by must be None or 'file'"),
    ({"year": "2024"}, TypeError, "year: expected an int"),
    ({"plans": [1]}, TypeError, "plans: expected a str or a list of str"),
    ({"regions": 610402}, TypeError, "regions: expected a str or a list of str"),
])
def test_api_rejects_bad_arguments(kwargs: dict[str, object], error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as caught:
        api.check([SMALL], **kwargs)  # type: ignore[arg-type]
    assert fragment in str(caught.value)


def test_api_rejects_a_path_that_is_not_a_path() -> None:
    with pytest.raises(TypeError):
        api.check(42)  # type: ignore[arg-type]


# -- 3. -o never replaces an input -----------------------------------------------------------------------
@pytest.mark.parametrize(("args", "output", "lang", "fragment"), [
    (["same.csv", "--format", "csv"], "same.csv", "en", "is an input file"),
    (["data"], "data/same.csv", "zh", "是输入文件"),
    (["same.csv", "--format", "json"], "alias.csv", "en", "is an input file"),  # a link to the input
])
def test_output_onto_an_input_is_refused(tmp_path: Path, args: list[str], output: str, lang: str,
                                         fragment: str) -> None:
    data = (SAMPLES / "sanyuan-2020-2024.csv").read_bytes()
    (tmp_path / "same.csv").write_bytes(data)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "same.csv").write_bytes(data)
    (tmp_path / "alias.csv").symlink_to("same.csv")
    proc = xyplan("--lang", lang, "check", *args, "-o", output, cwd=tmp_path)
    assert (proc.returncode, fragment in proc.stderr, (tmp_path / output).read_bytes() == data) == (2, True, True)


def test_template_output_onto_the_catalogue_is_refused(tmp_path: Path) -> None:
    catalogue = tmp_path / "targets.yaml"
    catalogue.write_text("plans: []\n")
    proc = xyplan("--targets", str(catalogue), "template", "-o", str(catalogue))
    assert (proc.returncode, "is an input file" in proc.stderr, catalogue.read_text()) == (2, True, "plans: []\n")


# -- 4. nothing to read, or nothing up to the year asked, is not a green run ------------------------------
@pytest.mark.parametrize("command", ["check", "validate"])
@pytest.mark.parametrize("content", [{}, {"README.md": "notes"}], ids=["empty", "no-data-file"])
def test_a_folder_without_data_files_is_an_input_error(tmp_path: Path, command: str,
                                                       content: dict[str, str]) -> None:
    (tmp_path / "d").mkdir()
    for name, text in content.items():
        (tmp_path / "d" / name).write_text(text)
    proc = xyplan(command, "d", cwd=tmp_path)
    assert (proc.returncode, "no data file" in proc.stdout + proc.stderr) == (2, True)


@pytest.mark.parametrize(("lang", "fragment"), [("en", "no data up to 2019: the data has the years 2020–2024"),
                                                ("zh", "截至 2019 年没有数据")])
def test_a_year_before_the_data_is_a_usage_error(lang: str, fragment: str) -> None:
    proc = xyplan("check", CITY, "--year", "2019", "--lang", lang)
    assert (proc.returncode, fragment in proc.stderr, proc.stdout) == (2, True, "")


# -- 5. a failed write of the report is an environment problem, not a bug ----------------------------------
@pytest.mark.parametrize(("args", "fragment"), [
    (["check", SMALL, "--format", "json"], "xyplan: cannot write the report: No space left on device"),
    (["check", SMALL, "--lang", "zh"], "xyplan: 无法写出报告"),
    (["targets", "list"], "xyplan: cannot write the report"),
])
def test_a_full_stdout_is_exit_2(args: list[str], fragment: str) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        proc = xyplan(*args, stdout=full)
    assert (proc.returncode, fragment in proc.stderr, "bug" in proc.stderr) == (2, True, False)


def test_a_spill_file_over_the_size_limit_is_exit_2() -> None:
    with open(os.devnull, "w") as null:
        proc = xyplan("check", CITY, "--format", "json", stdout=null, limit=64 << 10)
    assert (proc.returncode, "cannot write the report: File too large" in proc.stderr) == (2, True)


# -- 6. SIGTERM and Ctrl-C: the old output kept, no temporary file, a message ------------------------------
STOPPED = """
import os, signal, sys
from xyplan_cli import api
from xyplan_cli.catalogue.loader import shipped_path
from xyplan_cli.cli import main
def check(*args, **kwargs):
    os.kill(os.getpid(), signal.{signal})
    raise AssertionError("not stopped")
api.check = check
sys.argv = ["xyplan", "check", {sample!r}, "--format", "json", "-o", "keep.json", "--lang", {lang!r}]
main.run()
"""


@pytest.mark.parametrize(("name", "lang", "expected"), [("SIGTERM", "en", (143, "xyplan: interrupted")),
                                                        ("SIGINT", "zh", (130, "xyplan: 已中断"))])
def test_a_stopped_run_keeps_the_old_output(tmp_path: Path, name: str, lang: str,
                                            expected: tuple[int, str]) -> None:
    (tmp_path / "keep.json").write_text("old")
    code = STOPPED.format(signal=name, sample=SMALL, lang=lang)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert (proc.returncode, proc.stderr.strip(), sorted(p.name for p in tmp_path.iterdir()),
            (tmp_path / "keep.json").read_text()) == (*expected, ["keep.json"], "old")
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # the API alone installs no handler


# -- 7, 8. targets: choices as check has them, readable rules, no padding, messages in the language --------
@pytest.mark.parametrize(("args", "expected"), [
    (["targets", "list", "--plan", "men"], (2, "unknown plan 'men' (known: women, children)")),
    (["targets", "list", "--domain", "x", "--lang", "zh"], (2, "未知领域“x”")),
    (["targets", "list", "--kind", "bogus", "--lang", "zh"], (2, "未知规则类型“bogus”")),
    (["targets", "show", "nope", "--lang", "zh"], (2, "没有目标“nope”")),
    (["targets", "show", "w.health.2", "--lang", "en"], (2, "did you mean")),
])
def test_targets_usage_errors(args: list[str], expected: tuple[int, str]) -> None:
    proc = xyplan(*args)
    assert (proc.returncode, expected[1] in proc.stderr) == (expected[0], True), proc.stderr


@pytest.mark.parametrize("args", [["targets", "list"], ["targets", "show", "w.health.2a"],
                                  ["targets", "show", "w.health.2a", "--lang", "zh"]])
def test_targets_are_readable_and_unpadded(args: list[str]) -> None:
    proc = xyplan(*args)
    padded = [line for line in proc.stdout.splitlines() if line != line.rstrip()]
    assert (proc.returncode, padded, "{'" in proc.stdout) == (0, [], False)


def test_targets_show_gives_the_rule_in_words() -> None:
    lines = xyplan("targets", "show", "w.health.2a").stdout.splitlines()
    assert [line.split(None, 1)[1] for line in lines if line.startswith("rule")] == ["at_most ≤ 10/10万 by 2030"]


def test_a_folder_as_output_is_named_in_the_language(tmp_path: Path) -> None:
    (tmp_path / "adir").mkdir()
    proc = xyplan("--lang", "zh", "check", SMALL, "--format", "json", "-o", "adir", cwd=tmp_path)
    assert (proc.returncode, "无法写入 adir" in proc.stderr) == (2, True)


# (format and output arguments, whether the first input error is repeated on stderr)
ERRORS_ON_STDERR = [(["--format", "json"], True), (["--format", "csv"], True), (["--format", "junit"], True),
                    ([], False)]  # the table on stdout lists the issues itself


@pytest.mark.parametrize(("args", "on_stderr"), ERRORS_ON_STDERR)
def test_input_errors_reach_stderr_when_the_report_goes_elsewhere(args: list[str], on_stderr: bool) -> None:
    bad = ROOT / "samples" / "bad" / "unknown-region.csv"
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "check", str(bad), "--lang", "en", *args],
                          capture_output=True, text=True, timeout=120)
    shown = f"{bad}:4:2: unknown-region: unknown region '秦都县'" in proc.stderr
    assert (proc.returncode, shown, "2 input errors" in proc.stderr) == (2, on_stderr, on_stderr)


@pytest.mark.parametrize("spelling", [".", "./", "../data", "../data/."])
def test_a_folder_with_data_is_not_empty_however_it_is_spelled(tmp_path: Path, spelling: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("indicator,region,year,value\nmaternal_mortality,秦都区,2023,11.2\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "xyplan_cli", "check", spelling, "--format", "json"], cwd=data,
                          capture_output=True, text=True, timeout=120)
    assert ("no-data-files" in proc.stdout, proc.returncode in (0, 1)) == (False, True), proc.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to plant another user's link")
def test_a_link_planted_by_another_user_in_a_shared_folder_is_not_followed(tmp_path: Path) -> None:
    from xyplan_cli.atomic import write_atomic

    shared, victim = tmp_path / "shared", tmp_path / "victim.txt"
    shared.mkdir()
    shared.chmod(0o1777)
    victim.write_text("secret", encoding="utf-8")
    planted, own = shared / "report.json", shared / "mine.json"
    planted.symlink_to(victim)
    os.chown(planted, 65534, 65534, follow_symlinks=False)
    own.symlink_to(victim)
    with pytest.raises(PermissionError):
        write_atomic(planted, "report")
    assert victim.read_text(encoding="utf-8") == "secret"
    write_atomic(own, "report")  # our own link is followed, as the kernel would
    assert (victim.read_text(encoding="utf-8"), own.is_symlink()) == ("report", True)
