"""The reasons behind verdicts, in English and Chinese: one template per kind of sentence."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter

from xyplan_cli.catalogue.model import Lang
from xyplan_cli.engine.progress import ACCELERATION_RATIO, GOOD_GROWTH, MODERATE_GROWTH, ON_TRACK_RATIO
from xyplan_cli.report import Status

LABELS: dict[str, tuple[str, str]] = {
    "met": ("met", "已达标"),
    "on_track": ("on track", "进度正常"),
    "acceleration_needed": ("behind", "进度落后"),
    "limited_progress": ("limited progress", "进展有限"),
    "moving_away": ("moving away", "背离目标"),
    "volatile": ("fluctuation", "波动较大"),
    "insufficient_data": ("insufficient data", "数据不足"),
    "no_data": ("no data", "无数据"),
    "missed": ("missed", "到期未达标"),
    "breached": ("breached", "未达要求"),
}

# key → (English, Chinese); `{label}` is the status label above.
TEMPLATES: dict[str, tuple[str, str]] = {
    "by": ("{label}: {value} in {year}, required {req} by {due}",
           "{label}:{year}年为{value},要求{due}年{req}"),
    "every": ("{label}: {value} in {year}, required {req} every year",
              "{label}:{year}年为{value},要求每年{req}"),
    "held": ("{label}: {value} in {year}, {req} held since {since}",
             "{label}:{year}年为{value},自{since}年起保持{req}"),
    "hold_broken": ("{label}: {value} in {year} after reaching {req} in {since}",
                    "{label}:{since}年已达到{req},{year}年为{value}"),
    "broken_in": ("not met in {years}", "{years}年未达到"),
    "trajectory": ("{label}: R = {r}, projected {projected} in {due}", "{label}:R = {r},预计{due}年为{projected}"),
    "trajectory_r": ("{label}: R = {r} (required {req} by {due}; {value} in {year})",
                     "{label}:R = {r}(要求{due}年{req};{year}年为{value})"),
    "fell_from_met": ("{label}: {base} in {base_year} met {req}, {value} in {year} does not",
                      "{label}:{base_year}年为{base},已满足{req},{year}年为{value}"),
    "trend": ("{label}: {subject}{growth}/yr since {base_year} ({base} → {value} in {year}), "
              "projected {projected} in {due}",
              "{label}:{subject}自{base_year}年起年均{growth}({base} → {year}年{value}),"
              "预计{due}年为{projected}"),
    "trend_due": ("{label}: {subject}{growth}/yr since {base_year} ({base} → {value} in {year}), due {due}",
                  "{label}:{subject}自{base_year}年起年均{growth}({base} → {year}年{value}),{due}年到期"),
    "at_limit": ("{label}: {subject}{value} in {year}, cannot move further",
                 "{label}:{subject}{year}年为{value},已达极限值"),
    "step": ("{label}: {subject}{prev} in {prev_year} → {value} in {year}",
             "{label}:{subject}{prev_year}年{prev} → {year}年{value}"),
    "rise": ("{label}: rise of {rise}/yr to {year} against {avg}/yr before",
             "{label}:至{year}年年均增{rise},此前年均增{avg}"),
    "jump": ("{label}: {change} from {prev_year} to {year} ({prev} → {value}), beyond ±{limit}",
             "{label}:{prev_year}年至{year}年变化{change}({prev} → {value}),超过±{limit}"),
    "one_point": ("{label}: only {year} ({value}); a trend needs two years",
                  "{label}:仅有{year}年数据({value}),判断趋势至少需要两年"),
    "three_points": ("{label}: {n} year(s) of data; a slowing rise needs three",
                     "{label}:仅有{n}年数据,判断上升趋势是否减缓至少需要三年"),
    "no_baseline": ("{label}: no {year} value to set the baseline", "{label}:缺少{year}年基数"),
    "missing_due": ("{label}: {req} due in {due}, but the latest value is from {year} ({value})",
                    "{label}:要求{due}年{req},但最新数据为{year}年({value})"),
    "straddle": ("{label}: {bound} in {year} may or may not meet {req}",
                 "{label}:{year}年数值{bound},无法判断是否满足{req}"),
    "missing_year": ("{label}: no value for {year}, the year evaluated; the latest is {value} in {last}",
                     "{label}:缺少评估年份{year}年的数据,最新为{last}年{value}"),
    "no_previous": ("{label}: only {year} ({value}); nothing earlier to compare with",
                    "{label}:仅有{year}年数据({value}),没有可比较的上一期数据"),
    "bounded_base": ("{label}: the value compared with, {bound} in {year}, is only a bound",
                     "{label}:比较基准{year}年为区间值{bound},无法判断"),
    "no_period": ("{label}: no value since {start}, the plan's first year",
                  "{label}:规划期({start}年起)内无数据"),
    "no_reference": ("{label}: no value of {reference} for {year}", "{label}:缺少{year}年{reference}数据"),
    "no_pair": ("{label}: {a} and {b} are never reported for the same year",
                "{label}:{a}与{b}没有同一年的数据"),
    "missing_years": ("additions missing for {years}", "缺少{years}年新增数"),
    "no_additions": ("{label}: no additions reported since {start}", "{label}:{start}年以来无新增数据"),
    "no_data": ("{label}", "{label}"),
}


def _printf(template: str) -> tuple[str, Callable[[dict[str, object]], tuple[object, ...]]]:
    """`{name}` → `%s` (a literal % doubled), and what takes the names' values from the parameters in
    their order: the same text, filled in by `%` from a tuple, several times as fast as `str.format` on
    these templates and twice as fast as `%(name)s` from a dict (every series has a reason)."""
    parts = template.replace("%", "%%").split("{")
    names = [part.split("}", 1)[0] for part in parts[1:]]
    text = parts[0] + "".join("%s" + part.split("}", 1)[1] for part in parts[1:])
    if len(names) < 2:  # itemgetter gives a tuple only for two names or more
        return text, lambda params: tuple([params[name] for name in names])
    return text, itemgetter(*names)


_PRINTF: dict[str, tuple[tuple[str, Callable[[dict[str, object]], tuple[object, ...]]], ...]] = {
    key: (_printf(en), _printf(zh)) for key, (en, zh) in TEMPLATES.items()}


def say(lang: Lang, key: str, status: Status | None = None, **params: object) -> str:
    """The sentence `key` in `lang`, with the status label and the (already formatted) numbers."""
    zh = lang == "zh"
    params["label"] = LABELS[status][1 if zh else 0] if status else ""
    text, values = _PRINTF[key][1 if zh else 0]
    return text % values(params)


def join(lang: Lang, *parts: str) -> str:
    return (";" if lang == "zh" else "; ").join(p for p in parts if p)


# The cut-offs the statuses are decided at (engine.progress): R ≥ a cut; a growth rate, signed by the
# direction wanted, ≥ a cut (so ≥ 1.5 %/yr rising, ≤ -1.5 %/yr falling; at 0 either side matters).
_RATIO_CUTS = (ON_TRACK_RATIO, ACCELERATION_RATIO, 0.0)
_GROWTH_CUTS = (GOOD_GROWTH * 100, MODERATE_GROWTH * 100)


def ratio_text(r: float | None) -> str:
    """R to two decimals, or as many more as keep it on its side of a cut-off: 0.9499 is "0.9499", not
    "0.95" next to "behind"."""
    return "—" if r is None else _digits(r, "", lambda shown, x: all((shown >= c) == (x >= c) for c in _RATIO_CUTS))


def growth_text(g: float) -> str:
    """An annual growth rate (a fraction) as a signed percentage, +2.10%, with more decimals where two
    would put it on the other side of a cut-off (1.499 is "+1.499%")."""
    return _digits(g * 100, "+", _same_growth) + "%"


def _same_growth(shown: float, x: float) -> bool:
    return (all((shown >= c) == (x >= c) and (shown <= -c) == (x <= -c) for c in _GROWTH_CUTS)
            and (shown > 0) == (x > 0) and (shown < 0) == (x < 0))


def _digits(x: float, sign: str, same: Callable[[float, float], bool]) -> str:
    x = round(x, 9)  # as the statuses see it (engine.progress rounds float noise away the same way)
    for places in range(2, 10):  # x has at most 9 decimals: the last try is exact
        text = f"{x:{sign}.{places}f}"
        shown = float(text)
        if same(shown, x):
            break
    return f"{0.0:{sign}.{places}f}" if shown == 0 else text  # no "-0.00"


def years_text(years: list[int], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(str(y) for y in years)
