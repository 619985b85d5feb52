"""Validate catalogue files: YAML → cross-checked models, or issues with file, line and YAML path."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from xyplan_cli.catalogue.loader import catalogue_files, shipped_path
from xyplan_cli.catalogue.model import Catalogue, Indicator, Plan, Region, Target, normalize_name
from xyplan_cli.catalogue.rules import GapNarrows, Relative
from xyplan_cli.issues import Issue

Path_ = tuple[str | int, ...]
_M = TypeVar("_M", bound=BaseModel)


@dataclass
class _File:
    """Problems found in one file, as YAML paths until positions are needed."""

    path: Path
    text: str = ""
    problems: list[tuple[Path_, str, dict[str, str]]] = field(default_factory=list)
    positioned: list[Issue] = field(default_factory=list)  # problems that carry their own position

    def add(self, where: Path_, code: str, **params: str) -> None:
        self.problems.append((where, code, params))

    def issues(self) -> list[Issue]:
        from xyplan_cli.catalogue.yamlsafe import compose, locate, path_text

        root = compose(self.text) if self.problems and self.text else None
        out = list(self.positioned)
        for where, code, params in self.problems:
            line, column = locate(root, where) if root is not None else (0, 0)
            out.append(Issue(code=code, file=str(self.path), line=line, column=column,
                             field=path_text(where) or None, params=params))
        return out


@dataclass
class _Parts:
    plans: list[Plan] = field(default_factory=list)
    indicators: list[tuple[Indicator, _File, Path_]] = field(default_factory=list)
    targets: list[tuple[Target, _File, Path_]] = field(default_factory=list)
    regions: list[tuple[Region, _File, Path_]] = field(default_factory=list)


def validate(path: Path) -> tuple[list[Issue], Catalogue | None]:
    """The catalogue at `path` (file or folder), or every problem of it sorted by file and line."""
    files = catalogue_files(path) if path.exists() else []
    if not files:
        reason = "no such file or folder" if not path.exists() else "no .yaml files"
        return [Issue(code="unreadable-file", file=str(path), params={"reason": reason})], None
    parts = _Parts()
    records = [_read_file(f, parts) for f in files]
    if not parts.regions and not any(f.name == "regions.yaml" for f in files):
        shipped = shipped_path() / "regions.yaml"
        records.append(_read_file(shipped, parts))
    if not parts.plans and not any(r.problems or r.positioned for r in records):
        records[0].add((), "schema", reason="no plan: a catalogue needs at least one file with a `plan:` block")
    _cross_check(parts)
    issues = sorted((i for r in records for i in r.issues()), key=Issue.sort_key)
    if issues:
        return issues, None
    plans = sorted(parts.plans, key=lambda p: (p.order, p.id))
    rank = {p.id: n for n, p in enumerate(plans)}
    catalogue = Catalogue(
        plans=tuple(plans),
        indicators=tuple(i for i, _, _ in parts.indicators),
        targets=tuple(sorted((t for t, _, _ in parts.targets), key=lambda t: rank[t.plan])),
        regions=tuple(r for r, _, _ in parts.regions),
    )
    return [], catalogue


def _path_text(path: Path_) -> str:
    from xyplan_cli.catalogue.yamlsafe import path_text

    return path_text(path)


def _read_file(path: Path, parts: _Parts) -> _File:
    from xyplan_cli.catalogue import yamlsafe  # YAML is parsed only when the cache has no catalogue

    record = _File(path)
    try:
        data = path.read_bytes()
        record.text = data.decode("utf-8-sig")
    except OSError as exc:
        record.add((), "unreadable-file", reason=exc.strerror or type(exc).__name__)
        return record
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        record.positioned.append(Issue(code="encoding-error", file=str(path), line=line, column=column,
                                       params={"encoding": "UTF-8", "reason": str(exc.reason)}))
        return record
    try:
        data = yamlsafe.load_text(record.text)
    except yamlsafe.YamlProblem as exc:
        record.positioned.append(Issue(code=exc.code, file=str(path), line=exc.line, column=exc.column,
                                       params={"reason": exc.reason}))
        return record
    if not isinstance(data, dict):
        record.add((), "schema", reason="a catalogue file is a mapping with plan/indicators/targets or regions")
        return record
    allowed = {"plan", "indicators", "targets", "regions"}
    for key in data:
        if key not in allowed:
            record.add((str(key),), "schema", reason=f"unknown top-level key '{key}' (allowed: "
                       f"{', '.join(sorted(allowed))})")
    plan = _validate(record, Plan, data.get("plan"), ("plan",)) if "plan" in data else None
    if plan is not None:
        parts.plans.append(plan)
    elif "targets" in data and "plan" not in data:
        record.add(("targets",), "schema", reason="targets need a `plan:` block in the same file")
    for key, model, bucket in (("indicators", Indicator, parts.indicators),
                               ("targets", Target, parts.targets),
                               ("regions", Region, parts.regions)):
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            record.add((key,), "schema", reason=f"{key}: expected a list")
            continue
        for n, item in enumerate(items):
            if model is Target and isinstance(item, dict) and plan is not None:
                item = {"plan": plan.id, **item}
            obj = _validate(record, model, item, (key, n))
            if obj is not None:
                bucket.append((obj, record, (key, n)))  # type: ignore[arg-type]
    return record


def _validate(record: _File, model: type[_M], data: Any, where: Path_) -> _M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        locs = [tuple(e["loc"]) for e in errors]
        for err in errors:
            loc = where + tuple(err["loc"])
            if any(other != err["loc"] and other[: len(err["loc"])] == err["loc"] for other in locs):
                continue  # a deeper error explains this one
            record.add(loc, "schema", reason=f"{_path_text(loc)}: {_reason(err)}")
        return None


def _reason(err: Any) -> str:
    kind, msg, loc = err["type"], err["msg"], err["loc"]
    if kind == "union_tag_invalid":
        return f"unknown rule kind {err['input'].get('kind')!r}; expected one of {err['ctx']['expected_tags']}"
    if kind == "union_tag_not_found":
        return "the rule needs a `kind`"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown field '{loc[-1]}'"
    if kind == "enum" and loc and loc[-1] == "unit":
        return f"unknown unit {err['input']!r}; expected one of {err['ctx']['expected']}"
    return f"{msg} (got {err.get('input')!r})" if not isinstance(err.get("input"), dict | list) else msg


def _unique(bucket: list[tuple[_M, _File, Path_]]) -> list[tuple[_M, _File, Path_]]:
    """The first of each id; later ones are duplicate-id problems, except an indicator that two plan files
    define identically (each plan file then stands alone)."""
    seen: dict[str, tuple[_M, _File, Path_]] = {}
    unique = []
    for item in bucket:
        obj, record, where = item
        key = str(getattr(obj, "code", None) or getattr(obj, "id", ""))
        if key not in seen:
            seen[key] = item
            unique.append(item)
        elif not (isinstance(obj, Indicator) and obj == seen[key][0] and record is not seen[key][1]):
            _, first_file, first_where = seen[key]
            record.add((*where, "id"), "duplicate-id", id=key,
                       other=f"{first_file.path.name} {_path_text(first_where)}")
    return unique


def _cross_check(parts: _Parts) -> None:
    """Ids unique across files; targets name defined indicators, domains and references."""
    parts.indicators = _unique(parts.indicators)
    parts.targets = _unique(parts.targets)
    parts.regions = _unique(parts.regions)
    names: dict[str, str] = {}
    for indicator, record, where in parts.indicators:
        for n, name in enumerate((indicator.name.zh, *indicator.aliases)):
            key = normalize_name(name)
            other = names.setdefault(key, indicator.id)
            if other != indicator.id:
                record.add(where + (("aliases", n - 1) if n else ("name", "zh")), "ambiguous-name", name=name,
                           id=indicator.id, other=other)
    indicators = {i.id for i, _, _ in parts.indicators}
    domains = {p.id: {d.id for d in p.domains} for p in parts.plans}
    for target, record, where in parts.targets:
        if target.indicator not in indicators:
            record.add((*where, "indicator"), "unknown-reference", what="indicator", id=target.indicator)
        if target.plan in domains and target.domain not in domains[target.plan]:
            record.add((*where, "domain"), "unknown-reference", what="domain", id=target.domain)
        rule = target.rule
        if isinstance(rule, Relative) and rule.reference != "previous" and rule.reference not in indicators:
            record.add((*where, "rule", "reference"), "unknown-reference", what="indicator", id=rule.reference)
        if isinstance(rule, GapNarrows):
            for group in rule.between:
                if target.breakdown and group not in target.breakdown:
                    record.add((*where, "rule", "between"), "unknown-reference", what="breakdown", id=group)
