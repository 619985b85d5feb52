"""Text normalisation shared by the reader's lookups: NFKC, no spaces, one bracket style, case-folded."""

from __future__ import annotations

import re
import unicodedata

# Characters NFKC leaves alone but that statisticians use interchangeably with ASCII ones.
_TRANSLATE = str.maketrans({
    "【": "(", "】": ")", "〔": "(", "〕": ")", "［": "(", "］": ")", "[": "(", "]": ")",
    "〈": "(", "〉": ")", "《": "(", "》": ")", "{": "(", "}": ")",
    "−": "-", "‐": "-", "‑": "-", "‒": "-", "﹣": "-",
    "、": ",", "“": "", "”": "", "‘": "", "’": "", '"': "", "'": "",
})
_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")


def clean(text: str) -> str:
    """NFKC (full-width → half-width), unified brackets and dashes, outer whitespace stripped."""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE).strip()


def key(text: str) -> str:
    """The comparison key of a name: `clean`, every space removed, case-folded."""
    # str.split() splits at exactly the characters `\s` matches, and is several times faster than re.sub
    return "".join(clean(text).split()).casefold()


def bracket(text: str) -> str:
    """The key of a trailing bracket group's content ("%" of 数值(%)), "" when there is none."""
    k = key(text)
    found = _TRAILING_BRACKET.search(k) if k.endswith(")") else None
    return found[0][1:-1] if found else ""


def keys(text: str) -> tuple[str, ...]:
    """The key, and the key without a trailing bracket group such as (%) or (1/10万), when it has one."""
    k = key(text)
    bare = _TRAILING_BRACKET.sub("", k) if k.endswith(")") else k
    return (k, bare) if bare and bare != k else (k,)
