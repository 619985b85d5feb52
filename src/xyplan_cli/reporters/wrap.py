"""Line wrapping for terminal cells that knows Chinese: break between Chinese characters, never in a number.

Rich breaks lines only at spaces and folds anything longer, which cuts `11.2` in half in Chinese text. Here
a line may break at a space or between two wide characters; a run of other characters (`11.2‰`, `R`) stays
whole, and so does a number with the character after it (`2030年`, `10万`); full-width closing punctuation
stays with what it follows, full-width opening punctuation with what follows it, and a comparison sign with
its number (`≥ 95%`). Widths are terminal cells: East Asian wide and full-width characters are two, combining
marks and zero-width format characters none, everything else one. Widths and wrapped cells are cached, since
region names, requirements and indicator names repeat on every row of a report.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

_WIDE = (("\u2e80", "\u9fff"), ("\uf900", "\ufaff"), ("\ufe30", "\ufe4f"), ("\uff00", "\uffef"))  # first, last
_OPEN = "\uff08\u300c\u300e\u3010\u300a\u3008\u201c\u2018(\\["  # ( 「 『 【 《 〈 “ ‘ ( [
_CLOSE = ("\uff0c\u3002\u3001\uff1a\uff1b\uff09\u300d\u300f\u3011\u300b\u3009\u201d\u2019\uff01\uff1f\u2026"
          "%\u2030)\\],.:;!?")  # ，。、：；）」』】》〉” ’！？… % ‰ ) ] , . : ; ! ?
_SIGN = "≤≥≈±<>="


def _is_wide(char: str) -> bool:
    """Whether the token pattern takes `char` for a Chinese (wide) character, which a line may break around."""
    return any(first <= char <= last for first, last in _WIDE)


# The token pattern does not name the wide characters by their ranges: the regex compiler walks a character
# class one character at a time, which for the 30,000 of them took 5 ms at every start. It is run on the
# text with each ordinary wide character replaced by `一` (`_SEEN`), so it needs to know only `一` and the
# wide characters that are special to it: whitespace, digits, punctuation, signs (a test checks the list).
_ORDINARY_WIDE = "\u4e00"  # 一
_FULL_WIDTH_DIGITS = "".join(map(chr, range(0xFF10, 0xFF1A)))  # ０ to ９, which `\d` matches
_SPECIAL_WIDE = "\u3000" + _FULL_WIDTH_DIGITS + "".join(c for c in _OPEN + _CLOSE + _SIGN if _is_wide(c))
_SEEN_WIDE = f"{_ORDINARY_WIDE}{_SPECIAL_WIDE}"  # the wide characters the pattern may see
_OTHER = rf"[^\s{_SEEN_WIDE}{_OPEN}{_CLOSE}]"
_RUN = rf"{_OTHER}+(?:[,.:;]+{_OTHER}+)*"  # 30,150 and 0.71 stay whole
_YEAR_COLON = re.compile(r"\d{4}:")
_SIGN_SPACE = re.compile(rf"[{_SIGN}] ")
_OTHER_SPACE = re.compile(r"[^\S ]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TOKEN = re.compile(
    rf"\s+"
    rf"|(?:[{_SIGN}]\s?)?[{_OPEN}]*(?:{_RUN}(?:(?<=\d)(?![{_OPEN}])[{_SEEN_WIDE}])?|[{_CLOSE}]+|[{_SEEN_WIDE}])"
    rf"[{_CLOSE}]*"
    rf"|[{_OPEN}]+"  # opening punctuation with nothing after it: `见附件(`, `<![CDATA[`
)


class _Seen(dict[int, int]):
    """A `str.translate` table of what the token pattern sees of each character seen so far: `一` for an
    ordinary wide character, the character itself for any other."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        seen = self[code] = ord(_ORDINARY_WIDE) if _is_wide(char) and char not in _SPECIAL_WIDE else code
        return seen


_SEEN = _Seen()


