"""The regexes that find date mentions (one scan for every form) and the words around
them: weekdays, range separators, before/after/since."""

from __future__ import annotations

import re

WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAY_NAMES = "一二三四五六日"
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十两俩仨]{1,3})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR = r"(?:(?:1[0-9]|20)\d{2}|[零一二三四五六七八九]{4}|[两二一]千[零一二三四五六七八九十]{0,4})"
_YEAR2 = r"(?:\d{2}|[零一二三四五六七八九]{2})"
_REL_YEAR = r"今年|去年|前年|明年|后年|大前年|大后年|本年|同年|当年|次年|上一年|下一年|这一年"
_REL_MONTH = r"本月|上个月|上一个月|上月|下个月|下一个月|下月|这个月|当月|同月"
REL_QUARTER = {
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
EN_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ["January Jan", "February Feb", "March Mar", "April Apr", "May", "June Jun",
         "July Jul", "August Aug", "September Sept Sep", "October Oct", "November Nov",
         "December Dec"]
    )
    for m in names.split()
}  # fmt: skip
_EN_MONTH = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
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
# Where a date can start; the lookahead lets the scan skip every other position in C.
DATE_SCAN = re.compile(
    r"(?=[\d零一二三四五六七八九十两半今昨去前明后大本同当次上下这周星礼第首Q未过近最年公民几数翌JFMASOND])"
    rf"(?:{_DATE.pattern})"
)
WEEKDAY_NEAR = re.compile(r"\s*[(（]?\s*(?:星期|周|礼拜)([一二三四五六日天])\s*[)）]?")
WEEKDAY_BEFORE = re.compile(
    r"(?:(?:星期|周|礼拜)([一二三四五六日天])\s*[(（]"
    r"|(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?)\s*$"
)
EN_WEEKDAYS = {d: i for i, d in enumerate(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
)}  # fmt: skip
RANGE_SEP = re.compile(
    r"(?:\s*(?:[上下中]午|晚上|早上|凌晨|傍晚)?\s*[\d零一二三四五六七八九十:：]*[时点]?"
    r"[\d零一二三四五六七八九十]*分?)?\s*(?:起至|到|至|~|-{1,2}|—{1,2}|–)\s*"
)
DAY_ONLY = re.compile(
    r"\s*(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号號]"
)
# 6月7日前, 下月15号下午6点前: a clock time may stand between the date and 前.
_CLOCK_AT = (
    r"(?:\s*(?:[上下中]午|晚上|早上|凌晨|傍晚)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})[时点]"
    r"(?:\d{1,2}分?|半)?)?"
)
BEFORE = re.compile(_CLOCK_AT + r"(?:之前|以前|前)(?![一二三四五六七八九十两\d个年月天周])")
# 2000年后, 今晚八点以后: from then on (not 年后半年, 5月3日后期).
AFTER = re.compile(
    _CLOCK_AT + r"(?:之后|以后|后)(?![一二三四五六七八九十两\d个年月天周半期来续者])"
)
SINCE = re.compile(r"(?:起|以来)?(?:至今|迄今|以来|起|[到至](?:现在|目前|今天))")
# 13:20~次日05:40, 夜间至次日上午: a time of the publication day up to the next day.
CLOCK_TO = re.compile(
    r"(?:\d{1,2}[:：]\d\d|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[时点](?:\d{1,2}分?|半)?"
    r"|[上下中]午|晚上|早上|凌晨|傍晚|夜间|夜里|白天)\s*(?:起至|到|至|~|-{1,2}|—{1,2}|–)\s*$"
)
LIST_SEP = re.compile(r"\s*[,，、和及与]\s*")
