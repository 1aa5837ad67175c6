"""Amounts in Chinese and English news as normalized intervals.

`parse_quantities(text)` finds every amount in running text (simplified or traditional
Chinese, English) and returns it with its offsets, an interval and a unit. Every amount
has two readings:

- hard **bounds** `low`/`high`: everything the words can possibly mean (None = no bound
  on that side). Two sources whose bounds are disjoint cannot both be right: that is a
  *conflict* (models.compare.contradictions).
- a **typical** reading `typical_low`/`typical_high`: what a reader takes the words to
  mean. Bounds that overlap while typical readings do not are a *discrepancy*
  (七八百 [700, 800] against 上百, bounds [100, 1000], typical [100, 200]).

For exact figures the typical reading equals the bounds.

Interval conventions (u = the order the word names: 百 → 100, 千 → 1000, 十亿 → 1e9;
X = the stated figure). Upper ends of the "up to the next order" words are stored as
the round number the words stop short of (数百 → 1000, 3000多 → 4000): nobody writes
数百 for exactly 1000, and the comparison's slack treats that end as open.

| words                                   | bounds            | typical        | why |
|-----------------------------------------|-------------------|----------------|-----|
| X (plain figure)                        | [X, X]            | [X, X]         | as stated |
| 约 大约 大概 左右 上下 许 约合 about around roughly some approximately | [X, X], approx | [X, X] | the figure is kept; `approx` lets the comparison allow ±10 % |
| 数百 几百 数十 几十 数千 数万 数十亿 数倍 几个 …  hundreds of, thousands of, tens of millions of | [2u, 10u] | [2u, 5u] | 数/几 is "a few" (2–9) of that order; a reader pictures the low end |
| 十几 二十几                             | [11, 20] / [21, 30] | same         | 几 in the units place is 1–9 |
| 上百 上千 上万 上亿                     | [u, 10u]          | [u, 2u]        | "reaching a hundred": at least u, read as a hundred-odd |
| 成百上千 成千上万                       | [u, 100u]         | [u, 10u]       | "by the hundreds and thousands" spans two orders |
| 数以百计 数以千计 数以十亿美元计        | [u, 10u]          | [u, 5u]        | "counted in hundreds": several hundred, from one hundred on |
| 七八百 四五百 两三百 十七八万 三四十万  | [7u, 8u] …        | same           | two adjacent digits name the range themselves |
| 三五百                                  | [3u, 5u]          | same           | 三五 is the idiom "three to five" |
| 百余 400余 四百多 3000多 30多 200多亿    | [X, X + p]        | same           | p = the place of the last non-zero digit: 3000多 is 3000–3999 |
| A~B A-B A到B A至B A或B, 100~200MW, 60天或90天, 700 to 800 | [A, B] | same | both ends stated; a unit or order stated only on B applies to A (两到三万 → 2万–3万) |
| 近 将近 接近 几近 nearly almost          | [0.75X, X]        | [0.9X, X]      | just under X; nobody writes 近700 for 500 (最近两年 and 近两年 with a time unit mean "the last two years": approx, not "nearly") |
| 超过 超 逾 以上 多于 高于 大于 至少 不少于 more than over at least | [X, None] | [X, 1.5X] | a floor only; a reader pictures a figure not far above it (a share stops at 100 %) |
| 不到 不足 未满 少于 低于 小于 以下 不超过 最多 至多 less than under fewer than | [None, X] | [0.5X, X] | a ceiling only |
| 多达 高达 up to as many as             | [None, X]         | [0.9X, X]      | a ceiling the writer says is reached or nearly |
| 一半 半数 / N成 / 三分之一 / 百分之N / N% | percent          |                | 一半 = 50 %, 四成 = 40 %, 三分之一 = 33.33… % |
| a dozen / more than a dozen / dozens of | 12 approx / [12, None] / [24, 144] | – / [12, 18] / [24, 60] | a dozen is 12 |
| hundreds, thousands, tens of thousands (of people), a few hundred | [2u, 10u] | [2u, 5u] | as 数百: "of" and the noun are optional |
| two million, Twelve people, half a million, one hundred and fifty | [X, X] | [X, X] | number words read as figures, modifiers as above (almost = nearly) |

A modifier combines with a vague or range amount by replacing the side it bounds:
300~500MW以上 has bounds [300 MW, None] and typical [300 MW, 500 MW].

Units (DESIGN.md): ISO 4217 codes for money; `percent` (62.38 means 62.38 %) and
`percentage_point` (个百分点); `person` (人 名 位 员工 工程师 …); `count` for other
counted things, with the measure word kept in `measure_word` (家 个 张 块 款 …);
`multiple` (倍); `year`/`month`/`day` for durations and ages (周 → 7 days; `measure_word`
keeps 岁 or 年, so blocking can keep an age apart from a duration); SI base units
for physical quantities with the value scaled (120kW → 120000 W, 千瓦时 → Wh, 英里 → m,
小时 → s). A price per unit (0.01美元每千瓦时) is `USD/Wh`, scaled to the base unit.
English scales may be written close up ($69bn, 114.3bn yuan); "m" after a figure is a
million after a currency sign or before a counted noun ($5m, 5m people) and metres
otherwise (a 5m wall).

Performance: the text is folded only when it holds a character to fold; one scan with a
leading lookahead skips, inside the regex engine, every position no amount can start at;
bare figures are dropped before any Python work. About 8 ms of CPU for 15 000 characters of
dense news on this (shared, loaded) machine.

Not amounts, and never reported: years and dates (2024年, 5月15日, 2024-02-22, and in
English a year after in/since/until/before/after/during even when a noun follows: "In
2019 people moved"), a "+N" right after a figure (200萬+1人: part of the figure),
ordinals (第二篇), product and model names (GPT-4, A100, H100, NVL72, Claude 3, Grok 4),
phone numbers and other digit strings without a unit ((02) 8999 8797), page furniture
such as exchange-rate tickers (纽币 : 人民币=4.2412), and a lone 一 before a measure word
(一位, 一家: the article "a", not a count). A bare figure counts only when it carries
an order word (万, 亿, million), a vague word or a modifier (超过10亿 → count). English
number words follow the same rule (nine alone is not reported, nine people and at least
nine are), and "one" counts only with a scale word (one million): one of the, one day
and no one are not amounts.

What is ours and why: cn2an reads plain numerals only and raises on the vague and range
forms news is full of (七八百, 数百, 上百, 3000多, 十七八万); jionlp covers some of them
but costs 245 MB, prints a banner and has date bugs. So the numeral reader below is our
own: it reads every numeral as an interval of digit ranges in one pass over the matched
span (a few characters), and the text is scanned by precompiled regexes only. Traditional
characters and full-width digits are folded by a one-to-one `str.translate` table, which
keeps every offset valid; 大写 numerals (壹佰贰拾) are mapped only inside a numeral, since
folded in running text they would read 队伍十人 as 队五十人.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

Kind = Literal["exact", "approx", "range", "vague", "at_least", "at_most", "nearly", "up_to"]


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
    # How the words shaped the interval (the row of the table above).
    kind: Kind = "exact"


# One-to-one folding (offsets stay valid): traditional → simplified for the characters the
# patterns use, 大写 numerals → ordinary ones, full-width digits and signs → ASCII.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "％": "%",
        "～": "~",
        "－": "-",
        "＄": "$",
        "萬": "万",
        "億": "亿",
        "兩": "两",
        "負": "负",
        "數": "数",
        "個": "个",
        "餘": "余",
        "幣": "币",
        "圓": "元",
        "圆": "元",
        "約": "约",
        "過": "过",
        "達": "达",
        "將": "将",
        "於": "于",
        "僅": "仅",
        "幾": "几",
        "歲": "岁",
        "張": "张",
        "塊": "块",
        "項": "项",
        "條": "条",
        "顆": "颗",
        "隻": "只",
        "間": "间",
        "場": "场",
        "輪": "轮",
        "員": "员",
        "師": "师",
        "與": "与",
        "鎊": "镑",
        "盧": "卢",
        "韓": "韩",
        "歐": "欧",
        "紐": "纽",
        "臺": "台",
        "時": "时",
        "鐘": "钟",
        "週": "周",
        "禮": "礼",
        "裡": "里",
        "噸": "吨",
        "釐": "厘",
        "華": "华",
        "戶": "户",
        "總": "总",
        "點": "点",
    }
)
# 大写 numerals (壹佰贰拾) are mapped only inside a numeral: folded in running text they
# would turn 队伍十人 into 队五十人.
_DAXIE = str.maketrans("壹贰貳弍叁參肆伍陆陸柒捌玖拾佰仟", "一二二二三三四五六六七八九十百千")
_DAXIE_DIGITS = "壹贰貳弍叁參肆伍陆陸柒捌玖"

_NEEDS_FOLD = re.compile("[" + re.escape("".join(chr(c) for c in _FOLD)) + "]")

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "幺": 1,
    "一": 1,
    "二": 2,
    "两": 2,
    "俩": 2,
    "仨": 3,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = {"十": 10, "百": 100, "千": 1000, "廿": 20, "k": 1000, "K": 1000}
_BIG = {"万": 1e4, "亿": 1e8, "w": 1e4}

# --- the numeral reader ---------------------------------------------------------------

_TOKEN = re.compile(r"零下|\d+(?:\.\d+)?|点(?:[零〇○一二两三四五六七八九幺]+|\d+)|.", re.S)


class _Reading:
    """An interval read from a numeral: bounds plus whether vague words widened it."""

    __slots__ = ("digit_string", "high", "low", "vague")

    def __init__(self, low: float, high: float, vague: bool, digit_string: bool = False) -> None:
        self.low, self.high, self.vague = low, high, vague
        self.digit_string = digit_string


def _last_place(digits: str) -> float:
    """The place value of the last non-zero digit of an Arabic figure: 3000 → 1000."""
    if "." in digits:
        frac = digits.split(".", 1)[1].rstrip("0")
        if frac:
            return 10.0 ** -len(frac)
        digits = digits.split(".", 1)[0]
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def read_number(s: str) -> tuple[float, float] | None:
    """The interval a numeral means, or None: '七八百' → (700, 800), '3000多' → (3000,
    4000), '1.2万' → (12000, 12000), '壹万贰仟' → (12000, 12000)."""
    r = _read(
        s.translate(_FOLD).translate(_DAXIE).replace(",", "").replace("，", "").replace(" ", "")
    )
    return None if r is None else (r.low, r.high)


def _read(s: str) -> _Reading | None:
    tokens = _TOKEN.findall(s)
    if not tokens:
        return None
    sign = 1.0
    if tokens[0] in ("负", "-", "零下"):
        sign, tokens = -1.0, tokens[1:]
        if not tokens:
            return None
    # Digit strings without any unit (二零零八, 幺幺零) read digit by digit; two digits
    # in a row that name a range (七八, 三五) are read below.
    body, frac = (tokens[:-1], tokens[-1][1:]) if tokens[-1].startswith("点") else (tokens, "")
    if len(body) > 1 and all(t in _CN_DIGITS for t in body) and (frac or not _range_pair(body)):
        digits = "".join(str(_CN_DIGITS[t]) for t in body)
        if frac:
            digits += "." + "".join(str(_CN_DIGITS.get(c, c)) for c in frac)
        v = sign * float(digits)
        return _Reading(v, v, False, digit_string=True)
    total_lo = total_hi = 0.0  # finished sections (above the last 万/亿)
    sec_lo = sec_hi = 0.0  # the current section
    dig: tuple[float, float] | None = None  # a digit waiting for its unit
    dig_place = 1.0  # place value a bare trailing digit takes (三万五 → 5000)
    vague = False
    open_unit = 0.0  # width added to the high end by 几/数/多 (in absolute terms)
    last_place = 1.0
    last_big = 0.0
    prev: str | None = None
    for t in tokens:
        if t[0].isdigit():
            if dig is not None:
                return None
            v = float(t)
            dig, last_place = (v, v), _last_place(t)
        elif t in _CN_DIGITS:
            d = float(_CN_DIGITS[t])
            if dig is not None and prev in _CN_DIGITS:
                lo = dig[0]
                if not ((d == lo + 1) or (lo, d) == (3, 5)):
                    return None  # 一一, 九五: not a numeral
                dig, vague = (lo, d), True
            elif d == 0:
                dig = None
                dig_place = 1.0
            else:
                dig = (d, d)
                if prev == "十":
                    dig_place = 1.0
        elif t in ("几", "数"):
            if dig is not None and prev is not None and prev[0].isdigit() and dig[0] % 10 == 0:
                sec_lo, sec_hi, dig, prev = sec_lo + dig[0], sec_hi + dig[1], None, "十"
            if dig is not None:
                return None
            dig = (1.0, 9.0) if prev == "十" or prev == "廿" else (2.0, 9.0)
            vague = True
            open_unit = -1.0  # set when the digit meets its unit
        elif t in _SMALL:
            u = float(_SMALL[t])
            if t == "廿":
                dig = dig or (0.0, 0.0)
                dig = (dig[0] + 2, dig[1] + 2)
                u = 10.0
            pair = dig or (1.0, 1.0)
            if prev in _SMALL and _SMALL[prev] <= u:
                return None  # 十百: not a numeral (一百十一 is)
            sec_lo += pair[0] * u
            sec_hi += pair[1] * u
            if open_unit == -1.0:
                open_unit = u
            dig, last_place = None, u
            dig_place = u / 10
        elif t in _BIG:
            u = _BIG[t]
            if dig is not None:
                sec_lo += dig[0]
                sec_hi += dig[1]
                if open_unit == -1.0:
                    open_unit = 1.0
                dig = None
            if sec_hi == 0 and total_hi == 0:
                sec_lo = sec_hi = 1.0  # 万人, 亿元: a bare order means one of it
            if u > last_big and last_big:
                total_lo, total_hi = (total_lo + sec_lo) * u, (total_hi + sec_hi) * u
            elif total_hi and u < last_big:
                total_lo, total_hi = total_lo + sec_lo * u, total_hi + sec_hi * u
            else:
                total_lo, total_hi = (total_lo + sec_lo) * u, (total_hi + sec_hi) * u
            if open_unit > 0:
                open_unit *= u
            last_place *= u
            last_big = max(last_big, u)
            sec_lo = sec_hi = 0.0
            dig_place = u / 10
        elif t.startswith("点"):
            frac = float("0." + "".join(str(_CN_DIGITS.get(c, c)) for c in t[1:]))
            whole = dig or (0.0, 0.0)
            sec_lo += whole[0] + frac
            sec_hi += whole[1] + frac
            dig = None
            last_place = 10.0 ** -(len(t) - 1)
        elif t in ("多", "余", "来"):
            if dig is not None:
                # 三万五千多 and 三万五多 take the place below the order; an Arabic
                # figure after it (2万1000余) states its own.
                place = dig_place if prev in _CN_DIGITS else 1.0
                sec_lo += dig[0] * place
                sec_hi += dig[1] * place
                last_place = dig_place if prev in _CN_DIGITS else last_place
                dig = None
            if t == "来":
                vague = True
            else:
                open_unit = last_place
                vague = True
        elif t == "个":
            continue
        else:
            return None
        prev = t
    if dig is not None:
        sec_lo += dig[0] * (dig_place if prev in _CN_DIGITS else 1.0)
        sec_hi += dig[1] * (dig_place if prev in _CN_DIGITS else 1.0)
        if open_unit == -1.0:
            open_unit = 1.0
    low, high = total_lo + sec_lo, total_hi + sec_hi
    if open_unit > 0:
        high += open_unit
    if sign < 0:
        low, high = -high, -low
    return _Reading(low, high, vague or open_unit > 0)


def _range_pair(tokens: list[str]) -> bool:
    if len(tokens) != 2:
        return False
    a, b = _CN_DIGITS[tokens[0]], _CN_DIGITS[tokens[1]]
    return a > 0 and (b == a + 1 or (a, b) == (3, 5))


# --- units ----------------------------------------------------------------------------

_Unit = tuple[str, float]  # (unit, scale to it)
_MONEY: dict[str, str] = {
    **dict.fromkeys(["美元", "美金", "美刀", "US$", "$", "USD", "dollars", "dollar"], "USD"),
    **dict.fromkeys(["元人民币", "人民币元", "人民币", "元", "块钱", "RMB", "CNY", "yuan"], "CNY"),
    **dict.fromkeys(["¥", "￥"], "CNY"),
    **dict.fromkeys(["港元", "港币", "HK$", "HKD"], "HKD"),
    **dict.fromkeys(["欧元", "€", "EUR", "euros", "euro"], "EUR"),
    **dict.fromkeys(["日元", "日币", "円", "JPY"], "JPY"),
    **dict.fromkeys(["英镑", "£", "GBP", "pounds"], "GBP"),
    **dict.fromkeys(["韩元", "₩", "KRW"], "KRW"),
    **dict.fromkeys(["新台币", "台币", "NT$", "TWD"], "TWD"),
    **dict.fromkeys(["澳元", "澳币", "A$", "AUD"], "AUD"),
    **dict.fromkeys(["纽币", "纽元", "新西兰元", "NZD"], "NZD"),
    **dict.fromkeys(["加元", "加币", "C$", "CAD"], "CAD"),
    **dict.fromkeys(["卢布", "₽", "RUB"], "RUB"),
    **dict.fromkeys(["泰铢", "THB"], "THB"),
    **dict.fromkeys(["瑞士法郎", "瑞郎", "CHF"], "CHF"),
    **dict.fromkeys(["新加坡元", "新元", "SGD"], "SGD"),
    **dict.fromkeys(["印度卢比", "印度卢布", "卢比", "INR"], "INR"),
    **dict.fromkeys(["马来西亚令吉", "令吉", "林吉特", "MYR"], "MYR"),
}
_PHYSICAL: dict[str, _Unit] = {
    **dict.fromkeys(["千瓦时", "kWh", "度电"], ("Wh", 1e3)),
    **dict.fromkeys(["兆瓦时", "MWh"], ("Wh", 1e6)),
    **dict.fromkeys(["吉瓦时", "GWh"], ("Wh", 1e9)),
    **dict.fromkeys(["太瓦时", "TWh"], ("Wh", 1e12)),
    **dict.fromkeys(["瓦时", "Wh"], ("Wh", 1.0)),
    **dict.fromkeys(["千瓦", "kW", "KW"], ("W", 1e3)),
    **dict.fromkeys(["兆瓦", "MW"], ("W", 1e6)),
    **dict.fromkeys(["吉瓦", "GW"], ("W", 1e9)),
    **dict.fromkeys(["瓦"], ("W", 1.0)),
    **dict.fromkeys(
        ["公里每小时", "千米每小时", "公里/小时", "km/h", "公里时速"], ("m/s", 1000 / 3600)
    ),
    **dict.fromkeys(["米每秒", "米/秒", "m/s"], ("m/s", 1.0)),
    **dict.fromkeys(["公里", "千米", "km"], ("m", 1e3)),
    **dict.fromkeys(["英里", "miles", "mile"], ("m", 1609.344)),
    **dict.fromkeys(["海里"], ("m", 1852.0)),
    **dict.fromkeys(["米", "公尺", "m"], ("m", 1.0)),
    **dict.fromkeys(["厘米", "公分", "cm"], ("m", 0.01)),
    **dict.fromkeys(["毫米", "mm"], ("m", 1e-3)),
    **dict.fromkeys(["纳米", "nm"], ("m", 1e-9)),
    **dict.fromkeys(["英尺", "feet", "ft"], ("m", 0.3048)),
    **dict.fromkeys(["英寸", "inches", "inch"], ("m", 0.0254)),
    **dict.fromkeys(["公斤", "千克", "kg"], ("kg", 1.0)),
    **dict.fromkeys(["吨", "tonnes", "tons"], ("kg", 1e3)),
    **dict.fromkeys(["克"], ("kg", 1e-3)),
    **dict.fromkeys(["平方公里", "km²"], ("m2", 1e6)),
    **dict.fromkeys(["平方米", "平米", "㎡", "m²"], ("m2", 1.0)),
    **dict.fromkeys(["公顷"], ("m2", 1e4)),
    **dict.fromkeys(["亩"], ("m2", 10000 / 15)),
    **dict.fromkeys(["立方米", "m³"], ("m3", 1.0)),
    **dict.fromkeys(["升", "公升"], ("m3", 1e-3)),
    **dict.fromkeys(["摄氏度", "°C", "℃"], ("degC", 1.0)),
    **dict.fromkeys(["PB"], ("B", 1e15)),
    **dict.fromkeys(["TB"], ("B", 1e12)),
    **dict.fromkeys(["GB"], ("B", 1e9)),
    **dict.fromkeys(["MB"], ("B", 1e6)),
    **dict.fromkeys(["GHz"], ("Hz", 1e9)),
    **dict.fromkeys(["MHz"], ("Hz", 1e6)),
    **dict.fromkeys(
        ["小时", "个小时", "个多小时", "个半小时", "钟头", "个钟头", "hours", "hour"], ("s", 3600.0)
    ),
    **dict.fromkeys(["分钟", "minutes", "minute"], ("s", 60.0)),
    **dict.fromkeys(["刻钟"], ("s", 900.0)),
    **dict.fromkeys(["个季度", "季度"], ("month", 3.0)),
    **dict.fromkeys(["秒钟", "秒", "seconds", "second"], ("s", 1.0)),
    **dict.fromkeys(["毫秒", "ms"], ("s", 1e-3)),
    **dict.fromkeys(["年", "周年", "years", "year"], ("year", 1.0)),
    **dict.fromkeys(["岁", "周岁", "years old"], ("year", 1.0)),
    **dict.fromkeys(["个月", "个多月", "个半月", "months", "month"], ("month", 1.0)),
    **dict.fromkeys(["天", "日", "days", "day"], ("day", 1.0)),
    **dict.fromkeys(
        ["周", "个周", "星期", "个星期", "个多星期", "礼拜", "个礼拜", "个多礼拜", "weeks", "week"],
        ("day", 7.0),
    ),
    **dict.fromkeys(["%", "percent", "per cent"], ("percent", 1.0)),
    **dict.fromkeys(["个百分点", "百分点", "percentage points"], ("percentage_point", 1.0)),
    **dict.fromkeys(["成"], ("percent", 10.0)),
    **dict.fromkeys(["倍", "times", "-fold", "fold"], ("multiple", 1.0)),
}
_PERSON_MEASURE = ["名", "位", "人", "人次"]
_PERSON_NOUN = [
    "员工", "雇员", "职员", "工程师", "研究人员", "研究员", "科学家", "人才", "技术人才",
    "作者", "华人", "华裔", "人士", "学生", "用户", "工人",
    "people", "persons", "employees", "engineers", "staff", "workers", "researchers",
    "scientists", "users", "passengers", "crew", "victims", "residents", "children",
    "soldiers", "civilians", "protesters", "patients", "dead",
]  # fmt: skip
_COUNT_MEASURE = [
    "家", "个", "张", "块", "款", "篇", "台", "项", "所", "座", "辆", "架", "部", "套", "次",
    "件", "份", "条", "颗", "枚", "只", "头", "间", "支", "届", "轮", "场", "批", "种", "类",
    "户", "栋", "层", "起", "例", "票", "本", "页", "字", "首", "集", "罐", "瓶", "箱", "桶",
    "片", "根", "辆次", "架次", "章", "处", "companies", "jobs", "chips", "GPUs", "users",
    "startups", "homes", "houses", "buildings", "flights", "deaths", "cases", "positions",
    "roles", "orders",
]  # fmt: skip


# Unit words that are something else before these characters: 年薪, 年代, 周末, 成为.
_UNIT_NOT_BEFORE = {
    "年": r"(?![代级度初底末薪龄纪会报终轻华货年]|中(?!国))",
    "周": r"(?![末年一二三四五六日])",
    "个周": r"(?![末年一二三四五六日])",
    "成": r"(?![为功立长本员绩果熟交])",
    "米": r"(?![饭粉])",
    "毛": r"(?![\u4e00-\u9fff])",
    "角": r"(?![\u4e00-\u9fff])",
    "日": r"(?![活均报本元内前后起至电])",
    "处": r"(?![理于在置罚分长事])",
}


def _alternation(words: list[str]) -> str:
    """Longest first, so 千瓦时 wins over 千瓦; ASCII words must end at a word edge."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w) + _UNIT_NOT_BEFORE.get(w, "")
        if w[-1].isascii() and w[-1].isalpha():
            p += r"(?![A-Za-z])"
        parts.append(p)
    return "|".join(parts)


