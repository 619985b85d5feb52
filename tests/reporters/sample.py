"""A realistic report for the reporter tests, built from report models (no engine needed), in zh and en."""

from __future__ import annotations

from typing import Any

from xyplan_cli.reader.dataset import RowCounts
from xyplan_cli.report import (
    DomainInfo,
    IssueOut,
    Milestone,
    MilestoneCheck,
    PlanInfo,
    Point,
    Report,
    Result,
    summarize,
)

SCRIPT_REGION = "<script>alert(1)</script>"
FORMULA_NOTE = '=HYPERLINK("http://example.invalid/x","查看说明")'
LONG_NAME_ZH = "0-6岁儿童眼保健和视力检查覆盖率及儿童青少年总体近视率年均下降幅度(含城乡差距)"

PLANS = {
    "zh": (
        PlanInfo(id="women", name="咸阳市妇女发展规划(2021-2030年)", domains=(
            DomainInfo(id="health", name="妇女与健康"),
            DomainInfo(id="education", name="妇女与教育"),
            DomainInfo(id="economy", name="妇女与经济"),
            DomainInfo(id="social_security", name="妇女与社会保障"),
        )),
        PlanInfo(id="children", name="咸阳市儿童发展规划(2021-2030年)", domains=(
            DomainInfo(id="health", name="儿童与健康"),
            DomainInfo(id="safety", name="儿童与安全"),
            DomainInfo(id="education", name="儿童与教育"),
        )),
    ),
    "en": (
        PlanInfo(id="women", name="Xianyang Women's Development Plan (2021-2030)", domains=(
            DomainInfo(id="health", name="Women and health"),
            DomainInfo(id="education", name="Women and education"),
            DomainInfo(id="economy", name="Women and the economy"),
            DomainInfo(id="social_security", name="Women and social security"),
        )),
        PlanInfo(id="children", name="Xianyang Children's Development Plan (2021-2030)", domains=(
            DomainInfo(id="health", name="Children and health"),
            DomainInfo(id="safety", name="Children and safety"),
            DomainInfo(id="education", name="Children and education"),
        )),
    ),
}


def _series(*pairs: tuple[int, float], notes: dict[int, str] | None = None) -> tuple[Point, ...]:
    notes = notes or {}
    return tuple(Point(year=y, value=v, note=notes.get(y)) for y, v in pairs)


def _latest(series: tuple[Point, ...]) -> Point | None:
    return series[-1] if series else None


