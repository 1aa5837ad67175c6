"""What compare reads of a claim's quote, once, in normalize (`compare_inputs`; stored
by the warehouse, which reads it too for claims stored without it).

Quantities come from models.values.quantities; for one whose frame names no measure, its
scope and statistic are read from the words around it and the claim's years from the
quote. Dates are read with models.values.dates and given a role from the words next to them
(5月14日刚出的消息 → when the news came out; 6月7日前 → a deadline; 星期四(5月16日)
表示 → the day someone spoke, which is not compared: people speak on many days). Sets
are enumerations after a cue (搬迁至美国或澳大利亚; 其中包括美国、爱尔兰、澳大利亚和
新西兰; 包括美国、澳大利亚、爱尔兰等国家 — 等 makes the list open). The quote key
(the quote without spaces and punctuation) marks a sentence syndicated to other
articles.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, Field

from models.compare.blocking import SCOPE_HINT, STATISTIC_HINT, scope_of, statistic_of, years_of
from models.script import fold
from models.values.dates import DateMention, parse_dates


class ClaimDate(BaseModel):
    """A date of a claim with its role and the interval it covers (date.min / date.max:
    open on that side). Dates that are never compared (the day someone spoke, a running
    figure's as-of, a relative event date) are not kept; a bare "event" date is compared
    only when the claim names the event's parties (decided at compare time)."""

    surface: str
    role: str  # "news", "deadline" or "event"
    start_date: date
    end_date: date


class ClaimSet(BaseModel):
    """A list of named members after a cue (迁往美国或澳大利亚)."""

    surface: str
    role: str  # "destination" or "members"
    members: list[str]  # folded, lower-cased, sorted
    items: list[str]  # as written, in order
    open_ended: bool  # 等: a lower bound on the set


class QuantityWords(BaseModel):
    """What the words around a quantity in its quote say of it, for a quantity whose
    frame names no measure (models.compare.blocking.scope_of, statistic_of)."""

    scope: str = ""
    statistic: str = ""


class CompareInputs(BaseModel):
    """Everything compare needs of a claim beyond its stored quantities and frames."""

    quote_key: str
    years: list[int] = Field(default_factory=list)  # calendar years the quote names
    dates: list[ClaimDate] = Field(default_factory=list)
    sets: list[ClaimSet] = Field(default_factory=list)
    words: list[QuantityWords] = Field(default_factory=list)  # one per quantity, in order


def compare_inputs(
    quote: str,
    published_at: date | None,
    quantities: Sequence[tuple[int, int]],
    key_quote: str | None = None,
    mentions: Sequence[DateMention] | None = None,
) -> CompareInputs:
    """The compare inputs of a claim whose grounded quote is `quote` (the article's
    text at its offsets), with quantities at `quantities` (start, end offsets into the
    quote). The quote key is read from `key_quote` (the extractor's quote), else
    from `quote`; `mentions` are parse_dates(quote, published_at) when already read.
    The one reading, used by normalize, by the warehouse for claims stored without it,
    and by ClaimRow.from_quote."""
    marked = SCOPE_HINT.search(quote) is not None
    stat = STATISTIC_HINT.search(quote) is not None
    return CompareInputs(
        quote_key=quote_key(quote if key_quote is None else key_quote),
        years=list(years_of(quote, published_at)) if "年" in quote else [],
        dates=claim_dates(quote, published_at, mentions),
        sets=claim_sets(quote),
        words=[
            QuantityWords(
                scope=scope_of(quote, start, end) if marked else "",
                statistic=statistic_of(quote, start) if stat else "",
            )
            for start, end in quantities
        ],
    )


_QUOTE_NOISE = re.compile(r"[\s\W_]+")


def quote_key(quote: str) -> str:
    """The quote without spaces and punctuation: the same key in two articles means one
    report's sentence was copied (syndicated). Short quotes are too common to tell."""
    key = _QUOTE_NOISE.sub("", quote.lower())
    return key if len(key) >= 12 else ""


# --- dates ---------------------------------------------------------------------------

_DEADLINE_AFTER = re.compile(r"\s*(?:之前|以前|前|为止|為止|截止)")
_DEADLINE_IN = re.compile(r"(?:之前|以前|前|为止|為止)$")  # 6月7日前 read as one mention
# 明年起: from then on (2000年后 is read by parse_dates as open after).
_AFTER = re.compile(r"\s*(?:起|以来|以來)")
_AS_OF_BEFORE = re.compile(r"(?:截至|截止|as of)\s*$", re.IGNORECASE)
_SPOKE_AFTER = re.compile(
    r"^[)）\s]*(?:[^，,。]{0,4}?)(?:表示|称|稱|说|說|宣布|回应|回應|透露|宣称|宣稱|said|announced)"
)
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_NEWS = re.compile(
    r"传闻|傳聞|消息|爆料|邮件|郵件|通知|曝光|email|e-mail|notice|memo", re.IGNORECASE
)


def date_role(quote: str, start: int, end: int) -> str:
    """What the date at quote[start:end] is the date of: "deadline", "as_of" (the time a
    running figure refers to), "spoke", "news" (when the news or notice came out) or
    "event"."""
    if _DEADLINE_AFTER.match(quote, end) or _DEADLINE_IN.search(quote, start, end):
        return "deadline"
    if _AS_OF_BEFORE.search(quote[max(0, start - 4) : start]):
        return "as_of"  # 截至2023年12月: the time a running figure refers to
    if _SPOKE_AFTER.match(quote[end : end + 12]):
        return "spoke"
    # The news word must be next to the date (这是5月14日刚出的消息; 5月15日,有传闻称),
    # not anywhere in a sentence that happens to cite a 消息人士.
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(quote, 0, start)), default=0)
    if _NEWS.search(quote, clause_start, start) or _NEWS.search(quote[end : end + 10]):
        return "news"
    return "event"


