"""What a file is, and which text encoding it uses: BOMs, UTF-16 without BOM, UTF-8, then GB18030.

Detection decodes the whole file once, in chunks, keeping the text only of a file of one chunk. A file
that is valid in no candidate encoding is still read, with `surrogateescape`, so that the good rows
count; rows holding an undecodable byte are rejected, and the first bad line is reported.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from xyplan_cli.reader.values import Problem

CHUNK = 1 << 20
Kind = Literal["text", "zip", "ole", "binary", "empty"]

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_AUTO: tuple[tuple[str, str], ...] = (("utf-8", "UTF-8"), ("gb18030", "GB18030"))


@dataclass(frozen=True)
class Decoding:
    """How to open a text file: the codec, and whether (and how often) some bytes are invalid in it."""

    codec: str
    label: str
    dirty: bool = False
    bad_line: int = 0
    reason: str = ""
    bad_count: int = 0
    odd_quotes: bool = False  # an odd number of `"`: a quote may be left open (read strictly)
    quoted: bool = True  # any `"` at all (False: every line is one row, its cells split by the delimiter)
    # the whole text of a file that decoded without error in one chunk (so that it is not decoded again)
    text: str | None = field(default=None, repr=False, compare=False)


def kind_of(head: bytes) -> Kind:
    """Sniff the first bytes: a zip (XLSX), an OLE2 container (.xls, encrypted XLSX), text or binary."""
    if not head:
        return "empty"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if any(head.startswith(bom) for bom, _, _ in _BOMS):
        return "text"
    if b"\x00" in head and _utf16_without_bom(head) is None:
        return "binary"
    return "text"


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le or -be when every other byte is mostly zero (ASCII text saved as UTF-16)."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def detect(path: Path, head: bytes, given: str | None = None) -> Decoding | Problem:
    """The decoding of a text file; `given` (from --encoding) wins over detection.

    A BOM that the codec keeps as a leading U+FEFF (utf-8, utf-16-le …) is dropped by the reader
    (`sources`), whatever the encoding."""
    if given:
        return _given(path, head, given)
    for bom, codec, label in _BOMS:
        if head.startswith(bom):
            return _check(path, codec, label)
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return _check(path, utf16, "UTF-16")
    tried = [_check(path, codec, label) for codec, label in _AUTO[:1]]
    if tried[0].dirty:
        tried.append(_check(path, *_AUTO[1]))
        if not tried[1].dirty:
            return tried[1]
        if _mostly_utf8(head):  # UTF-8 text with a few lines in another encoding (files pasted together)
            return tried[0]
        return min(tried, key=lambda d: d.bad_count)
    return tried[0]


def _given(path: Path, head: bytes, given: str) -> Decoding | Problem:
    """The decoding of --encoding. A name that is no codec, a codec that does not decode bytes to text
    (rot13, base64) or that cannot read a file (idna, undefined) is a problem of the file, not an error."""
    try:
        codec = codecs.lookup(given).name
    except LookupError:
        return _refused(given, "unknown encoding")
    try:
        b"\n".decode(codec, "ignore")  # LookupError: "'rot13' is not a text encoding"
        for errors in ("strict", "replace", "surrogateescape"):  # the error handlers the reader decodes with
            codecs.getincrementaldecoder(codec)(errors).decode(b"", final=True)
    except LookupError:
        return _refused(given, "not a text encoding")
    except Exception:  # the codec's own error: idna refuses "replace", undefined refuses everything
        return _refused(given, "cannot be used to read a file")
    if codec in ("utf-16", "utf-32") and not any(head.startswith(bom) for bom, name, _ in _BOMS if name == codec):
        # the incremental decoder wants a BOM: the byte order is sniffed, else little-endian (as Windows writes)
        codec = (codec == "utf-16" and _utf16_without_bom(head)) or f"{codec}-le"
    try:
        return _check(path, codec, given)
    except ValueError as exc:  # a decoder failing otherwise than on invalid bytes (UnicodeError)
        return _refused(given, str(exc) or type(exc).__name__)


def _refused(given: str, reason: str) -> Problem:
    return Problem("encoding-error", {"encoding": given, "reason": reason})


def _mostly_utf8(head: bytes) -> bool:
    """Valid multi-byte UTF-8 characters in the first bytes outnumber invalid ones: GBK text decoded as
    UTF-8 gives one valid character by chance for every four to six invalid ones. (GB18030 decodes nearly any
    bytes, so fewer errors alone would always choose it.)"""
    text = head.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return valid > bad


def _check(path: Path, codec: str, label: str) -> Decoding:
    """Decode the whole file in chunks; note the line of the first invalid byte and count the rest."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    lines = 1
    first: Decoding | None = None
    bad = quotes = 0
    whole, chunks = "", 0  # the text of the first chunk, and how many there are
    try:
        with path.open("rb") as handle:
            while True:
                chunk = handle.read(CHUNK)
                try:
                    text = decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as exc:
                    if first is None:
                        start = max(0, min(exc.start, len(chunk)))
                        line = lines + chunk[:start].count(b"\n")
                        first = Decoding(codec, label, dirty=True, bad_line=line, reason=_reason(exc))
                    decoder = codecs.getincrementaldecoder(codec)("replace")
                    text = decoder.decode(chunk, final=not chunk)
                if first is not None:
                    bad += text.count("\ufffd")
                quotes += text.count('"')
                if not chunk:
                    break
                whole, chunks = (text, 1) if not chunks else ("", chunks + 1)
                lines += chunk.count(b"\n")
    except OSError as exc:
        return Decoding(codec, label, dirty=True, reason=exc.strerror or type(exc).__name__, bad_count=1)
    odd = quotes % 2 == 1
    if first is None:
        return Decoding(codec, label, odd_quotes=odd, quoted=quotes > 0,
                        text=whole + text if chunks == 1 else None)
    return Decoding(codec, label, True, first.bad_line, first.reason, max(bad, 1), odd, quotes > 0)


def _reason(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.start + 4] if isinstance(exc.object, bytes | bytearray) else b""
    return f"invalid byte(s) {bad.hex(' ')}" if bad else exc.reason
