"""Amounts in Chinese and English news as normalized intervals.

First cut for the pipeline's vertical slice: Arabic and Chinese numerals with 万/亿,
the vague words of the Microsoft headcount story (数百, 上百, 数以百计, 七八百) and the
common units. Its own issue makes it complete.

Interval conventions (low, high; None = unbounded):

Each amount has hard bounds (what the words can possibly mean) and a typical reading
(what a reader takes them to mean). Sources conflict when their bounds are disjoint and
are in discrepancy when only their typical readings are.

| words            | bounds        | typical      | why                                         |
|------------------|---------------|--------------|---------------------------------------------|
| 数百 / 几百      | [200, 999]    | [200, 500]   | "several hundred": a few hundred, < 1000    |
| 上百             | [100, 999]    | [100, 199]   | "reaching a hundred": a hundred-odd          |
| 数以百计         | [100, 999]    | [100, 500]   | "counted in hundreds"                       |
| 七八百           | [700, 800]    | same         | two adjacent digits give the range they name |
| 约 / 大约 / 左右 | value, approx=True  | the figure is kept; comparison allows slack      |
| 超过 / 逾 / 以上 | [value, None]       | a lower bound only                               |
| 近 / 不到 / 不足 | [None, value]       | an upper bound only                              |
"""

from __future__ import annotations

import re

from pydantic import BaseModel

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}

_UNITS: list[tuple[str, str]] = [
    (r"美元|美金", "USD"),
    (r"人民币元|元人民币|人民币|元", "CNY"),
    (r"港元", "HKD"),
    (r"欧元", "EUR"),
    (r"日元", "JPY"),
    (r"%|％", "percent"),
    (r"倍", "multiple"),
    (r"名|人|位|员工|工程师|研究人员", "person"),
    (r"kW|千瓦", "kW"),
    (r"MW|兆瓦", "MW"),
    (r"岁", "year"),
    (r"家|个|張|张|块|款", "count"),
]
_SI = {"kW": ("W", 1e3), "MW": ("W", 1e6)}

_CN_NUM = "零〇一二两兩三四五六七八九十百千"
_NUMBER = (
    rf"(?P<vague>数以(?P<vu>[十百千万])计|数(?P<du>[十百千万])|几(?P<ju>[十百千])|上(?P<su>[百千万])"
    rf"|(?P<d1>[一二三四五六七八九])(?P<d2>[一二三四五六七八九])(?P<ru>[十百千万]))"
    rf"|(?P<arabic>\d+(?:[,，]\d{{3}})*(?:\.\d+)?)"
    rf"|(?P<cn>[{_CN_NUM}]+)"
)
_QUANTITY = re.compile(
    rf"(?P<prefix>大约|约|近|将近|超过|逾|不到|不足|至少)?"
    rf"(?:{_NUMBER})\s*(?P<big>[万萬亿億]+)?\s*(?P<tail>多|余)?\s*"
    rf"(?P<measure>(?:名|位|个)?(?:员工|工程师|研究人员)?)"
    rf"(?P<unit>{'|'.join(p for p, _ in _UNITS)})?(?P<suffix>左右)?"
)
_COUNTED_LATER = re.compile(r"的[^，。,；;！？]{0,24}?(员工|工程师|研究人员)")
_NOT_AFTER = re.compile(r"\s*(年|月|日|号|号|点|时|分|秒|期|篇)")


class Quantity(BaseModel):
    """An amount found in text: offsets into that text, an interval and a unit."""

    surface: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str
    approx: bool = False
    measure_word: str | None = None
    # The reading a reader takes from vague words (see the table above); None = the bounds.
    typical_low: float | None = None
    typical_high: float | None = None


def _cn_to_number(s: str) -> float | None:
    total, section, digit = 0.0, 0.0, None
    for ch in s:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit if digit is not None else 1) * _SMALL_UNITS[ch]
            digit = None
        else:
            return None
    section += digit or 0
    return total + section


def parse_quantities(text: str) -> list[Quantity]:
    """Every amount in `text` that carries a unit (bare numbers are too ambiguous)."""
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        unit_text = m.group("unit")
        if not unit_text and not m.group("measure"):
            # 数以百计的……工程师: the counted noun comes later in the phrase.
            later = _COUNTED_LATER.match(text, m.end()) if m.group("vu") else None
            if not later:
                continue
            unit_text = later.group(1)
        if _NOT_AFTER.match(text, m.end("arabic") if m.group("arabic") else m.end()):
            continue
        reading = _reading(m)
        if (
            reading is None
            or m.group("cn") == "一"
            or (m.group("cn") in ("两", "兩") and not unit_text)
        ):
            continue  # 一人, 一家, 两位: figures of speech, not amounts
        low, high, t_low, t_high = reading
        approx = reading[0] != reading[1] or bool(m.group("tail"))
        if m.group("tail") and low == high:
            high = low * 1.5 if low else None
        scale = 1.0
        for ch in m.group("big") or "":
            scale *= _BIG_UNITS[ch]
        unit = _unit_of(unit_text) if unit_text else "person"
        if unit in _SI:
            unit, factor = _SI[unit]
            scale *= factor
        prefix = m.group("prefix")
        if prefix in ("超过", "逾", "至少"):
            high = t_high = None
        elif prefix in ("近", "将近", "不到", "不足"):
            low = t_low = None
        approx = approx or bool(prefix in ("大约", "约") or m.group("suffix"))
        found.append(
            Quantity(
                surface=m.group(),
                start=m.start(),
                end=m.end(),
                low=_scaled(low, scale),
                high=_scaled(high, scale),
                unit=unit,
                approx=approx,
                measure_word=(m.group("measure") or unit_text or None),
                typical_low=_scaled(t_low, scale),
                typical_high=_scaled(t_high, scale),
            )
        )
    return found


def _scaled(v: float | None, scale: float) -> float | None:
    return None if v is None else v * scale


def _unit_of(unit_text: str) -> str:
    for pattern, unit in _UNITS:
        if re.fullmatch(pattern, unit_text):
            return unit
    return "count"


# Typical readings of the vague words, as multiples of their unit (see the table above).
_VAGUE = {
    "数": (2, 9.99, 2, 5),
    "几": (2, 9.99, 2, 5),
    "上": (1, 9.99, 1, 1.99),
    "数以": (1, 9.99, 1, 5),
}


def _reading(
    m: re.Match[str],
) -> tuple[float | None, float | None, float | None, float | None] | None:
    """(low, high, typical_low, typical_high) before scaling by 万/亿 and units."""
    if m.group("arabic"):
        v = float(m.group("arabic").replace(",", "").replace("，", ""))
        return v, v, v, v
    if m.group("cn"):
        n = _cn_to_number(m.group("cn"))
        return None if n is None else (n, n, n, n)
    if m.group("d1"):
        u = _SMALL_UNITS.get(m.group("ru")) or _BIG_UNITS[m.group("ru")]
        lo, hi = _DIGITS[m.group("d1")] * u, _DIGITS[m.group("d2")] * u
        return lo, hi, lo, hi
    word = "数以" if m.group("vu") else m.group("vague")[0]
    unit_char = m.group("vu") or m.group("du") or m.group("ju") or m.group("su")
    u = _SMALL_UNITS.get(unit_char) or _BIG_UNITS[unit_char]
    lo, hi, t_lo, t_hi = _VAGUE[word]
    return lo * u, round(hi * u), t_lo * u, round(t_hi * u)
