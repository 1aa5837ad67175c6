"""Dates mentioned in news text, resolved against the article's publication date.

`parse_dates(text, published_at)` returns every date mention with its offsets, the
first day it covers (`value`), the last day when it covers more than one
(`end_value`: a month, a year, a quarter, a range), its `precision`, whether a part
had to be taken from the publication date (`year_guessed`, `relative`) and whether it
is unbounded on one side (`open`: "after" from `value` on, "before" up to the last day;
`value`/`end_value` are then the anchor).

What is read (traditional characters and Chinese numerals included):

| form                                   | example                      | resolves to |
|----------------------------------------|------------------------------|-------------|
| English dates                          | May 16, 2024 / 15 May 2024 / May 16 / March 2023 (Thursday, May 16 is checked too) | that day or month |
| full dates                             | 2024年5月15日, 2024-05-15, 2024/5/15, 2024.05.15, 20240515, 2022 11 23, 1994.01-19 (a day over 12), 二〇二四年五月十五日, 2018-12-1209:03 | that day |
| numeric, month first                   | 12/25/2023 08-08-2008 (US order; day first when the first part is over 12, or with dots: 31.12.2023), 08/2026 | that day or month |
| year-month to a year                   | 2008.03-2009                 | March 2008 to the end of 2009 |
| year and month, year                   | 2024年5月, 2024-05, 2024年, 公元2934年 | the month, the year |
| month and day, month, day              | 5月15日, 3月31 (Arabic day without 日, not before a measure word), 09-01, 11/3号, 6·30, 五月, 15日, 六日 (not 一日 "one day", 六日游, 第六日, 周六日) | the year (and month) of publication: `year_guessed` |
| parts of a year                        | 年初 / 年底 年末 / 上半年 下半年 / 一季度 第三季度 Q1 | Jan–Feb / Nov–Dec / Jan–Jun, Jul–Dec / the quarter |
| parts of a month                       | 月初 / 月中 / 月底 月末 / 上旬 中旬 下旬 (2月末) | days 1–5 / 11–20 / 25–end / 1–10, 11–20, 21–end |
| relative years, months, days           | 今年 去年 前年 明年 大前年, 本月 上个月 下个月, 今天 昨天 前天 明天, 今明两年 | counted from publication: `relative` |
| the next day                           | 次日 翌日 (5月3日20时至次日8时, 5月3日……次日; 13:20~次日05:40, 夜间至次日上午) | the day after the date before it; after a bare clock time, publication day to the next |
| weeks and weekdays                     | 上周 本周 下周, 星期三, 上上周六, 下周一 | Monday–Sunday weeks; a bare weekday is the one in the week of publication (周四 = 本周四; last week's needs 上周四) |
| offsets                                | 两年前 3个月前 4周后 5天后 5个交易日后 | that year / month / Monday–Sunday week / day (working days skip weekends) |
| open offsets                           | 20天以后 半年之后 过两天 过十周 / 两天之前 一年半以前 | as offsets, `open` "after" / "before" (以后, 之后 and 过 run on; 以前, 之前 run back) |
| after a date                           | 2000年后 5月3日后 今晚八点以后 | the date, `open` "after" |
| a couple of days, years ago            | 前两天 前几天 / 前两年 (standing alone: not 开学前两天) | 2–7 days before publication / 2–5 years before |
| since an offset                        | 三年来 / 三个多月以来 3年半以来 | n units before publication up to it (as 近三年) / from the first day of that month |
| vague offsets                          | 二十多年前 十几年前 三个多月前 10多天后 / 几十年后 数百年前 | n to n+k units away, k the last non-zero place of n (二十多: 20–30) / 2 to 10 tens (hundreds) |
| lists of days                          | 2023年9月10日、12日和15日 / 9月10号，11号，12号 | each day in the first one's month; consecutive days join into one span |
| decades, centuries                     | 90年代 上世纪80年代 18世纪 九十年代末期 | the ten or hundred years (初/前期, 中期, 末/后期: 3 years of a decade, 20 of a century) |
| windows                                | 未来两年 过去一年 近30天 前两周 本季度 上个季度, 60日内 15个工作日内 三个月内 (not 收到后15日内: from an event) | from (or up to) publication |
| before, since                          | 6月7日前 2025年前 / 2001年以来 从去年9月起 至今 | publication to the date / the date to publication |
| ranges                                 | 2019年到2023年, 2021-2025年, 2017年8月11日至8月22日, 2019年4月12-19日, 前年11月到去年3月 | first day of A to last day of B; B borrows what it leaves out from A |

Not read, as ambiguous in news: a bare 2018 or 24年 (counts and durations: 50年 is fifty
years), 12.2.3 (a version or a score), and 第三天 or 第七年 with no year before them (counted
from an event named elsewhere, 被困的第三天).

A weekday stated beside a date is checked against it: 星期四(5月16日) holds in 2024;
when it does not, `weekday_mismatch` says so (the stated and the actual weekday) and the
date is kept as written. Clock times, lunar dates, solar terms and festivals are not
read (the day they fall on is not in the text; they need a calendar of their own).

All written here: jionlp parses some of this but costs 245 MB, prints a banner on import
and has date-range bugs (DESIGN.md); dateparser does not read Chinese relative forms. One
precompiled regex finds every mention (models.values.date_patterns); a small resolver per
form turns it into dates (models.values.date_resolution).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from models.values.date_arithmetic import Precision
from models.values.date_patterns import (
    AFTER,
    BEFORE,
    CLOCK_TO,
    DATE_SCAN,
    DAY_ONLY,
    EN_WEEKDAYS,
    LIST_SEP,
    RANGE_SEP,
    SINCE,
    WEEKDAY_BEFORE,
    WEEKDAY_NAMES,
    WEEKDAY_NEAR,
    WEEKDAYS,
)
from models.values.date_resolution import open_side, resolve
from models.values.numerals import fold_for_dates


class DateMention(BaseModel):
    surface: str
    start: int
    end: int
    value: date
    end_value: date | None = None  # last day covered, when more than one day
    precision: Precision = "day"
    year_guessed: bool = False
    # Resolved against the publication date (今年, 上个月, 星期三, 两年前).
    relative: bool = False
    # Set when a stated weekday does not fall on the date: "stated 星期四, is 星期五".
    weekday_mismatch: str | None = None
    # Unbounded on one side: "after" covers value onward (20天以后, 过两天), "before" all
    # up to end_value (or value) (两天之前). value/end_value are then the anchor.
    open: Literal["before", "after"] | None = None


def parse_dates(text: str, published_at: date | None = None) -> list[DateMention]:
    """Every date mention in `text`; parts left out are taken from `published_at` (and
    mentions that need it are skipped when it is None).

    Kept by (text, published_at), the only inputs, since extraction, normalization and
    comparison read the same sentence; each caller gets its own copies."""
    return [d.model_copy() for d in _parse_dates(text, published_at)]


@lru_cache(maxsize=8192)
def _parse_dates(text: str, published_at: date | None) -> tuple[DateMention, ...]:
    folded = fold_for_dates(text)
    found: list[DateMention] = []
    for m in DATE_SCAN.finditer(folded):
        if m.end() == m.start():
            continue
        try:
            span = resolve(m, published_at)
        except (ValueError, KeyError, OverflowError):
            span = None
        if span is None:
            continue
        first, last, precision, guessed, relative = span
        found.append(
            DateMention(
                surface=text[m.start() : m.end()],
                start=m.start(),
                end=m.end(),
                value=first,
                end_value=last if last != first else None,
                precision=precision,
                year_guessed=guessed,
                relative=relative,
                open=open_side(m),
            )
        )
    found = _next_days(_day_lists(_ranges(found, folded, text), folded, text), folded, text)
    if published_at is not None:
        found = [_open_ended(d, folded, text, published_at) for d in found]
    used: set[int] = set()
    for d in found:
        used.update(_check_weekday(d, folded))
    # A weekday that only qualifies a date (星期四(5月16日)) is not a mention of its own.
    return tuple(d for d in found if not (d.start in used and d.relative))


def _ranges(found: list[DateMention], folded: str, text: str) -> list[DateMention]:
    """Join A到B / A至B / A-B into one mention from A's first day to B's last; B takes
    the year (and month) it leaves out from A (2017年8月11日至8月22日)."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        if i + 1 < len(found):
            b = found[i + 1]
            sep = RANGE_SEP.fullmatch(folded, a.end, b.start)
            if (sep and b.start > a.end) or (sep and b.start == a.end):
                b_first = b.value
                next_day = folded[b.start : b.end] in _NEXT_DAY
                try:
                    if next_day:  # 20时至次日8时: the day after A's
                        b_first = (a.end_value or a.value) + timedelta(days=1)
                    elif DAY_ONLY.fullmatch(b.surface):  # 九号到十五号: B is in A's month
                        b_first = b.value.replace(year=a.value.year, month=a.value.month)
                    elif b.year_guessed and not a.year_guessed:
                        b_first = b.value.replace(year=a.value.year)
                except ValueError:
                    b_first = b.value
                b_last = b.end_value or b.value
                if next_day:
                    b_last = b_first
                elif b_first != b.value:
                    b_last = b_last.replace(year=b_first.year, month=b_first.month)
                if b_last >= a.value:
                    out.append(
                        a.model_copy(
                            update={
                                "surface": text[a.start : b.end],
                                "end": b.end,
                                "end_value": b_last,
                                "precision": min(a.precision, b.precision, key=_PRECISIONS.index),
                                "relative": a.relative or (b.relative and not next_day),
                            }
                        )
                    )
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