# Words between the number and the unit that are not part of either.
_CURRENCY_WORDS = [w for w in _MONEY if not (len(w) == 1 and not w.isalpha()) and "$" not in w]
_CURRENCY_SIGNS = [w for w in _MONEY if w not in _CURRENCY_WORDS]
# 五毛, 三角钱: tenths of a yuan.
_JIAO = {"毛钱": 0.1, "角钱": 0.1, "毛": 0.1, "角": 0.1}
_UNIT_WORDS = (
    _CURRENCY_WORDS
    + list(_PHYSICAL)
    + _PERSON_MEASURE
    + _PERSON_NOUN
    + _COUNT_MEASURE
    + list(_JIAO)
)

# --- the scanner ----------------------------------------------------------------------

_CN_CHARS = "零〇○一二两俩三仨四五六七八九幺十百千万亿廿拾佰仟"
_CN_NO_QIAN = _CN_CHARS.replace("千", "")
# Pages copied with pinyin annotations (數(shù)十家) keep them inside the word.
_PINYIN = r"(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]{1,7}\))?"
_PINYIN_RE = re.compile(_PINYIN[3:-2])
_ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
_EN_SCALE = r"thousand|million|billion|trillion|bn|mn"
# 1萬2000人, 33萬8000人, 1万5千人, 1亿2000万: Arabic digits on both sides of an order word.
# The part after 万 must fill its four places (1万2000, 1万0500) or name its own (5千), so
# 1万5 (spoken 15 000, or a typo) is not guessed at; after 亿 the part is counted in 万.
_MIXED_ORDER = r"万(?:\d{4}(?![\d.,])|\d{1,3}[千百])|亿\d{1,4}万(?:\d{4}(?![\d.,]))?"


