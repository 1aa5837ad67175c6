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
bare figures are dropped before any Python work.

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
but costs 245 MB, prints a banner and has date bugs. So the numeral reader (models.values.numerals)
is our own: it reads every numeral as an interval of digit ranges in one pass over the matched
span (a few characters), and the text is scanned by precompiled regexes only. Traditional
characters and full-width digits are folded by a one-to-one `str.translate` table, which
keeps every offset valid; 大写 numerals (壹佰贰拾) are mapped only inside a numeral, since
folded in running text they would read 队伍十人 as 队五十人.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel

from models.values.numerals import EN_SCALE, fold_for_amounts, read_number, read_text
from models.values.quantity_bounds import (
    Kind,
    bare_one,
    digit_value,
    modified,
    numeral_end,
    numeral_text,
    order_value,
    range_bounds,
    scaled_reading,
)
from models.values.quantity_patterns import (
    AFTER_NOT,
    APPROX_POST,
    APPROX_WORDS,
    BEFORE_NOT,
    BIG_END,
    COUNTED_LATER,
    DATE_LIKE,
    EN_COUNTED_AFTER,
    EN_COUNTED_LATER,
    EN_HINT,
    EN_MOVED,
    EN_PREFIX,
    EN_PREFIX_WORD,
    EN_STATE_AFTER,
    EN_VAGUE,
    EN_WORDS,
    IDIOMS,
    JIAO_FEN,
    PER,
    PERCENT,
    PERSON_AFTER,
    PLAIN,
    PREFIX_BEFORE,
    QUANTITY_SCAN,
    SECOND_CURRENCY,
    TIME_TAIL,
)
from models.values.units import MONEY, per_unit, unit_of
from models.values.worded_amounts import english_vague, english_words, percent_reading


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


def _plain_figure(m: re.Match[str], folded: str) -> bool:
    """A bare figure with no unit, order, vague word or modifier (一些, 996, 2 卖): not an
    amount. Checked first because most numerals in running text are these."""
    if m.group("numa") is None or not PLAIN.fullmatch(m.group("numa")):
        return False
    if any(m.group(g) for g in ("unita", "cprea", "rest", "post", "biga", "taila")):
        return False
    start = m.start()
    if PREFIX_BEFORE.search(folded, max(0, start - 4), start):
        return False
    if start and folded[start - 1] == " " and EN_MOVED.search(folded, max(0, start - 36), start):
        return False  # the toll has risen to 51: a bare figure is the story's figure
    if EN_STATE_AFTER.match(folded, m.end()) or EN_COUNTED_LATER.match(folded, m.end()):
        return False  # 2,376 have been injured, 30 others are missing, 75,723 locked-in orders
    return not (start and folded[start - 1] == " " and EN_PREFIX.search(folded, start - 16, start))


def parse_quantities(text: str) -> list[Quantity]:
    """Every amount in `text`, in order, with offsets into `text` (see the table above).

    The same sentence is read twice on its way through the pipeline (extraction, then
    normalization of its quote), so readings are kept by exact text; the
    reading depends on nothing else, and each caller gets its own copies."""
    return [q.model_copy() for q in _parse_quantities(text)]