# (target_id, plan, domain, name zh, name en, region, region_code, breakdown, status, unit,
#  requirement zh, requirement en, deadline, extra fields, reason zh, reason en)
CASES: list[tuple[Any, ...]] = [
    ("w.maternal_mortality", "women", "health", "孕产妇死亡率", "Maternal mortality ratio",
     "咸阳市", "610400", "total", "met", "per_100k", "≤ 10/10万(2030年)", "≤ 10/10万 by 2030", 2030,
     {"series": _series((2020, 11.2), (2021, 10.4), (2022, 9.8), (2023, 9.1), (2024, 8.6), (2025, 8.3)),
      "threshold": 10.0, "gap": -1.7, "milestones": (Milestone(year=2030, value=10.0),)},
     "已达到:8.3 ≤ 10", "met: 8.3 ≤ 10"),
    ("w.maternal_mortality", "women", "health", "孕产妇死亡率", "Maternal mortality ratio",
     "秦都区", "610402", "total", "acceleration_needed", "per_100k", "≤ 10/10万(2030年)", "≤ 10/10万 by 2030",
     2030,
     {"series": _series((2020, 13.5), (2021, 13.0), (2022, 12.9), (2023, 12.4), (2024, 12.1), (2025, 11.9)),
      "threshold": 10.0, "gap": 1.9, "ratio": 0.71, "projected": 11.2,
      "milestones": (Milestone(year=2030, value=10.0),)},
     "进度落后:R = 0.71,预计2030年为11.2", "behind: R = 0.71, projected 11.2 in 2030"),
    ("w.screening", "women", "health", "妇女常见病筛查率",
     "Screening rate for common gynaecological diseases",
     "泾阳县", "610423", "total", "breached", "percent", "≥ 80%,每年", "≥ 80% every year", 2030,
     {"series": _series((2021, 79.0), (2022, 81.0), (2023, 80.2), (2024, 80.9), (2025, 77.5)),
      "threshold": 80.0, "gap": 2.5, "milestones": (Milestone(year=2030, value=80.0),),
      "history": (MilestoneCheck(year=2023, required="≥ 80%", observed=80.2, met=True),
                  MilestoneCheck(year=2024, required="≥ 80%", observed=80.9, met=True),
                  MilestoneCheck(year=2025, required="≥ 80%", observed=77.5, met=False))},
     "2025年为77.5%,低于每年 ≥ 80% 的要求", "77.5% in 2025 breaks the every-year floor of 80%"),
    ("w.girls_senior_enrolment", "women", "education", "高中阶段教育毛入学率",
     "Gross enrolment in senior secondary",
     "杨陵区", "610403", "female", "on_track", "percent", "≥ 95%(2030年)", "≥ 95% by 2030", 2030,
     {"series": _series((2020, 91.0), (2022, 92.4), (2023, 93.0), (2024, 93.6), (2025, 94.1)),
      "threshold": 95.0, "gap": 0.9, "ratio": 1.12, "projected": 96.3,
      "milestones": (Milestone(year=2030, value=95.0),)},
     "进度正常:R = 1.12,预计2030年为96.3", "on track: R = 1.12, projected 96.3 in 2030"),
    ("w.female_employment_share", "women", "economy", "女性就业人员占全社会就业人员比例",
     "Women's share of employed persons", "乾县", "610424", "total", "met", "percent",
     "≈ 45% ± 2.5%,每年", "≈ 45% ± 2.5% every year", 2030,
     {"series": _series((2021, 44.1), (2022, 44.8), (2023, 45.3), (2024, 45.0), (2025, 44.6)),
      "threshold": 45.0, "gap": 0.4, "milestones": (Milestone(year=2030, value=45.0),)},
     "在区间内:44.6%", "within the band: 44.6%"),
    ("w.pension", "women", "social_security", "妇女基本养老保险参保率",
     "Women's basic pension insurance coverage",
     "咸阳市", "610400", "total", "missed", "percent", "≥ 90%(2025年),≥ 95%(2030年)",
     "≥ 90% by 2025, ≥ 95% by 2030", 2030,
     {"series": _series((2020, 84.0), (2021, 85.2), (2022, 86.1), (2023, 87.0), (2024, 87.9), (2025, 88.4)),
      "threshold": 90.0, "gap": 1.6, "ratio": 0.58, "projected": 91.9,
      "milestones": (Milestone(year=2025, value=90.0), Milestone(year=2030, value=95.0)),
      "history": (MilestoneCheck(year=2025, required="≥ 90%", observed=88.4, met=False),)},
     "2025年阶段目标 ≥ 90% 未达到:88.4%", "2025 milestone ≥ 90% missed: 88.4%"),
    ("c.infant_mortality", "children", "health", "婴儿死亡率", "Infant mortality rate",
     "三原县", "610422", "total", "moving_away", "permille", "≤ 4‰(2030年)", "≤ 4‰ by 2030", 2030,
     {"series": _series((2020, 3.6), (2021, 3.8), (2022, 3.9), (2023, 4.1), (2024, 4.2)),
      "threshold": 4.0, "gap": 0.2, "ratio": -0.35, "projected": 4.6,
      "milestones": (Milestone(year=2030, value=4.0),)},
     "背离目标:R = -0.35,预计2030年为4.6‰", "moving away: R = -0.35, projected 4.6‰ in 2030"),
    ("c.under5_mortality", "children", "health", "5岁以下儿童死亡率", "Under-5 mortality rate",
     SCRIPT_REGION, "610499", "total", "volatile", "permille", "≤ 5‰(2030年)", "≤ 5‰ by 2030", 2030,
     {"series": _series((2021, 5.2), (2022, 4.9), (2023, 3.0), (2024, 4.8), (2025, 4.6),
                        notes={2023: "2023年起按新口径统计,波动已核实"}),
      "threshold": 5.0, "gap": -0.4, "milestones": (Milestone(year=2030, value=5.0),),
      "explained": "2023年起按新口径统计,波动已核实"},
     "-38.8% 同比变化,超过30%的波动阈值", "-38.8% year on year, above the 30% fluctuation threshold"),
    ("c.myopia", "children", "health", LONG_NAME_ZH,
     "Coverage of eye care for children aged 0-6 and the yearly fall of overall myopia in children",
     "渭城区", "610404", "total", "limited_progress", "percent", "≥ 90%(2030年)", "≥ 90% by 2030", 2030,
     {"series": _series((2020, 80.0), (2021, 80.4), (2022, 81.5), (2023, 81.0), (2024, 81.9), (2025, 82.3)),
      "threshold": 90.0, "gap": 7.7, "ratio": 0.42, "projected": 85.1,
      "milestones": (Milestone(year=2030, value=90.0),), "explained": FORMULA_NOTE},
     "进展有限:R = 0.42,预计2030年为85.1%", "limited progress: R = 0.42, projected 85.1% in 2030"),
    ("c.immunisation", "children", "health", "免疫规划疫苗接种率", "Immunisation coverage",
     "三原县/城关街道", "610422", "total", "met", "percent", "≥ 95%,每年,以乡镇为单位",
     "≥ 95% every year, each township", 2030,
     {"series": (Point(year=2023, value=96.1), Point(year=2024, value=95.0, bound=">95"),
                 Point(year=2025, value=95.0, bound=">95")),
      "threshold": 95.0, "milestones": (Milestone(year=2030, value=95.0),)},
     "已达到:>95% ≥ 95%", "met: >95% ≥ 95%"),
    ("c.immunisation", "children", "health", "免疫规划疫苗接种率", "Immunisation coverage",
     "三原县/陵前镇", "610422", "total", "breached", "percent", "≥ 95%,每年,以乡镇为单位",
     "≥ 95% every year, each township", 2030,
     {"series": _series((2023, 96.0), (2024, 95.4), (2025, 93.8)),
      "threshold": 95.0, "gap": 1.2, "milestones": (Milestone(year=2030, value=95.0),),
      "history": (MilestoneCheck(year=2025, required="≥ 95%", observed=93.8, met=False),)},
     "2025年为93.8%,低于95%", "93.8% in 2025 is below 95%"),
    ("c.injury_mortality", "children", "safety", "儿童伤害死亡率", "Child injury mortality",
     "永寿县", "610426", "total", "insufficient_data", "per_100k", "较2020年-20%(2030年)",
     "-20% from 2020 by 2030", 2030, {"series": _series((2024, 12.0))},
     "只有1个数据点,缺少2020年基数", "only 1 data point and no 2020 baseline"),
    ("c.preschool_enrolment", "children", "education", "学前教育毛入园率", "Gross preschool enrolment",
     "长武县", "610428", "total", "no_data", "percent", "≥ 92%(2030年)", "≥ 92% by 2030", 2030,
     {"milestones": (Milestone(year=2030, value=92.0),)},
     "没有该地区的数据", "no data for this region"),
    ("c.compulsory_retention", "children", "education", "九年义务教育巩固率",
     "Nine-year compulsory education retention",
     "彬州市", "610482", "total", "met", "percent", "逐步提高(2030年)", "rising gradually by 2030", 2030,
     {"series": _series((2020, 96.0), (2021, 96.4), (2022, 96.9), (2023, 97.3), (2024, 97.6), (2025, 98.0)),
      "ratio": 2.1},
     "年均增长2.1%,趋势向好", "rising 2.1%/yr"),
    ("c.preschool_places", "children", "education", "新增幼儿园学位", "New kindergarten places",
     "咸阳市", "610400", "total", "missed", "count", "自2021年累计 ≥ 33,200(2025年)",
     "≥ 33,200 in total since 2021 by 2025", 2025,
     {"series": _series((2021, 6100.0), (2022, 13250.0), (2023, 19800.0), (2024, 25400.0), (2025, 30150.0)),
      "threshold": 33200.0, "gap": 3050.0, "milestones": (Milestone(year=2025, value=33200.0),),
      "history": (MilestoneCheck(year=2025, required="≥ 33,200", observed=30150.0, met=False),)},
     "2025年累计30,150,少于33,200", "30,150 in total by 2025, short of 33,200"),
]

