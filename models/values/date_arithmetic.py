"""Counting from a date: month ends, offsets in years, months, weeks, days and working
days, quarters and windows. A span is (first day, last day, precision, year guessed,
relative)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Literal

Precision = Literal["year", "month", "day"]
Span = tuple[date, date, Precision, bool, bool]  # first, last, precision, guessed, relative


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def shifted_span(n: float, unit: str, sign: int, ref: date) -> Span:
    """The year, month, week or day n units before (sign -1) or after publication."""
    if unit == "年" and n == int(n):
        y = ref.year + sign * int(n)
        return date(y, 1, 1), date(y, 12, 31), "year", False, True
    if unit in ("年", "个月"):
        months = round(n * (12 if unit == "年" else 1))
        first = add_months(date(ref.year, ref.month, 1), sign * months)
        return first, month_end(first.year, first.month), "month", False, True
    if unit == "工作日":
        day = _business_days(ref, sign * int(n))
        return day, day, "day", False, True
    weeks = unit in ("周", "个星期")
    day = ref + timedelta(days=sign * n * (7 if weeks else 1))
    if weeks and n == int(n):  # 4周后: that week
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "day", False, True
    return day, day, "day", False, True


def since(n: float, unit: str, vague: bool, ref: date) -> Span:
    """三年来: from n units before publication up to it; 三个多月以来, 3年半以来: from the
    first day of that month (or, for whole years with 多, that year)."""
    if unit in ("年", "个月"):
        k = ref.year * 12 + ref.month - 1 - round(n * (12 if unit == "年" else 1))
        y, mo = k // 12, k % 12 + 1
        if unit == "年" and vague and n == int(n):
            start = date(y, 1, 1)
        elif vague or n != int(n):
            start = date(y, mo, 1)
        else:
            start = date(y, mo, min(ref.day, calendar.monthrange(y, mo)[1]))
    elif unit == "工作日":
        start = _business_days(ref, -int(n))
    else:
        start = ref - timedelta(days=n * (7 if unit in ("周", "个星期") else 1))
    return start, ref, "day", False, True


def _business_days(ref: date, n: int) -> date:
    """n working days (Monday to Friday) after ref, or before it when n < 0; public
    holidays are not known here."""
    day, step = ref, 1 if n >= 0 else -1
    for _ in range(abs(n)):
        day += timedelta(days=step)
        while day.weekday() >= 5:
            day += timedelta(days=step)
    return day


def vague_offset(n: int, unit: str, sign: int, ref: date) -> Span:
    """二十多年前, 十几年前, 三个多月前, 10多天后: between n and n+k units away, k the
    last non-zero place of n (二十多 is 20–30, 三百多 300–400, 三个多月 3–4)."""
    k = 1
    while n and n % (k * 10) == 0:
        k *= 10
    return units_away(n, n + k, unit, sign, ref)


def units_away(near_n: int, far_n: int, unit: str, sign: int, ref: date) -> Span:
    near, far = sign * near_n, sign * far_n
    lo, hi = min(near, far), max(near, far)
    if unit == "年":
        return date(ref.year + lo, 1, 1), date(ref.year + hi, 12, 31), "year", False, True
    if unit == "个月":
        first = add_months(date(ref.year, ref.month, 1), lo)
        last = add_months(date(ref.year, ref.month, 1), hi)
        return first, month_end(last.year, last.month), "month", False, True
    if unit == "工作日":
        return _business_days(ref, lo), _business_days(ref, hi), "day", False, True
    per = 7 if unit in ("周", "个星期") else 1
    return ref + timedelta(days=lo * per), ref + timedelta(days=hi * per), "day", False, True


def quarter(y: int, n: int, part: str | None, guessed: bool, relative: bool) -> Span:
    """Quarter n of year y; 一季度末 is its last month, 四季度初 its first."""
    first_month, last_month = 3 * n - 2, 3 * n
    if part in ("末", "底"):
        first_month = last_month
    elif part == "初":
        last_month = first_month
    return date(y, first_month, 1), month_end(y, last_month), "month", guessed, relative


def window_span(n: int, unit: str, future: bool, ref: date) -> Span:
    """未来两个月, 过去一年, 近30天, 60日内, 15个工作日内: the window from (or up to)
    publication."""
    if unit.endswith(("工作日", "交易日")):
        return ref, _business_days(ref, n), "day", False, True
    if unit in ("天", "日") or unit.endswith(("周", "星期")):
        delta = timedelta(days=n * (1 if unit in ("天", "日") else 7))
        if future:
            return ref, ref + delta, "day", False, True
        return ref - delta, ref, "day", False, True
    months = n * (12 if unit == "年" else 1)
    if future:
        k = ref.year * 12 + ref.month - 1 + months
        end = date(k // 12, k % 12 + 1, min(ref.day, calendar.monthrange(k // 12, k % 12 + 1)[1]))
        return ref, end - timedelta(days=1), "day", False, True
    k = ref.year * 12 + ref.month - 1 - months
    start = date(k // 12, k % 12 + 1, min(ref.day, calendar.monthrange(k // 12, k % 12 + 1)[1]))
    return start, ref, "day", False, True
