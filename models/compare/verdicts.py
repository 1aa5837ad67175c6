"""Typed comparison of two aligned facts, with one sentence a journalist can use.

Quantities are intervals (models.values.quantities gives hard bounds and a typical reading):

conflict     the hard bounds are disjoint: both cannot be true;
discrepancy  the bounds overlap but the typical readings do not (七八百 against 上百,
             which is usually read as a hundred-odd); never when a side is open (超过1亿
             is true of 两亿).

Dates are day intervals (a month or a year when that is all the text says): disjoint
by at most DATE_NEAR_DAYS is a discrepancy (a reporting-day slip), further a conflict.

Sets: a closed list (美国或澳大利亚) against another list naming members it lacks is a
discrepancy (a conflict when they share none); an open list (…等) only bounds the set
from below, so two open lists never disagree.

Severity grows with the relative gap. Nothing here decides which side is right.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Literal

from models.compare.blocking import DateFact, QuantityFact, SetFact
from models.script import fold

Kind = Literal["conflict", "discrepancy"]
Verdict = tuple[Kind, float, str]  # kind, severity 0..1, explanation

# Relative slack for a figure stated as approximate (约7000) and for rounding.
APPROX_SLACK = 0.10
EXACT_SLACK = 0.005
# Discrepancies whose typical readings nearly touch are noise, not news.
MIN_DISCREPANCY_SEVERITY = 0.1
DATE_NEAR_DAYS = 3

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


def _or(x: float | None, y: float | None) -> float | None:
    return y if x is None else x


def _typical(f: QuantityFact) -> Interval:
    return _bounds(_or(f.typical_low, f.low), _or(f.typical_high, f.high), f.approx)


def _rounded_same(a: QuantityFact, b: QuantityFact) -> bool:
    """One exact figure is the other written to fewer digits (8.8万台 for 88,898, $69bn
    for $68.7bn, 33萬 for 33.8萬): truncated or rounded at the rounder one's last
    digit. A one-digit figure (1万 against 12,000) is a different figure."""
    if a.low is None or b.low is None or a.low != a.high or b.low != b.high or a.unit != b.unit:
        return False
    x, y = (a.low, b.low) if _unit(a.low) >= _unit(b.low) else (b.low, a.low)
    u = _unit(x)
    if u <= 1 or x / u < 10:
        return False
    return math.floor(y / u) == x / u or round(y / u) == x / u


def _unit(v: float) -> float:
    """The place of the last non-zero digit of a whole number (88000 → 1000)."""
    if v <= 0 or v != int(v):
        return 1.0
    n, u = int(v), 1
    while n % 10 == 0:
        n //= 10
        u *= 10
    return float(u)


def compare_quantities(a: QuantityFact, b: QuantityFact) -> Verdict | None:
    if _rounded_same(a, b):
        return None
    gap = _gap(_bounds(a.low, a.high, a.approx), _bounds(b.low, b.high, b.approx))
    if gap > 0:
        return "conflict", min(1.0, 0.5 + 0.5 * gap), _explain_quantities(a, b, "conflict")
    if None in (a.low, a.high, b.low, b.high):
        return None  # "over $100m" is true of $200m: an open bound is not a typical reading
    gap = _gap(_typical(a), _typical(b))
    if gap * 0.5 < MIN_DISCREPANCY_SEVERITY:
        return None
    return "discrepancy", 0.5 * gap, _explain_quantities(a, b, "discrepancy")


def _num(v: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(v) >= size:
            return f"{v / size:,.4g} {word}"
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:g}"


_ABOUT = re.compile(r"约|約|左右|上下|about|around|roughly", re.IGNORECASE)
_UNIT_WORDS = {"person": "people", "percent": "%", "multiple": "times", "year": "years"}


def _range(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return "any number"
    if low is None:
        return f"under {_num(high)}"  # type: ignore[arg-type]
    if high is None:
        return f"over {_num(low)}"
    return _num(low) if low == high else f"{_num(low)}–{_num(high)}"


def _reading(f: QuantityFact) -> str:
    """'about 700–800 people', 'USD 1.25 billion', '100–999 people, usually 100–199'."""
    unit = _UNIT_WORDS.get(f.unit, f.measure_word if f.unit == "count" else f.unit) or ""
    text = _range(f.low, f.high)
    if f.approx and (f.low == f.high or _ABOUT.search(f.surface)):
        text = f"about {text}"
    text = (
        f"{f.unit} {text}" if f.unit.isupper() else f"{text}{unit if unit == '%' else ' ' + unit}"
    )
    typical = (f.typical_low, f.typical_high)
    if typical != (None, None) and typical != (f.low, f.high):
        text += f", usually read as {_range(*typical)}"
    return text.strip()


def _explain_quantities(a: QuantityFact, b: QuantityFact, kind: Kind) -> str:
    sides = f"{a.source}: {a.surface} ({_reading(a)}); {b.source}: {b.surface} ({_reading(b)})"
    if kind == "conflict":
        return f"{sides} — the ranges do not overlap: both cannot be true."
    width = {id(f): _width(f) for f in (a, b)}
    vague, precise = (a, b) if width[id(a)] >= width[id(b)] else (b, a)
    where = "top" if _typical(precise)[0] > _typical(vague)[1] else "bottom"
    return (
        f"{sides} — the figures overlap only at the {where} of the vaguer range ({vague.surface})."
    )


def _width(f: QuantityFact) -> float:
    lo, hi = _bounds(f.low, f.high, f.approx)
    return math.inf if math.isinf(lo) or math.isinf(hi) else (hi - lo) / max(abs(hi), 1e-9)


def compare_dates(a: DateFact, b: DateFact) -> Verdict | None:
    if a.start <= b.end and b.start <= a.end:
        return None
    days = (b.start - a.end).days if a.end < b.start else (a.start - b.end).days
    role = {"news": "when the news came out", "deadline": "the deadline"}.get(a.role, "the date")
    sides = f"{a.source}: {a.surface} ({_day(a)}); {b.source}: {b.surface} ({_day(b)})"
    if a.start != a.end or b.start != b.end:  # a month or a year: say so, not in days
        return "conflict", min(1.0, 0.5 + days / 365), f"{sides} — different dates for {role}."
    if days <= DATE_NEAR_DAYS:
        why = f"{days} day{'s' if days > 1 else ''} apart on {role}."
        return "discrepancy", round(0.2 + 0.1 * days, 3), f"{sides} — {why}"
    return (
        "conflict",
        min(1.0, 0.5 + days / 365),
        f"{sides} — {days} days apart on {role}: both cannot be true.",
    )


def _day(f: DateFact) -> str:
    if f.start == f.end:
        return f.start.isoformat()
    if f.end == date.max:
        return f"from {f.start}"
    return f"until {f.end}" if f.start == date.min else f"{f.start} to {f.end}"


def compare_sets(a: SetFact, b: SetFact) -> Verdict | None:
    if a.open and b.open:
        return None
    if a.members == b.members:
        return None
    only_a, only_b = a.members - b.members, b.members - a.members
    # An open list only says "at least these": it disagrees only by naming more than a
    # closed list allows.
    if (a.open and not only_a) or (b.open and not only_b):
        return None
    shared = a.members & b.members
    kind: Kind = "discrepancy" if shared else "conflict"
    severity = 0.3 + 0.4 * (1 - len(shared) / len(a.members | b.members))
    if kind == "conflict":
        severity = max(severity, 0.6)

    def show(f: SetFact) -> str:
        how = "including" if f.open else "only"
        return f"{f.source}: {f.surface} ({how} {', '.join(f.items)})"

    extra = [
        f"{', '.join(_items(f, names))} only in {f.source}'s list"
        for f, names in ((a, only_a), (b, only_b))
        if names
    ]
    return kind, round(severity, 3), f"{show(a)}; {show(b)} — {'; '.join(extra)}."


def _items(f: SetFact, members: frozenset[str]) -> list[str]:
    return [i for i in f.items if fold(i).lower() in members]
