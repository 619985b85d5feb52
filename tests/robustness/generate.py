"""Corpus cases built at test time: files too large to commit, and entries git cannot hold (FIFOs, dangling
and looping symlinks, unreadable files). Each maker writes into a folder and returns the path to read."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HEADER = "indicator,region,year,value\n"
GOOD = "maternal_mortality,秦都区,2023,11.2\n"
MB = 1 << 20


def one_mb_line(folder: Path) -> Path:
    path = folder / "one-mb-line.csv"
    path.write_text(HEADER + GOOD + "maternal_mortality,渭城区,2023," + "9" * MB + "\n", encoding="utf-8")
    return path


def one_mb_quoted_cell(folder: Path) -> Path:
    path = folder / "one-mb-quoted-cell.csv"
    path.write_text(HEADER + 'maternal_mortality,秦都区,2023,"' + "1," * (MB // 2) + '"\n', encoding="utf-8")
    return path


def one_mb_without_newline(folder: Path) -> Path:
    path = folder / "one-mb-without-newline.csv"
    path.write_bytes(b"x" * MB)
    return path


def unreadable_entries(folder: Path) -> Path:
    """A folder with a good file, a dangling symlink, a FIFO and a chmod-000 file. Root reads the last
    anyway (permissions do not bind root), so the dangling link and the FIFO are the entries that stay
    unreadable for everyone."""
    root = folder / "unreadable"
    root.mkdir()
    (root / "a-good.csv").write_text(HEADER + GOOD, encoding="utf-8")
    (root / "b-dangling.csv").symlink_to(folder / "does-not-exist.csv")
    os.mkfifo(root / "c-fifo.csv")
    locked = root / "d-locked.csv"
    locked.write_text(HEADER + GOOD.replace("秦都区", "渭城区"), encoding="utf-8")
    locked.chmod(0)
    return root


def symlink_loop(folder: Path) -> Path:
    """A folder linking to itself through a subfolder, and a file symlink pointing at itself."""
    root = folder / "loop"
    (root / "sub").mkdir(parents=True)
    (root / "a.csv").write_text(HEADER + GOOD, encoding="utf-8")
    (root / "sub" / "up").symlink_to("..")
    (root / "self.csv").symlink_to("self.csv")
    return root


def missing_path(folder: Path) -> Path:
    return folder / "no-such-file.csv"


def _workbook_parts() -> dict[str, bytes]:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.active.append(["指标", "地区", "年份", "数值"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


SHEET = "xl/worksheets/sheet1.xml"
ROW = b'<row><c t="inlineStr"><is><t>' + b"A" * 1000 + b"</t></is></c></row>"


class Entry:
    """A zip entry as raw deflate data, with its CRC and (real) unpacked size."""

    def __init__(self, name: str, packed: bytes, crc: int, size: int) -> None:
        self.name, self.packed, self.crc, self.size = name.encode(), packed, crc, size

    @classmethod
    def of(cls, name: str, data: bytes) -> Entry:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        return cls(name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))

    @classmethod
    def repeated(cls, name: str, head: bytes, chunk: bytes, times: int, tail: bytes) -> Entry:
        """head + chunk × times + tail, packed in O(len(chunk)) time: the chunk is deflated once after a
        full flush (no back-references across it), so its packed bytes can be repeated."""
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
        block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
        last = packer.compress(tail) + packer.flush()
        crc = zlib.crc32(head)
        for _ in range(times):
            crc = zlib.crc32(chunk, crc)
        crc = zlib.crc32(tail, crc)
        return cls(name, first + block * times + last, crc, len(head) + len(chunk) * times + len(tail))


def write_zip(path: Path, entries: list[Entry], claimed: dict[bytes, int] | None = None) -> None:
    """A plain (non-zip64) zip; `claimed` overrides the unpacked size written in the headers."""
    local, central = bytearray(), bytearray()
    for e in entries:
        size = (claimed or {}).get(e.name, e.size)
        fields = (20, 0, 8, 0, 0x21, e.crc, len(e.packed), size, len(e.name))
        central += struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIIIH", *fields)
        central += struct.pack("<HHHHII", 0, 0, 0, 0, 0, len(local)) + e.name
        local += struct.pack("<I", 0x04034B50) + struct.pack("<HHHHHIIIH", *fields) + struct.pack("<H", 0)
        local += e.name + e.packed
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(local), 0)
    path.write_bytes(bytes(local + central) + end)


def _bomb(path: Path, rows: int, claimed: int | None = None) -> Path:
    parts = _workbook_parts()
    head, tail = parts[SHEET].split(b"</sheetData>")
    entries = [Entry.of(n, c) for n, c in parts.items() if n != SHEET]
    entries.append(Entry.repeated(SHEET, head, ROW * 1000, rows // 1000, b"</sheetData>" + tail))
    write_zip(path, entries, None if claimed is None else {SHEET.encode(): claimed})
    return path


def zip_bomb_xlsx(folder: Path) -> Path:
    """A ~3 MB workbook whose sheet unpacks to 1.2 GB."""
    return _bomb(folder / "zip-bomb.xlsx", 1_200_000)


def zip_bomb_lying_sizes(folder: Path) -> Path:
    """A workbook whose sheet unpacks to 200 MB but whose zip headers claim 1,000 bytes."""
    return _bomb(folder / "zip-bomb-lying.xlsx", 200_000, claimed=1000)


def _large_rows() -> list[str]:
    """~60,000 distinct valid rows (every indicator whose range admits 50, 15 regions, 25 years), ~5 MB."""
    from xyplan_cli.catalogue import load_catalogue

    catalogue = load_catalogue()
    indicators = [i.id for i in catalogue.indicators if i.plausible[0] <= 50 <= (i.plausible[1] or 1e9)]
    regions = [r.code for r in catalogue.regions][:15]
    return [f"{ind},{reg},{year},50,已核实 checked" for ind in indicators for reg in regions
            for year in range(2000, 2025)]


def large_with_bad_rows(folder: Path) -> Path:
    """A file large enough for the column-by-column reader, with bad rows deep inside it."""
    rows = _large_rows()
    middle = len(rows) // 2
    bad = ["maternal_mortality,610402,2024,50,x,extra,cells", "", "maternal_mortality,610402,2023,abc,",
           "maternal_mortality,西安市,2023,50,", rows[10].replace(",50,", ",51,")]
    path = folder / "large-with-bad-rows.csv"
    lines = ["indicator,region,year,value,note", *rows[:middle], *bad, *rows[middle:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 4 << 20
    return path


def large_invalid_utf8_late(folder: Path) -> Path:
    """A large UTF-8 file with one invalid byte near its end."""
    rows = _large_rows()
    path = folder / "large-invalid-utf8.csv"
    body = "\n".join(["indicator,region,year,value,note", *rows[:-3]]).encode() + b"\n"
    path.write_bytes(body + rows[-3].encode().replace(b"checked", b"chec\xffked") + b"\n"
                     + "\n".join(rows[-2:]).encode() + b"\n")
    return path


def catalogue_over_size_limit(folder: Path) -> Path:
    path = folder / "huge.yaml"
    path.write_text("plan: {id: x}\nnotes: [" + ", ".join(["padding"] * 1_300_000) + "]\n", encoding="utf-8")
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {
    "one-mb-line": one_mb_line,
    "one-mb-quoted-cell": one_mb_quoted_cell,
    "one-mb-without-newline": one_mb_without_newline,
    "unreadable-entries": unreadable_entries,
    "symlink-loop": symlink_loop,
    "missing-path": missing_path,
    "zip-bomb-xlsx": zip_bomb_xlsx,
    "zip-bomb-lying-sizes": zip_bomb_lying_sizes,
    "large-with-bad-rows": large_with_bad_rows,
    "large-invalid-utf8": large_invalid_utf8_late,
    "catalogue-over-size-limit": catalogue_over_size_limit,
}
