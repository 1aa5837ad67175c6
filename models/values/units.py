"""Unit words of amounts: currencies (ISO 4217), physical units scaled to SI base units,
people and counted things, and how a unit word resolves to (unit, scale)."""

from __future__ import annotations

import re

from models.values.numerals import EN_ORDERS

_Unit = tuple[str, float]  # (unit, scale to it)
MONEY: dict[str, str] = {
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
PHYSICAL: dict[str, _Unit] = {
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
PERSON_MEASURE = ["名", "位", "人", "人次"]
PERSON_NOUN = [
    "员工", "雇员", "职员", "工程师", "研究人员", "研究员", "科学家", "人才", "技术人才",
    "作者", "华人", "华裔", "人士", "学生", "用户", "工人",
    "people", "persons", "employees", "engineers", "staff", "workers", "researchers",
    "scientists", "users", "passengers", "crew", "victims", "residents", "children",
    "soldiers", "civilians", "protesters", "patients", "dead",
]  # fmt: skip
COUNT_MEASURE = [
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


def alternation(words: list[str]) -> str:
    """Longest first, so 千瓦时 wins over 千瓦; ASCII words must end at a word edge."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w) + _UNIT_NOT_BEFORE.get(w, "")
        if w[-1].isascii() and w[-1].isalpha():
            p += r"(?![A-Za-z])"
        parts.append(p)
    return "|".join(parts)


# Words between the number and the unit that are not part of either.
CURRENCY_WORDS = [w for w in MONEY if not (len(w) == 1 and not w.isalpha()) and "$" not in w]
CURRENCY_SIGNS = [w for w in MONEY if w not in CURRENCY_WORDS]
# 五毛, 三角钱: tenths of a yuan.
_JIAO = {"毛钱": 0.1, "角钱": 0.1, "毛": 0.1, "角": 0.1}
UNIT_WORDS = (
    CURRENCY_WORDS + list(PHYSICAL) + PERSON_MEASURE + PERSON_NOUN + COUNT_MEASURE + list(_JIAO)
)


def unit_of(cur: str | None, unit_text: str) -> tuple[str | None, float]:
    if cur:
        code = MONEY.get(cur)
        if code and (not unit_text or unit_text in MONEY or unit_text in EN_ORDERS):
            return code, 1.0
    if not unit_text:
        return "count", 1.0
    if unit_text in MONEY:
        return MONEY[unit_text], 1.0
    if unit_text in _JIAO:
        return "CNY", _JIAO[unit_text]
    if unit_text in PHYSICAL:
        return PHYSICAL[unit_text]
    if unit_text in PERSON_MEASURE or unit_text in PERSON_NOUN:
        return "person", 1.0
    if unit_text in COUNT_MEASURE:
        return "count", 1.0
    return None, 1.0


def per_unit(word: str) -> tuple[str, float]:
    """The base unit and scale of the denominator of a price (每千瓦时 → Wh, 1000)."""
    if word in PHYSICAL:
        return PHYSICAL[word]
    return ("person", 1.0) if word in PERSON_MEASURE else (word, 1.0)