_PRECISIONS: list[Precision] = ["year", "month", "day"]
_NEXT_DAY = ("次日", "翌日")


def _next_days(found: list[DateMention], folded: str, text: str) -> list[DateMention]:
    """次日 and 翌日 are the day after the day mentioned before them (5月3日……次日);
    after a bare clock time (13:20~次日05:40) the span runs from the publication day."""
    out: list[DateMention] = []
    for d in found:
        if folded[d.start : d.end] not in _NEXT_DAY:
            out.append(d)
            continue
        prev = out[-1] if out else None
        clock = CLOCK_TO.search(folded, max(0, d.start - 16), d.start)
        if prev is not None and prev.precision == "day" and prev.open is None:
            day = (prev.end_value or prev.value) + timedelta(days=1)
            d = d.model_copy(
                update={"value": day, "relative": prev.relative, "year_guessed": prev.year_guessed}
            )
        elif clock is not None:
            d = d.model_copy(
                update={"start": clock.start(), "surface": text[clock.start() : d.end],
                        "value": d.value - timedelta(days=1), "end_value": d.value}
            )  # fmt: skip
        out.append(d)
    return out


def _day_lists(found: list[DateMention], folded: str, text: str) -> list[DateMention]:
    """9月10号，11号，12号: a bare day listed after a day is in that day's month (not
    the publication's); days that follow one another join into one span."""
    out: list[DateMention] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.precision == "day"
            and d.year_guessed
            and DAY_ONLY.fullmatch(d.surface)
            and LIST_SEP.fullmatch(folded, prev.end, d.start)
        ):
            last = prev.end_value or prev.value
            try:
                day = d.value.replace(year=last.year, month=last.month)
            except ValueError:
                out.append(d)
                continue
            if day == last + timedelta(days=1):
                out[-1] = prev.model_copy(
                    update={"surface": text[prev.start : d.end], "end": d.end, "end_value": day}
                )
                continue
            d = d.model_copy(update={"value": day, "year_guessed": prev.year_guessed})
        out.append(d)
    return out


