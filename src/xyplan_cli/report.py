"""The report model: results per target × region × breakdown, the summaries (overall, per file), the exit code."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from xyplan_cli import collector
from xyplan_cli.catalogue.model import Catalogue
from xyplan_cli.reader.dataset import ReadResult, RowCounts

SCHEMA_VERSION = "1.0"

Verdict = Literal["pass", "warn", "fail"]
Status = Literal[
    "met",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "moving_away",
    "volatile",
    "insufficient_data",
    "no_data",
    "missed",
    "breached",
]

VERDICT_OF: dict[str, Verdict] = {
    "met": "pass",
    "on_track": "pass",
    "acceleration_needed": "warn",
    "limited_progress": "warn",
    "moving_away": "warn",
    "volatile": "warn",
    "insufficient_data": "warn",
    "no_data": "warn",
    "missed": "fail",
    "breached": "fail",
}


class _Model(BaseModel):
    # Schemas are built on first validation, not at import: a run that only constructs trusted results
    # (`trusted`) and writes JSON (`write_json`) never pays for them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Point(_Model):
    year: int
    value: float
    bound: str | None = None  # ">95" for a bounded value
    note: str | None = None


class MilestoneCheck(_Model):
    """A requirement judged in one year: what was required, what was observed, whether it was met."""

    year: int
    required: str
    observed: float | None
    met: bool | None


class Milestone(_Model):
    """A numeric requirement of the target: the value due by `year`, in the target's unit (for charts)."""

    year: int
    value: float


class Result(_Model):
    target_id: str
    plan: str
    domain: str
    indicator: str
    name: str
    region: str
    region_code: str
    breakdown: str
    verdict: Verdict
    status: Status
    latest: Point | None
    unit: str
    requirement: str
    deadline: int
    threshold: float | None = None
    gap: float | None = None
    ratio: float | None = None
    projected: float | None = None
    explained: str | None = None
    reason: str
    series: tuple[Point, ...] = ()
    history: tuple[MilestoneCheck, ...] = ()
    milestones: tuple[Milestone, ...] = ()  # the target's numeric milestones, last = final deadline


class IssueOut(_Model):
    file: str
    line: int
    column: int
    code: str
    severity: str
    field: str | None
    message: str


class DomainInfo(_Model):
    id: str
    name: str


class PlanInfo(_Model):
    """A plan's and its domains' names in the report's language, in catalogue order (the group order)."""

    id: str
    name: str
    domains: tuple[DomainInfo, ...]


class FileSummary(_Model):
    """One file read (`xyplan check --by file`): its rows, the issues in it, and the verdicts of the results
    whose series have observations from it (up to the year evaluated). A series fed by two files counts for
    both; a result without data counts for no file."""

    file: str
    rows: RowCounts
    issues: dict[str, int]  # error, warning, info: always all three keys
    verdicts: dict[str, int]  # pass, warn, fail: always all three keys


def _optional_array(schema: dict[str, Any]) -> None:
    """`files` is absent from a report without `--by file`, never null: its schema is the array alone."""
    schema.update(next(s for s in schema.pop("anyOf") if s.get("type") == "array"))
    schema.pop("default", None)


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    as_of: int | None
    lang: Literal["zh", "en"]
    plans: tuple[PlanInfo, ...] = ()
    rows: RowCounts
    issues: tuple[IssueOut, ...]
    summary: dict[str, int]
    files: tuple[FileSummary, ...] | None = Field(default=None, json_schema_extra=_optional_array)
    results: tuple[Result, ...]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"files"} if self.files is None else None)

    def to_json(self) -> str:
        """The JSON contract: byte for byte `json.dumps(self.to_dict(), ensure_ascii=False, indent=2)` and a
        newline, written by `write_json` (several times faster than the generic encoder)."""
        parts: list[str] = []
        with collector.paused():
            write_json(self, parts.append)
        return "".join(parts)


_M = TypeVar("_M", bound=BaseModel)


def trusted(cls: type[_M], **values: Any) -> _M:
    """An instance of a report model from values that already have the field types (floats as float,
    tuples of models), without validation: the engine builds one `Result` per series, millions of
    `Point`s on a national file, all from data it has checked itself. Every field must be given."""
    return trusted_from(cls, values)


