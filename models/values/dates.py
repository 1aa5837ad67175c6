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
precompiled regex finds every mention; a small resolver per form turns it into dates.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from models.values.quantities import read_number

Precision = Literal["year", "month", "day"]


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


_FOLD = str.maketrans(
    {
        "號": "号", "週": "周", "禮": "礼", "個": "个", "後": "后", "兩": "两", "這": "这",
        "當": "当", "紀": "纪", "〇": "零", "○": "零", "．": ".", "－": "-", "～": "~",
        "／": "/", "來": "来",
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)  # fmt: skip
_CN = {"零": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "仨": 3, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
       "八": 8, "九": 9}  # fmt: skip
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_NAMES = "一二三四五六日"

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十两俩仨]{1,3})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR = r"(?:(?:1[0-9]|20)\d{2}|[零一二三四五六七八九]{4}|[两二一]千[零一二三四五六七八九十]{0,4})"
_YEAR2 = r"(?:\d{2}|[零一二三四五六七八九]{2})"
_REL_YEAR = r"今年|去年|前年|明年|后年|大前年|大后年|本年|同年|当年|次年|上一年|下一年|这一年"
_REL_MONTH = r"本月|上个月|上一个月|上月|下个月|下一个月|下月|这个月|当月|同月"
_REL_QUARTER = {
    "本季度": 0,
    "这个季度": 0,
    "上季度": -1,
    "上个季度": -1,
    "下季度": 1,
    "下个季度": 1,
}
_REL_DAY = (
    r"今天|昨天|前天|明天|后天|大前天|大后天|今日|昨日|明日|本日|当天|当日|次日|今晚|昨晚|明晚"
    r"|今早|昨早|明早|今晨|昨晨|当晚|大大后天|大大前天|翌日"
)
_PART_MONTH = r"初|中|底|末|上旬|中旬|下旬"
_BUSINESS = r"个?工作日|个?交易日"
# Not attached to a word before it (开学前两天 is not 前两天): the text's start, a
# punctuation mark, a space or a subject or adverb.
_ALONE = r"(?<![^\s，,。；;：:、！!？?“”\"（(》】我你他她它们就在于早是也都还曾而但])"

_EN_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ["January Jan", "February Feb", "March Mar", "April Apr", "May", "June Jun",
         "July Jul", "August Aug", "September Sept Sep", "October Oct", "November Nov",
         "December Dec"]
    )
    for m in names.split()
}  # fmt: skip
_EN_MONTH = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))