ISSUES = {
    "zh": (
        IssueOut(file="samples/2025/秦都区.csv", line=14, column=2, code="unknown-region", severity="error",
                 field="region", message="未知地区“秦都县”(是否为 秦都区?)"),
        IssueOut(file="samples/2025/三原县.xlsx", line=9, column=4, code="not-a-number", severity="error",
                 field="value", message="“9五.2”不是数值"),
        IssueOut(file="samples/2025/三原县.xlsx", line=22, column=1, code="duplicate", severity="warning",
                 field=None, message="与 三原县.xlsx:21 重复(数值相同),只计一次"),
    ),
    "en": (
        IssueOut(file="samples/2025/秦都区.csv", line=14, column=2, code="unknown-region", severity="error",
                 field="region", message="unknown region '秦都县' (did you mean 秦都区?)"),
        IssueOut(file="samples/2025/三原县.xlsx", line=9, column=4, code="not-a-number", severity="error",
                 field="value", message="'9五.2' is not a number"),
        IssueOut(file="samples/2025/三原县.xlsx", line=22, column=1, code="duplicate", severity="warning",
                 field=None, message="duplicates 三原县.xlsx:21 with the same value; counted once"),
    ),
}


def build_report(lang: str = "zh", with_issues: bool = True) -> Report:
    from xyplan_cli.report import VERDICT_OF

    results = []
    for (tid, plan, domain, name_zh, name_en, region, code, breakdown, status, unit, req_zh, req_en, deadline,
         extra, reason_zh, reason_en) in CASES:
        zh = lang == "zh"
        series = extra.get("series", ())
        results.append(Result(
            target_id=tid, plan=plan, domain=domain, indicator=tid.split(".", 1)[1],
            name=name_zh if zh else name_en,
            region=region, region_code=code, breakdown=breakdown, verdict=VERDICT_OF[status], status=status,
            latest=_latest(series), unit=unit, requirement=req_zh if zh else req_en, deadline=deadline,
            reason=reason_zh if zh else reason_en, **extra,
        ))
    issues = ISSUES[lang] if with_issues else ()
    rejected = sum(1 for i in issues if i.severity == "error")
    return Report(
        as_of=2025, lang="zh" if lang == "zh" else "en", plans=PLANS[lang],
        rows=RowCounts(read=131, accepted=122, rejected=rejected, skipped=131 - 122 - rejected),
        issues=issues, summary=summarize(results), results=tuple(results),
    )