def trusted_from(cls: type[_M], values: dict[str, Any]) -> _M:
    """`trusted` from a dict the caller made and gives away: once per series, a dict literal of a
    `Result`'s 23 fields costs a third of binding them as keyword arguments."""
    obj = _new(cls)
    _SET_DICT(obj, values)
    # Every field is given, so every instance has the same fields set: one set per class is shared
    # (pydantic only adds to it, on assignment, which frozen models refuse) instead of one per instance.
    fields = _FIELD_SETS.get(cls)
    if fields is None:
        fields = _FIELD_SETS[cls] = set(cls.model_fields)
    # BaseModel's slots, set through their descriptors (no attribute lookup by name).
    _SET_FIELDS(obj, fields if len(values) == len(fields) else set(values))
    _SET_EXTRA(obj, None)
    _SET_PRIVATE(obj, None)
    return obj


def trusted_point(values: dict[str, Any]) -> Point:
    """`trusted_from(Point, values)`: the engine's points (~5,000 on a typical drop, ~50,000 nationally)."""
    return trusted_from(Point, values)


_new = object.__new__  # BaseModel has no `__new__` of its own
_FIELD_SETS: dict[type, set[str]] = {}
_SET_DICT = vars(BaseModel)["__dict__"].__set__
_SET_FIELDS = vars(BaseModel)["__pydantic_fields_set__"].__set__
_SET_EXTRA = vars(BaseModel)["__pydantic_extra__"].__set__
_SET_PRIVATE = vars(BaseModel)["__pydantic_private__"].__set__


# -- JSON -----------------------------------------------------------------------------------------------
# The same bytes as `json.dumps(model_dump(mode="json"), ensure_ascii=False, indent=2)`, from the same
# primitives (`encode_basestring`, `float.__repr__`), but without the generic encoder's per-value
# generator machinery; the hot records (points, checks) have their own templates.

def _float(x: float) -> str:
    if x != x:
        return "NaN"
    if x == _INF:
        return "Infinity"
    if x == -_INF:
        return "-Infinity"
    return _repr(x)


_INF = float("inf")
_repr = float.__repr__


def _text(x: str | None) -> str:
    return "null" if x is None else encode_basestring(x)