_DATE = re.compile(
    # English: May 15, 2024 / May 15 / 15 May 2024 / May 2024
    rf"(?P<en>(?<![A-Za-z])(?:(?P<emon>{_EN_MONTH})\.?\s+(?P<eday>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<eyear>(?:19|20)\d{{2}}))?"
    rf"|(?P<eday2>3[01]|[12]\d|0?[1-9])\s+(?P<emon2>{_EN_MONTH})\.?(?:\s+(?P<eyear2>(?:19|20)\d{{2}}))?"
    rf"|(?P<emon3>{_EN_MONTH})\.?\s+(?P<eyear3>(?:19|20)\d{{2}}))(?![A-Za-z\d]))"
    # A bare year that opens a range: 2019-2023年, 2020至2025年, 1985到89年9月
    rf"|(?P<yr>(?<![\d.])(?P<ya>(?:19|20)\d{{2}})(?=\s*(?:到|至|[-—–~])\s*"
    rf"(?:(?:19|20)\d{{2}}\s*年|\d{{2}}\s*年\s*(?:1[0-2]|0?[1-9])\s*月)))"
    # Month first: 08-08-2008 (US; 31.12.2008 day first), 08/2008, 09-01, 11/3号
    rf"|(?P<us>(?<![\d.\-/第])(?:(?P<ua>3[01]|[12]\d|0?[1-9])(?P<usep>[-/.])(?P<ub>3[01]|[12]\d|0?[1-9])"
    rf"(?P=usep)(?P<uy>(?:19|20)\d{{2}})|(?P<um>0[1-9]|1[0-2])[-/.](?P<uy2>(?:19|20)\d{{2}})"
    rf"|(?P<um3>0[1-9])(?P<usep3>[-/.])(?P<ud3>0[1-9]|[12]\d|3[01])"
    rf"|(?P<um4>1[0-2]|0?[1-9])/(?P<ud4>3[01]|[12]\d|0?[1-9])\s*[日号]"
    rf"|(?P<um5>1[0-2])-(?P<ud5>0[1-9]|[12]\d|3[01])(?=\s+\d{{1,2}}:\d\d)"
    rf"|(?<![·・•‧])(?P<um6>1[0-2]|0?[1-9])[·・•‧](?P<ud6>3[01]|[12]\d|0?[1-9])(?![·・•‧]\d))"
    rf"(?![\d.%/\-])(?!\s*(?:[万亿千百十个元%倍人名家位年月条款项期届场集版季]|赛季)))"
    # ISO-like: 2024-05-15, 2024/5/15, 2024.05.15, 20240515, 2024-05
    rf"|(?P<iso>(?<![\d.])(?P<iy>(?:19|20)\d{{2}})(?:(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])"
    rf"(?:(?P=isep)(?P<id>3[01]|[12]\d|0?[1-9])|(?<=\.\d\d)-(?P<id2>1[3-9]|2\d|3[01])"
    rf"|[-~至到](?P<iyend>(?:19|20)\d{{2}}))?|(?P<cm>1[0-2]|0[1-9])(?P<cd>3[01]|[12]\d|0[1-9])"
    rf"| (?P<sm>0[1-9]|1[0-2]) (?P<sd>0[1-9]|[12]\d|3[01])(?!\s?\d))"
    rf"(?:(?<=\d[-/.]\d\d)(?=\d{{1,2}}[:：]\d\d)|(?![\d.%])))"
    # Chinese: [year|relative year] [month|relative month] [day] [part]
    rf"|(?P<cal>(?:民[国國](?P<roc>\d{{1,3}})\s*年|公元\s*(?P<ce>\d{{1,4}}|[零一二三四五六七八九]{{1,4}})\s*年|(?P<y>{_YEAR})\s*年|(?P<y2>{_YEAR2})\s*年(?=\s*{_MONTH}\s*月|底|初|末|第|首|前|后|[一二三四1-4]季度)"
    rf"|(?P<y2b>0\d|零[零一二三四五六七八九]|[一二三四五六七八九][零一二三四五六七八九])\s*年(?![代级龄前后内以间来多半度])"
    rf"|(?P<ry>{_REL_YEAR}))?\s*"
    rf"(?:(?P<q>(?:第|首)?[一二三四1-4]?个?季度|Q[1-4])(?P<qpart>初|末|底)?"
    rf"|(?P<firstn>前|头|后|最后)(?P<fn>[一二三四五六七八九十两]{{1,2}}|\d{{1,2}})个?(?P<fu>季度|月)"
    rf"|(?P<nth>第|首)(?P<nn>[一二三四五六七八九十]{{0,4}}|\d{{0,3}})个?(?P<nu>月|周|星期|礼拜|天)"
    rf"|(?P<py>上半年|下半年|年初|年底|年末|年中|伊始)"
    rf"|(?:(?P<m>{_MONTH})(?:\s*(?:[-—–~]{{1,2}}|到|至)\s*(?P<m2>{_MONTH}))?\s*月份?|(?P<rm>{_REL_MONTH}))\s*"
    rf"(?:(?P<d>{_DAY})(?:\s*[-~到至]\s*(?P<d2>{_DAY}))?\s*[日号]|月?(?P<pm>{_PART_MONTH})"
    rf"|(?<=月)(?P<d3>3[01]|[12]\d|0?[1-9])(?=$|[\s,，。;；、!！?？)）至到~—–早晚上下中凌傍午])(?![,，]\d)"
    rf"|(?:的)?第(?P<wn>[一二三四五1-5])个?(?:周|星期|礼拜)(?P<wnd>[一二三四五六日天])?"
    rf"|(?P<edge>前|头|最后)(?P<edn>[一二三四五六七八九十两]|\d{{1,2}})天)?"
    rf"|(?<=年)(?P<pyy>初|底|末))?"
    rf"(?:(?<=[年月号日度底初末中旬份周期拜一二三四五六天始])|(?<=月\d)|(?<=月\d\d))(?![薪代级轻龄])"
    rf")"
    rf"|(?P<jm>今明两?(?P<jmu>年|天))"
    rf"|(?P<rd>{_REL_DAY})"
    rf"|(?P<rq>本季度|这个季度|上个?季度|下个?季度)(?P<rqpart>初|末|底)?"
    rf"|(?P<window>(?P<wdir>未来|今后|过去的?|近|最近)(?P<wn2>{_NUM}|\d+)\s*(?P<wu>年|个?月|个?星期|周|天)内?)"
    # 60日内, 15个工作日内: from publication; not 收到后15日内 (from an event)
    rf"|(?P<within>(?<![\d第后起])(?P<inn>{_NUM}|\d+)\s*(?P<inu>{_BUSINESS}|日|天|周|个?星期|个月)\s*[之以]?内)"
    # 前两天 前几年 (a couple of days/years ago), 前两周 (the past two weeks), standing alone
    rf"|(?P<fz>{_ALONE}前(?:(?P<fzn>两|几)(?P<fzu>天|年)|(?P<fwn>{_NUM})个?(?:周|星期)))"
    # 过两天, 过十周: from then on
    rf"|(?P<pass>(?<![超经度通越不跳穿错略闪难])过(?P<pn>{_NUM}|\d+)\s*(?P<pu>年|个月|周|个星期|天)(?![前后内多半以之的]))"
    rf"|(?P<day>(?<![\d月.\-/])(?P<dd>3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?)\s*[日号](?!元|\d(?!\d?[时点:：])|[之以]?内))"
    # 六日 (the 6th; 一日 is mostly "one day"): not 第六日, 周六日, 六日游, 六日内
    rf"|(?P<cday>(?<![一二三四五六七八九十两几数每连第前后近头这那上下个周期拜当今昨明次同某翌初])"
    rf"(?P<cdd>[二三四五六七八九])日(?![内游间里后前来以之制元期子常夜军韩美中欧均班程晒剧报语文式本]))"
    rf"|(?P<week>(?P<wk>上上|上|这|本|下下|下)(?:个|一)?(?:周|星期|礼拜)(?:周|星期|礼拜)?(?P<wkd>[一二三四五六日天])?"
    rf"|(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])(?![年末]))"
    rf"|(?P<ago>(?<![几多数余])(?P<an>[几数][十百千]|{_NUM}|半|\d+)(?P<more>多|几|余)?\s*(?P<au>年|个多?月|周|个多?星期|天|{_BUSINESS})(?:半)?\s*(?P<ad>之?前|以前|之?后|以后|以来|来(?![华京沪访到看自此])))"
    rf"|(?P<dec>(?:(?P<cent>上|\d{{1,2}}|[一二]?十[一二三四五六七八九]?)世纪)?"
    rf"(?P<decade>(?<!\d)(?:1\d|20)?[1-9]0|(?<!\d)(?:1\d|20)00|[一二三四五六七八九]十)年代|(?P<cent2>\d{{1,2}}|[一二]?十[一二三四五六七八九]?)世纪)"
    rf"(?P<dpart>初期|初|前期|中期|后期|末期|末)?"
)
_NEEDS_FOLD = re.compile("[" + re.escape("".join(chr(c) for c in _FOLD)) + "]")
# Where a date can start; the lookahead lets the scan skip every other position in C.
_DATE_SCAN = re.compile(
    r"(?=[\d零一二三四五六七八九十两半今昨去前明后大本同当次上下这周星礼第首Q未过近最年公民几数翌JFMASOND])"
    rf"(?:{_DATE.pattern})"
)
_WEEKDAY_NEAR = re.compile(r"\s*[(（]?\s*(?:星期|周|礼拜)([一二三四五六日天])\s*[)）]?")
_WEEKDAY_BEFORE = re.compile(
    r"(?:(?:星期|周|礼拜)([一二三四五六日天])\s*[(（]"
    r"|(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?)\s*$"
)
_EN_WEEKDAYS = {d: i for i, d in enumerate(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
)}  # fmt: skip
_RANGE_SEP = re.compile(
    r"(?:\s*(?:[上下中]午|晚上|早上|凌晨|傍晚)?\s*[\d零一二三四五六七八九十:：]*[时点]?"
    r"[\d零一二三四五六七八九十]*分?)?\s*(?:起至|到|至|~|-{1,2}|—{1,2}|–)\s*"
)
_DAY_ONLY = re.compile(
    r"\s*(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号號]"
)
# 6月7日前, 下月15号下午6点前: a clock time may stand between the date and 前.
_CLOCK_AT = (
    r"(?:\s*(?:[上下中]午|晚上|早上|凌晨|傍晚)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})[时点]"
    r"(?:\d{1,2}分?|半)?)?"
)
_BEFORE = re.compile(_CLOCK_AT + r"(?:之前|以前|前)(?![一二三四五六七八九十两\d个年月天周])")
# 2000年后, 今晚八点以后: from then on (not 年后半年, 5月3日后期).
_AFTER = re.compile(
    _CLOCK_AT + r"(?:之后|以后|后)(?![一二三四五六七八九十两\d个年月天周半期来续者])"
)
_SINCE = re.compile(r"(?:起|以来)?(?:至今|迄今|以来|起|[到至](?:现在|目前|今天))")