def _found(text: str) -> list[str]:
    """The pieces the token pattern finds in `text` (`tokens` glues some of them together)."""
    if text.isascii():  # nothing to translate
        return _TOKEN.findall(text)
    ends = _found_ends(text)
    return [text[start:end] for start, end in zip([0, *ends], ends, strict=False)]  # no piece after the last end


def _found_ends(text: str) -> list[int]:
    """Where the pieces the token pattern finds in `text` end."""
    return list(accumulate(map(len, _TOKEN.findall(text if text.isascii() else text.translate(_SEEN)))))


def cell_len(text: str) -> int:
    """The width of `text` in terminal cells (ASCII, the common case, without a look at each character)."""
    return len(text) if text.isascii() else _wide_len(text)


@lru_cache(maxsize=8192)
def _wide_len(text: str) -> int:
    others = _NON_ASCII.findall(text)  # only these are looked up
    return len(text) - len(others) + sum(map(_WIDTHS.__getitem__, others))


def char_width(char: str) -> int:
    """Cells taken by one character: 2 for East Asian wide (W) and full-width (F), 0 for combining marks and
    zero-width format characters (Mn, Me, Cf but the soft hyphen), else 1."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf") and char != "\u00ad":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class _Widths(dict[str, int]):
    """`char_width` of every character seen so far (a plain dict look-up is the fastest cache)."""

    zero_seen = False  # whether one of them takes no cell (see `_narrow`)

    def __missing__(self, char: str) -> int:
        width = self[char] = char_width(char)
        if width == 0:
            self.zero_seen = True
        return width


_WIDTHS = _Widths()


def tokens(text: str) -> list[str]:
    """The unbreakable pieces of `text`, including its whitespace runs, in order."""
    found = _found(text)
    assert "".join(found) == text, text  # the pattern matches every character
    if not _glued(text):
        return found
    merged: list[str] = []
    for token in found:  # `R = 0.71` and `2024: 95.2` stay whole
        if (len(merged) >= 2 and merged[-1] == " " and not merged[-2].isspace()
                and (token[0] == "=" or _YEAR_COLON.fullmatch(merged[-2]) is not None)):
            merged[-2:] = [merged[-2] + " " + token]
        else:
            merged.append(token)
    return merged


def _glued(text: str) -> bool:
    """Whether `tokens` may glue pieces together here (`R = 0.71`, `2024: 95.2`)."""
    return " =" in text or _year_colon_space(text)


def _year_colon_space(text: str) -> bool:
    """Whether four digits, a colon and a space (`2024: `) are in `text`. `str.find` for the colon and a look
    at what comes before it is several times faster than a regex with a look-behind (`isdecimal` is `\\d`)."""
    colon = text.find(": ", 4)
    while colon >= 0:
        if text[colon - 4:colon].isdecimal():
            return True
        colon = text.find(": ", colon + 1)
    return False


def _across_spaces(text: str) -> bool:
    """Whether a piece may hold a space here; if not, pieces can be found a word at a time (see `_piece`).

    Every whitespace character but the space is non-printable (Zs, Zl, Zp, Cc), so printable text, nearly
    all of it, skips the search for them."""
    return (_glued(text) or _SIGN_SPACE.search(text) is not None
            or (not text.isprintable() and _OTHER_SPACE.search(text) is not None))


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` cells; newlines are kept; a piece wider than a line is cut."""
    return list(wrapped(text, width))


@lru_cache(maxsize=16384)
def wrapped(text: str, width: int) -> tuple[str, ...]:
    """`wrap`, cached (do not mutate what it returns: it is shared)."""
    return tuple([line for line, _ in measured(text, width)])


def measured(text: str, width: int) -> list[tuple[str, int]]:
    """`wrap`, each line with its width in cells (what a table pads it by), known from the wrapping."""
    width = max(width, 2)
    if "\n" not in text:
        cells = cell_len(text)
        if cells <= width:  # a short cell, the common case
            line = text.strip()  # as _wrap_line would: no leading or trailing space
            return [(line, cells if len(line) == len(text) else cell_len(line))]
        return _wrap_line(text, width)
    lines: list[tuple[str, int]] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_line(paragraph, width))
    return lines