def _encode(value: Any, indent: str) -> str:
    """One value at nesting `indent` (the indentation of the line it starts on)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is float:
        return _float(value)
    if kind is int:
        return int.__repr__(value)
    if kind is Result:
        return _result(value, indent)
    if isinstance(value, BaseModel):
        d = value.__dict__
        return _object([(name, d[name]) for name in _fields(kind)], indent)
    if isinstance(value, dict):
        return _object(list(value.items()), indent)
    if isinstance(value, list | tuple):
        return _array(value, indent)
    if isinstance(value, str):  # a str subclass (an enum value)
        return encode_basestring(str(value))
    if isinstance(value, float):
        return _float(float(value))
    if isinstance(value, int):
        return int.__repr__(int(value))
    raise TypeError(f"cannot write {kind.__name__} as JSON")


def _object(items: list[tuple[str, Any]], indent: str) -> str:
    if not items:
        return "{}"
    inner = indent + "  "
    body = ",\n".join(f"{inner}{encode_basestring(k)}: {_encode(v, inner)}" for k, v in items)
    return f"{{\n{body}\n{indent}}}"


def _array(values: list[Any] | tuple[Any, ...], indent: str) -> str:
    if not values:
        return "[]"
    inner = indent + "  "
    first = values[0]
    if type(first) is Point or type(first) is MilestoneCheck:
        return _records(values, indent)
    if type(first) is Milestone and all(type(v) is Milestone for v in values):
        i = inner + "  "
        body = ",\n".join(f'{inner}{{\n{i}"year": {_number(v.__dict__["year"])},\n{i}"value": '
                           f'{_number(v.__dict__["value"])}\n{inner}}}' for v in values)
    else:
        body = ",\n".join(inner + _encode(v, inner) for v in values)
    return f"[\n{body}\n{indent}]"


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(cls.model_fields)  # type: ignore[attr-defined]
    return names


def _number(x: Any) -> str:
    kind = type(x)
    if kind is float:
        return _float(x)
    if kind is int:
        return int.__repr__(x)
    if x is None:
        return "null"
    return _encode(x, "")


# Text of a point or a milestone check by the object itself (the engine gives equal points and equal checks
# as the same object): indent → id(record) → text. `_KEPT` holds every record with a text here, so that no
# other object can take its id while the entry exists: an id found is always that record.
_RECORD_TEXTS: dict[str, dict[int, str]] = {}
_KEPT: list[Point | MilestoneCheck] = []


def _record_texts(indent: str) -> dict[int, str]:
    texts = _RECORD_TEXTS.get(indent)
    if texts is None:
        texts = _RECORD_TEXTS[indent] = {}
    return texts


def _record(value: Any, indent: str) -> str:
    """A point or a milestone check (from the cache or written and remembered), or any other array item."""
    kind = type(value)
    if kind is not Point and kind is not MilestoneCheck:
        return indent + _encode(value, indent)
    texts = _record_texts(indent)
    text = texts.get(id(value))
    if text is not None:
        return text
    text = _point_text(value.__dict__, indent) if kind is Point else _milestone_check(value, indent)
    if len(texts) < 120_000:
        texts[id(value)] = text
        _KEPT.append(value)
    return text


def _records(values: list[Any] | tuple[Any, ...], indent: str) -> str:
    """An array of a result's points or checks. A national report has ~11 points and ~2 checks a result:
    the known ones are looked up inline (a function call per item cost more than the rest of the result)."""
    if not values:
        return "[]"
    inner = indent + "  "
    get = _record_texts(inner).get
    body = ",\n".join([get(id(v)) or _record(v, inner) for v in values])
    return f"[\n{body}\n{indent}]"


def _point_text(d: dict[str, Any], indent: str) -> str:
    i = indent + "  "
    return (f'{indent}{{\n{i}"year": {_number(d["year"])},\n{i}"value": {_number(d["value"])},\n'
            f'{i}"bound": {_text(d["bound"])},\n{i}"note": {_text(d["note"])}\n{indent}}}')


def _milestone_check(h: MilestoneCheck, indent: str) -> str:
    d = h.__dict__
    i = indent + "  "
    return (f'{indent}{{\n{i}"year": {_number(d["year"])},\n{i}"required": {_text(d["required"])},\n'
            f'{i}"observed": {_number(d["observed"])},\n{i}"met": {_number(d["met"])}\n{indent}}}')


_NAMES: dict[str, str] = {}  # encoded names, ids, verdicts and requirements: the same few for every result


def _name(x: str) -> str:
    found = _NAMES.get(x)
    if found is None:
        found = encode_basestring(x)
        if len(_NAMES) < 50_000:
            _NAMES[x] = found
    return found


_ARRAYS: dict[tuple[int, str], tuple[tuple[Any, ...], str]] = {}  # a target's milestones, written once


def _shared_array(values: tuple[Any, ...], indent: str) -> str:
    """An array that many results share as the same object (a target's milestones)."""
    key = (id(values), indent)
    found = _ARRAYS.get(key)
    if found is not None and found[0] is values:
        return found[1]
    text = _array(values, indent)
    if len(_ARRAYS) < 10_000:
        _ARRAYS[key] = (values, text)
    return text


def _result(r: Result, indent: str) -> str:
    d = r.__dict__
    i = indent + "  "
    n = _name
    latest = d["latest"]
    return (
        f'{{\n{i}"target_id": {n(d["target_id"])},\n{i}"plan": {n(d["plan"])},\n'
        f'{i}"domain": {n(d["domain"])},\n{i}"indicator": {n(d["indicator"])},\n'
        f'{i}"name": {n(d["name"])},\n{i}"region": {n(d["region"])},\n'
        f'{i}"region_code": {n(d["region_code"])},\n{i}"breakdown": {n(d["breakdown"])},\n'
        f'{i}"verdict": {n(d["verdict"])},\n{i}"status": {n(d["status"])},\n'
        f'{i}"latest": {"null" if latest is None else _record(latest, i)[len(i):]},\n'
        f'{i}"unit": {n(d["unit"])},\n{i}"requirement": {n(d["requirement"])},\n'
        f'{i}"deadline": {_number(d["deadline"])},\n{i}"threshold": {_number(d["threshold"])},\n'
        f'{i}"gap": {_number(d["gap"])},\n{i}"ratio": {_number(d["ratio"])},\n'
        f'{i}"projected": {_number(d["projected"])},\n{i}"explained": {_text(d["explained"])},\n'
        f'{i}"reason": {encode_basestring(d["reason"])},\n{i}"series": {_records(d["series"], i)},\n'
        f'{i}"history": {_records(d["history"], i)},\n{i}"milestones": {_shared_array(d["milestones"], i)}\n'
        f'{indent}}}')


def encode_result(result: Result) -> str:
    """One result as it stands in the report's `results` array."""
    return _encode(result, "    ")


RESULT_SEPARATOR = ",\n    "  # between two encoded results in the report's `results` array


def write_json(report: Report, write: Callable[[str], object], results: Iterable[str] | None = None, *,
               joined: bool = False) -> None:
    """Write `report` as its JSON contract in pieces. `results`, when given, are the already encoded
    (`encode_result`) results to write instead of `report.results`: a national report is hundreds of MB
    and is written as it is made, never held whole. With `joined`, `results` are consecutive pieces of
    the encoded results already joined by `RESULT_SEPARATOR` (a streamed report's spill file read back
    in large chunks, not split into results again): written as they are."""
    head = [(name, getattr(report, name)) for name in Report.model_fields
            if name != "results" and not (name == "files" and report.files is None)]
    text = _object(head, "")
    write(text[:-2])  # without the closing "\n}"
    items = (encode_result(r) for r in report.results) if results is None else results
    first = True
    for item in items:
        if first:
            write(',\n  "results": [\n    ')
        elif not joined:
            write(RESULT_SEPARATOR)
        write(item)
        first = False
    write(',\n  "results": []\n}\n' if first else "\n  ]\n}\n")


def summarize(results: Iterable[Result]) -> dict[str, int]:
    """Counts per verdict (pass, warn, fail), always all three keys, plus `explained` warnings."""
    counts = {"pass": 0, "warn": 0, "fail": 0, "explained": 0}
    for r in results:
        count(counts, r)
    return counts


def count(counts: dict[str, int], r: Result) -> None:
    """Add one result to `summarize`'s counts."""
    counts[r.verdict] += 1
    if r.verdict == "warn" and r.explained:
        counts["explained"] += 1


class FileTally:
    """`Report.files`, counted one result at a time (`add`, or `watch` an iterator of results): a streamed
    national report is never held whole, so neither are its results here."""

    def __init__(self, catalogue: Catalogue, read: ReadResult, as_of: int | None) -> None:
        self.read = read
        self.as_of = as_of
        self.verdicts = {f: {"pass": 0, "warn": 0, "fail": 0} for f in read.files}
        self.series = {t.id: t.reads for t in catalogue.targets}  # the series each target's results read

    def add(self, result: Result) -> None:
        """Count `result` for every file that holds one of its observations up to the year evaluated."""
        if self.as_of is None:
            return  # no data at all
        get = self.read.dataset.get
        tables = set()
        for indicator, breakdown in self.series.get(result.target_id, ((result.indicator, None),)):
            for obs in get(indicator, result.region_code, breakdown or result.breakdown):
                if obs.year > self.as_of:
                    break  # sorted by year
                tables.add(obs.file)
        for file in {self.read.file(t) for t in tables}:
            counts = self.verdicts.setdefault(file, {"pass": 0, "warn": 0, "fail": 0})
            counts[result.verdict] += 1

    def watch(self, results: Iterable[Result]) -> Iterator[Result]:
        """`results` as they are, each counted on its way through."""
        for result in results:
            self.add(result)
            yield result

    def summaries(self) -> tuple[FileSummary, ...]:
        """One summary per file, in the order the files were read."""
        issues = {f: {"error": 0, "warning": 0, "info": 0} for f in self.read.files}
        for issue in self.read.issues:
            file = self.read.file(issue.file)
            if file in issues:
                issues[file][issue.severity] += 1
        none = RowCounts.model_construct()
        return tuple(trusted(FileSummary, file=f, rows=self.read.file_rows.get(f, none), issues=issues[f],
                             verdicts=self.verdicts[f]) for f in self.read.files)


def file_summaries(catalogue: Catalogue, read: ReadResult, results: Iterable[Result],
                   as_of: int | None) -> tuple[FileSummary, ...]:
    """Per file read: rows, issues and the verdicts of the results with data from it (see `FileSummary`)."""
    tally = FileTally(catalogue, read, as_of)
    for result in results:
        tally.add(result)
    return tally.summaries()


def exit_code(report: Report, fail_on: Literal["warn", "fail"] = "fail") -> int:
    """2 for unusable input (any error issue: rejected row, unreadable file); else 1 for a FAIL (or an
    unexplained WARN with fail_on="warn"); else 0. 2 outranks 1."""
    if report.rows.rejected or any(i.severity == "error" for i in report.issues):
        return 2
    summary = report.summary  # a streamed report (`api.check(write=...)`) has its counts but no results
    if summary.get("fail", 0) > 0 or any(r.verdict == "fail" for r in report.results):
        return 1
    unexplained = summary.get("warn", 0) - summary.get("explained", 0) > 0 or any(
        r.verdict == "warn" and not r.explained for r in report.results)
    if fail_on == "warn" and unexplained:
        return 1
    return 0
