"""Names → ids: indicators, regions (and county/township paths) and breakdowns, with suggestions.

Every lookup table is built once per catalogue (and kept with it in the catalogue cache); a name is
normalised (`normalize.key`) and looked up in a dict. Unknown names get a suggestion from difflib ("did you
mean 秦都区?"). Results are cached per distinct raw cell text by the row loop, so the normalisation runs
once per distinct spelling.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from xyplan_cli.catalogue import describe
from xyplan_cli.catalogue.describe import breakdown_name
from xyplan_cli.catalogue.model import Catalogue
from xyplan_cli.catalogue.rules import GapNarrows
from xyplan_cli.reader import dataset, normalize
from xyplan_cli.reader.dataset import TOTAL
from xyplan_cli.reader.normalize import clean, key, keys
from xyplan_cli.reader.values import Problem

_BREAKDOWN_WORDS: dict[str, tuple[str, ...]] = {
    TOTAL: ("", "总计", "合计", "总体", "全部", "总", "小计", "all", "overall", "both", "全体"),
    "urban": ("城镇", "城市", "城区", "城", "urban", "town"),
    "rural": ("农村", "乡村", "农", "rural", "countryside"),
    "male": ("男", "男性", "男童", "男生", "男孩", "boys", "boy", "men", "m"),
    "female": ("女", "女性", "女童", "女生", "女孩", "girls", "girl", "women", "f"),
    "primary": ("小学", "primaryschool"),
    "junior": ("初中", "初级中学", "juniorsecondary", "juniorhigh", "middleschool"),
    "senior": ("高中", "普通高中", "高级中学", "seniorsecondary", "seniorhigh", "highschool"),
}


@dataclass
class _Table:
    """Normalised name → id, with the display name to suggest for each key.

    An exact name outranks a weak one (a target's own name, or a name without its trailing bracket);
    two exact names for different ids make the key ambiguous.
    """

    ids: dict[str, str] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    strength: dict[str, int] = field(default_factory=dict)
    ambiguous: dict[str, set[str]] = field(default_factory=dict)

    def add(self, name: str, ident: str, shown: str, *, weak: bool = False) -> None:
        for n, k in enumerate(keys(name)):
            strength = 1 if weak or n else 2
            if not k or self.ids.get(k) == ident:
                continue
            old = self.strength.get(k, 0)
            if strength > old:
                self.ids[k], self.shown[k], self.strength[k] = ident, shown, strength
            elif strength == old == 2:
                self.ambiguous.setdefault(k, {self.ids[k]}).add(ident)

    def find(self, text: str) -> str | None:
        for k in keys(text):
            if k in self.ids and k not in self.ambiguous:
                return self.ids[k]
        return None

    def suggest(self, text: str) -> str:
        k = key(text)
        close = difflib.get_close_matches(k, list(self.shown), n=1, cutoff=0.6)
        return self.shown[close[0]] if close else ""


class Names:
    """The catalogue's vocabulary for reading submissions (`Names.of`: built once per catalogue)."""

    _last: tuple[Catalogue, Names] | None = None

    @classmethod
    def of(cls, catalogue: Catalogue) -> Names:
        """The tables of `catalogue`, shared by the region options, the reader and the engine's caller."""
        last = cls._last
        if last is None or last[0] is not catalogue:
            last = cls._last = (catalogue, cls._cached(catalogue))
        return last[1]

    @classmethod
    def _cached(cls, catalogue: Catalogue) -> Names:
        """The tables kept in the catalogue cache with `catalogue` (3.6 ms to build for the shipped catalogue,
        16 ms for a national one, against 0.6 and 3 to unpickle), built and kept there when there are none."""
        from xyplan_cli.catalogue import cache  # pickle and hashlib: only once there is a catalogue

        code = [__file__, normalize.__file__, describe.__file__, dataset.__file__]  # what builds them
        tables = cache.load_extra(catalogue, "names", code)
        if isinstance(tables, dict):
            names = cls.__new__(cls)  # as built by `__init__`, from the attributes it set
            vars(names).update(tables, catalogue=catalogue)
            return names
        names = cls(catalogue)
        tables = {name: value for name, value in vars(names).items() if name != "catalogue"}  # kept on its own
        cache.store_extra(catalogue, "names", code, tables)
        return names

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.indicators = _Table()
        self.regions = _Table()
        self.breakdowns = _Table()
        self.county_codes = {r.code for r in catalogue.regions if r.level == "county"}
        self._build_indicators(catalogue)
        self._build_regions(catalogue)
        self._build_breakdowns(catalogue)

    def _build_indicators(self, catalogue: Catalogue) -> None:
        table = self.indicators
        # Stronger names first: a later, weaker name never takes over a key.
        for ind in catalogue.indicators:
            table.add(ind.id, ind.id, ind.id)
        for target in catalogue.targets:
            table.add(target.id, target.indicator, target.id)
        for ind in catalogue.indicators:
            table.add(ind.name.zh, ind.id, ind.name.zh)
            table.add(ind.name.en, ind.id, ind.name.en)
        for ind in catalogue.indicators:
            for alias in ind.aliases:
                table.add(alias, ind.id, ind.name.zh)
        for target in catalogue.targets:
            if target.name is not None:
                table.add(target.name.zh, target.indicator, target.name.zh, weak=True)
                table.add(target.name.en, target.indicator, target.name.en, weak=True)

    def _build_regions(self, catalogue: Catalogue) -> None:
        for region in catalogue.regions:
            self.regions.add(region.code, region.code, region.name)
            self.regions.add(region.name, region.code, region.name)
        for region in catalogue.regions:
            self.regions.add(region.short, region.code, region.name)
            for alias in region.aliases:
                self.regions.add(alias, region.code, region.name)

    def _build_breakdowns(self, catalogue: Catalogue) -> None:
        for ident, words in _BREAKDOWN_WORDS.items():
            self.breakdowns.add(ident, ident, breakdown_name(ident, "zh"))
            self.breakdowns.add(breakdown_name(ident, "zh"), ident, breakdown_name(ident, "zh"))
            self.breakdowns.add(breakdown_name(ident, "en"), ident, breakdown_name(ident, "zh"))
            for word in words:
                self.breakdowns.add(word, ident, breakdown_name(ident, "zh"))
        for target in catalogue.targets:
            groups = list(target.breakdown)
            if isinstance(target.rule, GapNarrows):
                groups += list(target.rule.between)
            for group in groups:
                shown = breakdown_name(group, "zh")
                for name in (group, shown, breakdown_name(group, "en")):
                    self.breakdowns.add(name, group, shown, weak=True)
        self.breakdowns.ids[""] = TOTAL

    # -- lookups: an id, or a Problem --------------------------------------------------------------
    def indicator(self, text: str) -> str | Problem:
        found = self.indicators.find(text)
        if found is not None:
            return found
        return self._unknown("unknown-indicator", text, self.indicators)

    def region(self, text: str) -> str | Problem:
        """A region code, or `<county code>/<township>` for `三原县/城关街道` or `610422/城关街道`."""
        found = self.regions.find(text)
        if found is not None:
            return found
        cleaned = clean(text)
        if "/" in cleaned:
            county, _, township = cleaned.partition("/")
            return self.township(county, township, text)
        return self._unknown("unknown-region", text, self.regions)

    def township(self, county: str, township: str, text: str | None = None) -> str | Problem:
        shown = text if text is not None else f"{county}/{township}"
        code = self.regions.find(county)
        name = "".join(clean(township).split())
        if code is None or code not in self.county_codes or not name or "/" in name:
            hint = self.regions.suggest(county) if code is None else ""
            if hint:
                hint = f"{hint}/{name}" if name else hint
            params = {"text": shown.strip(), "suggestion": hint}
            return Problem("unknown-region", params)
        return f"{code}/{name}"

    def breakdown(self, text: str) -> str | Problem:
        found = self.breakdowns.find(text)
        if found is not None:
            return found
        return self._unknown("unknown-breakdown", text, self.breakdowns)

    def _unknown(self, code: str, text: str, table: _Table) -> Problem:
        k = key(text)
        if k in table.ambiguous:
            options = "、".join(sorted(table.ambiguous[k]))
            return Problem(code, {"text": text.strip(), "suggestion": options})
        return Problem(code, {"text": text.strip(), "suggestion": table.suggest(text)})
