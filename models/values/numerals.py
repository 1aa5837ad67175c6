"""Numerals: one reader for Chinese, Arabic and English numbers, and the one table of
characters folded before amounts and dates are read.

`read_number` reads a numeral as an interval (七八百 → 700–800, 3000多 → 3000–4000);
`read_int` reads the small whole numbers of dates (十二, 二零二四). Folding is one-to-one
(`str.translate`), so offsets into the folded text are offsets into the text.
"""

from __future__ import annotations

import re

# Folded for both readers: full-width digits and signs, and traditional forms.
_SHARED_FOLD = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".", "～": "~", "－": "-", "兩": "两", "個": "个", "週": "周", "禮": "礼",
}  # fmt: skip
# Traditional → simplified for the characters the amount patterns use, and 圆 → 元.
AMOUNT_FOLD = str.maketrans(
    {
        **_SHARED_FOLD,
        "％": "%", "＄": "$", "萬": "万", "億": "亿", "負": "负", "數": "数", "餘": "余", "幣": "币",
        "圓": "元", "圆": "元", "約": "约", "過": "过", "達": "达", "將": "将", "於": "于", "僅": "仅",
        "幾": "几", "歲": "岁", "張": "张", "塊": "块", "項": "项", "條": "条", "顆": "颗", "隻": "只",
        "間": "间", "場": "场", "輪": "轮", "員": "员", "師": "师", "與": "与", "鎊": "镑", "盧": "卢",
        "韓": "韩", "歐": "欧", "紐": "纽", "臺": "台", "時": "时", "鐘": "钟", "裡": "里", "噸": "吨",
        "釐": "厘", "華": "华", "戶": "户", "總": "总", "點": "点",
    }
)  # fmt: skip
# The date patterns' own: 〇 is read as 零 there, and the characters they use.
DATE_FOLD = str.maketrans(
    {
        **_SHARED_FOLD,
        "號": "号", "後": "后", "這": "这", "當": "当", "紀": "纪", "〇": "零", "○": "零",
        "／": "/", "來": "来",
    }
)  # fmt: skip
_NEEDS_AMOUNT_FOLD = re.compile("[" + re.escape("".join(chr(c) for c in AMOUNT_FOLD)) + "]")
_NEEDS_DATE_FOLD = re.compile("[" + re.escape("".join(chr(c) for c in DATE_FOLD)) + "]")


def fold_for_amounts(text: str) -> str:
    """`text` with AMOUNT_FOLD applied (the same string when nothing needs folding)."""
    return text.translate(AMOUNT_FOLD) if _NEEDS_AMOUNT_FOLD.search(text) else text


def fold_for_dates(text: str) -> str:
    """`text` with DATE_FOLD applied (the same string when nothing needs folding)."""
    return text.translate(DATE_FOLD) if _NEEDS_DATE_FOLD.search(text) else text


# 大写 numerals (壹佰贰拾) are mapped only inside a numeral: folded in running text they
# would turn 队伍十人 into 队五十人.
_DAXIE = str.maketrans("壹贰貳弍叁參肆伍陆陸柒捌玖拾佰仟", "一二二二三三四五六六七八九十百千")
DAXIE_DIGITS = "壹贰貳弍叁參肆伍陆陸柒捌玖"

CN_DIGITS = {
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
# Numeral characters, and English number words and scales.
CN_CHARS = "零〇○一二两俩三仨四五六七八九幺十百千万亿廿拾佰仟"
# Pages copied with pinyin annotations (數(shù)十家) keep them inside the word.
PINYIN = r"(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]{1,7}\))?"
_PINYIN_RE = re.compile(PINYIN[3:-2])
EN_SCALE = r"thousand|million|billion|trillion|bn|mn"
EN_ORDERS = {"dozens": 12.0, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
              "trillion": 1e12, "bn": 1e9, "mn": 1e6}  # fmt: skip
EN_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
            "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
            "nineteen": 19}  # fmt: skip
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}  # fmt: skip
EN_WORD_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
                   "trillion": 1e12}  # fmt: skip

# --- the numeral reader ---------------------------------------------------------------