@lru_cache(maxsize=8192)
def _parse_quantities(text: str) -> tuple[Quantity, ...]:
    folded = fold_for_amounts(text)
    dates = bytearray(len(folded))
    for m in DATE_LIKE.finditer(folded):
        dates[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    idioms = [m.span() for m in IDIOMS.finditer(folded)]
    found: list[Quantity] = []
    for m in QUANTITY_SCAN.finditer(folded):
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
    for m in PERCENT.finditer(folded):
        p = percent_reading(m, folded, text)
        if p is not None:
            found.append(Quantity(**p))
    for m in EN_WORDS.finditer(folded):
        w = english_words(m, folded, text)
        if w is not None:
            found.append(Quantity(**w))
    seen: set[int] = set()
    for hint in EN_HINT.finditer(folded):
        for m in EN_VAGUE.finditer(folded, max(0, hint.start() - 30), hint.end() + 30):
            if m.start() not in seen and m.start() <= hint.start() < m.end():
                seen.add(m.start())
                found.append(Quantity(**english_vague(m, text)))
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
    if BEFORE_NOT.search(folded, max(0, start - 6), start):
        return None
    pm = PREFIX_BEFORE.search(folded, max(0, start - 4), start)
    pre = pm.group().strip() if pm else None
    if pm:
        start = pm.start()
    if pre == "近" and start and folded[start - 1] in "最附临":
        pre, start = None, start + 1  # 最近两年: recent, not "nearly"
    if not pre:
        en = EN_PREFIX.search(folded, max(0, start - 16), start)
        if en:
            pre, start = EN_PREFIX_WORD[en.group().strip().lower()], en.start()
    unit_text = (m.group("unita") or "").strip()
    cur = m.group("cpre" + "a")
    measure: str | None = None
    vague_typical: tuple[float, float] | None = None
    kind: Kind = "exact"
    if m.group("yiji"):
        u = order_value(m.group("yiu"))
        low, high, vague_typical = u, 10 * u, (u, 5 * u)
        cur = cur or m.group("yicur")
        if not unit_text:
            later = COUNTED_LATER.match(folded, m.end("yiji"))
            measure = later.group("noun") if later else None
            unit_text = "人" if later else ""
    elif m.group("cheng"):
        u = order_value(m.group("cu1"))
        low, high, vague_typical = u, 100 * u, (u, 10 * u)
    elif m.group("shang"):
        u = order_value(m.group("su"))
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
            low = high = round(digit_value(m.group("fwhole")) + num[0] / den[0], 9)
        else:
            low = high = round(num[0] / den[0] * 100, 6)
            unit_text = "%"
        if m.group("fneg"):
            low = high = -low
    else:
        a_text = numeral_text(m, "a")
        if bare_one(m.group("numa"), unit_text):
            return None
        ra = read_text(a_text)
        if ra is None or ra.digit_string:
            return None  # 唯一一家, 二零二四: not a figure
        low, high = ra.low, ra.high
        if ra.vague and m.group("numa")[0] in "数几":
            vague_typical = (low, low * 2.5)
        elif ra.vague:
            kind = "vague"
        if m.group("rest"):
            rng = range_bounds(m, ra, a_text, unit_text)
            if rng is None:
                end = m.end("unita") if m.group("unita") else numeral_end(m, "a")
            else:
                low, high, unit_b = rng
                unit_text = unit_text or unit_b
                cur = cur or m.group("cpreb")
                kind = "range"
                end = m.end("unitb") if m.group("unitb") else numeral_end(m, "b")
                if m.group("post"):
                    end = m.end()
        elif not m.group("post"):
            end = m.end("unita") if m.group("unita") else numeral_end(m, "a")
        if unit_text == "m" and not m.group("rest"):
            counted = EN_COUNTED_AFTER.match(folded, end)
            if cur or counted:  # $5m, 5m people: millions; a 5m wall stays metres
                low, high = low * 1e6, high * 1e6
                unit_text = counted.group("noun") if counted else ""
                end = counted.end() if counted else end
        if not unit_text and not cur and (later := EN_COUNTED_LATER.match(folded, end)):
            unit_text, end = later.group("noun"), later.end()  # 88,898 firm orders
        if not unit_text and not cur:
            order = bool(BIG_END.search(m.group("biga") or m.group("numa")))
            english = re.search(EN_SCALE, m.group("numa"))
            moved = EN_MOVED.search(folded, max(0, start - 36), start)
            stated = EN_STATE_AFTER.match(folded, end)
            if not (order or english or ra.vague or pre or m.group("post") or moved or stated):
                return None
            if AFTER_NOT.match(folded, end) and not order:
                return None
            if m.group("numa") in ("几", "两", "一") or ra.low == ra.high < 1:
                return None
    # The unit: money, physical, person or counted thing.
    unit, scale = unit_of(cur, unit_text)
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
        person = PERSON_AFTER.match(folded, end) if unit_text in ("名", "位", "个") else None
        if person and end == (m.end("unita") if m.group("unita") else -1):
            end = person.end()
            unit = "person"
    if unit_text == "元":
        second = SECOND_CURRENCY.match(folded, end)
        if second:
            unit, end = MONEY[second.group()], second.end()  # 三万元欧元
    if unit_text in ("元", "块钱", "块") and not m.group("rest"):
        jf = JIAO_FEN.match(folded, end)
        if jf and (jf.group("jiao") or jf.group("fen")):
            low += digit_value(jf.group("jiao")) / 10 + digit_value(jf.group("fen")) / 100
            high = low if high is not None and high < low else high
            end, unit, measure = jf.end(), "CNY", None
        elif unit_text == "元" and folded.startswith("整", end):
            end += 1
    if unit in ("year", "month", "day", "s"):
        extra = TIME_TAIL.match(folded, end)
        if "多" in unit_text or (extra and extra.group() == "多"):
            high, kind = high + 1, "vague"
        if "半" in unit_text or (extra and extra.group() == "半"):
            low, high = low + 0.5, high + 0.5
        if extra:
            end = extra.end()
    elif unit in MONEY.values():
        per = PER.match(folded, end)
        if per:
            base, per_scale = per_unit(per.group("pu"))
            unit, scale, end = f"{unit}/{base}", scale / per_scale, per.end()
    if pre == "近" and unit in ("year", "month", "day"):
        pre = "约"  # 近两年 is "the last two years" as often as "nearly two years"
    t_low: float | None
    t_high: float | None
    t_low, t_high = vague_typical if vague_typical else (low, high)
    if vague_typical:
        kind = "vague"
    b_low, b_high, t_low, t_high, kind = modified(
        pre, m.group("post"), low, high, t_low, t_high, kind, unit
    )
    approx = (
        kind != "exact" or pre in APPROX_WORDS or (m.group("post") or "").strip() in APPROX_POST
    )
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quantity(
        **scaled_reading(
            text, start, end, (b_low, b_high, t_low, t_high), scale, unit, approx, measure
        )
    )
