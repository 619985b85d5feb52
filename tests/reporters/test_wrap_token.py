"""The token pattern, run on what it sees of the text (`一` for ordinary wide characters), finds what the
pattern that names the wide characters by their ranges finds."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from xyplan_cli.reporters import wrap
from xyplan_cli.reporters.wrap import _found, _found_ends, tokens

# The pattern as it was before it was run on `_SEEN` (slow to compile: it names 30,000 wide characters).
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_OPEN = "\uff08\u300c\u300e\u3010\u300a\u3008\u201c\u2018(\\["
_CLOSE = ("\uff0c\u3002\u3001\uff1a\uff1b\uff09\u300d\u300f\u3011\u300b\u3009\u201d\u2019\uff01\uff1f\u2026"
          "%\u2030)\\],.:;!?")
_SIGN = "≤≥≈±<>="
_RUN = rf"[^\s{_WIDE}{_OPEN}{_CLOSE}]+(?:[,.:;]+[^\s{_WIDE}{_OPEN}{_CLOSE}]+)*"
REFERENCE = re.compile(
    rf"\s+"
    rf"|(?:[{_SIGN}]\s?)?[{_OPEN}]*(?:{_RUN}(?:(?<=\d)(?![{_OPEN}])[{_WIDE}])?|[{_CLOSE}]+|[{_WIDE}])[{_CLOSE}]*"
    rf"|[{_OPEN}]+"
)

# Every character class the pattern tells characters apart by, as it was and as it is now.
CLASSES = [
    (r"\s", r"\s"),
    (r"\d", r"\d"),
    (f"[{_WIDE}]", f"[{wrap._SEEN_WIDE}]"),
    (f"[{_OPEN}]", f"[{wrap._OPEN}]"),
    (f"[{_CLOSE}]", f"[{wrap._CLOSE}]"),
    (f"[{_SIGN}]", f"[{wrap._SIGN}]"),
    ("[,.:;]", "[,.:;]"),
    (f"[^\\s{_WIDE}{_OPEN}{_CLOSE}]", wrap._OTHER),
]


def test_every_character_is_seen_in_the_classes_it_is_in() -> None:
    """Each character, as the pattern sees it, is in the same classes as itself: so the pattern, which looks
    at characters only through these classes, matches the same pieces. Beyond the BMP no character is wide,
    so each is seen as itself."""
    assert all(char.translate(wrap._SEEN) == char for char in map(chr, range(0x10000, sys.maxunicode + 1, 97)))
    for before, now in CLASSES:
        was, is_ = re.compile(before), re.compile(now)
        for code in range(0x10000):
            char = chr(code)
            seen = char.translate(wrap._SEEN)
            assert len(seen) == 1
            assert (was.match(char) is None) == (is_.match(seen) is None), (before, hex(code))


def test_the_pattern_is_the_reference_with_the_wide_characters_it_sees() -> None:
    """The one change to the pattern: where it named the wide characters, it names those it sees."""
    assert wrap._TOKEN.pattern == REFERENCE.pattern.replace(_WIDE, wrap._SEEN_WIDE)


ALPHABET = (
    st.sampled_from(list("0123456789 .,:;%‰+-/()[]=<>≤≥≈±Rabcxyz年万人小时·→—"))
    | st.sampled_from(list("，。、：；（）「」『』【】《》〈〉“”‘’！？…"))
    | st.sampled_from(["\u3000", "\t", "\n", "\u00a0", "０", "９", "\u0660"])  # more whitespace, more digits
    | st.characters(min_codepoint=0x2E80, max_codepoint=0x9FFF)  # CJK
    | st.characters(min_codepoint=0xF900, max_codepoint=0xFFEF)  # compatibility ideographs, full-width forms
    | st.characters()
)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_pieces_are_the_reference_pieces(text: str) -> None:
    pieces = REFERENCE.findall(text)
    assert _found(text) == pieces
    assert _found_ends(text) == [sum(map(len, pieces[: k + 1])) for k in range(len(pieces))]
    assert "".join(tokens(text)) == text