def _numeral(g: str) -> str:
    """A numeral, as a regex with named groups suffixed by `g` (used twice in a range)."""
    return (
        rf"(?P<num{g}>"
        rf"(?:{_ARABIC})(?:{_MIXED_ORDER}|\s?(?:[kw](?![A-Za-z])|[十百千万亿拾佰仟]+|个?[万亿]))?"
        rf"(?:\s?(?:{_EN_SCALE})(?![A-Za-z]))?"
        rf"|(?:负|零下)?(?:数{_PINYIN}(?=[十百千万亿倍])|[几{_CN_CHARS}])(?:[几{_CN_NO_QIAN}]|千(?![克米瓦]))*"
        rf"(?:点[零〇○一二三四五六七八九幺]+[十百千万亿]*)?"
        r"|半(?=个?[年月天周小钟])"
        rf"|负?[{_DAXIE_DIGITS}](?:[拾佰仟万亿]|(?=[元])|[{_DAXIE_DIGITS}])[{_CN_CHARS}{_DAXIE_DIGITS}拾佰仟]*"
        rf")(?P<tail{g}>多|余|来)?(?P<big{g}>个?[万亿]+(?:多|余)?)?"
    )


_VAGUE = (
    r"(?P<yiji>数"
    + _PINYIN
    + r"以(?P<yiu>[十百千万亿]+)(?P<yicur>"
    + _alternation(_CURRENCY_WORDS)
    + r")?计)"
    r"|(?P<cheng>成(?P<cu1>[百千万])上[千万亿])"
    r"|(?P<shang>上(?P<su>[百千万亿]+))"
    r"|(?P<half>一半|半数|过半)"
    r"|(?P<frac>(?![百千万]分之)(?P<fneg>负)?(?:(?P<fwhole>["
    + _CN_CHARS
    + r"\d]+)又)?(?P<fden>["
    + _CN_CHARS
    + r"\d]+)分之"
    r"(?P<fnum>[" + _CN_CHARS + r"\d点.]+))"
)
_LOWER_WORDS = ["超过了", "超过", "超出", "逾", "超", "多于", "高于", "大于", "不少于", "不低于",
                "至少", "起码", "突破", "破"]  # fmt: skip
