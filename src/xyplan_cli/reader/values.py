"""Cell values as statisticians write them: ９５．２％, 1,234, 3.32万, >95, 95%以上, 90~95, —, and units.

`parse_value` turns one cell into a `Reading` (a number or an interval, with the unit its suffix names),
`Missing` (an explicit missing marker) or a `Problem`. It runs once per distinct non-plain string (the
row loop caches it); plain numbers never get here. Conversions between units are exact decimal shifts
(`0.952` ratio → `95.2` percent, not 95.19999999999999), because values are compared unrounded.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, model_validator

from xyplan_cli.reader.normalize import bracket, clean, key
from xyplan_cli.units import Unit, conversion_factor, convertible, family

INF = math.inf


class Problem(NamedTuple):
    """A cell that cannot be used: an issue code and its message parameters."""

    code: str
    params: dict[str, str]


class Missing(NamedTuple):
    """An explicit missing marker (empty, -, —, …, NA, 无); the row is skipped, not rejected."""

    text: str


class Reading(BaseModel):
    """A parsed value: exact (low == high) or an interval, with the unit word of its suffix ("" if none).

    `low_text`/`high_text` keep the written numbers (without separators) for exact unit conversion and
    for the precision of the numerator check.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    unit_word: str = ""
    low_text: str = ""
    high_text: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Reading:
        if math.isnan(self.low) or math.isnan(self.high) or self.low > self.high:
            raise ValueError("an interval needs low <= high")
        if math.isinf(self.low) and math.isinf(self.high):
            raise ValueError("an interval needs a finite bound")
        return self

    @property
    def exact(self) -> bool:
        return self.low == self.high


MISSING_MARKERS = frozenset({
    "", "-", "--", "---", "—", "——", "–", "...", "......", "na", "n/a", "n.a.",
    "null", "none", "nan", "无", "空", "缺", "暂无", "不详", "未知", "/",
})

# Excel's error values (compared by `key`): a formula that failed in a data cell, never a comment or a
# missing marker, so the row is rejected (#N/A included: it is not the spec's NA).
EXCEL_ERRORS = frozenset({
    "#n/a", "#ref!", "#value!", "#div/0!", "#name?", "#num!", "#null!", "#spill!", "#calc!", "#field!",
    "#getting_data", "#blocked!", "#busy!", "#connect!", "#unknown!", "#external!", "#python!",
})

# Unit words (compared by `key`) → unit; "10k" is the bare 万 multiplier (count_10k or yuan_10k).
_UNIT_WORDS: dict[str, Unit | str] = {
    "%": Unit.PERCENT, "percent": Unit.PERCENT, "pct": Unit.PERCENT, "百分比": Unit.PERCENT,
    "百分率": Unit.PERCENT, "‰": Unit.PERMILLE, "permille": Unit.PERMILLE, "千分比": Unit.PERMILLE,
    "千分率": Unit.PERMILLE, "1/千": Unit.PERMILLE,
    "/千人": Unit.PER_1000, "1/千人": Unit.PER_1000, "每千人": Unit.PER_1000, "每千人口": Unit.PER_1000,
    "/千人口": Unit.PER_1000, "per_1000": Unit.PER_1000, "per1000": Unit.PER_1000,
    "‱": Unit.PER_10K, "/万": Unit.PER_10K, "1/万": Unit.PER_10K, "/万人": Unit.PER_10K,
    "每万人": Unit.PER_10K, "万分比": Unit.PER_10K, "per_10k": Unit.PER_10K, "per10k": Unit.PER_10K,
    "/10万": Unit.PER_100K, "1/10万": Unit.PER_100K, "/十万": Unit.PER_100K, "/100000": Unit.PER_100K,
    "1/100000": Unit.PER_100K, "/10万人": Unit.PER_100K, "每10万人": Unit.PER_100K,
    "十万分之": Unit.PER_100K, "per_100k": Unit.PER_100K, "per100k": Unit.PER_100K,
    "/100": Unit.PER_100, "1/100": Unit.PER_100, "per_100": Unit.PER_100, "per100": Unit.PER_100,
    "ratio": Unit.RATIO, "比例": Unit.RATIO, "比率": Unit.RATIO, "比值": Unit.RATIO, "小数": Unit.RATIO,
    "fraction": Unit.RATIO,
    "count": Unit.COUNT, "个": Unit.COUNT, "人": Unit.COUNT, "所": Unit.COUNT, "家": Unit.COUNT,
    "名": Unit.COUNT, "次": Unit.COUNT, "人次": Unit.COUNT, "张": Unit.COUNT, "处": Unit.COUNT,
    "座": Unit.COUNT, "间": Unit.COUNT, "户": Unit.COUNT, "例": Unit.COUNT, "件": Unit.COUNT,
    "项": Unit.COUNT, "支": Unit.COUNT, "床": Unit.COUNT, "位": Unit.COUNT, "个数": Unit.COUNT,
    "count_10k": Unit.COUNT_10K, "万人": Unit.COUNT_10K, "万个": Unit.COUNT_10K, "万人次": Unit.COUNT_10K,
    "yuan": Unit.YUAN, "元": Unit.YUAN, "¥": Unit.YUAN,
    "yuan_10k": Unit.YUAN_10K, "万元": Unit.YUAN_10K,
    "hours": Unit.HOURS, "hour": Unit.HOURS, "h": Unit.HOURS, "hr": Unit.HOURS, "hrs": Unit.HOURS,
    "小时": Unit.HOURS, "小时/天": Unit.HOURS, "小时/日": Unit.HOURS, "h/d": Unit.HOURS,
    "years": Unit.YEARS, "year": Unit.YEARS, "年": Unit.YEARS, "岁": Unit.YEARS,
    "万": "10k",
}

