"""Safe YAML reading for catalogues: no tags beyond plain data, bounded aliases and depth, and the
line and column of any node found by its path (for error messages)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from xyplan_cli.catalogue.rules import RULE_KINDS

try:  # the C loader is much faster; the pure-Python one is the fallback and the checking path
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _FastLoader  # type: ignore[assignment]

MAX_BYTES = 10_000_000
MAX_ALIASES = 1_000
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 200_000  # nodes after expanding aliases (an alias bomb expands to billions)
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\]}]", re.MULTILINE)


class YamlProblem(Exception):
    """The text cannot be used as a catalogue: code is `yaml-syntax` or `yaml-unsafe`."""

    def __init__(self, code: str, reason: str, line: int = 0, column: int = 0) -> None:
        super().__init__(reason)
        self.code, self.reason, self.line, self.column = code, reason, line, column


class _CheckingLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases and nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise YamlProblem("yaml-unsafe", f"more than {MAX_ALIASES} aliases", mark.line + 1,
                                  mark.column + 1)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise YamlProblem("yaml-unsafe", f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1,
                                  mark.column + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _problem(exc: yaml.YAMLError, source: str) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow: no mark
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        at = source.find(character)  # its first occurrence is the one reported (the C reader counts bytes)
        if at >= 0:
            line, column = source.count("\n", 0, at) + 1, at - source.rfind("\n", 0, at)
    text = " ".join(str(x) for x in (getattr(exc, "context", None), getattr(exc, "problem", None)) if x)
    if "could not determine a constructor for the tag" in str(exc):
        tag = re.search(r"tag '([^']*)'", str(exc))
        return YamlProblem("yaml-unsafe", f"tag {tag.group(1) if tag else ''} is not allowed", line, column)
    if "maximum nesting depth" in str(exc):  # PyYAML ≥ 6.0.4 stops deep flow nesting in its scanner
        return YamlProblem("yaml-unsafe", f"nesting deeper than {MAX_DEPTH} levels", line, column)
    return YamlProblem("yaml-syntax", text or str(exc).splitlines()[0], line, column)


def _check_depth(text: str) -> None:
    """Refuse deep nesting before constructing (the C constructor recurses without a limit)."""
    depth = 0
    for event in yaml.parse(text, Loader=_FastLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _mark(event.start_mark)
                raise YamlProblem("yaml-unsafe", f"nesting deeper than {MAX_DEPTH} levels", line, column)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    key = id(node)
    if key not in memo:
        memo[key] = 1  # guards against recursive aliases
        if isinstance(node, yaml.SequenceNode):
            memo[key] = 1 + sum(_expanded_size(n, memo) for n in node.value)
        elif isinstance(node, yaml.MappingNode):
            memo[key] = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    return memo[key]


def _load_checked(text: str) -> Any:
    loader = _CheckingLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, {}) > MAX_EXPANDED_NODES:
            raise YamlProblem("yaml-unsafe", f"aliases expand to more than {MAX_EXPANDED_NODES} nodes "
                              "(an alias bomb?)", node.start_mark.line + 1, node.start_mark.column + 1)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_text(text: str) -> Any:
    """Parse YAML text to plain data. Anchors send the text through the checking loader (alias, depth and
    expansion limits); plain text takes the fast C path after a depth check. Raises YamlProblem."""
    if len(text) > MAX_BYTES:
        raise YamlProblem("yaml-unsafe", f"file larger than {MAX_BYTES} bytes")
    try:
        if _ANCHOR.search(text):
            return _load_checked(text)
        _check_depth(text)
        return yaml.load(text, Loader=_FastLoader)
    except YamlProblem:
        raise
    except yaml.YAMLError as exc:
        raise _problem(exc, text) from None
    except RecursionError:
        raise YamlProblem("yaml-unsafe", "nesting too deep") from None


def compose(text: str) -> yaml.Node | None:
    """The node tree, for positions. Only called after load_text succeeded."""
    try:
        return yaml.compose(text, Loader=_CheckingLoader)
    except (yaml.YAMLError, YamlProblem, RecursionError):
        return None


def locate(root: yaml.Node | None, path: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node along `path`; path elements that name no node (such
    as a pydantic union tag) are skipped."""
    node = root
    best = _position(node)
    for part in path:
        if node is None:
            break
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    child = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
        if child is not None:
            node = child
            best = _position(node)
    return best


def _position(node: yaml.Node | None) -> tuple[int, int]:
    return _mark(node.start_mark if node is not None else None)


def _mark(mark: Any) -> tuple[int, int]:
    """1-based line and column of a YAML mark; (0, 0) when unknown."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def path_text(path: tuple[str | int, ...]) -> str:
    """`targets[3].rule.milestones[0].value` (a union tag after `rule` is left out)."""
    out = ""
    for n, part in enumerate(path):
        if n and path[n - 1] == "rule" and isinstance(part, str) and part in RULE_KINDS:
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
