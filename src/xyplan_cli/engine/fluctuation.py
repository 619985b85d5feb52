"""Strong fluctuation (波动较大) and warnings explained by a note (说明) on the rows behind them.

A series fluctuates strongly when its latest value differs from the previous year's by more than
`DEFAULT_FLUCTUATION` (30%, the change above which local reporting rules demand a written explanation)
of the previous value, or by more than the target's own `fluctuation`. Only consecutive years are
compared, and not where the previous value is 0. Counts, cumulative additions and gaps between groups
are small or derived numbers whose relative changes mean little, so they are not checked.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from xyplan_cli.engine.compare import shown
from xyplan_cli.engine.outcome import Ctx
from xyplan_cli.engine.words import say
from xyplan_cli.reader.dataset import Observation

DEFAULT_FLUCTUATION = 0.30
EXEMPT_KINDS = frozenset({"count", "cumulative", "gap_narrows"})


@dataclass(frozen=True)
class Jump:
    """A year-on-year change beyond the limit: from `before` to `after`, as a fraction of `before`."""

    before: Observation
    after: Observation
    change: float
    limit: float


def latest_jump(points: Sequence[Observation], limit: float) -> Jump | None:
    """The change into the latest year when it is larger than `limit` (relative, strictly)."""
    if len(points) < 2:
        return None
    before, after = points[-2], points[-1]
    if after.year - before.year != 1:
        return None
    old = before.value
    if old == 0:
        return None
    change = (after.value - old) / abs(old)
    return Jump(before, after, change, limit) if round(abs(change), 9) > limit else None


def jump_words(jump: Jump, ctx: Ctx) -> str:
    return say(ctx.lang, "jump", "volatile", change=f"{jump.change * 100:+.1f}%", prev_year=jump.before.year,
               year=jump.after.year, prev=shown(jump.before, ctx.unit), value=shown(jump.after, ctx.unit),
               limit=f"{jump.limit * 100:g}%")


def explanation(points: Sequence[Observation], years: Collection[int]) -> str | None:
    """The notes on the rows of `years`, oldest first, each once; None without any."""
    notes = [p.note for p in points if p.note and p.year in years]
    return "; ".join(dict.fromkeys(notes)) if notes else None
