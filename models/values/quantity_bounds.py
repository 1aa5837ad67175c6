"""How the words around a figure shape its interval: ranges (A~B, A到B), modifiers
(超过, 近, 不到, 以上 …) and the scaling of the result to the unit."""

from __future__ import annotations

import re
from typing import Any, Literal

from models.values.numerals import CN_CHARS, Reading, read_number, read_text
from models.values.quantity_patterns import (
    BIG_SUFFIX,
    LOWER_POST,
    LOWER_WORDS,
    NEARLY_WORDS,
    ORDER_END,
    UP_TO_WORDS,
    UPPER_POST,
    UPPER_WORDS,
)
from models.values.units import unit_of

Kind = Literal["exact", "approx", "range", "vague", "at_least", "at_most", "nearly", "up_to"]


def order_value(s: str) -> float:
    r = read_number(s)
    return r[0] if r else 1.0


def numeral_text(m: re.Match[str], g: str) -> str:
    return m.group("num" + g) + (m.group("tail" + g) or "") + (m.group("big" + g) or "")


def numeral_end(m: re.Match[str], g: str) -> int:
    return max(m.end("num" + g), m.end("tail" + g), m.end("big" + g))


def bare_one(numeral: str, unit_text: str) -> bool:
    """一位, 一家, 两 alone: the article "a" and figures of speech, not amounts. One of a
    time unit, money or a physical unit stays (一年之后, 一美元)."""
    if numeral not in ("一", "幺"):
        return False
    unit, _ = unit_of(None, unit_text)
    return unit in (None, "person", "count")


def range_bounds(
    m: re.Match[str], ra: Reading, a_text: str, unit_a: str
) -> tuple[float, float, str] | None:
    """(low, high, unit of b) of A~B, or None when the two sides are not one range."""
    b_text = numeral_text(m, "b")
    rb = read_text(b_text)
    unit_b = (m.group("unitb") or "").strip()
    if rb is None or (m.group("cpreb") and m.group("cpreb") != m.group("cprea")):
        return None
    if unit_a and unit_b and unit_of(None, unit_a)[0] != unit_of(None, unit_b)[0]:
        return None
    if m.group("sep") == "或" and not (unit_a or unit_b):
        return None
    low = ra.low
    suffix = BIG_SUFFIX.search(b_text)
    if re.fullmatch(rf"[{CN_CHARS}\d]", a_text):  # 两~3百, 八到九百亿: one digit takes it all
        suffix = ORDER_END.search(b_text)
    if suffix and not BIG_SUFFIX.search(a_text) and not ra.vague:
        widened = read_text(a_text + suffix.group())
        if widened is not None and widened.low <= rb.high:
            low = widened.low  # 两到三万 → 2万–3万
    if low > rb.high:
        return None
    return low, rb.high, unit_b


def digit_value(s: str | None) -> float:
    if not s:
        return 0.0
    r = read_number(s)
    return r[0] if r else 0.0


def modified(
    pre: str | None,
    post: str | None,
    low: float,
    high: float,
    t_low: float,
    t_high: float,
    kind: Kind,
    unit: str = "",
) -> tuple[float | None, float | None, float | None, float | None, Kind]:
    """Apply a modifier (超过, 近, 不到, 以上 …) to bounds and typical reading."""
    post = (post or "").replace("(含)", "").replace("（含）", "").strip()
    exact = low == high
    if pre in LOWER_WORDS or post in LOWER_POST:
        above = t_low * 1.5 if exact else t_high
        if exact and unit == "percent" and 0 < t_low < 100:
            above = min(above, 100.0)  # 70%以上 is read as 70–100 %
        return low, None, t_low, above, "at_least"
    if pre in UPPER_WORDS or post in UPPER_POST:
        return None, high, (t_high * 0.5 if exact else t_low), t_high, "at_most"
    if pre in NEARLY_WORDS:
        return 0.75 * low, high, 0.9 * t_high, t_high, "nearly"
    if pre in UP_TO_WORDS:
        return None, high, 0.9 * t_high, t_high, "up_to"
    return low, high, t_low, t_high, kind


def scaled_value(v: float | None, scale: float) -> float | None:
    if v is None:
        return None
    out = v * scale
    return float(round(out)) if abs(out - round(out)) < 1e-9 * max(1.0, abs(out)) else out


def scaled_reading(
    text: str,
    start: int,
    end: int,
    bounds: tuple[float | None, float | None, float | None, float | None],
    scale: float,
    unit: str,
    approx: bool,
    measure: str | None,
) -> dict[str, Any]:
    """A Quantity's fields for text[start:end]: bounds (low, high, typical low, typical
    high) times `scale`."""
    b_low, b_high, t_low, t_high = bounds
    return dict(
        surface=text[start:end],
        start=start,
        end=end,
        low=scaled_value(b_low, scale),
        high=scaled_value(b_high, scale),
        unit=unit,
        approx=approx,
        measure_word=measure,
        typical_low=scaled_value(t_low, scale),
        typical_high=scaled_value(t_high, scale),
    )
