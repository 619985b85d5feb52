"""Names → ids: indicators, regions, township paths and breakdowns, with suggestions for unknown names."""

from __future__ import annotations

import pytest

from xyplan_cli.reader.names import Names
from xyplan_cli.reader.values import Problem


@pytest.mark.parametrize(("text", "expected"), [
    ("maternal_mortality", "maternal_mortality"),
    ("w.health.2a", "maternal_mortality"),
    ("孕产妇死亡率", "maternal_mortality"),
    ("孕产妇死亡率(1/10万)", "maternal_mortality"),
    ("孕产妇死亡率（1/10万）", "maternal_mortality"),
    ("【孕产妇死亡率】", None),
    (" 孕产妇 死亡率 ", "maternal_mortality"),
    ("Maternal Mortality Ratio", "maternal_mortality"),
    ("MATERNAL_MORTALITY", "maternal_mortality"),
    ("孕产妇系统管理率(%)", "maternal_systematic_management_rate"),
])
def test_indicators(names: Names, text: str, expected: str | None) -> None:
    got = names.indicator(text)
    assert (got if isinstance(got, str) else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("610402", "610402"), ("秦都区", "610402"), ("秦都", "610402"), ("Qindu", "610402"),
    ("咸阳市", "610400"), ("全市", "610400"), ("杨凌示范区", "610403"), ("彬县", "610482"),
    ("三原县/城关街道", "610422/城关街道"),
    ("610422/城关街道", "610422/城关街道"),
    ("三原／城关 街道", "610422/城关街道"),
    ("Sanyuan/城关街道", "610422/城关街道"),
])
def test_regions(names: Names, text: str, expected: str) -> None:
    assert names.region(text) == expected


@pytest.mark.parametrize(("text", "code", "suggestion"), [
    ("秦都县", "unknown-region", "秦都区"),
    ("西安市", "unknown-region", ""),
    ("咸阳市/城关街道", "unknown-region", ""),
    ("三原县/", "unknown-region", ""),
    ("城关街道", "unknown-region", ""),
    ("秦都县/城关街道", "unknown-region", "秦都区/城关街道"),
])
def test_unknown_regions(names: Names, text: str, code: str, suggestion: str) -> None:
    assert names.region(text) == Problem(code, {"text": text, "suggestion": suggestion})


@pytest.mark.parametrize(("text", "suggestion"), [
    ("孕产妇死亡", "孕产妇死亡率"), ("maternal_mortalty", "maternal_mortality"), ("qwertyuiop", "")])
def test_unknown_indicators(names: Names, text: str, suggestion: str) -> None:
    assert names.indicator(text) == Problem("unknown-indicator", {"text": text, "suggestion": suggestion})


@pytest.mark.parametrize(("text", "expected"), [
    ("", "total"), ("总计", "total"), ("合计", "total"), ("Total", "total"), ("城镇", "urban"),
    ("城市", "urban"), ("农村", "rural"), ("乡村", "rural"), ("男", "male"), ("女性", "female"),
    ("小学", "primary"), ("初中", "junior"), ("高中", "senior"), ("falls", "falls"),
    ("children_products", "children_products"), ("烧烫伤", "burns"), ("Burns and scalds", "burns"),
])
def test_breakdowns(names: Names, text: str, expected: str) -> None:
    assert names.breakdown(text) == expected


def test_unknown_breakdown_suggests(names: Names) -> None:
    assert names.breakdown("城填") == Problem("unknown-breakdown", {"text": "城填", "suggestion": "城镇"})