_UPPER_WORDS = ["不到", "不足", "未满", "少于", "低于", "小于", "不超过", "最多", "至多"]
_NEARLY_WORDS = ["将近", "接近", "几近", "近", "差不多"]
_UP_TO_WORDS = ["多达", "高达"]
_APPROX_WORDS = ["约合", "大约", "大概", "约为", "约"]
_LOWER_POST = {"以上", "开外", "有余", "之多"}
_UPPER_POST = {"以下", "以内", "之内"}
_APPROX_POST = {"左右", "上下", "前后", "许"}
_PREFIX_WORDS = _LOWER_WORDS + _UPPER_WORDS + _NEARLY_WORDS + _UP_TO_WORDS + _APPROX_WORDS
_CUR_PRE = rf"(?:(?P<cpre{{g}}>{_alternation(_CURRENCY_WORDS + _CURRENCY_SIGNS)})[ \t]?)?"
_SEP = r"(?:\(含\)|（含）)?\s*(?P<sep>~|-{1,2}|—{1,2}|–|到|至|或|to)\s*"
_UNIT = rf"(?P<unit{{g}}>[ \t]?(?:{_alternation(_UNIT_WORDS)}))?"

_QUANTITY = re.compile(
    _CUR_PRE.format(g="a")
    + rf"(?:{_VAGUE}|{_numeral('a')})"
    + _UNIT.format(g="a")
    + rf"(?P<rest>{_SEP}{_CUR_PRE.format(g='b')}{_numeral('b')}{_UNIT.format(g='b')})?"
    + r"(?P<post>\s?(?:\(含\)|（含）)?(?:左右|上下|前后|许|以上|以下|之多|有余|开外|以内|之内))?"
)
_PERCENT = re.compile(
    rf"(?P<per>百分之|千分之|万分之|百分(?=[{_CN_CHARS}]))(?P<pnum>负?[{_CN_CHARS}\d点.几]+)"
    rf"(?:(?:到|至|~|-)(?:百分之)?(?P<pnum2>[{_CN_CHARS}\d点.几]+))?"
    r"(?P<post>左右|以上|以下)?"
)
# Modifiers are found looking back from the figure, so that the scan can start at figures.
_PREFIX_BEFORE = re.compile(rf"(?:{_alternation(_PREFIX_WORDS)})\s?$")
# Where an amount can start: digits, numerals, vague words, currency signs and words.
_ANCHOR = re.compile(
    "["
    + re.escape(
        "0123456789"
        + _CN_CHARS
        + "数几半负成上过"
        + _DAXIE_DIGITS
        + "".join({w[0] for w in _CURRENCY_WORDS + _CURRENCY_SIGNS if not w[0].islower()})
    )
    + "]"
)
# Literals only (the ends of hundred, thousand, million): searched in C at full speed.
_EN_HINT = re.compile(r"dozen| of |undred|housand|illion")
# The lookahead lets the scan skip, in C, every position no amount can start at.
_QUANTITY_SCAN = re.compile(rf"(?={_ANCHOR.pattern})(?:{_QUANTITY.pattern})")
_PLAIN = re.compile(r"[\d零〇○一二两三四五六七八九幺十百千廿]+")


