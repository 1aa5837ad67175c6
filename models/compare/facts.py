"""The comparable values of one claim: read once from its quote in normalize
(`compare_inputs`, stored by the warehouse), and turned into facts for
models.compare.contradictions at compare time (`facts_of_claim`, which reads no quote).

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
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, Field

from models.compare.blocking import (
    SCOPE_HINT,
    STATISTIC_HINT,
    AnyFact,
    DateFact,
    QuantityFact,
    SetFact,
    scope_of,
    statistic_of,
    years_of,
)
from models.compare.frames import Frame
from models.script import fold
from models.values.dates import DateMention, parse_dates
from models.values.quantities import Quantity, parse_quantities


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


@dataclass(slots=True)
class QuantityRow:
    """A stored quantity, with offsets into its claim's quote."""

    surface: str
    start: int
    end: int
    low: float | None
    high: float | None
    typical_low: float | None
    typical_high: float | None
    unit: str
    approx: bool
    measure_word: str | None = None
    frame: Frame | None = None  # stored by normalize (models.compare.frames)
    words: QuantityWords = field(default_factory=QuantityWords)  # stored by normalize

    @classmethod
    def of(
        cls, q: Quantity, frame: Frame | None = None, words: QuantityWords | None = None
    ) -> QuantityRow:
        """The row for a quantity parsed from the quote itself (offsets into the quote)."""
        return cls(
            q.surface,
            q.start,
            q.end,
            q.low,
            q.high,
            q.typical_low,
            q.typical_high,
            q.unit,
            q.approx,
            q.measure_word,
            frame,
            words or QuantityWords(),
        )


@dataclass(slots=True, kw_only=True)
class ClaimRow:
    """A stored claim with what comparison needs."""

    claim_id: str
    article_id: str
    source: str
    source_key: str = ""
    attributed: bool = True
    subject_key: str
    predicate: str
    quote: str
    object_keys: list[str] = field(default_factory=list)
    event_date: date | None = None
    published_at: date | None = None
    quantities: list[QuantityRow] = field(default_factory=list)
    # Read once by normalize (compare_inputs) and stored; facts_of_claim reads no quote.
    quote_key: str = ""  # "" = not syndicated (the warehouse keeps only shared keys)
    years: Sequence[int] = ()
    dates: list[ClaimDate] = field(default_factory=list)
    sets: list[ClaimSet] = field(default_factory=list)
    report: str | None = None  # near-duplicate group of the article, if ingest found one
    story_id: str = ""  # the story the article belongs to (models.compare.stories)

    @classmethod
    def from_quote(
        cls, *, quote: str, published_at: date | None = None, **fields: object
    ) -> ClaimRow:
        """A row for a claim that was never stored (case tables, benchmarks): its
        quantities, event date and compare inputs read from `quote` as normalize reads
        them (no frames: those need the article)."""
        quantities = parse_quantities(quote)
        found = parse_dates(quote, published_at)
        spans = [(q.start, q.end) for q in quantities]
        inputs = compare_inputs(quote, published_at, spans, mentions=found)
        return cls(
            quote=quote,
            published_at=published_at,
            event_date=found[0].value if found else None,
            quantities=[
                QuantityRow.of(q, words=w) for q, w in zip(quantities, inputs.words, strict=True)
            ],
            quote_key=inputs.quote_key,
            years=tuple(inputs.years),
            dates=inputs.dates,
            sets=inputs.sets,
            **fields,  # type: ignore[arg-type]
        )


def facts_of_claim(c: ClaimRow) -> list[AnyFact]:
    """Every comparable value of `c`: its quantities, its dates with a role, its lists.

    A quantity whose frame names its measure is a figure of its story (compared within
    the story and frame); one without is compared the older way, only inside a claim
    the gazetteer gave a subject and predicate."""
    common = dict(
        claim_id=c.claim_id,
        article_id=c.article_id,
        source=c.source,
        source_key=c.source_key,
        attributed=c.attributed,
        subject_key=c.subject_key,
        predicate=c.predicate,
        object_keys=c.object_keys,
        event_date=c.event_date,
        published_at=c.published_at,
        quote_key=c.quote_key,
        report=c.report or "",
    )
    out: list[AnyFact] = []
    aligned = bool(c.subject_key and c.predicate)
    if c.quantities:
        years = tuple(c.years)
        for q in c.quantities:
            f = q.frame
            if f is not None and not f.figure:
                continue  # two informed sources, an age, a page's view count
            if f is not None and f.measure and c.story_id:
                out.append(_figure(c, common, q, f))
                continue
            if not aligned:
                continue
            measure = fold(q.measure_word) if q.measure_word else None
            if q.unit in _SPANS and measure not in _AGES:
                continue  # 三年前, 过去两年: a time reference, not a checkable amount
            out.append(
                QuantityFact(
                    **common,  # type: ignore[arg-type]
                    surface=q.surface,
                    unit=q.unit,
                    low=q.low,
                    high=q.high,
                    typical_low=q.typical_low,
                    typical_high=q.typical_high,
                    approx=q.approx,
                    measure_word=measure if q.unit in _MEASURED else None,
                    scope=q.words.scope,
                    statistic=q.words.statistic,
                    years=years,
                )
            )
    if not aligned:
        return out
    for d in c.dates if c.event_date is not None else ():
        # A bare date is compared only when the claim names the event's parties.
        if d.role == "event" and not c.object_keys:
            continue
        out.append(
            DateFact(
                **common,  # type: ignore[arg-type]
                surface=d.surface,
                role=d.role,
                start=d.start_date,
                end=d.end_date,
            )
        )
    for m in c.sets:
        out.append(
            SetFact(
                **common,  # type: ignore[arg-type]
                surface=m.surface,
                role=m.role,
                members=frozenset(m.members),
                items=tuple(m.items),
                open=m.open_ended,
            )
        )
    return out


def _figure(c: ClaimRow, common: dict[str, object], q: QuantityRow, f: Frame) -> QuantityFact:
    return QuantityFact(
        **common,  # type: ignore[arg-type]
        surface=q.surface,
        unit=q.unit,
        low=q.low,
        high=q.high,
        typical_low=q.typical_low,
        typical_high=q.typical_high,
        approx=q.approx,
        measure_word=fold(q.measure_word) if q.measure_word else None,
        scope="|".join(t for t in f.scope.split("|") if not t.startswith("in:")),
        level=next((t[3:] for t in f.scope.split("|") if t.startswith("in:")), ""),
        statistic=f.statistic,
        story=c.story_id,
        measure=f.measure,
        whose=f.whose,
        parties=f.parties,
        as_of=f.as_of,
        as_of_from=f.as_of_from,
        running=f.running,
        movement=f.movement,
    )


_SPANS = frozenset({"year", "month", "week", "day", "hour"})
_AGES = frozenset({"岁", "周岁", "歲"})
# Units whose measure word says what is counted: 家 vs 张, an age (岁) vs a span (年).
_MEASURED = frozenset({"count", *_SPANS})

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