# Bound words: (side, open). "low" means the value is at least the number.
_PREFIX_BOUNDS: dict[str, tuple[str, bool]] = {
    ">=": ("low", False), "≥": ("low", False), "≧": ("low", False), "⩾": ("low", False),
    ">": ("low", True), "<=": ("high", False), "≤": ("high", False), "≦": ("high", False),
    "⩽": ("high", False), "<": ("high", True),
    "不低于": ("low", False), "不少于": ("low", False), "不小于": ("low", False), "至少": ("low", False),
    "高于": ("low", True), "超过": ("low", True), "大于": ("low", True), "多于": ("low", True),
    "不高于": ("high", False), "不超过": ("high", False), "不大于": ("high", False), "至多": ("high", False),
    "最多": ("high", False), "低于": ("high", True), "少于": ("high", True), "小于": ("high", True),
    "不足": ("high", True), "不满": ("high", True), "未满": ("high", True),
}
_SUFFIX_BOUNDS: dict[str, tuple[str, bool]] = {
    "及以上": ("low", False), "以上": ("low", False), "及以下": ("high", False), "以下": ("high", False),
    "以内": ("high", False),
}

# A number as `float()` reads one (5. and .5 too), or with thousands separators; a first group of 0 is no
# thousands group (0,952 is a decimal comma, not 952: rejected).
_NUM = r"[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_ONE = re.compile(rf"^(?P<pre>\D*?)(?P<num>{_NUM})(?P<unit>.*?)(?P<post>及以上|以上|及以下|以下|以内)?$")
_RANGE = re.compile(rf"^(?P<a>{_NUM})(?P<ua>[^\d~至到–—-]*)(?:~|至|到|–|—|-)(?P<b>{_NUM})(?P<ub>[^\d]*)$")


def excel_error(text: str) -> bool:
    """Is a cell one of Excel's error values (#N/A, #REF!, #DIV/0! …)?"""
    return key(text) in EXCEL_ERRORS


def unit_word(text: str) -> str | Problem:
    """The unit word of a `unit` cell or a value suffix ("" for none), or an unknown-unit problem."""
    word = key(text)
    if not word or word in _UNIT_WORDS:
        return word
    if word.startswith("万元"):
        return "万元"
    if word.startswith("元"):
        return "元"  # 元/人·月, 元/生·天: an amount in yuan
    return Problem("unknown-unit", {"text": text.strip()})


def bracket_unit(text: str) -> str:
    """The unit word of a name's trailing bracket group (% of 5岁以下儿童死亡率(%), ‰ of 数值(‰)), "" when
    it has none or its bracket names no unit (城镇)."""
    word = unit_word(bracket(text))
    return word if isinstance(word, str) else ""


def resolve_unit(word: str, target: Unit) -> Unit:
    """The unit a known unit word stands for, given the indicator's unit (万 depends on the family)."""
    unit = _UNIT_WORDS[word]
    if isinstance(unit, Unit):
        return unit
    return Unit.YUAN_10K if family(target) == "money" else Unit.COUNT_10K


