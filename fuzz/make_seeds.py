"""Write the seed corpus (fuzz/seeds/) from the samples and lint cases: small files, deterministic.

Run from the repository root: `python fuzz/make_seeds.py`. The harnesses' input layouts are respected
(the CSV harness's first byte picks the suffix; the XLSX harness's picks raw or the part to replace).
"""

from __future__ import annotations

import hashlib
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parent / "seeds"
MAX_LINES = 12
TARGETS = """targets:
  - id: demo.health.1
    indicator: mmr
    domain: health
    quote: 孕产妇死亡率下降到10/10万以下
    clause: 示例 二(一) 主要目标1
    rule: {kind: at_most, inclusive: true, milestones: [{year: 2025, value: 12}, {year: 2030, value: 10}]}
    timing: by_deadline
    scope: [city, county]
    breakdown: []
  - id: demo.health.2
    indicator: mmr
    domain: health
    name: {zh: 城乡差距, en: Urban-rural gap}
    quote: 城乡差距明显缩小
    clause: 示例 二(一) 主要目标1
    rule: {kind: gap_narrows, between: [urban, rural], strength: marked, deadline: 2030}
    timing: by_deadline
    scope: [city]
    breakdown: [urban, rural]
"""


def head(path: Path, lines: int = MAX_LINES) -> bytes:
    """The first lines of a text file, in its own encoding (UTF-16 cut on a code unit boundary)."""
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        cut, found = 0, 0
        while found < lines and cut < len(data):
            cut = data.find(b"\n\x00", cut) + 2
            if cut < 2:
                return data
            found += 1
        return data[:cut]
    return b"".join(data.splitlines(keepends=True)[:lines])


def save(kind: str, data: bytes) -> None:
    folder = SEEDS / kind
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def csv_seeds() -> None:
    for name in ("sanyuan-2020-2024.csv", "sanyuan-2020-2024-gbk.csv", "sanyuan-2020-2024-utf16.txt",
                 "townships-immunization-2020-2024.csv"):
        save("csv", b"\x00" + head(ROOT / "samples" / name))
    for path in sorted((ROOT / "samples" / "bad").glob("*.csv")):
        save("csv", b"\x00" + path.read_bytes())
    save("csv", b"\x02indicator\tregion\tyear\tvalue\tnumerator\tdenominator\n"
                b"w.health.2a\t610402\t2024\t95.2%\t952\t1000\n")
    save("csv", "\x00指标;地区;年份;数值;单位\n婴儿死亡率;秦都;２０２４;3.2;‰\n孕产妇死亡率;杨陵区;2023;>95;1/10万\n"
                .encode())


def xlsx_seeds() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from fuzz_reader_xlsx import PARTS, TEMPLATE

    for n, part in enumerate(PARTS, 1):
        save("xlsx", bytes([n]) + TEMPLATE[part])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in TEMPLATE.items():
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    save("xlsx", b"\x00" + buffer.getvalue())
    save("xlsx", b"\x00" + (ROOT / "samples" / "bad" / "corrupt.xlsx").read_bytes())


def yaml_seeds() -> None:
    for path in sorted((ROOT / "tests" / "catalogue" / "lint_cases").glob("*/catalogue.yaml")):
        save("yaml", path.read_bytes())
    good = (ROOT / "tests" / "catalogue" / "lint_cases" / "unknown_unit" / "catalogue.yaml").read_bytes()
    save("yaml", good.replace(b"per_million", b"per_100k"))
    save("yaml", (ROOT / "targets" / "regions.yaml").read_bytes())
    save("yaml", good.replace(b"per_million", b"per_100k").replace(b"targets: []", TARGETS.encode()))


if __name__ == "__main__":
    csv_seeds()
    xlsx_seeds()
    yaml_seeds()
