"""Units of measure: their symbols and conversions between units of the same family."""

from __future__ import annotations

from enum import StrEnum


class Unit(StrEnum):
    PERCENT = "percent"
    PERMILLE = "permille"
    PER_1000 = "per_1000"
    PER_10K = "per_10k"
    PER_100K = "per_100k"
    PER_100 = "per_100"
    RATIO = "ratio"
    COUNT = "count"
    COUNT_10K = "count_10k"
    YUAN = "yuan"
    YUAN_10K = "yuan_10k"
    HOURS = "hours"
    YEARS = "years"


# (family, factor to the family's base unit)
_FACTORS: dict[Unit, tuple[str, float]] = {
    Unit.RATIO: ("rate", 1.0),
    Unit.PERCENT: ("rate", 1e-2),
    Unit.PER_100: ("rate", 1e-2),
    Unit.PERMILLE: ("rate", 1e-3),
    Unit.PER_1000: ("rate", 1e-3),
    Unit.PER_10K: ("rate", 1e-4),
    Unit.PER_100K: ("rate", 1e-5),
    Unit.COUNT: ("count", 1.0),
    Unit.COUNT_10K: ("count", 1e4),
    Unit.YUAN: ("money", 1.0),
    Unit.YUAN_10K: ("money", 1e4),
    Unit.HOURS: ("hours", 1.0),
    Unit.YEARS: ("years", 1.0),
}

SYMBOLS: dict[Unit, str] = {
    Unit.PERCENT: "%",
    Unit.PERMILLE: "‰",
    Unit.PER_1000: "/千人",
    Unit.PER_10K: "/万",
    Unit.PER_100K: "/10万",
    Unit.PER_100: "/100",
    Unit.RATIO: "",
    Unit.COUNT: "",
    Unit.COUNT_10K: "万",
    Unit.YUAN: "元",
    Unit.YUAN_10K: "万元",
    Unit.HOURS: "小时",
    Unit.YEARS: "年",
}

# Default plausible ranges (inclusive); an indicator may set its own.
DEFAULT_RANGES: dict[Unit, tuple[float, float | None]] = {
    Unit.PERCENT: (0.0, 100.0),
    Unit.PERMILLE: (0.0, 1000.0),
    Unit.RATIO: (0.0, 1.0),
}


def family(unit: Unit) -> str:
    """The family of units that `unit` converts within (rate, count, money, hours, years)."""
    return _FACTORS[unit][0]


def convertible(source: Unit, target: Unit) -> bool:
    return family(source) == family(target)


def conversion_factor(source: Unit, target: Unit) -> float:
    """Multiply a value in `source` by this to express it in `target`; raises ValueError across families."""
    (fam_s, f_s), (fam_t, f_t) = _FACTORS[source], _FACTORS[target]
    if fam_s != fam_t:
        raise ValueError(f"cannot convert {source} to {target}")
    return f_s / f_t


def convert(value: float, source: Unit, target: Unit) -> float:
    if source is target:
        return value
    return value * conversion_factor(source, target)


def default_range(unit: Unit) -> tuple[float, float | None]:
    """Values outside this range are implausible for the unit; counts and money cannot be negative."""
    return DEFAULT_RANGES.get(unit, (0.0, None))


_GROUPED = frozenset((Unit.COUNT, Unit.YUAN))  # (naming a member, Unit.COUNT, costs more than this look-up)


def format_value(value: float, unit: Unit) -> str:
    """A number with its unit symbol, at most 2 decimals, trailing zeros removed: 95.2%, 10/10万, 33,200
    (counts and money with thousands separators)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if unit in _GROUPED else _plain(value)
    return f"{text}{SYMBOLS[unit]}"


def _plain(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
