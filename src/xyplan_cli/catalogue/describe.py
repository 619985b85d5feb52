"""A target's requirement in words, in Chinese or English: "≤ 10/10万 by 2030", "≥ 95% every year, each township"."""

from __future__ import annotations

from xyplan_cli.catalogue.model import Catalogue, Lang, Target
from xyplan_cli.catalogue.rules import (
    AtLeast,
    AtMost,
    Band,
    BaselineRelative,
    Count,
    Coverage,
    Cumulative,
    DirectionRule,
    GapNarrows,
    Relative,
    SlowingRise,
)
from xyplan_cli.units import format_value

_BREAKDOWN_NAMES: dict[str, tuple[str, str]] = {
    "total": ("总计", "total"),
    "urban": ("城镇", "urban"),
    "rural": ("农村", "rural"),
    "male": ("男", "male"),
    "female": ("女", "female"),
    "primary": ("小学", "primary"),
    "junior": ("初中", "junior secondary"),
    "senior": ("高中", "senior secondary"),
    "falls": ("跌倒跌落", "falls"),
    "burns": ("烧烫伤", "burns and scalds"),
    "poisoning": ("中毒", "poisoning"),
    "electric_shock": ("触电", "electric shock"),
    "animal_bites": ("动物咬伤", "animal bites"),
    "natural_disasters": ("自然灾害", "natural disasters"),
    "equipment": ("设施设备", "facilities and equipment"),
    "children_products": ("儿童用品", "children's products"),
}
_STRENGTH = {"gradual": ("逐步", "gradually"), "steady": ("持续", "steadily"), "marked": ("明显", "markedly")}


def breakdown_name(breakdown: str, lang: Lang) -> str:
    """`urban` → 城镇; a pair such as `urban-rural` (the series of a gap) → 城镇—农村."""
    if "-" in breakdown and breakdown not in _BREAKDOWN_NAMES:
        return "—".join(breakdown_name(part, lang) for part in breakdown.split("-"))
    zh, en = _BREAKDOWN_NAMES.get(breakdown, (breakdown, breakdown))
    return zh if lang == "zh" else en


def _by(year: int, lang: Lang) -> str:
    return f"({year}年)" if lang == "zh" else f" by {year}"


def _sign(higher: bool, inclusive: bool) -> str:
    if higher:
        return "≥" if inclusive else ">"
    return "≤" if inclusive else "<"


def requirement(target: Target, catalogue: Catalogue, lang: Lang, plan_end: int = 2030) -> str:
    """The whole requirement: rule, timing and scope."""
    text = rule_words(target, catalogue, lang, plan_end)
    if target.timing == "every_year":
        text += ",每年" if lang == "zh" else " every year"
    elif target.timing == "reach_and_hold":
        text += "并保持" if lang == "zh" else " and held"
    if target.scope == ("township",):
        text += ",以乡镇为单位" if lang == "zh" else ", each township"
    elif target.scope == ("county",):
        text += ",每个区县" if lang == "zh" else ", each county"
    return text


def rule_words(target: Target, catalogue: Catalogue, lang: Lang, plan_end: int = 2030) -> str:
    """The rule alone, without its timing and scope: "≥ 90% by 2025, ≥ 95% by 2030"."""
    rule = target.rule
    unit = catalogue.indicator_by_id[target.indicator].unit
    zh = lang == "zh"
    timed = target.timing == "by_deadline"
    if isinstance(rule, AtLeast | AtMost | Count):
        higher = not isinstance(rule, AtMost)
        inclusive = True if isinstance(rule, Count) else rule.inclusive
        sign = _sign(higher, inclusive)
        parts = [f"{sign} {format_value(m.value, unit)}" + (_by(m.year, lang) if timed or len(rule.milestones) > 1
                                                          else "") for m in rule.milestones]
        return ("," if zh else ", ").join(parts)
    if isinstance(rule, Band):
        parts = []
        for m in rule.milestones:
            half = rule.half_width(m.value)
            parts.append(f"≈ {format_value(m.value, unit)} ± {format_value(half, unit)}"
                         + (_by(m.year, lang) if timed else ""))
        return ("," if zh else ", ").join(parts)
    if isinstance(rule, BaselineRelative):
        change = f"{rule.change:+g}%"
        return (f"较{rule.baseline_year}年{change}{_by(rule.deadline, lang)}" if zh
                else f"{change} from {rule.baseline_year}{_by(rule.deadline, lang)}")
    if isinstance(rule, Relative):
        higher = rule.relation == "at_least"
        sign = _sign(higher, rule.inclusive)
        if rule.reference == "previous":
            ref = "上一期" if zh else "the previous value"
        else:
            ref = catalogue.indicator_by_id[rule.reference].name.get(lang) if rule.reference in \
                catalogue.indicator_by_id else rule.reference
        factor = "" if rule.factor == 1 else f"{rule.factor:g} × "
        return f"{sign} {factor}{ref}" + (_by(rule.deadline, lang) if rule.deadline else "")
    if isinstance(rule, DirectionRule):
        adv_zh, adv_en = _STRENGTH[rule.strength]
        if zh:
            return f"{adv_zh}{'提高' if rule.direction == 'increase' else '下降'}{_by(rule.deadline, lang)}"
        return f"{'rising' if rule.direction == 'increase' else 'falling'} {adv_en}{_by(rule.deadline, lang)}"
    if isinstance(rule, GapNarrows):
        a, b = (breakdown_name(x, lang) for x in rule.between)
        if zh:
            return f"{a}{b}差距{_STRENGTH[rule.strength][0]}缩小{_by(rule.deadline, lang)}"
        return f"{a}–{b} gap narrowing{_by(rule.deadline, lang)}"
    if isinstance(rule, SlowingRise):
        return f"上升趋势减缓{_by(rule.deadline, lang)}" if zh else f"rise slowing{_by(rule.deadline, lang)}"
    if isinstance(rule, Coverage):
        return (f"覆盖率 {format_value(rule.value, unit)}{_by(rule.deadline, lang)}" if zh
                else f"{format_value(rule.value, unit)} coverage{_by(rule.deadline, lang)}")
    assert isinstance(rule, Cumulative)
    parts = [(f"自{rule.from_year}年累计 ≥ {format_value(m.value, unit)}{_by(m.year, lang)}" if zh
              else f"≥ {format_value(m.value, unit)} in total since {rule.from_year}{_by(m.year, lang)}")
             for m in rule.milestones]
    return ("," if zh else ", ").join(parts)
