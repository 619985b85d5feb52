"""The shipped catalogue against the plan text: verbatim quotes, numbers, comparison words, ids."""

from __future__ import annotations

import re

import pytest

from xyplan_cli.catalogue import Catalogue, Target
from xyplan_cli.catalogue.rules import AtLeast, AtMost, BaselineRelative
from xyplan_cli.units import Unit

_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?")
_CN_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_WORDS = {"一半": 50.0, "全覆盖": 100.0, "全面覆盖": 100.0, "普及": 100.0}
_INCLUSIVE_AFTER = ("以上", "以下", "以内")
_EXCLUSIVE_BEFORE = ("低于", "高于", "超过", "不满")


def numbers_in(quote: str) -> set[float]:
    """Numbers in a quote, with 万 expanded (3.32万 → 33200), Chinese digits before a measure word
    (一所 → 1), words that stand for numbers (一半 → 50), and the implicit numbers of "build one" (1) and
    "every unit has it" (100%) statements."""
    found: set[float] = set()
    for m in _NUMBER.finditer(quote):
        value = float(m.group(1))
        found.add(value)
        if m.group(2):
            found.add(round(value * 10_000, 6))
    for char, value in _CN_DIGITS.items():
        if re.search(char + r"[所名家个人位]", quote):
            found.add(float(value))
    for word, value in _WORDS.items():
        if word in quote:
            found.add(value)
    if re.search(r"(不得|不再|杜绝|零|不失学)", quote):
        found.add(0.0)
    if re.search(r"(建设|建成|建立|设立|开通|要有|配备|单设|达到.*标准|全面完成|完成.*创建|一人一档)", quote):
        found |= {1.0, 100.0}  # a thing to build is one of it; every unit having it is 100% coverage
    return found


def test_loads_with_both_plans(catalogue: Catalogue) -> None:
    assert [p.id for p in catalogue.plans] == ["women", "children"]
    assert len(catalogue.targets) >= 180
    assert len({t.id for t in catalogue.targets}) == len(catalogue.targets)
    assert len(catalogue.regions) == 15


def test_every_quote_is_verbatim(catalogue: Catalogue, plan_text: str) -> None:
    missing = [t.id for t in catalogue.targets if t.quote not in plan_text]
    assert missing == []


def test_every_clause_names_a_real_item(catalogue: Catalogue) -> None:
    pattern = re.compile(r"^(妇女|儿童)规划 二\([一二三四五六七八]\) (主要目标|保障措施)\d+$")
    assert [t.id for t in catalogue.targets if not pattern.match(t.clause)] == []


def test_ids_follow_their_clause(catalogue: Catalogue) -> None:
    wrong = []
    for t in catalogue.targets:
        item = re.search(r"(\d+)$", t.clause)
        assert item is not None
        prefix = ("m" if "保障措施" in t.clause else "") + item.group(1)
        if not re.fullmatch(rf"[wc]\.{t.domain}\.{prefix}[a-z]", t.id) or t.id[0] != t.plan[0]:
            wrong.append(t.id)
    assert wrong == []


def _numeric(catalogue: Catalogue) -> list[Target]:
    return [t for t in catalogue.targets if t.milestones or isinstance(t.rule, BaselineRelative)]


def test_milestones_appear_in_their_quote(catalogue: Catalogue) -> None:
    wrong = []
    for t in _numeric(catalogue):
        values = [m.value for m in t.milestones] + [m.year for m in t.milestones if str(m.year) in t.quote]
        if isinstance(t.rule, BaselineRelative):
            values = [abs(t.rule.change), t.rule.baseline_year]
        found = numbers_in(t.quote)
        unit = catalogue.indicator_by_id[t.indicator].unit
        if unit is Unit.COUNT_10K:
            found |= {v / 10_000 for v in found}
        wrong += [(t.id, v) for v in values if not any(abs(v - f) < 1e-9 for f in found)]
    assert wrong == []


def test_named_years_are_milestones(catalogue: Catalogue) -> None:
    """A year written before a number in the quote (2025年…达到90%) is one of the target's milestones."""
    wrong = []
    for t in catalogue.targets:
        if not t.milestones:
            continue
        years = {int(y) for y in re.findall(r"(20[23]\d)年", t.quote)}
        wrong += [(t.id, y) for y in years if y not in {m.year for m in t.milestones}]
    assert wrong == []


@pytest.mark.parametrize("word", _INCLUSIVE_AFTER + _EXCLUSIVE_BEFORE)
def test_comparison_words_set_inclusiveness(catalogue: Catalogue, word: str) -> None:
    """以上/以下/以内 include the number, 低于/高于/超过/不满 exclude it (民法典 第1259条)."""
    wrong = []
    for t in catalogue.targets:
        if not isinstance(t.rule, AtLeast | AtMost) or len(t.rule.milestones) != 1:
            continue
        value = t.rule.milestones[0].value
        for m in _NUMBER.finditer(t.quote):
            if abs(float(m.group(1)) - value) > 1e-9:
                continue
            after = t.quote[m.end(): m.end() + 8]
            before = t.quote[max(0, m.start() - 4): m.start()]
            inclusive_word = word in _INCLUSIVE_AFTER and re.match(r"^[‰%/\d万个所名人家小时岁年]*" + word, after)
            if inclusive_word and not t.rule.inclusive:
                wrong.append(t.id)
            if word in _EXCLUSIVE_BEFORE and before.endswith(word) and t.rule.inclusive:
                wrong.append(t.id)
    assert wrong == []


def test_lower_is_better_for_at_most(catalogue: Catalogue) -> None:
    wrong = [t.id for t in catalogue.targets if isinstance(t.rule, AtMost) and
             not re.search(r"(以下|低于|降至|下降|控制|不超过|减少|降低|以内|不得|杜绝|不失学)", t.quote)]
    assert wrong == []


def test_every_indicator_is_used(catalogue: Catalogue) -> None:
    used = {t.indicator for t in catalogue.targets}
    used |= {getattr(t.rule, "reference", "") for t in catalogue.targets}
    assert [i.id for i in catalogue.indicators if i.id not in used] == []


def test_domains_have_targets(catalogue: Catalogue) -> None:
    """Every domain of both plans has at least one checkable target."""
    covered = {(t.plan, t.domain) for t in catalogue.targets}
    assert [(p.id, d.id) for p in catalogue.plans for d in p.domains if (p.id, d.id) not in covered] == []


def test_known_targets_read_as_the_plan_says(catalogue: Catalogue) -> None:
    """Spot checks of well-known targets, as (kind, inclusive, milestones, timing, scope)."""
    def facts(t: Target) -> tuple[object, ...]:
        return (t.kind, t.inclusive, [(m.year, m.value) for m in t.milestones], t.timing, t.scope)

    by_quote = {t.quote: t for t in catalogue.targets}

    def find(fragment: str, indicator_hint: str) -> Target:
        hits = [t for q, t in by_quote.items() if fragment in q and indicator_hint in t.indicator]
        assert hits, (fragment, indicator_hint)
        return hits[0]

    assert facts(find("孕产妇死亡率下降到10/10万以下", "maternal_mortality")) == \
        ("at_most", True, [(2030, 10.0)], "by_deadline", ("city", "county"))
    assert facts(find("妇女基本养老保险参保率到2025年达到90%", "pension"))[:3] == \
        ("at_least", True, [(2025, 90.0), (2030, 95.0)])
    assert facts(find("以乡(镇、街道)为单位保持在95%以上", "vaccination"))[:5] == \
        ("at_least", True, [(2030, 95.0)], "every_year", ("township",))
