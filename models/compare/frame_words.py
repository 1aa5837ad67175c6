"""The patterns and word lists frames are read with: sentence and clause bounds,
cutoffs, shares, restated and referring figures, English days, and the role nouns that
narrow a measure."""

from __future__ import annotations

import re
from datetime import date, timedelta

from models.compare.vocabulary import Hit

# Role nouns say who is counted, event words what happened to them: 12名乘客遇难 counts
# deaths. An event word anywhere in the clause wins over a role noun next to the figure.
ROLE_MEASURES = frozenset(
    {"passengers", "crew", "on_board", "participants", "employees", "population", "buildings"}
)
# Role nouns that, next to an event word, narrow what is counted (the dead on board).
ROLE_SCOPES = frozenset({"passengers", "crew", "on_board"})
AGGREGATE_PARTIES = 3  # a figure this many organisations share is their total
DURATIONS = frozenset({"s"})
NEWS_DAY_LAG = 3
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|(?<=[a-z0-9)”\"'])\.(?=\s|$)")
# An ASCII comma ends a clause before a space or next to Chinese text (scraped pages
# often use it there), not inside a number (1,500).
_COMMA = r",(?=\s)|(?<=[^\x00-\x7f]),|,(?=[^\x00-\x7f])"
_CLAUSE_END = re.compile(
    r"[，；;：:（）()]|" + _COMMA + r"|\s(?:while|but|whereas)\s|\s[-–—]+\s|——"
)
BOUNDARY = re.compile(r"[，。；;：:、（）()「」“”\"\n]|" + _COMMA + r"|\s(?:while|and|but)\s")
ZH_WHO_CUT = re.compile(
    r"[在于於]|去年|今年|上周|本周|近日|稍后|稍後|深夜|当时|當時|晚间|凌晨|下午|上午|中午|昨|今|前|日|晚|早|\d|当天|隨後|随后|其后|其後|此前|早前|则|則|也|亦|还|還|再|已|曾|均|都"
)
EN_WHO_CUT = re.compile(r"\s(?:of|in|on|at|from|for|who|had|has|have|would|will|also)\b")
EN_RELATIVE = re.compile(r"(?:which|who)\b")
EN_ARTICLE = re.compile(r"^(?:the|a|an|its|their)\s+")
ACCORDING = re.compile(r"according to ([a-z][a-z .'-]{1,40}?)(?=[,.;]|$)")


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] (offsets into text)."""
    s = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=0)
    if s == 0 and start > 400:
        s = start - 400
    m = _SENTENCE_END.search(text, end)
    return s, (m.end() if m else len(text))


def clause(folded: str, start: int, end: int) -> tuple[int, int]:
    s = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, start)), default=0)
    m = _CLAUSE_END.search(folded, end)
    return s, (m.start() if m else len(folded))


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_WEEKDAY = re.compile(
    r"\b(?:(?:on|since|by|last) (" + "|".join(_WEEKDAYS) + r")\b|(" + "|".join(_WEEKDAYS) + r")'s)",
    re.I,
)
_EN_BACK = re.compile(
    r"\b(?:(a week|a day|two days|two weeks|a year) (?:earlier|before|ago)|(last week)|(yesterday))\b",
    re.I,
)
_BACK_DAYS = {
    "a week": 7,
    "two weeks": 14,
    "a year": 365,
    "a day": 1,
    "two days": 2,
    "last week": 7,
    "yesterday": 1,
}
_EN_YEAR = re.compile(r"\b(?:in|since|of) ((?:19|20)\d\d)\b(?![-/.]\d)")


def english_days(
    raw: str, published: date | None, news_day: date | None
) -> list[tuple[int, int, date]]:
    """Days English text names that parse_dates leaves alone: a year (in 2016), a
    weekday (on Thursday: the last one up to publication; Sunday's march only for the
    lead's news day, `news_day` None) and a step back from the news day (a week
    earlier, yesterday)."""
    if published is None or not raw.isascii():
        return []
    out = []
    for y in _EN_YEAR.finditer(raw):
        if int(y.group(1)) < published.year:
            out.append((y.start(), y.end(), date(int(y.group(1)), 12, 31)))
    for w in _EN_WEEKDAY.finditer(raw):
        if w.group(2) and news_day is not None:
            continue  # Friday's quake names the event's day, not when a toll was counted
        back = (published.weekday() - _WEEKDAYS.index((w.group(1) or w.group(2)).lower())) % 7
        out.append((w.start(), w.end(), published - timedelta(days=back)))
    for b in _EN_BACK.finditer(raw):
        phrase = next(g for g in b.groups() if g).lower()
        anchor = news_day or published
        out.append((b.start(), b.end(), anchor - timedelta(days=_BACK_DAYS[phrase])))
    return out


CUTOFF = re.compile(
    r"(?:截至|截止|截至到|\bas of|\bas at|\bby)\s*(?:当地时间|北京时间|local time)?\s*$"
)
SHARE_OF_ZH = re.compile(r"[占佔](?:到|了)?[^，。；,;]{0,6}$")
PERCENT_AFTER = re.compile(
    r"[^，。；,;]{0,12}?的[^，。；,;]{0,4}?(?:\d|[一二三四五六七八九十半])[^，。；,;]{0,3}?(?:%|％|成|分之)"
)
SHARE_OF_EN = re.compile(
    r"(?:%|per ?cent|percent) of (?:its|their|the|his|her)?\s*(?:[a-z-]+ )?(?:about |around |some |roughly |nearly )?$"
)
# 也就是近9万台, that is, nearly 90,000: the figure just before, restated.
RESTATED = re.compile(r"(?:也就是|亦即|即|换言之|換言之|\bthat is,?|\bi\.e\.,?)\s*$")
# 这两个关键领域, these two companies: things already named, not a figure of the story.
REFERENCE = re.compile(r"(?:[这那该此]|\b(?:these|those|both)\s+)$")
# 5号线, 3号楼: a numbered thing, not the 5th of the month.
COUNTED_UNIT = re.compile(r"\d\s*[个個]?$|[个個]$")
NUMBERED = frozenset("线線楼樓院门門口房车車位台")
_PARAGRAPH = re.compile(r"\n\s*\n")


def lead(text: str) -> str:
    """The first paragraph of the body with a full sentence (after the headline and any
    byline or date line)."""
    parts = [p.strip() for p in _PARAGRAPH.split(text[:3000]) if p.strip()]
    for p in parts[1:]:
        if len(p) >= 40:
            return p[:400]
    return parts[0][:400] if parts else ""


SINCE = re.compile(r"\s*(?:以来|以來|起|开始|開始|至今)")
UNTIL = re.compile(r"\s*(?:之前|以前|前|为止|為止)")


def within(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


REACHED = re.compile(
    r"\b(?:risen|rose|rises|climbed|jumped|increased|reached|reaches|topped|hit|stood|stands)"
    r"(?: to| at)?(?: more than| over| about| around)? $|(?:升至|增至|达到|達到|攀升至|上升至)$"
)
# The figure a change is measured from: up from about 150,000; 较去年同期的…
BASE = re.compile(r"\b(?:up|down|rising|falling) from (?:about |around |some |nearly )?$|[较較比]$")
HAN = re.compile(r"[\u4e00-\u9fff]")
PARTY_CUT = re.compile(r"[，；;：:。]|" + _COMMA + r"|\s(?:while|but|whereas)\s")
FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万亿]")
IN_PLACE = re.compile(r"\b(?:In|in) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
NAME = re.compile(r"\b[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}\b")
NOT_PARTY = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "for",
        "of",
        "by",
        "and",
        "but",
        "as",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "there",
        "his",
        "her",
        "their",
        "our",
        "after",
        "before",
        "since",
        "until",
        "from",
        "with",
        "about",
        "around",
        "nearly",
        "more",
        "than",
        "over",
        "under",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "rmb",
        "usd",
        "cny",
        "yuan",
        "us",
    ]
)


def ignored(h: Hit, ignored: list[tuple[int, int]]) -> bool:
    return any(a <= h.start and h.end <= b for a, b in ignored)