def _plain_figure(m: re.Match[str], folded: str) -> bool:
    """A bare figure with no unit, order, vague word or modifier (一些, 996, 2 卖): not an
    amount. Checked first because most numerals in running text are these."""
    if m.group("numa") is None or not _PLAIN.fullmatch(m.group("numa")):
        return False
    if any(m.group(g) for g in ("unita", "cprea", "rest", "post", "biga", "taila")):
        return False
    start = m.start()
    if _PREFIX_BEFORE.search(folded, max(0, start - 4), start):
        return False
    if start and folded[start - 1] == " " and _EN_MOVED.search(folded, max(0, start - 36), start):
        return False  # the toll has risen to 51: a bare figure is the story's figure
    if _EN_STATE_AFTER.match(folded, m.end()) or _EN_COUNTED_LATER.match(folded, m.end()):
        return False  # 2,376 have been injured, 30 others are missing, 75,723 locked-in orders
    return not (start and folded[start - 1] == " " and _EN_PREFIX.search(folded, start - 16, start))


_EN_STATE_AFTER = re.compile(
    r" (?:others? |more |people )?(?:have been|has been|had been|were|are|remain|remained) "
    r"(?:killed|injured|missing|dead|hurt|wounded|confirmed|rescued|evacuated|arrested|detained)\b"
)
_EN_MOVED = re.compile(
    r"\b(?:(?:risen|rose|rises|climbed|jumped|increased|grown|grew|fallen|fell|dropped|"
    r"stood|stands|revised|rising|climbing) (?:to|at)|reached|reaches|(?:put|puts|estimated|estimates|placed|places)"
    r"(?: the| that| its| their)? (?:turnout|toll|number|figure|crowd|total|count) at) $",
    re.I,
)


_EN_VAGUE = re.compile(
    r"(?P<pre>more than |over |nearly |almost |about |around |some |up to |at least )?"
    r"(?:(?P<tens>tens of |hundreds of )?(?P<ord>dozens|hundreds|thousands|millions|billions)"
    r"(?![a-z])|(?:a few|several) (?P<ord2>hundred|thousand|million|billion)"
    r"|(?P<dozen>a dozen))"
    # Thousands died, tens of thousands, thousands of people: "of" joins the counted noun.
    r"(?:(?: of)? (?P<eunit>"
    + _alternation(
        [w for w in _PERSON_NOUN + _COUNT_MEASURE if w.isascii()]
        + ["dollars", "yuan", "euros", "pounds"]
    )
    + "))?",
    re.I,
)
_EN_PREFIX = re.compile(
    r"(?:more than|over|nearly|almost|about|around|approximately|roughly|some|up to|"
    r"at least|less than|fewer than|under|as many as|topped|surpassed|exceeded) $",
    re.I,
)
_EN_PREFIX_WORD = {
    "more than": "超过", "over": "超过", "at least": "至少", "nearly": "近", "almost": "近",
    "about": "约", "around": "约", "approximately": "约", "roughly": "约", "some": "约",
    "up to": "多达", "as many as": "多达", "less than": "不到", "fewer than": "不到",
    "under": "不到", "topped": "超过", "surpassed": "超过", "exceeded": "超过",
}  # fmt: skip
_EN_ORDERS = {"dozens": 12.0, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
              "trillion": 1e12, "bn": 1e9, "mn": 1e6}  # fmt: skip

# Spans that are dates, not amounts: 2024年, 5月15日, 2024-02-22, 2024/2/22, 二零零八年.
_DATE_LIKE = re.compile(
    r"(?=[\d'零〇○一二三四五六七八九十])(?:(?<![\d.])(?<!\d,)(?:1[0-9]|20)\d{2}(?:\s?年|[-/]\d{1,2}(?:[-/]\d{1,2})?(?![\d%])"
    r"|\.\d{1,2}\.\d{1,2}(?![\d%]))"
    r"|(?<![\d.])\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?|(?<![\d.,万亿])(?:3[01]|[12]\d|0?[1-9])\s?[日号](?!\d)"
    r"|(?!(?:一二|二三|三四|四五|五六|六七|七八|八九|三五|两三)年)[零〇○一二三四五六七八九]{2,4}年"
    r"|(?<!\d)0\d\s?年|(?<![\d.])\d{2}\s?年(?=\s?\d{1,2}\s?月)|(?<![个第])[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}[日号])?"
    r"|(?<![\d零一二三四五六七八九十百千万亿])[一二三]?十[一二三四五六七八九]?[日号]"
    r"|'\d{2}年?|(?<=民国)\d{1,3}年|(?<=民國)\d{1,3}年"
    # in 2019, since 2020: a year, even when a noun follows (In 2019 people moved). Not
    # after by/of/from, which as often take an amount (rose by 2000 jobs, of 2000 staff).
    r"|(?:(?<=\b[Ii]n )|(?<=[Ss]ince )|(?<=[Uu]ntil )|(?<=[Bb]efore )|(?<=[Aa]fter )|(?<=[Dd]uring ))"
    r"(?:19|20)\d{2}(?![\d,.])"
    r")"
)
# What makes a figure part of something else: ordinals, model names, versions, tickers.
# 200萬+1人: a "+N" right after a figure is part of that figure (a slogan, a tally), not
# an amount of its own; +5% alone is a change and stays.
_BEFORE_NOT = re.compile(
    r"(?:第|[A-Za-z][-_]?|No\.\s?|#|[\d.]|[=:：/]|[\d万亿]\+"
    # Line 5, Flight 171, runway 23: a numbered thing, not an amount
    r"|\b(?:[Ll]ine|[Ff]light|[Rr]oute|[Rr]unway|[Gg]ate|[Pp]latform|[Bb]us|[Rr]oom|[Ee]xit|[Pp]hase) )$"
)
_AFTER_NOT = re.compile(r"[A-Za-z\d]|[点时:：]|后(?![^\W\d_])")
_IDIOMS = re.compile(
    r"十年树木|百年树人|千万(?=[不别要记])|三年五载|一年半载|千秋万代|万一|万众|万分|万事|万物|万象|"
    r"千方百计|百分百|千家万户|成千上万|千千万万|万无一失|一五一十|九死一生"
)
_SECOND_CURRENCY = re.compile(_alternation([w for w in _CURRENCY_WORDS if w != "元"]))
_JIAO_FEN = re.compile(
    rf"零?(?:(?P<jiao>[{_CN_CHARS}{_DAXIE_DIGITS}\d])[角毛])?"
    rf"零?(?:(?P<fen>[{_CN_CHARS}{_DAXIE_DIGITS}\d])分)?(?:钱|整)?"
)
_COUNTED_LATER = re.compile(rf"的[^，。,；;！？]{{0,24}}?(?P<noun>{_alternation(_PERSON_NOUN)})")
_TIME_TAIL = re.compile(r"多|半(?![导径岛场数])")
_PER = re.compile(
    rf"(?:每|/|per )(?P<pu>{_alternation(list(_PHYSICAL) + _PERSON_MEASURE + _COUNT_MEASURE)})"
)
_BIG_END = re.compile(r"[万亿]\d*$|w$")  # 1万, 33万8000: a figure with an order
_BIG_SUFFIX = re.compile(r"[万亿kw]+$")
_ORDER_END = re.compile(r"[十百千万亿拾佰仟kw]+$")
# A counted English noun right after a figure: 5m people, eight people, two million jobs.
_EN_COUNTED_AFTER = re.compile(
    rf" (?P<noun>{_alternation([w for w in _PERSON_NOUN + _COUNT_MEASURE if w.isascii()])})"
)
# A counted noun after one or two modifiers: 88,898 firm orders, 75,723 locked-in orders.
_EN_COUNTED_LATER = re.compile(
    r" (?:(?!(?:of|and|or|to|in|on|at|for|the|a|an)\b)[a-z]+(?:-[a-z]+)? ){1,2}"
    rf"(?P<noun>{_alternation([w for w in _PERSON_NOUN + _COUNT_MEASURE if w.isascii()])})\b"
)
# Any other English unit after number words: two million dollars, nine years, five percent.
_EN_UNIT_AFTER = re.compile(
    rf" (?P<noun>{_alternation([w for w in _UNIT_WORDS if w.isascii() and w[0].isalpha()])})"
)
# English number words (two million, Twelve, ninety-five, one hundred and fifty, half a
# million). The lookahead skips, in C, every position no number word starts at.
_EN_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
            "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
            "nineteen": 19}  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}  # fmt: skip