def _wrap_line(text: str, width: int) -> list[tuple[str, int]]:
    """Greedy: each line takes the most pieces that fit; a space that does not fit ends the line and is dropped,
    a piece that does not fit starts the next one. The pieces are looked up only where a line ends."""
    n = len(text)
    narrow = text.isascii() or _narrow(text)  # then a character's position is its cell
    cells = None if narrow else [0, *accumulate(map(_WIDTHS.__getitem__, text))]  # width of text[:k]
    # The piece around a line end is found among the pieces of its word (`_piece`) unless a piece may hold a
    # space; Chinese text has few spaces, and its long words, which rarely repeat, are as well cut up at once.
    whole = len(text) > 10 * text.count(" ") or _across_spaces(text)
    ends = None  # where the pieces end (only what the pattern finds, when none are glued together)
    if whole:
        ends = list(accumulate(map(len, tokens(text)))) if _glued(text) else _found_ends(text)
    lines: list[tuple[str, int]] = []
    begin = start = n - len(text.lstrip())  # the line holds text[begin:p], p the first character that does not
    used = 0  # fit; text[begin:start], `used` cells wide, is what is left of a piece cut to lines of its own
    while start < n:
        room = width - used
        p = start + room if cells is None else bisect_right(cells, cells[start] + room, lo=start) - 1
        if p >= n:
            break
        piece_start, piece_end = _piece(text, p, ends)
        line = text[begin:piece_start].rstrip()
        if line:
            lines.append((line, _span(cells, begin, begin + len(line))))
        begin = start = piece_end
        used = 0
        if not text[piece_start].isspace():  # the piece starts the next line, cut to lines of its own if too wide
            begin = piece_start
            used = _span(cells, begin, piece_end)
            while used > width:
                cut = _cut(text[begin:piece_end], width)
                lines.append((cut, _span(cells, begin, begin + len(cut))))
                begin += len(cut)
                used = _span(cells, begin, piece_end)
    line = text[begin:].rstrip()
    if line or not lines:
        lines.append((line, _span(cells, begin, begin + len(line))))
    return lines


def _span(cells: list[int] | None, start: int, end: int) -> int:
    """The width of text[start:end] from the widths of its heads (None: every character is one cell)."""
    return end - start if cells is None else cells[end] - cells[start]


def _narrow(text: str) -> bool:
    """Whether every character of `text` is one cell wide, like `→` or `≥` in English text: as wide as it is
    long, and no character takes two cells where another takes none, which needs a look only once a character
    of no width has been seen (`cell_len` has looked up every character of `text`)."""
    if cell_len(text) != len(text):
        return False
    return not _WIDTHS.zero_seen or 0 not in map(_WIDTHS.__getitem__, _NON_ASCII.findall(text))


def _piece(text: str, p: int, ends: list[int] | None) -> tuple[int, int]:
    """Where the piece holding character `p` starts and ends: found among all the pieces' `ends`, or, when no
    piece holds a space, among the pieces of the word (or the run of spaces) around `p`."""
    if ends is not None:
        k = bisect_right(ends, p)
        return (ends[k - 1] if k else 0), ends[k]
    if text[p] == " ":
        return len(text[:p].rstrip(" ")), len(text) - len(text[p:].lstrip(" "))
    start = text.rfind(" ", 0, p) + 1
    end = text.find(" ", p)
    offsets = _word_ends(text[start:] if end < 0 else text[start:end])
    k = bisect_right(offsets, p - start)
    return start + (offsets[k - 1] if k else 0), start + offsets[k]


@lru_cache(maxsize=8192)
def _word_ends(word: str) -> tuple[int, ...]:
    """Where the pieces of a word end: `tokens(word)` as running lengths (words repeat, their pieces too). A word
    has no space to glue pieces across, so its pieces are what the pattern finds."""
    return tuple(_found_ends(word))


def _cut(token: str, width: int) -> str:
    """The longest head of `token` that fits in `width` cells (at least one character)."""
    end = 1
    while end < len(token) and cell_len(token[: end + 1]) <= width:
        end += 1
    return token[:end]