def _n(s: str) -> int:
    """A small Chinese or Arabic number: 12, 十二, 二十一, 两."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        return (_CN[head] if head else 1) * 10 + (_CN[tail] if tail else 0)
    return int("".join(str(_CN[c]) for c in s))


def _year_of(s: str, two_digit: bool, ref: date | None) -> int:
    if "千" in s:  # 两千零五年
        r = read_number(s)
        return int(r[0]) if r else 0
    y = _n(s) if not s.isdigit() else int(s)
    if two_digit or y < 100:
        # This century unless that is more than 20 years ahead of the reference:
        # 98年 → 1998 and 21年 → 2021 from 2024; 九零年 → 1990 from 1973.
        ref_year = ref.year if ref else 2024
        y = ref_year // 100 * 100 + y
        if y > ref_year + 20:
            y -= 100
    return y


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


_Span = tuple[date, date, Precision, bool, bool]  # first, last, precision, guessed, relative


def parse_dates(text: str, published_at: date | None = None) -> list[DateMention]:
    """Every date mention in `text`; parts left out are taken from `published_at` (and
    mentions that need it are skipped when it is None).

    Kept by (text, published_at), the only inputs, since extraction, normalization and
    comparison read the same sentence; each caller gets its own copies."""
    return [d.model_copy() for d in _parse_dates(text, published_at)]


@lru_cache(maxsize=8192)
def _parse_dates(text: str, published_at: date | None) -> tuple[DateMention, ...]:
    folded = text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text
    found: list[DateMention] = []
    for m in _DATE_SCAN.finditer(folded):
        if m.end() == m.start():
            continue
        try:
            span = _resolve(m, published_at)
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
                open=_open_side(m),
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


def _resolve(m: re.Match[str], ref: date | None) -> _Span | None:
    g = m.group
    if g("en"):
        mon = _EN_MONTHS[g("emon") or g("emon2") or g("emon3")]
        year_s = g("eyear") or g("eyear2") or g("eyear3")
        if year_s is None and ref is None:
            return None
        y = int(year_s) if year_s else ref.year  # type: ignore[union-attr]
        if g("emon3"):
            return date(y, mon, 1), _month_end(y, mon), "month", False, False
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
            return date(y, int(mo), 1), _month_end(y, int(mo)), "month", False, False
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
        q0 = (ref.month - 1) // 3 + _REL_QUARTER.get(g("rq").replace("个", ""), 0)
        y, q = ref.year + q0 // 4, q0 % 4
        return _quarter(y, q + 1, g("rqpart"), False, True)
    if g("window"):
        raw = g("wn2")
        n = int(raw) if raw.isdigit() else _n(raw)
        return _window(n, g("wu"), g("wdir") in ("未来", "今后"), ref)
    if g("within"):  # 60日内, 15个工作日内: from publication on
        raw = g("inn")
        return _window(int(raw) if raw.isdigit() else _n(raw), g("inu"), True, ref)
    if g("fz"):
        if g("fwn"):  # 前两周: the past two weeks
            return _window(int(g("fwn")) if g("fwn").isdigit() else _n(g("fwn")), "周", False, ref)
        if g("fzu") == "天":  # 前两天, 前几天: a couple of days ago, not yesterday
            return ref - timedelta(days=7), ref - timedelta(days=2), "day", False, True
        return date(ref.year - 5, 1, 1), date(ref.year - 2, 12, 31), "year", False, True
    if g("pass"):  # 过两天, 过十周: n units on (open after: _open_side)
        raw = g("pn")
        return _shift(float(int(raw) if raw.isdigit() else _n(raw)), g("pu"), 1, ref)
    if g("day") or g("cday"):
        day = date(ref.year, ref.month, _n(g("dd") or g("cdd")))
        return day, day, "day", True, False
    if g("week"):
        monday = ref - timedelta(days=ref.weekday())
        if g("wk"):
            shift = {"上上": -2, "上": -1, "这": 0, "本": 0, "下": 1, "下下": 2}[g("wk")]
            monday += timedelta(weeks=shift)
            wd = g("wkd")
            if wd is None:
                return monday, monday + timedelta(days=6), "day", False, True
            day = monday + timedelta(days=_WEEKDAYS[wd])
            return day, day, "day", False, True
        day = monday + timedelta(days=_WEEKDAYS[g("wd")])  # 周四: this week's (本周四)
        return day, day, "day", False, True
    if g("ago"):
        return _offset(m, ref)
    if g("dec"):
        return _decade(m, ref)
    return None


def _calendar(m: re.Match[str], ref: date | None) -> _Span | None:
    g = m.group
    guessed = relative = False
    if g("roc"):
        year = int(g("roc")) + 1911  # 民國113年 is 2024
    elif g("ce"):  # 公元2934年, 公元一六三年: any year, as written
        year = int(g("ce")) if g("ce").isdigit() else int("".join(str(_CN[c]) for c in g("ce")))
    elif g("y"):
        year = _year_of(g("y"), False, ref)
    elif g("y2"):
        year = _year_of(g("y2"), True, ref)
    elif g("y2b"):  # 05年, 零五年, 九零年: a two-digit year (三四年 is a duration)
        pair = [_CN.get(c) for c in g("y2b")]
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
        n = 1 if g("q").startswith("首") else (int(digits) if digits.isdigit() else _n(digits))
        return _quarter(year, n, g("qpart"), guessed, relative)
    if g("firstn"):
        n = int(g("fn")) if g("fn").isdigit() else _n(g("fn"))
        months = n * 3 if g("fu") == "季度" else n
        if g("firstn") in ("后", "最后"):  # 后三个月: the last three
            return date(year, 13 - months, 1), date(year, 12, 31), "month", guessed, relative
        return date(year, 1, 1), _month_end(year, months), "month", guessed, relative
    if g("nth"):
        if not (g("y") or g("y2") or g("y2b") or g("roc") or g("ry") or g("ce")):
            return None  # 第三天 without a year counts from an event, not from 1 January
        raw = g("nn")
        n = 1 if g("nth") == "首" or not raw else (int(raw) if raw.isdigit() else _n(raw))
        unit = g("nu")
        if unit == "月":
            return date(year, n, 1), _month_end(year, n), "month", guessed, relative
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
        return date(year, span[0], 1), _month_end(year, span[1]), "month", guessed, relative
    if g("m") is None and g("rm") is None:
        if not (g("y") or g("y2") or g("y2b") or g("ry") or g("roc") or g("ce")):
            return None
        return date(year, 1, 1), date(year, 12, 31), "year", guessed, relative
    if g("rm"):
        if ref is None:
            return None
        shift = {"上个月": -1, "上一个月": -1, "上月": -1, "下个月": 1, "下一个月": 1,
                 "下月": 1}.get(g("rm"), 0)  # fmt: skip
        first = _add_months(date(ref.year, ref.month, 1), shift)
        year, month, relative, guessed = first.year, first.month, True, False
    else:
        month = _n(g("m"))
    if g("m2"):
        if _n(g("m2")) < month:
            return None  # 1月3至2月10: not a month range
        return date(year, month, 1), _month_end(year, _n(g("m2"))), "month", guessed, relative
    if g("d3"):  # 1月3, 十月31: a day without 日 (Arabic digits only; 八月十五 is lunar)
        day = date(year, month, int(g("d3")))
        return day, day, "day", guessed, relative
    if g("d"):
        day = date(year, month, _n(g("d")))
        last = date(year, month, _n(g("d2"))) if g("d2") else day
        return day, last, "day", guessed, relative
    if g("wn"):
        first_monday = date(year, month, 1) + timedelta(
            days=(7 - date(year, month, 1).weekday()) % 7
        )
        n = int(g("wn")) if g("wn").isdigit() else _n(g("wn"))
        if g("wnd"):  # 6月第3个星期日: the third Sunday of June
            first = date(year, month, 1)
            wd = _WEEKDAYS[g("wnd")]
            day = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
            return day, day, "day", guessed, relative
        monday = first_monday + timedelta(weeks=n - 1)
        return monday, monday + timedelta(days=6), "day", guessed, relative
    if g("edge"):  # 这个月前两天, 上月最后五天
        n = int(g("edn")) if g("edn").isdigit() else _n(g("edn"))
        last_day = calendar.monthrange(year, month)[1]
        first_day, end = (1, n) if g("edge") in ("前", "头") else (last_day - n + 1, last_day)
        return date(year, month, first_day), date(year, month, end), "day", guessed, relative
    if g("pm"):
        end_day = calendar.monthrange(year, month)[1]
        days = {"初": (1, 5), "上旬": (1, 10), "中": (11, 20), "中旬": (11, 20),
                "下旬": (21, end_day), "底": (25, end_day), "末": (25, end_day)}[g("pm")]  # fmt: skip
        return date(year, month, days[0]), date(year, month, days[1]), "day", guessed, relative
    return date(year, month, 1), _month_end(year, month), "month", guessed, relative


def _numeric(m: re.Match[str], ref: date | None) -> _Span | None:
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
        return date(y, month, 1), _month_end(y, month), "month", False, False
    if ref is None:
        return None
    month_s = g("um3") or g("um4") or g("um5") or g("um6")
    day_s = g("ud3") or g("ud4") or g("ud5") or g("ud6")
    d = date(ref.year, int(month_s), int(day_s))
    return d, d, "day", True, False


def _offset(m: re.Match[str], ref: date) -> _Span | None:
    """两年前, 3个月后, 两周之前, 5天后: counted from publication, at the unit's precision
    (the year, the month, the Monday–Sunday week, the day)."""
    raw = m.group("an")
    unit = m.group("au").replace("多", "")
    if unit.endswith(("工作日", "交易日")):
        unit = "工作日"
    sign = -1 if "前" in m.group("ad") else 1
    if raw[0] in "几数":  # 几十年后, 数百年前: 2 to 10 tens (hundreds, thousands)
        place = {"十": 10, "百": 100, "千": 1000}[raw[1]]
        return _units_away(2 * place, 10 * place, unit, sign, ref)
    n = 0.5 if raw == "半" else float(_n(raw) if not raw.isdigit() else int(raw))
    if m.group("ago").rstrip("前后之以来").endswith("半"):
        n += 0.5
    if m.group("ad").endswith("来"):  # 三年来, 三个多月以来: from n units ago up to publication
        return _since(n, unit, bool(m.group("more") or "多" in m.group("au")), ref)
    if m.group("more") or "多" in m.group("au"):
        return _vague_offset(int(n), unit, sign, ref)
    return _shift(n, unit, sign, ref)


def _shift(n: float, unit: str, sign: int, ref: date) -> _Span:
    """The year, month, week or day n units before (sign -1) or after publication."""
    if unit == "年" and n == int(n):
        y = ref.year + sign * int(n)
        return date(y, 1, 1), date(y, 12, 31), "year", False, True
    if unit in ("年", "个月"):
        months = round(n * (12 if unit == "年" else 1))
        first = _add_months(date(ref.year, ref.month, 1), sign * months)
        return first, _month_end(first.year, first.month), "month", False, True
    if unit == "工作日":
        day = _business_days(ref, sign * int(n))
        return day, day, "day", False, True
    weeks = unit in ("周", "个星期")
    day = ref + timedelta(days=sign * n * (7 if weeks else 1))
    if weeks and n == int(n):  # 4周后: that week
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "day", False, True
    return day, day, "day", False, True


def _since(n: float, unit: str, vague: bool, ref: date) -> _Span:
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


def _vague_offset(n: int, unit: str, sign: int, ref: date) -> _Span:
    """二十多年前, 十几年前, 三个多月前, 10多天后: between n and n+k units away, k the
    last non-zero place of n (二十多 is 20–30, 三百多 300–400, 三个多月 3–4)."""
    k = 1
    while n and n % (k * 10) == 0:
        k *= 10
    return _units_away(n, n + k, unit, sign, ref)


def _units_away(near_n: int, far_n: int, unit: str, sign: int, ref: date) -> _Span:
    near, far = sign * near_n, sign * far_n
    lo, hi = min(near, far), max(near, far)
    if unit == "年":
        return date(ref.year + lo, 1, 1), date(ref.year + hi, 12, 31), "year", False, True
    if unit == "个月":
        first = _add_months(date(ref.year, ref.month, 1), lo)
        last = _add_months(date(ref.year, ref.month, 1), hi)
        return first, _month_end(last.year, last.month), "month", False, True
    if unit == "工作日":
        return _business_days(ref, lo), _business_days(ref, hi), "day", False, True
    per = 7 if unit in ("周", "个星期") else 1
    return ref + timedelta(days=lo * per), ref + timedelta(days=hi * per), "day", False, True


_OPEN_AD = {"之前": "before", "以前": "before", "之后": "after", "以后": "after"}


def _open_side(m: re.Match[str]) -> Literal["before", "after"] | None:
    """20天以后, 半年之后, 过两天: from that day on; 两天之前, 一年半以前: up to it. A bare
    前/后 (两年前, 20天后) names the point itself."""
    if m.group("pass"):
        return "after"
    if m.group("ago"):
        return _OPEN_AD.get(m.group("ad"))  # type: ignore[return-value]
    return None


def _decade(m: re.Match[str], ref: date | None) -> _Span | None:
    g = m.group
    cent = g("cent") or g("cent2")
    if g("decade"):
        d = _n(g("decade"))
        if d >= 1000:  # 1980年代
            first, last = _part_of(d, 10, g("dpart"))
            return date(first, 1, 1), date(last, 12, 31), "year", False, False
        if cent == "上":
            base = ((ref.year if ref else 2024) // 100 - 1) * 100
        elif cent:
            base = (_n(cent) - 1) * 100
        else:
            this = (ref.year if ref else 2024) // 100 * 100
            base = this if this + d <= (ref.year if ref else 2024) else this - 100
        first, last = _part_of(base + d, 10, g("dpart"))
        return date(first, 1, 1), date(last, 12, 31), "year", cent is None, cent == "上"
    first, last = _part_of((_n(cent) - 1) * 100, 100, g("dpart"))
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


def _ranges(found: list[DateMention], folded: str, text: str) -> list[DateMention]:
    """Join A到B / A至B / A-B into one mention from A's first day to B's last; B takes
    the year (and month) it leaves out from A (2017年8月11日至8月22日)."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        if i + 1 < len(found):
            b = found[i + 1]
            sep = _RANGE_SEP.fullmatch(folded, a.end, b.start)
            if (sep and b.start > a.end) or (sep and b.start == a.end):
                b_first = b.value
                next_day = folded[b.start : b.end] in _NEXT_DAY
                try:
                    if next_day:  # 20时至次日8时: the day after A's
                        b_first = (a.end_value or a.value) + timedelta(days=1)
                    elif _DAY_ONLY.fullmatch(b.surface):  # 九号到十五号: B is in A's month
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
# 13:20~次日05:40, 夜间至次日上午: a time of the publication day up to the next day.
_CLOCK_TO = re.compile(
    r"(?:\d{1,2}[:：]\d\d|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[时点](?:\d{1,2}分?|半)?"
    r"|[上下中]午|晚上|早上|凌晨|傍晚|夜间|夜里|白天)\s*(?:起至|到|至|~|-{1,2}|—{1,2}|–)\s*$"
)


