"""What a matched date mention names: the span each form resolves to, against the
publication date where a part is left out."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

from models.values.date_arithmetic import (
    Span,
    add_months,
    month_end,
    quarter,
    shifted_span,
    since,
    units_away,
    vague_offset,
    window_span,
)
from models.values.date_patterns import EN_MONTHS, REL_QUARTER, WEEKDAYS
from models.values.numerals import CN_DIGITS, read_int, read_number


def resolve(m: re.Match[str], ref: date | None) -> Span | None:
    g = m.group
    if g("en"):
        mon = EN_MONTHS[g("emon") or g("emon2") or g("emon3")]
        year_s = g("eyear") or g("eyear2") or g("eyear3")
        if year_s is None and ref is None:
            return None
        y = int(year_s) if year_s else ref.year  # type: ignore[union-attr]
        if g("emon3"):
            return date(y, mon, 1), month_end(y, mon), "month", False, False
        day = date(y, mon, int(g("eday") or g("eday2")))
        return day, day, "day", year_s is None, False
    if g("yr"):
        y = int(g("ya"))
        return date(y, 1, 1), date(y, 12, 31), "year", False, False
    if g("us"):
        return _numeric(m, ref)
    if g("iso"):
        y = int(g("iy"))
        if g("isep"):  # 2024-05-15, 1994.01-19 (a day over 12 after a dash)
            mo, d = g("im"), g("id") or g("id2")
        else:  # 20240515, 2022 11 23
            mo, d = g("cm") or g("sm"), g("cd") or g("sd")
        if mo is None:
            return None  # a bare 4-digit figure is not a date
        if g("iyend"):  # 2008.03-2009: to the end of that year
            if int(g("iyend")) < y:
                return None
            return date(y, int(mo), 1), date(int(g("iyend")), 12, 31), "month", False, False
        if d is None:
            return date(y, int(mo), 1), month_end(y, int(mo)), "month", False, False
        day = date(y, int(mo), int(d))
        return day, day, "day", False, False
    if g("cal"):
        return _calendar(m, ref)
    if ref is None:
        return None
    if g("jm"):  # 今明两年, 今明两天
        if g("jmu") == "年":
            return date(ref.year, 1, 1), date(ref.year + 1, 12, 31), "year", False, True
        return ref, ref + timedelta(days=1), "day", False, True
    if g("rd"):
        word = g("rd")
        offset = {"昨": -1, "前": -2, "明": 1, "后": 2, "次": 1, "翌": 1}.get(word[0], 0)
        offset = {"大前天": -3, "大后天": 3, "大大前天": -4, "大大后天": 4}.get(word, offset)
        day = ref + timedelta(days=offset)
        return day, day, "day", False, True
    if g("rq"):
        q0 = (ref.month - 1) // 3 + REL_QUARTER.get(g("rq").replace("个", ""), 0)
        y, q = ref.year + q0 // 4, q0 % 4
        return quarter(y, q + 1, g("rqpart"), False, True)
    if g("window"):
        raw = g("wn2")
        n = read_int(raw)
        return window_span(n, g("wu"), g("wdir") in ("未来", "今后"), ref)
    if g("within"):  # 60日内, 15个工作日内: from publication on
        raw = g("inn")
        return window_span(read_int(raw), g("inu"), True, ref)
    if g("fz"):
        if g("fwn"):  # 前两周: the past two weeks
            return window_span(read_int(g("fwn")), "周", False, ref)
        if g("fzu") == "天":  # 前两天, 前几天: a couple of days ago, not yesterday
            return ref - timedelta(days=7), ref - timedelta(days=2), "day", False, True
        return date(ref.year - 5, 1, 1), date(ref.year - 2, 12, 31), "year", False, True
    if g("pass"):  # 过两天, 过十周: n units on (open after: open_side)
        raw = g("pn")
        return shifted_span(float(read_int(raw)), g("pu"), 1, ref)
    if g("day") or g("cday"):
        day = date(ref.year, ref.month, read_int(g("dd") or g("cdd")))
        return day, day, "day", True, False
    if g("week"):
        monday = ref - timedelta(days=ref.weekday())
        if g("wk"):
            shift = {"上上": -2, "上": -1, "这": 0, "本": 0, "下": 1, "下下": 2}[g("wk")]
            monday += timedelta(weeks=shift)
            wd = g("wkd")
            if wd is None:
                return monday, monday + timedelta(days=6), "day", False, True
            day = monday + timedelta(days=WEEKDAYS[wd])
            return day, day, "day", False, True
        day = monday + timedelta(days=WEEKDAYS[g("wd")])  # 周四: this week's (本周四)
        return day, day, "day", False, True
    if g("ago"):
        return _offset(m, ref)
    if g("dec"):
        return _decade(m, ref)
    return None


def _calendar(m: re.Match[str], ref: date | None) -> Span | None:
    g = m.group
    guessed = relative = False
    if g("roc"):
        year = int(g("roc")) + 1911  # 民國113年 is 2024
    elif g("ce"):  # 公元2934年, 公元一六三年: any year, as written
        year = (
            int(g("ce")) if g("ce").isdigit() else int("".join(str(CN_DIGITS[c]) for c in g("ce")))
        )
    elif g("y"):
        year = _year_of(g("y"), False, ref)
    elif g("y2"):
        year = _year_of(g("y2"), True, ref)
    elif g("y2b"):  # 05年, 零五年, 九零年: a two-digit year (三四年 is a duration)
        pair = [CN_DIGITS.get(c) for c in g("y2b")]
        if None not in pair and pair[0] and pair[1] in (pair[0] + 1, 5 if pair[0] == 3 else -1):
            return None
        year = _year_of(g("y2b"), True, ref)
    elif g("ry"):
        if ref is None:
            return None
        offset = {"去年": -1, "上一年": -1, "前年": -2, "大前年": -3, "明年": 1, "次年": 1,
                  "下一年": 1, "后年": 2, "大后年": 3}.get(g("ry"), 0)  # fmt: skip
        year, relative = ref.year + offset, True
    else:
        if ref is None:
            return None
        year, guessed = ref.year, True
    if g("q"):
        digits = re.sub(r"[第首个季度Q]", "", g("q"))
        n = 1 if g("q").startswith("首") else read_int(digits)
        return quarter(year, n, g("qpart"), guessed, relative)
    if g("firstn"):
        n = read_int(g("fn"))
        months = n * 3 if g("fu") == "季度" else n
        if g("firstn") in ("后", "最后"):  # 后三个月: the last three
            return date(year, 13 - months, 1), date(year, 12, 31), "month", guessed, relative
        return date(year, 1, 1), month_end(year, months), "month", guessed, relative
    if g("nth"):
        if not (g("y") or g("y2") or g("y2b") or g("roc") or g("ry") or g("ce")):
            return None  # 第三天 without a year counts from an event, not from 1 January
        raw = g("nn")
        n = 1 if g("nth") == "首" or not raw else read_int(raw)
        unit = g("nu")
        if unit == "月":
            return date(year, n, 1), month_end(year, n), "month", guessed, relative
        if unit == "天":  # 2023年第十天
            day = date(year, 1, 1) + timedelta(days=n - 1)
            return day, day, "day", guessed, relative
        jan1 = date(year, 1, 1)  # 第37周: weeks from the year's first Monday
        monday = jan1 + timedelta(days=(7 - jan1.weekday()) % 7, weeks=n - 1)
        return monday, monday + timedelta(days=6), "day", guessed, relative
    part = g("py") or g("pyy")
    if part:
        span = {"伊始": (1, 1), "上半年": (1, 6), "下半年": (7, 12), "年初": (1, 2), "初": (1, 2),
                  "年底": (11, 12), "年末": (11, 12), "底": (11, 12), "末": (11, 12),
                  "年中": (6, 7)}[part]  # fmt: skip
        return date(year, span[0], 1), month_end(year, span[1]), "month", guessed, relative
    if g("m") is None and g("rm") is None:
        if not (g("y") or g("y2") or g("y2b") or g("ry") or g("roc") or g("ce")):
            return None
        return date(year, 1, 1), date(year, 12, 31), "year", guessed, relative
    if g("rm"):
        if ref is None:
            return None
        shift = {"上个月": -1, "上一个月": -1, "上月": -1, "下个月": 1, "下一个月": 1,
                 "下月": 1}.get(g("rm"), 0)  # fmt: skip
        first = add_months(date(ref.year, ref.month, 1), shift)
        year, month, relative, guessed = first.year, first.month, True, False
    else:
        month = read_int(g("m"))
    if g("m2"):
        if read_int(g("m2")) < month:
            return None  # 1月3至2月10: not a month range
        return date(year, month, 1), month_end(year, read_int(g("m2"))), "month", guessed, relative
    if g("d3"):  # 1月3, 十月31: a day without 日 (Arabic digits only; 八月十五 is lunar)
        day = date(year, month, int(g("d3")))
        return day, day, "day", guessed, relative
    if g("d"):
        day = date(year, month, read_int(g("d")))
        last = date(year, month, read_int(g("d2"))) if g("d2") else day
        return day, last, "day", guessed, relative
    if g("wn"):
        first_monday = date(year, month, 1) + timedelta(
            days=(7 - date(year, month, 1).weekday()) % 7
        )
        n = read_int(g("wn"))
        if g("wnd"):  # 6月第3个星期日: the third Sunday of June
            first = date(year, month, 1)
            wd = WEEKDAYS[g("wnd")]
            day = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
            return day, day, "day", guessed, relative
        monday = first_monday + timedelta(weeks=n - 1)
        return monday, monday + timedelta(days=6), "day", guessed, relative
    if g("edge"):  # 这个月前两天, 上月最后五天
        n = read_int(g("edn"))
        last_day = calendar.monthrange(year, month)[1]
        first_day, end = (1, n) if g("edge") in ("前", "头") else (last_day - n + 1, last_day)
        return date(year, month, first_day), date(year, month, end), "day", guessed, relative
    if g("pm"):
        end_day = calendar.monthrange(year, month)[1]
        days = {"初": (1, 5), "上旬": (1, 10), "中": (11, 20), "中旬": (11, 20),
                "下旬": (21, end_day), "底": (25, end_day), "末": (25, end_day)}[g("pm")]  # fmt: skip
        return date(year, month, days[0]), date(year, month, days[1]), "day", guessed, relative
    return date(year, month, 1), month_end(year, month), "month", guessed, relative


def _numeric(m: re.Match[str], ref: date | None) -> Span | None:
    """08-08-2008 and 08/08/2008 month first (US usage), 31.12.2008 or a first part
    over 12 day first; 08/2008 a month; 09-01, 11/3号 and 6·30 a day of the publication
    year (6·30 may name a past event, 7·20暴雨: `year_guessed` says the year is a guess)."""
    g = m.group
    if g("uy"):
        a, b, y = int(g("ua")), int(g("ub")), int(g("uy"))
        month, day = (b, a) if a > 12 or (g("usep") == "." and b <= 12) else (a, b)
        d = date(y, month, day)
        return d, d, "day", False, False
    if g("uy2"):
        y, month = int(g("uy2")), int(g("um"))
        return date(y, month, 1), month_end(y, month), "month", False, False
    if ref is None:
        return None
    month_s = g("um3") or g("um4") or g("um5") or g("um6")
    day_s = g("ud3") or g("ud4") or g("ud5") or g("ud6")
    d = date(ref.year, int(month_s), int(day_s))
    return d, d, "day", True, False


def _offset(m: re.Match[str], ref: date) -> Span | None:
    """两年前, 3个月后, 两周之前, 5天后: counted from publication, at the unit's precision
    (the year, the month, the Monday–Sunday week, the day)."""
    raw = m.group("an")
    unit = m.group("au").replace("多", "")
    if unit.endswith(("工作日", "交易日")):
        unit = "工作日"
    sign = -1 if "前" in m.group("ad") else 1
    if raw[0] in "几数":  # 几十年后, 数百年前: 2 to 10 tens (hundreds, thousands)
        place = {"十": 10, "百": 100, "千": 1000}[raw[1]]
        return units_away(2 * place, 10 * place, unit, sign, ref)
    n = 0.5 if raw == "半" else float(read_int(raw))
    if m.group("ago").rstrip("前后之以来").endswith("半"):
        n += 0.5
    if m.group("ad").endswith("来"):  # 三年来, 三个多月以来: from n units ago up to publication
        return since(n, unit, bool(m.group("more") or "多" in m.group("au")), ref)
    if m.group("more") or "多" in m.group("au"):
        return vague_offset(int(n), unit, sign, ref)
    return shifted_span(n, unit, sign, ref)


def _year_of(s: str, two_digit: bool, ref: date | None) -> int:
    if "千" in s:  # 两千零五年
        r = read_number(s)
        return int(r[0]) if r else 0
    y = read_int(s)
    if two_digit or y < 100:
        # This century unless that is more than 20 years ahead of the reference:
        # 98年 → 1998 and 21年 → 2021 from 2024; 九零年 → 1990 from 1973.
        ref_year = ref.year if ref else 2024
        y = ref_year // 100 * 100 + y
        if y > ref_year + 20:
            y -= 100
    return y


_OPEN_AD = {"之前": "before", "以前": "before", "之后": "after", "以后": "after"}


def open_side(m: re.Match[str]) -> Literal["before", "after"] | None:
    """20天以后, 半年之后, 过两天: from that day on; 两天之前, 一年半以前: up to it. A bare
    前/后 (两年前, 20天后) names the point itself."""
    if m.group("pass"):
        return "after"
    if m.group("ago"):
        return _OPEN_AD.get(m.group("ad"))  # type: ignore[return-value]
    return None


def _decade(m: re.Match[str], ref: date | None) -> Span | None:
    g = m.group
    cent = g("cent") or g("cent2")
    if g("decade"):
        d = read_int(g("decade"))
        if d >= 1000:  # 1980年代
            first, last = _part_of(d, 10, g("dpart"))
            return date(first, 1, 1), date(last, 12, 31), "year", False, False
        if cent == "上":
            base = ((ref.year if ref else 2024) // 100 - 1) * 100
        elif cent:
            base = (read_int(cent) - 1) * 100
        else:
            this = (ref.year if ref else 2024) // 100 * 100
            base = this if this + d <= (ref.year if ref else 2024) else this - 100
        first, last = _part_of(base + d, 10, g("dpart"))
        return date(first, 1, 1), date(last, 12, 31), "year", cent is None, cent == "上"
    first, last = _part_of((read_int(cent) - 1) * 100, 100, g("dpart"))
    return date(max(first, 1), 1, 1), date(last, 12, 31), "year", False, False


def _part_of(start: int, span: int, part: str | None) -> tuple[int, int]:
    """九十年代末期 → 1997–1999, 60年代前期 → 1960–1962, 11世纪初 → 1000–1019."""
    k = 3 if span == 10 else 20
    if part in ("初", "初期", "前期"):
        return start, start + k - 1
    if part in ("末", "末期", "后期"):
        return start + span - k, start + span - 1
    if part == "中期":
        return start + k, start + span - k - 1
    return start, start + span - 1
