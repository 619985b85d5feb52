"""Line wrapping for terminal cells that knows Chinese: break between Chinese characters, never in a number.

Rich breaks lines only at spaces and folds anything longer, which cuts `11.2` in half in Chinese text. Here
a line may break at a space or between two wide characters; a run of other characters (`11.2‰`, `R`) stays
whole, and so does a number with the character after it (`2030年`, `10万`); full-width closing punctuation
stays with what it follows, full-width opening punctuation with what follows it, and a comparison sign with
its number (`≥ 95%`). Widths are terminal cells (a Chinese character is two).
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_OPEN = "\uff08\u300c\u300e\u3010\u300a\u3008\u201c\u2018(\\["  # ( 「 『 【 《 〈 “ ‘ ( [
_CLOSE = ("\uff0c\u3002\u3001\uff1a\uff1b\uff09\u300d\u300f\u3011\u300b\u3009\u201d\u2019\uff01\uff1f\u2026"
          "%\u2030)\\],.:;!?")  # ，。、：；）」』】》〉” ’！？… % ‰ ) ] , . : ; ! ?
_SIGN = "≤≥≈±<>="
_RUN = rf"[^\s{_WIDE}{_OPEN}{_CLOSE}]+(?:[,.:;]+[^\s{_WIDE}{_OPEN}{_CLOSE}]+)*"  # 30,150 and 0.71 stay whole
_YEAR_COLON = re.compile(r"\d{4}:")
_TOKEN = re.compile(
    rf"\s+"
    rf"|(?:[{_SIGN}]\s?)?[{_OPEN}]*(?:{_RUN}(?:(?<=\d)(?![{_OPEN}])[{_WIDE}])?|[{_CLOSE}]+|[{_WIDE}])[{_CLOSE}]*"
)


def tokens(text: str) -> list[str]:
    """The unbreakable pieces of `text`, including its whitespace runs, in order."""
    found: list[str] = _TOKEN.findall(text)
    assert "".join(found) == text, text  # the pattern matches every character
    merged: list[str] = []
    for token in found:  # `R = 0.71` and `2024: 95.2` stay whole
        glue = token.startswith("=") or _YEAR_COLON.fullmatch(merged[-2] if len(merged) >= 2 else "")
        if glue and len(merged) >= 2 and merged[-1] == " " and not merged[-2].isspace():
            merged[-2:] = [merged[-2] + " " + token]
        else:
            merged.append(token)
    return merged


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` cells; newlines are kept; a piece wider than a line is cut."""
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_line(paragraph, width))
    return lines


def _wrap_line(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in tokens(text):
        if token.isspace():
            if line and cell_len(line + token) <= width:
                line += token
            elif line:
                lines.append(line.rstrip())
                line = ""
            continue
        if cell_len(line + token) <= width:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        while cell_len(token) > width:
            head = _cut(token, width)
            lines.append(head)
            token = token[len(head):]
        line = token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _cut(token: str, width: int) -> str:
    """The longest head of `token` that fits in `width` cells (at least one character)."""
    end = 1
    while end < len(token) and cell_len(token[: end + 1]) <= width:
        end += 1
    return token[:end]