def _next_days(found: list[DateMention], folded: str, text: str) -> list[DateMention]:
    """次日 and 翌日 are the day after the day mentioned before them (5月3日……次日);
    after a bare clock time (13:20~次日05:40) the span runs from the publication day."""
    out: list[DateMention] = []
    for d in found:
        if folded[d.start : d.end] not in _NEXT_DAY:
            out.append(d)
            continue
        prev = out[-1] if out else None
        clock = _CLOCK_TO.search(folded, max(0, d.start - 16), d.start)
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


_LIST_SEP = re.compile(r"\s*[,，、和及与]\s*")


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
            and _DAY_ONLY.fullmatch(d.surface)
            and _LIST_SEP.fullmatch(folded, prev.end, d.start)
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
    near = _WEEKDAY_NEAR.match(folded, d.end) or _WEEKDAY_BEFORE.search(
        folded, max(0, d.start - 12), d.start
    )
    if near is None:
        return []
    if near.lastindex == 2:  # Thursday, May 16
        if _EN_WEEKDAYS[near.group(2)] != d.value.weekday():
            d.weekday_mismatch = (
                f"stated {near.group(2)}, {d.value.isoformat()} is a "
                + (list(_EN_WEEKDAYS)[d.value.weekday()])
            )
        return []
    stated = near.group(1)
    actual = d.value.weekday()
    if _WEEKDAYS[stated] != actual:
        d.weekday_mismatch = (
            f"stated 星期{stated}, {d.value.isoformat()} is 星期{_WEEKDAY_NAMES[actual]}"
        )
    return [near.start(1) - 2, near.start(1) - 1]