_EN_WORD_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
                   "trillion": 1e12}  # fmt: skip
_EN_WORD = "|".join(sorted([*_EN_ONES, *_EN_TENS, *_EN_WORD_SCALES], key=len, reverse=True))
_EN_WORDS = re.compile(
    rf"(?=[otfsenhmbaOTFSENHMBA])\b(?P<lead>half an? |an? (?=(?:{'|'.join(_EN_WORD_SCALES)})\b))?"
    rf"(?P<words>(?:{_EN_WORD})(?:(?:[ -]|,? and )(?:{_EN_WORD}))*)\b",
    re.I,
)
_WHO_AFTER = re.compile(r" who\b")
_PERSON_AFTER = re.compile(
    rf"(?:(?![是的和与及中有在为])[^\W\d_]){{0,4}}?(?:{_alternation(_PERSON_NOUN)})"
)


def parse_quantities(text: str) -> list[Quantity]:
    """Every amount in `text`, in order, with offsets into `text` (see the table above).

    The same sentence is read twice on its way through the pipeline (extraction, then
    normalization of its quote), so readings are kept by exact text; the
    reading depends on nothing else, and each caller gets its own copies."""
    return [q.model_copy() for q in _parse_quantities(text)]


@lru_cache(maxsize=8192)
def _parse_quantities(text: str) -> tuple[Quantity, ...]:
    folded = text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text
    dates = bytearray(len(folded))
    for m in _DATE_LIKE.finditer(folded):
        dates[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    idioms = [m.span() for m in _IDIOMS.finditer(folded)]
    found: list[Quantity] = []
    for m in _QUANTITY_SCAN.finditer(folded):
        if _plain_figure(m, folded):
            continue
        if dates.find(1, m.start(), m.end()) >= 0:
            q = _date_free_part(m, folded, text, dates)
        elif any(s < m.end() and m.start() < e for s, e in idioms):
            q = None
        else:
            q = _quantity(m, folded, text)
        if q is not None:
            found.append(q)
    for m in _PERCENT.finditer(folded):
        p = _percent(m, folded, text)
        if p is not None:
            found.append(p)
    for m in _EN_WORDS.finditer(folded):
        q = _english_words(m, folded, text)
        if q is not None:
            found.append(q)
    seen: set[int] = set()
    for hint in _EN_HINT.finditer(folded):
        for m in _EN_VAGUE.finditer(folded, max(0, hint.start() - 30), hint.end() + 30):
            if m.start() not in seen and m.start() <= hint.start() < m.end():
                seen.add(m.start())
                found.append(_english_vague(m, text))
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Quantity] = []
    for q in found:
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return tuple(kept)


def _date_free_part(m: re.Match[str], folded: str, text: str, dates: bytearray) -> Quantity | None:
    """A range whose second half is a date (2020至2025年) is dropped; a figure that
    only touches a date is read alone."""
    if dates.find(1, m.start("numa"), m.end("numa")) >= 0:
        return None
    if m.group("rest") and dates.find(1, m.start("rest"), m.end()) >= 0:
        return None
    return _quantity(m, folded, text)


