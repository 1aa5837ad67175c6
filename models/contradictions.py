"""Contradictions between claims of different sources, by typed rules.

Blocking: only claims about the same subject (canonical key), the same predicate and
the same unit are compared, so cost grows with the size of each block, not with all
pairs. Quantities are compared as intervals (see models.quantities for the bounds and
typical readings of vague words):

conflict     the hard bounds are disjoint: both cannot be true;
discrepancy  the bounds overlap but the typical readings do not (七八百 against 上百).

Same event: claims that name different other parties (Microsoft investing in OpenAI vs
Microsoft investing in Japan) or dates more than EVENT_DAYS apart are different events,
not disagreements, and are not compared.

Severity grows with the relative gap between the two readings. Both sides are always
kept: nothing here decides which source is right.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import BaseModel

from models.ids import stable_id

DETECTOR = "interval-rules@1"
# Relative slack for a figure stated as approximate (约7000) and for rounding.
APPROX_SLACK = 0.10
EXACT_SLACK = 0.005
# Discrepancies whose typical readings nearly touch are noise, not news.
MIN_DISCREPANCY_SEVERITY = 0.1
EVENT_DAYS = 31


class QuantityFact(BaseModel):
    """One quantity of one claim, with what blocking and explanation need."""

    claim_id: str
    article_id: str
    source: str  # attributed_to, else the article's outlet
    subject_key: str
    predicate: str
    unit: str
    surface: str
    low: float | None
    high: float | None
    typical_low: float | None
    typical_high: float | None
    approx: bool
    object_keys: list[str] = []
    event_date: date | None = None


class Contradiction(BaseModel):
    contradiction_id: str
    kind: Literal["conflict", "discrepancy"]
    aspect: Literal["quantity", "date", "set", "text"]
    severity: float
    claim_a: str
    claim_b: str
    value_a: str
    value_b: str
    explanation: str
    detector: str = DETECTOR


Interval = tuple[float, float]


def _bounds(low: float | None, high: float | None, approx: bool) -> Interval:
    lo = -math.inf if low is None else low
    hi = math.inf if high is None else high
    slack = APPROX_SLACK if approx and lo == hi else EXACT_SLACK
    return lo * (1 - slack), hi * (1 + slack)


def _gap(a: Interval, b: Interval) -> float:
    """Relative gap between two disjoint intervals (0 when they overlap)."""
    lo_side, hi_side = (a, b) if a[1] < b[0] else (b, a)
    if lo_side[1] >= hi_side[0]:
        return 0.0
    top = hi_side[0]
    return (top - max(lo_side[1], 0.0)) / top if top > 0 else 1.0


def compare_quantities(a: QuantityFact, b: QuantityFact) -> Contradiction | None:
    bounds_a = _bounds(a.low, a.high, a.approx)
    bounds_b = _bounds(b.low, b.high, b.approx)
    gap = _gap(bounds_a, bounds_b)
    if gap > 0:
        kind: Literal["conflict", "discrepancy"] = "conflict"
        severity = 0.5 + 0.5 * gap
    else:
        typ_a = _bounds(_first(a.typical_low, a.low), _first(a.typical_high, a.high), a.approx)
        typ_b = _bounds(_first(b.typical_low, b.low), _first(b.typical_high, b.high), b.approx)
        gap = _gap(typ_a, typ_b)
        if gap * 0.5 < MIN_DISCREPANCY_SEVERITY:
            return None
        kind, severity = "discrepancy", 0.5 * gap
    first, second = sorted((a, b), key=lambda f: f.claim_id)
    return Contradiction(
        contradiction_id=stable_id(
            first.claim_id, second.claim_id, "quantity", first.surface, second.surface
        ),
        kind=kind,
        aspect="quantity",
        severity=round(min(severity, 1.0), 3),
        claim_a=first.claim_id,
        claim_b=second.claim_id,
        value_a=first.surface,
        value_b=second.surface,
        explanation=_explain(first, second, kind),
    )


def _first(x: float | None, y: float | None) -> float | None:
    return y if x is None else x


def _fmt(low: float | None, high: float | None) -> str:
    def n(v: float) -> str:
        return f"{v:,.0f}" if abs(v) >= 10 else f"{v:g}"

    if low is None and high is None:
        return "unbounded"
    if low is None:
        return f"at most {n(high)}"  # type: ignore[arg-type]
    if high is None:
        return f"at least {n(low)}"
    return n(low) if low == high else f"{n(low)}–{n(high)}"


def _explain(a: QuantityFact, b: QuantityFact, kind: str) -> str:
    def side(f: QuantityFact) -> str:
        typical = ""
        if (f.typical_low, f.typical_high) not in ((None, None), (f.low, f.high)):
            typical = f", usually read as {_fmt(f.typical_low, f.typical_high)}"
        return f"{f.source}: {f.surface} ({_fmt(f.low, f.high)} {f.unit}{typical})"

    how = (
        "the ranges do not overlap"
        if kind == "conflict"
        else "the ranges overlap only at the edge of the vaguer figure"
    )
    return f"{side(a)}; {side(b)} — {how}."


def same_event(a: QuantityFact, b: QuantityFact) -> bool:
    if (a.object_keys or b.object_keys) and a.object_keys != b.object_keys:
        return False
    if a.event_date and b.event_date:
        return abs((a.event_date - b.event_date).days) <= EVENT_DAYS
    return True


def find_contradictions(facts: Iterable[QuantityFact]) -> list[Contradiction]:
    """All contradictions among `facts`, comparing only within blocks of the same
    subject, predicate and unit, and only between different sources."""
    blocks: dict[tuple[str, str, str], list[QuantityFact]] = defaultdict(list)
    for f in facts:
        blocks[(f.subject_key, f.predicate, f.unit)].append(f)
    found: dict[str, Contradiction] = {}
    for block in blocks.values():
        for a, b in itertools.combinations(block, 2):
            if a.source == b.source or a.claim_id == b.claim_id or not same_event(a, b):
                continue
            c = compare_quantities(a, b)
            if c is not None:
                found.setdefault(c.contradiction_id, c)
    return sorted(found.values(), key=lambda c: (-c.severity, c.contradiction_id))