_TOKEN = re.compile(r"零下|\d+(?:\.\d+)?|点(?:[零〇○一二两三四五六七八九幺]+|\d+)|.", re.S)


class Reading:
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
        s.translate(AMOUNT_FOLD)
        .translate(_DAXIE)
        .replace(",", "")
        .replace("，", "")
        .replace(" ", "")
    )
    return None if r is None else (r.low, r.high)


def _read(s: str) -> Reading | None:
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
    if len(body) > 1 and all(t in CN_DIGITS for t in body) and (frac or not _range_pair(body)):
        digits = "".join(str(CN_DIGITS[t]) for t in body)
        if frac:
            digits += "." + "".join(str(CN_DIGITS.get(c, c)) for c in frac)
        v = sign * float(digits)
        return Reading(v, v, False, digit_string=True)
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
        elif t in CN_DIGITS:
            d = float(CN_DIGITS[t])
            if dig is not None and prev in CN_DIGITS:
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
            frac = float("0." + "".join(str(CN_DIGITS.get(c, c)) for c in t[1:]))
            whole = dig or (0.0, 0.0)
            sec_lo += whole[0] + frac
            sec_hi += whole[1] + frac
            dig = None
            last_place = 10.0 ** -(len(t) - 1)
        elif t in ("多", "余", "来"):
            if dig is not None:
                # 三万五千多 and 三万五多 take the place below the order; an Arabic
                # figure after it (2万1000余) states its own.
                place = dig_place if prev in CN_DIGITS else 1.0
                sec_lo += dig[0] * place
                sec_hi += dig[1] * place
                last_place = dig_place if prev in CN_DIGITS else last_place
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
        sec_lo += dig[0] * (dig_place if prev in CN_DIGITS else 1.0)
        sec_hi += dig[1] * (dig_place if prev in CN_DIGITS else 1.0)
        if open_unit == -1.0:
            open_unit = 1.0
    low, high = total_lo + sec_lo, total_hi + sec_hi
    if open_unit > 0:
        high += open_unit
    if sign < 0:
        low, high = -high, -low
    return Reading(low, high, vague or open_unit > 0)


def _range_pair(tokens: list[str]) -> bool:
    if len(tokens) != 2:
        return False
    a, b = CN_DIGITS[tokens[0]], CN_DIGITS[tokens[1]]
    return a > 0 and (b == a + 1 or (a, b) == (3, 5))


def read_int(s: str) -> int:
    """A small whole number: 12, 十二, 二十一, 两; without 十, digit by digit (二零二四)."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        return (CN_DIGITS[head] if head else 1) * 10 + (CN_DIGITS[tail] if tail else 0)
    return int("".join(str(CN_DIGITS[c]) for c in s))


def read_text(s: str) -> Reading | None:
    """Read a matched numeral, with English orders (15 billion) and 半."""
    factor = 1.0
    en = re.search(rf"\s?({EN_SCALE})$", s)
    if en:
        factor, s = EN_ORDERS[en.group(1)], s[: en.start()]
    if s == "半":
        return Reading(0.5, 0.5, False)
    if "(" in s:
        s = _PINYIN_RE.sub("", s)
    s = s.translate(_DAXIE)
    r = _read(s.replace(",", "").replace("，", "").replace(" ", "").replace("\t", ""))
    if r is not None and factor != 1.0:
        r.low, r.high = r.low * factor, r.high * factor
    return r


def en_words_value(words: str) -> tuple[float, bool] | None:
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
        if t in EN_ONES:
            v = EN_ONES[t]
            if prev in ("one", "teen") or (prev == "tens" and v >= 10):
                return None
            cur, prev = cur + v, "teen" if v >= 10 else "one"
        elif t in EN_TENS:
            if prev in ("one", "teen", "tens"):
                return None
            cur, prev = cur + EN_TENS[t], "tens"
        elif t == "hundred":
            if prev == "hundred":
                return None
            cur, prev, scaled = (cur or 1.0) * 100, "hundred", True
        else:
            if prev == "scale":
                return None
            total, cur, prev, scaled = total + (cur or 1.0) * EN_WORD_SCALES[t], 0.0, "scale", True
    return total + cur, scaled