def _quantity(m: re.Match[str], folded: str, text: str) -> Quantity | None:
    start, end = m.start(), m.end()
    if _BEFORE_NOT.search(folded, max(0, start - 6), start):
        return None
    pm = _PREFIX_BEFORE.search(folded, max(0, start - 4), start)
    pre = pm.group().strip() if pm else None
    if pm:
        start = pm.start()
    if pre == "近" and start and folded[start - 1] in "最附临":
        pre, start = None, start + 1  # 最近两年: recent, not "nearly"
    if not pre:
        en = _EN_PREFIX.search(folded, max(0, start - 16), start)
        if en:
            pre, start = _EN_PREFIX_WORD[en.group().strip().lower()], en.start()
    unit_text = (m.group("unita") or "").strip()
    cur = m.group("cpre" + "a")
    measure: str | None = None
    vague_typical: tuple[float, float] | None = None
    kind: Kind = "exact"
    if m.group("yiji"):
        u = _order(m.group("yiu"))
        low, high, vague_typical = u, 10 * u, (u, 5 * u)
        cur = cur or m.group("yicur")
        if not unit_text:
            later = _COUNTED_LATER.match(folded, m.end("yiji"))
            measure = later.group("noun") if later else None
            unit_text = "人" if later else ""
    elif m.group("cheng"):
        u = _order(m.group("cu1"))
        low, high, vague_typical = u, 100 * u, (u, 10 * u)
    elif m.group("shang"):
        u = _order(m.group("su"))
        low, high, vague_typical = u, 10 * u, (u, 2 * u)
    elif m.group("half"):
        if start and folded[start - 1] in "另多":
            return None  # 另一半: the other half (a spouse), not 50 %
        low = high = 50.0
        unit_text = unit_text or "%"
    elif m.group("frac"):
        den, num = read_number(m.group("fden")), read_number(m.group("fnum"))
        if not den or not num or den[0] == 0:
            return None
        if m.group("fwhole"):  # 三又五分之一: a number, 3.2
            low = high = round(_digit(m.group("fwhole")) + num[0] / den[0], 9)
        else:
            low = high = round(num[0] / den[0] * 100, 6)
            unit_text = "%"
        if m.group("fneg"):
            low = high = -low
    else:
        a_text = _numeral_text(m, "a")
        if _bare_one(m.group("numa"), unit_text):
            return None
        ra = _read_text(a_text)
        if ra is None or ra.digit_string:
            return None  # 唯一一家, 二零二四: not a figure
        low, high = ra.low, ra.high
        if ra.vague and m.group("numa")[0] in "数几":
            vague_typical = (low, low * 2.5)
        elif ra.vague:
            kind = "vague"
        if m.group("rest"):
            rng = _range(m, ra, a_text, unit_text)
            if rng is None:
                end = m.end("unita") if m.group("unita") else _numeral_end(m, "a")
            else:
                low, high, unit_b = rng
                unit_text = unit_text or unit_b
                cur = cur or m.group("cpreb")
                kind = "range"
                end = m.end("unitb") if m.group("unitb") else _numeral_end(m, "b")
                if m.group("post"):
                    end = m.end()
        elif not m.group("post"):
            end = m.end("unita") if m.group("unita") else _numeral_end(m, "a")
        if unit_text == "m" and not m.group("rest"):
            counted = _EN_COUNTED_AFTER.match(folded, end)
            if cur or counted:  # $5m, 5m people: millions; a 5m wall stays metres
                low, high = low * 1e6, high * 1e6
                unit_text = counted.group("noun") if counted else ""
                end = counted.end() if counted else end
        if not unit_text and not cur and (later := _EN_COUNTED_LATER.match(folded, end)):
            unit_text, end = later.group("noun"), later.end()  # 88,898 firm orders
        if not unit_text and not cur:
            order = bool(_BIG_END.search(m.group("biga") or m.group("numa")))
            english = re.search(_EN_SCALE, m.group("numa"))
            moved = _EN_MOVED.search(folded, max(0, start - 36), start)
            stated = _EN_STATE_AFTER.match(folded, end)
            if not (order or english or ra.vague or pre or m.group("post") or moved or stated):
                return None
            if _AFTER_NOT.match(folded, end) and not order:
                return None
            if m.group("numa") in ("几", "两", "一") or ra.low == ra.high < 1:
                return None
    # The unit: money, physical, person or counted thing.
    unit, scale = _unit_of(cur, unit_text)
    if unit is None:
        return None
    if unit_text and folded.startswith(unit_text, end):
        return None  # 一天天, 一年年: reduplication, not an amount
    one_time = m.group("numa") == "一" and unit in ("year", "month", "day")
    if one_time and start and folded[start - 1] in "那这上下同前每当":
        return None  # 那一年, 上一年: which year, not how long
    if unit == "m" and folded[max(0, start - 3) : start] == "每小时":
        unit, scale = "m/s", scale / 3600  # 每小时十公里: a speed
        start -= 3
    if unit in ("W", "Wh", "m", "kg", "m2") and re.fullmatch("[十百千万]", m.group("numa") or ""):
        return None  # 千瓦时, 千米: an SI prefix, not a figure
    if unit in ("year", "month", "day", "s") and unit_text:
        measure = unit_text  # 岁 (an age) and 年 (a duration) share the unit year
    if (unit == "person" or unit == "count") and measure is None:
        measure = unit_text or None
        person = _PERSON_AFTER.match(folded, end) if unit_text in ("名", "位", "个") else None
        if person and end == (m.end("unita") if m.group("unita") else -1):
            end = person.end()
            unit = "person"
    if unit_text == "元":
        second = _SECOND_CURRENCY.match(folded, end)
        if second:
            unit, end = _MONEY[second.group()], second.end()  # 三万元欧元
    if unit_text in ("元", "块钱", "块") and not m.group("rest"):
        jf = _JIAO_FEN.match(folded, end)
        if jf and (jf.group("jiao") or jf.group("fen")):
            low += _digit(jf.group("jiao")) / 10 + _digit(jf.group("fen")) / 100
            high = low if high is not None and high < low else high
            end, unit, measure = jf.end(), "CNY", None
        elif unit_text == "元" and folded.startswith("整", end):
            end += 1
    if unit in ("year", "month", "day", "s"):
        extra = _TIME_TAIL.match(folded, end)
        if "多" in unit_text or (extra and extra.group() == "多"):
            high, kind = high + 1, "vague"
        if "半" in unit_text or (extra and extra.group() == "半"):
            low, high = low + 0.5, high + 0.5
        if extra:
            end = extra.end()
    elif unit in _MONEY.values():
        per = _PER.match(folded, end)
        if per:
            base, per_scale = _per_unit(per.group("pu"))
            unit, scale, end = f"{unit}/{base}", scale / per_scale, per.end()
    if pre == "近" and unit in ("year", "month", "day"):
        pre = "约"  # 近两年 is "the last two years" as often as "nearly two years"
    t_low: float | None
    t_high: float | None
    t_low, t_high = vague_typical if vague_typical else (low, high)
    if vague_typical:
        kind = "vague"
    b_low, b_high, t_low, t_high, kind = _modified(
        pre, m.group("post"), low, high, t_low, t_high, kind, unit
    )
    approx = (
        kind != "exact" or pre in _APPROX_WORDS or (m.group("post") or "").strip() in _APPROX_POST
    )
    if kind == "exact" and approx:
        kind = "approx"
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quantity(
        surface=text[start:end],
        start=start,
        end=end,
        low=_scaled(b_low, scale),
        high=_scaled(b_high, scale),
        unit=unit,
        approx=approx,
        measure_word=measure,
        typical_low=_scaled(t_low, scale),
        typical_high=_scaled(t_high, scale),
        kind=kind,
    )


def _order(s: str) -> float:
    r = read_number(s)
    return r[0] if r else 1.0


def _numeral_text(m: re.Match[str], g: str) -> str:
    return m.group("num" + g) + (m.group("tail" + g) or "") + (m.group("big" + g) or "")


def _numeral_end(m: re.Match[str], g: str) -> int:
    return max(m.end("num" + g), m.end("tail" + g), m.end("big" + g))


def _read_text(s: str) -> _Reading | None:
    """Read a matched numeral, with English orders (15 billion) and 半."""
    factor = 1.0
    en = re.search(rf"\s?({_EN_SCALE})$", s)
    if en:
        factor, s = _EN_ORDERS[en.group(1)], s[: en.start()]
    if s == "半":
        return _Reading(0.5, 0.5, False)
    if "(" in s:
        s = _PINYIN_RE.sub("", s)
    s = s.translate(_DAXIE)
    r = _read(s.replace(",", "").replace("，", "").replace(" ", "").replace("\t", ""))
    if r is not None and factor != 1.0:
        r.low, r.high = r.low * factor, r.high * factor
    return r


def _bare_one(numeral: str, unit_text: str) -> bool:
    """一位, 一家, 两 alone: the article "a" and figures of speech, not amounts. One of a
    time unit, money or a physical unit stays (一年之后, 一美元)."""
    if numeral not in ("一", "幺"):
        return False
    unit, _ = _unit_of(None, unit_text)
    return unit in (None, "person", "count")


def _range(
    m: re.Match[str], ra: _Reading, a_text: str, unit_a: str
) -> tuple[float, float, str] | None:
    """(low, high, unit of b) of A~B, or None when the two sides are not one range."""
    b_text = _numeral_text(m, "b")
    rb = _read_text(b_text)
    unit_b = (m.group("unitb") or "").strip()
    if rb is None or (m.group("cpreb") and m.group("cpreb") != m.group("cprea")):
        return None
    if unit_a and unit_b and _unit_of(None, unit_a)[0] != _unit_of(None, unit_b)[0]:
        return None
    if m.group("sep") == "或" and not (unit_a or unit_b):
        return None
    low = ra.low
    suffix = _BIG_SUFFIX.search(b_text)
    if re.fullmatch(rf"[{_CN_CHARS}\d]", a_text):  # 两~3百, 八到九百亿: one digit takes it all
        suffix = _ORDER_END.search(b_text)
    if suffix and not _BIG_SUFFIX.search(a_text) and not ra.vague:
        widened = _read_text(a_text + suffix.group())
        if widened is not None and widened.low <= rb.high:
            low = widened.low  # 两到三万 → 2万–3万
    if low > rb.high:
        return None
    return low, rb.high, unit_b


def _unit_of(cur: str | None, unit_text: str) -> tuple[str | None, float]:
    if cur:
        code = _MONEY.get(cur)
        if code and (not unit_text or unit_text in _MONEY or unit_text in _EN_ORDERS):
            return code, 1.0
    if not unit_text:
        return "count", 1.0
    if unit_text in _MONEY:
        return _MONEY[unit_text], 1.0
    if unit_text in _JIAO:
        return "CNY", _JIAO[unit_text]
    if unit_text in _PHYSICAL:
        return _PHYSICAL[unit_text]
    if unit_text in _PERSON_MEASURE or unit_text in _PERSON_NOUN:
        return "person", 1.0
    if unit_text in _COUNT_MEASURE:
        return "count", 1.0
    return None, 1.0