def _interval(value: date, end_value: date | None, precision: str) -> tuple[date, date]:
    if end_value is not None:
        return value, end_value
    if precision == "month":
        return value.replace(day=1), value.replace(
            day=calendar.monthrange(value.year, value.month)[1]
        )
    if precision == "year":
        return date(value.year, 1, 1), date(value.year, 12, 31)
    return value, value


def claim_dates(
    quote: str, published_at: date | None, mentions: Sequence[DateMention] | None = None
) -> list[ClaimDate]:
    """The dates of `quote` that can be compared, with their roles and intervals
    (`mentions`: parse_dates(quote, published_at), when already read)."""
    out = []
    for m in parse_dates(quote, published_at) if mentions is None else mentions:
        role = date_role(quote, m.start, m.end)
        # The day someone spoke is not a claim about the event; a bare date is compared
        # only when the claim names the event's parties (facts_of_claim) and states it
        # outright.
        if role in ("spoke", "as_of"):
            continue
        if role == "event" and m.relative:
            continue  # 明天, 去年: each speaker's own "now"; two of them are rarely one event
        start, end = _interval(m.value, m.end_value, m.precision)
        if m.open == "before":
            start = date.min  # 两天之前: any time up to then
        elif role == "deadline" and m.end_value is not None:
            start = end  # "before 6月7日" runs from the report to the deadline: the deadline
        if m.open == "after" or _AFTER.match(quote, m.end):
            end = date.max  # 2000年后, 20天以后, 明年起: from then on
        out.append(ClaimDate(surface=m.surface, role=role, start_date=start, end_date=end))
    return out


# --- sets ----------------------------------------------------------------------------

_LIST_HINT = re.compile(r"[、或和及与與]|\band\b|\bor\b")
_MOVE = re.compile(r"迁|遷|搬|调往|調往|派往|前往|赴|去|到|relocat|move|transfer", re.IGNORECASE)
_CUE_PATTERN = (
    r"(?:迁移至|迁移到|遷移至|遷移到|迁往|遷往|搬迁至|搬迁到|搬遷至|搬遷到|搬至|调往|調往|派往|前往|"
    r"包括|包含|\bincluding\b|\bto\b)"
)
_CUE = re.compile(_CUE_PATTERN + r"\s*")
_LIST_END = re.compile(r"[，,。；;：:！!？?\n（(]")
_SEP = re.compile(r"\s*(?:、|,|/|以及|或者|或|和|及|与|與|跟|\bor\b|\band\b)\s*")
_OPEN = re.compile(r"等")
_GENERIC = re.compile(r"的|其他|其它|国家|國家|地区|地區|海外|各地|部分|公司|团队|團隊|员工|員工")


def claim_sets(quote: str) -> list[ClaimSet]:
    """The lists of `quote`: members after a cue, joined by separators."""
    if not (_CUE.search(quote) and _LIST_HINT.search(quote)):
        return []
    role = "destination" if _MOVE.search(quote) else "members"
    out = []
    for cue in _CUE.finditer(quote):
        end = _LIST_END.search(quote, cue.end())
        span = quote[cue.end() : end.start() if end else len(quote)]
        open_ = _OPEN.search(span)
        if open_:
            span = span[: open_.start()]
        items = [s.strip() for s in _SEP.split(span) if s.strip()]
        if not items or len(items) < (1 if open_ else 2):
            continue
        if any(not 2 <= len(i) <= 8 or _GENERIC.search(i) for i in items):
            continue
        surface = quote[cue.end() : cue.end() + len(span)] + ("等" if open_ else "")
        out.append(
            ClaimSet(
                surface=surface.strip(),
                role=role,
                members=sorted({fold(i).lower() for i in items}),
                items=items,
                open_ended=bool(open_),
            )
        )
    return out