_TEN_THOUSAND_OF = {Unit.COUNT_10K: Unit.COUNT, Unit.YUAN_10K: Unit.YUAN}


def multiplies(word: str, unit_of_cell: Unit, target: Unit) -> bool:
    """Is a value's suffix the bare 万 that scales the unit its unit cell names (0.5万 with unit 个 or 元)?"""
    return _UNIT_WORDS.get(word) == "10k" and _TEN_THOUSAND_OF.get(resolve_unit(word, target)) == unit_of_cell


def shift_of(source: Unit, target: Unit) -> int | None:
    """The power of ten converting `source` to `target` (0 for the same scale), None across families."""
    if not convertible(source, target):
        return None
    return round(math.log10(conversion_factor(source, target)))


def shifted(number_text: str, value: float, shift: int) -> float:
    """`value` × 10**shift, exactly as the decimal `number_text` would give it."""
    if shift == 0 or math.isinf(value):
        return value
    try:
        return float(Decimal(number_text).scaleb(shift))
    except InvalidOperation:
        return value * 10.0**shift


def decimals(number_text: str) -> int:
    """Digits after the decimal point of a written number (its reported precision)."""
    try:
        exponent = Decimal(number_text).as_tuple().exponent
    except InvalidOperation:
        return 0
    return max(0, -exponent) if isinstance(exponent, int) else 0


def parse_value(text: str) -> Reading | Missing | Problem:
    """One value cell. Never raises."""
    raw = text.strip()
    norm = clean(raw).replace(" ", "")
    if norm.casefold() in MISSING_MARKERS:
        return Missing(raw)
    if len(norm) > 60 or "_" in norm:
        return Problem("not-a-number", {"text": raw[:60]})
    ranged = _RANGE.match(norm)
    result = _range(raw, ranged) if ranged else None
    if isinstance(result, Reading):
        return result
    single = _ONE.match(norm)
    if single:
        return _single(raw, single)
    return result or Problem("not-a-number", {"text": raw})


def _number(num: str) -> tuple[float, str] | None:
    plain = num.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    return (value, plain) if math.isfinite(value) else None


def _suffix_unit(raw: str, word_text: str) -> str | Problem:
    word = unit_word(word_text)
    if isinstance(word, Problem):
        looks_like_unit = any(c.isalpha() for c in word_text) and not any(c.isdigit() for c in word_text)
        return word if looks_like_unit else Problem("not-a-number", {"text": raw})
    return word


def _single(raw: str, match: re.Match[str]) -> Reading | Problem:
    pre, unit_text, post = match["pre"], match["unit"], match["post"]
    number = _number(match["num"])
    if number is None:
        return Problem("not-a-number", {"text": raw})
    value, plain = number
    if pre in ("¥", "￥") and not unit_text:
        pre, unit_text = "", "元"
    bound = _PREFIX_BOUNDS.get(pre) if pre else None
    if pre and bound is None:  # before the unit: =HYPERLINK("…1","x") is text, not 1 in unit ","x")
        return Problem("not-a-number", {"text": raw})
    word = _suffix_unit(raw, unit_text)
    if isinstance(word, Problem):
        return word
    if post:
        if bound is not None:
            return Problem("not-a-number", {"text": raw})
        bound = _SUFFIX_BOUNDS[post]
    if bound is None:
        return Reading(low=value, high=value, unit_word=word, low_text=plain, high_text=plain)
    side, is_open = bound
    if side == "low":
        return Reading(low=value, high=INF, low_open=is_open, unit_word=word, low_text=plain)
    return Reading(low=-INF, high=value, high_open=is_open, unit_word=word, high_text=plain)


def _range(raw: str, match: re.Match[str]) -> Reading | Problem:
    a, b = _number(match["a"]), _number(match["b"])
    words = [_suffix_unit(raw, match["ua"]), _suffix_unit(raw, match["ub"])]
    if a is None or b is None or a[0] > b[0]:
        return Problem("not-a-number", {"text": raw})
    for word in words:
        if isinstance(word, Problem):
            return word
    wa, wb = (str(w) for w in words)
    if wa and wb and wa != wb:
        return Problem("not-a-number", {"text": raw})
    return Reading(low=a[0], high=b[0], unit_word=wa or wb, low_text=a[1], high_text=b[1])