def _digit(s: str | None) -> float:
    if not s:
        return 0.0
    r = read_number(s)
    return r[0] if r else 0.0


def _modified(
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
    if pre in _LOWER_WORDS or post in _LOWER_POST:
        above = t_low * 1.5 if exact else t_high
        if exact and unit == "percent" and 0 < t_low < 100:
            above = min(above, 100.0)  # 70%以上 is read as 70–100 %
        return low, None, t_low, above, "at_least"
    if pre in _UPPER_WORDS or post in _UPPER_POST:
        return None, high, (t_high * 0.5 if exact else t_low), t_high, "at_most"
    if pre in _NEARLY_WORDS:
        return 0.75 * low, high, 0.9 * t_high, t_high, "nearly"
    if pre in _UP_TO_WORDS:
        return None, high, 0.9 * t_high, t_high, "up_to"
    return low, high, t_low, t_high, kind


def _scaled(v: float | None, scale: float) -> float | None:
    if v is None:
        return None
    out = v * scale
    return float(round(out)) if abs(out - round(out)) < 1e-9 * max(1.0, abs(out)) else out


def _percent(m: re.Match[str], folded: str, text: str) -> Quantity | None:
    r = _read_text(m.group("pnum"))
    if r is None:
        return None
    start = m.start()
    negative = 1 if folded[start - 1 : start] == "负" else 0
    if folded[max(0, start - 2) : start] == "负的":
        negative = 2  # 负的百分之二十
    start -= negative
    pm = _PREFIX_BEFORE.search(folded, max(0, start - 4), start)
    pre = pm.group().strip() if pm else None
    start = pm.start() if pm else start
    div = {"百分之": 1.0, "百分": 1.0, "千分之": 10.0, "万分之": 100.0}[m.group("per")]
    low, high = r.low / div, r.high / div
    r2 = _read_text(m.group("pnum2")) if m.group("pnum2") else None
    ranged = r2 is not None and r2.high / div >= low
    if r2 is not None and ranged:
        high = r2.high / div  # 百分之三十到四十一
    if negative:
        low, high = -high, -low
    b_low, b_high, t_low, t_high, kind = _modified(
        pre,
        m.group("post"),
        low,
        high,
        low,
        high,
        "range" if ranged else "vague" if r.vague else "exact",
        "percent",
    )
    approx = kind != "exact" or pre in _APPROX_WORDS or m.group("post") == "左右"
    return Quantity(
        surface=text[start : m.end()],
        start=start,
        end=m.end(),
        low=b_low,
        high=b_high,
        unit="percent",
        approx=approx,
        typical_low=t_low,
        typical_high=t_high,
        kind="approx" if kind == "exact" and approx else kind,
    )


def _english_vague(m: re.Match[str], text: str) -> Quantity:
    """hundreds of, tens of millions of dollars, a dozen, more than a dozen."""
    unit = "count"
    eunit = (m.group("eunit") or "").lower()
    if eunit:
        unit = _unit_of(None, eunit)[0] or "count"
    if m.group("dozen"):
        low = high = t_low = t_high = 12.0
        kind: Kind = "approx"
    else:
        word = (m.group("ord") or m.group("ord2")).lower()
        u = _EN_ORDERS.get(word.rstrip("s"), _EN_ORDERS.get(word, 12.0))
        if m.group("tens"):
            u *= 10.0 if m.group("tens").lower().startswith("tens") else 100.0
        if word == "dozens":
            low, high, t_low, t_high = 24.0, 144.0, 24.0, 60.0
        else:
            low, high, t_low, t_high = 2 * u, 10 * u, 2 * u, 5 * u
        kind = "vague"
    pre = _EN_PREFIX_WORD.get((m.group("pre") or "").strip().lower())
    b_low, b_high, t_low2, t_high2, kind = _modified(pre, None, low, high, t_low, t_high, kind)
    return Quantity(
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
        kind=kind,
    )


def _en_words_value(words: str) -> tuple[float, bool] | None:
    """(value, has a scale word) of English number words, or None when the words do not
    make one number (two three, nine one one, million thousand)."""
    total = cur = 0.0
    prev = ""
    scaled = False
    for t in re.split(r"[ ,-]+", words.lower()):
        if t == "and":
            if prev not in ("hundred", "scale"):
                return None
            continue
        if t in _EN_ONES:
            v = _EN_ONES[t]
            if prev in ("one", "teen") or (prev == "tens" and v >= 10):
                return None
            cur, prev = cur + v, "teen" if v >= 10 else "one"
        elif t in _EN_TENS:
            if prev in ("one", "teen", "tens"):
                return None
            cur, prev = cur + _EN_TENS[t], "tens"
        elif t == "hundred":
            if prev == "hundred":
                return None
            cur, prev, scaled = (cur or 1.0) * 100, "hundred", True
        else:
            if prev == "scale":
                return None
            total, cur, prev, scaled = total + (cur or 1.0) * _EN_WORD_SCALES[t], 0.0, "scale", True
    return total + cur, scaled


def _english_words(m: re.Match[str], folded: str, text: str) -> Quantity | None:
    """Two million, Twelve people, nearly two million, half a million, six who died.

    A number with a scale word is an amount like 2 million. Without one (eight, nine) it
    is an amount only with a counted noun (eight people), "who" (six who died: people) or
    a modifier (at least nine), as a bare 9 is not either. "one" never is without a
    scale word: one of the, one day and no one are not counts."""
    read = _en_words_value(m.group("words"))
    if read is None:
        return None
    value, scaled = read
    lead = (m.group("lead") or "").lower()
    if lead.startswith("half"):
        value /= 2
    first = m.group("words").split()[0].lower()
    if (first in _EN_WORD_SCALES and not lead) or (value == 1 and not scaled):
        return None  # Hundred Years' War, Million Man March; one
    start, end = m.start(), m.end()
    counted = _EN_COUNTED_AFTER.match(folded, end)
    unit_m = None if counted else _EN_UNIT_AFTER.match(folded, end)
    en = _EN_PREFIX.search(folded, max(0, start - 16), start)
    pre = _EN_PREFIX_WORD[en.group().strip().lower()] if en else None
    who = not (counted or unit_m) and _WHO_AFTER.match(folded, end)
    if not (scaled or counted or unit_m or who or pre):
        return None
    unit, scale, measure = "count", 1.0, None
    if (hit := counted or unit_m) is not None:
        noun = hit.group("noun")
        unit_found, scale = _unit_of(None, noun)
        unit, measure, end = unit_found or "count", noun, hit.end()
        if unit not in ("person", "count", "year", "month", "day", "s"):
            measure = None  # as for figures: an age (years old) and a count keep the word
    elif who:
        unit = "person"
    if en:
        start = en.start()
    b_low, b_high, t_low, t_high, kind = _modified(
        pre, None, value, value, value, value, "exact", unit
    )
    approx = kind != "exact" or pre in _APPROX_WORDS
    return Quantity(
        surface=text[start:end],
        start=start,
        end=end,
        low=_scaled(b_low, scale),
        high=_scaled(b_high, scale),
        unit=unit,
        approx=approx,
        measure_word=measure,
        typical_low=_scaled(t_low, scale),
        typical_high=_scaled(t_high, scale),
        kind="approx" if kind == "exact" and approx else kind,
    )


def _per_unit(word: str) -> tuple[str, float]:
    """The base unit and scale of the denominator of a price (每千瓦时 → Wh, 1000)."""
    if word in _PHYSICAL:
        return _PHYSICAL[word]
    return ("person", 1.0) if word in _PERSON_MEASURE else (word, 1.0)
