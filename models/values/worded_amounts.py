"""Amounts written in words: 百分之N, hundreds of, a dozen, two million. Each reader
returns the fields of a models.values.quantities.Quantity."""

from __future__ import annotations

import re
from typing import Any

from models.values.numerals import EN_ORDERS, EN_WORD_SCALES, en_words_value, read_text
from models.values.quantity_bounds import Kind, modified, scaled_reading
from models.values.quantity_patterns import (
    APPROX_WORDS,
    EN_COUNTED_AFTER,
    EN_PREFIX,
    EN_PREFIX_WORD,
    EN_UNIT_AFTER,
    PREFIX_BEFORE,
    WHO_AFTER,
)
from models.values.units import unit_of


def percent_reading(m: re.Match[str], folded: str, text: str) -> dict[str, Any] | None:
    r = read_text(m.group("pnum"))
    if r is None:
        return None
    start = m.start()
    negative = 1 if folded[start - 1 : start] == "负" else 0
    if folded[max(0, start - 2) : start] == "负的":
        negative = 2  # 负的百分之二十
    start -= negative
    pm = PREFIX_BEFORE.search(folded, max(0, start - 4), start)
    pre = pm.group().strip() if pm else None
    start = pm.start() if pm else start
    div = {"百分之": 1.0, "百分": 1.0, "千分之": 10.0, "万分之": 100.0}[m.group("per")]
    low, high = r.low / div, r.high / div
    r2 = read_text(m.group("pnum2")) if m.group("pnum2") else None
    ranged = r2 is not None and r2.high / div >= low
    if r2 is not None and ranged:
        high = r2.high / div  # 百分之三十到四十一
    if negative:
        low, high = -high, -low
    b_low, b_high, t_low, t_high, kind = modified(
        pre,
        m.group("post"),
        low,
        high,
        low,
        high,
        "range" if ranged else "vague" if r.vague else "exact",
        "percent",
    )
    approx = kind != "exact" or pre in APPROX_WORDS or m.group("post") == "左右"
    return dict(
        surface=text[start : m.end()],
        start=start,
        end=m.end(),
        low=b_low,
        high=b_high,
        unit="percent",
        approx=approx,
        typical_low=t_low,
        typical_high=t_high,
    )


def english_vague(m: re.Match[str], text: str) -> dict[str, Any]:
    """hundreds of, tens of millions of dollars, a dozen, more than a dozen."""
    unit = "count"
    eunit = (m.group("eunit") or "").lower()
    if eunit:
        unit = unit_of(None, eunit)[0] or "count"
    if m.group("dozen"):
        low = high = t_low = t_high = 12.0
        kind: Kind = "approx"
    else:
        word = (m.group("ord") or m.group("ord2")).lower()
        u = EN_ORDERS.get(word.rstrip("s"), EN_ORDERS.get(word, 12.0))
        if m.group("tens"):
            u *= 10.0 if m.group("tens").lower().startswith("tens") else 100.0
        if word == "dozens":
            low, high, t_low, t_high = 24.0, 144.0, 24.0, 60.0
        else:
            low, high, t_low, t_high = 2 * u, 10 * u, 2 * u, 5 * u
        kind = "vague"
    pre = EN_PREFIX_WORD.get((m.group("pre") or "").strip().lower())
    b_low, b_high, t_low2, t_high2, _ = modified(pre, None, low, high, t_low, t_high, kind)
    return dict(
        surface=text[m.start() : m.end()],
        start=m.start(),
        end=m.end(),
        low=b_low,
        high=b_high,
        unit=unit,
        approx=True,
        measure_word=eunit or None,
        typical_low=t_low2,
        typical_high=t_high2,
    )


def english_words(m: re.Match[str], folded: str, text: str) -> dict[str, Any] | None:
    """Two million, Twelve people, nearly two million, half a million, six who died.

    A number with a scale word is an amount like 2 million. Without one (eight, nine) it
    is an amount only with a counted noun (eight people), "who" (six who died: people) or
    a modifier (at least nine), as a bare 9 is not either. "one" never is without a
    scale word: one of the, one day and no one are not counts."""
    read = en_words_value(m.group("words"))
    if read is None:
        return None
    value, scaled = read
    lead = (m.group("lead") or "").lower()
    if lead.startswith("half"):
        value /= 2
    first = m.group("words").split()[0].lower()
    if (first in EN_WORD_SCALES and not lead) or (value == 1 and not scaled):
        return None  # Hundred Years' War, Million Man March; one
    start, end = m.start(), m.end()
    counted = EN_COUNTED_AFTER.match(folded, end)
    unit_m = None if counted else EN_UNIT_AFTER.match(folded, end)
    en = EN_PREFIX.search(folded, max(0, start - 16), start)
    pre = EN_PREFIX_WORD[en.group().strip().lower()] if en else None
    who = not (counted or unit_m) and WHO_AFTER.match(folded, end)
    if not (scaled or counted or unit_m or who or pre):
        return None
    unit, scale, measure = "count", 1.0, None
    if (hit := counted or unit_m) is not None:
        noun = hit.group("noun")
        unit_found, scale = unit_of(None, noun)
        unit, measure, end = unit_found or "count", noun, hit.end()
        if unit not in ("person", "count", "year", "month", "day", "s"):
            measure = None  # as for figures: an age (years old) and a count keep the word
    elif who:
        unit = "person"
    if en:
        start = en.start()
    b_low, b_high, t_low, t_high, kind = modified(
        pre, None, value, value, value, value, "exact", unit
    )
    approx = kind != "exact" or pre in APPROX_WORDS
    return scaled_reading(
        text, start, end, (b_low, b_high, t_low, t_high), scale, unit, approx, measure
    )