def _check_weekday(d: DateMention, folded: str) -> list[int]:
    """星期四(5月16日) or 5月16日(星期四): record when the weekday does not hold; return
    where the weekday words start."""
    if d.precision != "day" or d.end_value is not None or d.relative:
        return []
    near = WEEKDAY_NEAR.match(folded, d.end) or WEEKDAY_BEFORE.search(
        folded, max(0, d.start - 12), d.start
    )
    if near is None:
        return []
    if near.lastindex == 2:  # Thursday, May 16
        if EN_WEEKDAYS[near.group(2)] != d.value.weekday():
            d.weekday_mismatch = (
                f"stated {near.group(2)}, {d.value.isoformat()} is a "
                + (list(EN_WEEKDAYS)[d.value.weekday()])
            )
        return []
    stated = near.group(1)
    actual = d.value.weekday()
    if WEEKDAYS[stated] != actual:
        d.weekday_mismatch = (
            f"stated 星期{stated}, {d.value.isoformat()} is 星期{WEEKDAY_NAMES[actual]}"
        )
    return [near.start(1) - 2, near.start(1) - 1]


def _open_ended(d: DateMention, folded: str, text: str, ref: date) -> DateMention:
    """2025年前 / 6月7日前: from publication up to the date; 从去年9月起, 2001年以来,
    至今: from the date up to publication; 2000年后, 今晚八点以后: from the date on."""
    if d.relative and d.surface[-1] in "前后":
        return d  # 两周之前: already an offset
    last = d.end_value or d.value
    before = BEFORE.match(folded, d.end)
    if before and last >= ref and not d.surface.endswith(("前", "后")):
        return d.model_copy(
            update={"value": ref, "end_value": last, "end": before.end(),
                    "surface": text[d.start : before.end()], "relative": True}
        )  # fmt: skip
    since = SINCE.match(folded, d.end)
    if since and d.value <= ref:
        return d.model_copy(
            update={"end_value": ref, "end": since.end(), "surface": text[d.start : since.end()],
                    "relative": True}
        )  # fmt: skip
    after = AFTER.match(folded, d.end)
    if after and d.open is None:
        return d.model_copy(
            update={"open": "after", "end": after.end(), "surface": text[d.start : after.end()]}
        )
    return d