def _quarter(y: int, n: int, part: str | None, guessed: bool, relative: bool) -> _Span:
    """Quarter n of year y; 一季度末 is its last month, 四季度初 its first."""
    first_month, last_month = 3 * n - 2, 3 * n
    if part in ("末", "底"):
        first_month = last_month
    elif part == "初":
        last_month = first_month
    return date(y, first_month, 1), _month_end(y, last_month), "month", guessed, relative


def _window(n: int, unit: str, future: bool, ref: date) -> _Span:
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


def _open_ended(d: DateMention, folded: str, text: str, ref: date) -> DateMention:
    """2025年前 / 6月7日前: from publication up to the date; 从去年9月起, 2001年以来,
    至今: from the date up to publication; 2000年后, 今晚八点以后: from the date on."""
    if d.relative and d.surface[-1] in "前后":
        return d  # 两周之前: already an offset
    last = d.end_value or d.value
    before = _BEFORE.match(folded, d.end)
    if before and last >= ref and not d.surface.endswith(("前", "后")):
        return d.model_copy(
            update={"value": ref, "end_value": last, "end": before.end(),
                    "surface": text[d.start : before.end()], "relative": True}
        )  # fmt: skip
    since = _SINCE.match(folded, d.end)
    if since and d.value <= ref:
        return d.model_copy(
            update={"end_value": ref, "end": since.end(), "surface": text[d.start : since.end()],
                    "relative": True}
        )  # fmt: skip
    after = _AFTER.match(folded, d.end)
    if after and d.open is None:
        return d.model_copy(
            update={"open": "after", "end": after.end(), "surface": text[d.start : after.end()]}
        )
    return d
