"""Which claims talk about the same thing, before any value is compared.

A fact is one comparable value of one claim (a quantity, a date with its role, a set of
named members) plus what alignment needs: subject, predicate, source, scope, time.
Facts are only compared inside a block (same subject, predicate and measure), so the
cost grows with the size of the blocks, not with all pairs; the warehouse does a first
cut of this in SQL (see warehouse.compare_store.load_compare_rows).

Between two facts of one block, `relate` decides:

skip     same source, two copies of one syndicated report, different parties (object_keys), different
         periods (2023年 vs 2024年), the author's own voice against itself;
update   the same figure restated much later (published or dated more than
         UPDATE_DAYS apart), or a cumulative figure at a later date: a change over
         time, reported as such, never as a conflict;
compare  everything else.

A quantity's statistic (中位数, 平均, 最高) is part of its measure. Scope is read from
the words around a quantity: 累计/截至 (cumulative), 追加/额外/又
(one tranche), 中的一部分/其中 (part of a larger pool), 将来/未来 (a projection). Figures of different scopes are
never compared. These are our own small rules (no library does this for Chinese news).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from models.compare.frames import LEVELS

EVENT_DAYS = 31  # dated events further apart than this are different events
UPDATE_DAYS = 31  # reports further apart than this: the later one is an update
FACT_DAYS = 3  # reports of one fact (not a running tally) this close are of one time

Relation = Literal["skip", "update", "compare"]


@dataclass(slots=True, kw_only=True)
class Fact:
    """What every comparable value carries, whatever its type."""

    claim_id: str
    article_id: str
    source: str  # attributed_to, else the article's outlet (display form)
    subject_key: str
    predicate: str
    surface: str
    source_key: str = ""  # canonical source (aliases and scripts folded); "" = source
    attributed: bool = True  # False: the article's own voice
    object_keys: Sequence[str] = ()
    event_date: date | None = None
    published_at: date | None = None
    scope: str = ""  # "", "cumulative", "tranche", "part", "future"
    years: tuple[int, ...] = ()
    quote_key: str = ""  # normalized quote: equal across articles = syndicated copy
    report: str = ""  # near-duplicate group of the article (ingest): one report, one source
    copies: list[str] = field(default_factory=list)  # claim ids of syndicated copies
    copy_sources: list[str] = field(default_factory=list)

    @property
    def who(self) -> str:
        return self.source_key or self.source


@dataclass(slots=True, kw_only=True)
class QuantityFact(Fact):
    unit: str
    low: float | None
    high: float | None
    typical_low: float | None = None
    typical_high: float | None = None
    approx: bool = False
    measure_word: str | None = None
    statistic: str = ""  # "median", "mean", "max", "min" or "" (a count or an amount)
    # The figure frame (models.compare.frames), when its measure is known: then the figure is
    # compared within its story and frame, and `scope` holds the frame's qualifiers.
    story: str = ""
    level: str = ""  # the level of the place it counts (models.compare.frames.LEVELS), "" = unsaid
    measure: str = ""
    whose: str = ""
    parties: Sequence[str] = ()
    minor_parties: Sequence[str] = ()  # its parties other than the story's main ones
    as_of: date | None = None
    as_of_from: str = ""  # models.compare.frames.Frame.as_of_from
    running: bool = False  # a running tally: any later day's figure is an update
    movement: str = ""

    @property
    def who(self) -> str:
        return self.whose or self.source_key or self.source

    @property
    def voices(self) -> tuple[str, str]:
        """Who gives it, as its sentence says (民陣公布) and as its claim is attributed."""
        return self.whose, self.source_key if self.attributed else ""


@dataclass(slots=True, kw_only=True)
class DateFact(Fact):
    role: str  # "news" (when it came out), "deadline", "event"
    start: date
    end: date


@dataclass(slots=True, kw_only=True)
class SetFact(Fact):
    role: str  # "destination" or "members"
    members: frozenset[str]
    items: tuple[str, ...]  # as written, for the explanation
    open: bool  # 等 / including: a lower bound on the set, not all of it


AnyFact = QuantityFact | DateFact | SetFact


def measure_root(measure: str, measures: Collection[str] = ()) -> str:
    """orders_firm → orders: a specific measure is compared with its generic one (订单
    with 大定), never with a sibling (大定 with 锁单). The root is the key's prefix before
    "_" when that prefix is a measure itself (`measures`, default: this one's prefix)."""
    head = measure.split("_", 1)[0]
    return head if head != measure and (not measures or head in measures) else measure


def _counted(unit: str) -> str:
    """Units of one block: people and other counted things are one kind once the
    measure says what is counted (1.03 million marched = 103萬人)."""
    return "count" if unit in ("person", "count") else unit


def block_key(f: Fact) -> tuple[str, ...]:
    """Facts compared with each other share this key."""
    if isinstance(f, QuantityFact) and f.measure:
        root = measure_root(f.measure)
        return ("figure", f.story, _counted(f.unit), root, f.scope, f.statistic)
    if isinstance(f, QuantityFact):
        # Counted things must be the same kind of thing (家 vs 张); people are people.
        measure = f.measure_word or ""
        return ("quantity", f.subject_key, f.predicate, f.unit, measure, f.scope, f.statistic)
    if isinstance(f, DateFact):
        return ("date", f.subject_key, f.predicate, f.role)
    if isinstance(f, SetFact):
        return ("set", f.subject_key, f.predicate, f.role)
    raise TypeError(f"not a comparable fact: {type(f).__name__}")


def fill_parties(story: Sequence[QuantityFact]) -> None:
    """A figure whose clause names no party is the story's main party's (the company of
    a layoffs story, the buyer of a deal, the country of a quake); the main parties are
    those named with figures by the most articles of the story. What else a figure
    names (ZeniMax, LinkedIn, the neighbouring country) is kept apart."""
    articles: dict[str, set[str]] = {}
    for f in story:
        for p in f.parties:
            if not p.startswith("zh:"):  # a place keeps apart only the figures naming it
                articles.setdefault(p, set()).add(f.article_id)
    if not articles:
        return
    top = max(len(a) for a in articles.values())
    main = {p for p, a in articles.items() if len(a) == top}
    for f in story:
        if f.parties:
            f.minor_parties = tuple(p for p in f.parties if p not in main)
        else:
            f.parties = tuple(sorted(main))


def fill_levels(block: Sequence[QuantityFact]) -> None:
    """A figure that names no place counts the whole event: give it the broadest level
    the other figures of its block name (the province's toll, not a city's)."""
    named = [f.level for f in block if f.level]
    if named and len(named) < len(block):
        broadest = min(named, key=lambda lv: LEVELS.index(lv) if lv in LEVELS else len(LEVELS))
        for f in block:
            if not f.level:
                f.level = broadest


def _apart(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two figures' parties name different ones. Gazetteer keys and English names are
    one namespace; a Chinese place in pinyin (zh:…) is comparable only with another
    (zh:miandian and myanmar may well be one country)."""
    if not a or not b or set(a) & set(b):
        return False
    kinds_a, kinds_b = {_kind(p) for p in a}, {_kind(p) for p in b}
    return bool(kinds_a & kinds_b)


def _kind(party: str) -> str:
    return "zh" if party.startswith("zh:") else ""


def relate_figures(a: QuantityFact, b: QuantityFact) -> Relation:
    """Two figures of one story and frame: an update when they are true for different
    days (the later one is the update), compared when they are true for the same day.
    Two figures of one claim are compared only when two voices give them."""
    if a.report and a.report == b.report and a.article_id != b.article_id:
        return "skip"  # two copies of one syndicated report are one source
    if a.measure != b.measure and measure_root(a.measure) not in (a.measure, b.measure):
        return "skip"  # firm orders and locked orders
    if _apart(a.parties, b.parties):
        return "skip"  # Google's cuts and Microsoft's; Myanmar's dead and Thailand's
    if _apart(a.minor_parties, b.minor_parties):
        return "skip"  # Microsoft's price for ZeniMax and for Activision
    if a.level != b.level:
        return "skip"  # the city's dead are part of the province's
    one_article = a.article_id == b.article_id
    if a.as_of != b.as_of and not _same_time(a, b):
        if (
            not (a.running or b.running)
            and {a.as_of_from, b.as_of_from} <= {"text", "cutoff"}
            and abs((a.as_of - b.as_of).days) > UPDATE_DAYS  # type: ignore[operator]
        ):
            return "skip"  # 2022年底裁员2.7万人 and this week's 3万: two rounds, not an update
        if (
            not (a.running or b.running)
            and a.whose
            and b.whose
            and a.whose != b.whose
            and "published" not in (a.as_of_from, b.as_of_from)
        ):
            # The police's count of one march, the organisers' of the next: two events
            # the text dates; a report's later figure after a rumour is an update.
            return "skip"
        return "update"
    if one_article and not any(x and y and x != y for x, y in zip(a.voices, b.voices, strict=True)):
        return "skip"  # one voice stating two figures is describing two things
    if a.article_id != b.article_id and a.source_key and a.source_key == b.source_key:
        return "skip"  # one outlet's two articles of one day
    return "compare"


REPORTED = frozenset({"spoken", "lead", "published"})  # as-ofs that are report days


def _same_time(a: QuantityFact, b: QuantityFact) -> bool:
    """Two figures of one frame dated on different days are of one time all the same
    when they count a closed window (orders in the first 24 hours), when they are one
    fact (a deal's price, the staff asked to move: not a running tally) that reports
    give within FACT_DAYS of each other (a week later, the same march's organisers
    may report a new march), or when they are of one news cycle."""
    if "window:" in a.scope:
        return True
    if a.as_of is None or b.as_of is None:
        return False
    if (
        not (a.running or b.running)
        and a.as_of_from in REPORTED
        and b.as_of_from in REPORTED
        and abs((a.as_of - b.as_of).days) <= FACT_DAYS
    ):
        return True
    return _same_news_cycle(a, b)


def _same_news_cycle(a: QuantityFact, b: QuantityFact) -> bool:
    """One figure dated by its own sentence, the other only by its article (the lead's
    news day or the publication day) at most a day later, and neither said to have
    moved: one news cycle (Microsoft said on Thursday…; the WSJ reported…; the march on
    Sunday in Monday's paper), not an earlier figure and its update."""
    if a.movement or b.movement or a.as_of is None or b.as_of is None:
        return False
    dated, undated = (a, b) if a.as_of_from in ("text", "spoken") else (b, a)
    return (
        dated.as_of_from in ("text", "spoken")
        and undated.as_of_from in ("lead", "published")
        and 0 < (undated.as_of - dated.as_of).days <= 1  # type: ignore[operator]
    )


def relate(a: Fact, b: Fact) -> Relation:
    """Whether two facts of one block are compared, are an update, or are unrelated."""
    if isinstance(a, QuantityFact) and isinstance(b, QuantityFact) and a.measure:
        return relate_figures(a, b)
    if a.claim_id == b.claim_id or a.who == b.who:
        return "skip"
    if a.report and a.report == b.report and a.article_id != b.article_id:
        return "skip"  # two copies of one syndicated report are one source
    if a.article_id == b.article_id and not (a.attributed or b.attributed):
        # One author stating two figures is describing two things, not disagreeing.
        return "skip"
    if a.object_keys and b.object_keys and list(a.object_keys) != list(b.object_keys):
        return "skip"
    if (a.object_keys or b.object_keys) and not (a.object_keys and b.object_keys):
        return "skip"
    if not isinstance(a, DateFact):  # a date's own year is what dates disagree on
        apart = a.years and b.years and not set(a.years) & set(b.years)
        if not apart and a.event_date and b.event_date:
            apart = abs((a.event_date - b.event_date).days) > EVENT_DAYS
        if apart:
            return "update" if a.scope == b.scope == "cumulative" else "skip"
    # A figure can change over time; the day something happened cannot.
    if (
        not isinstance(a, DateFact)
        and a.published_at
        and b.published_at
        and abs((a.published_at - b.published_at).days) > UPDATE_DAYS
    ):
        return "update"
    return "compare"


def later(a: Fact, b: Fact) -> tuple[Fact, Fact]:
    """(earlier, later) by event date, then publication date."""

    def when(f: Fact) -> date:
        if isinstance(f, QuantityFact) and f.as_of:
            return f.as_of
        if f.scope == "cumulative" and f.years:
            return date(max(f.years), 12, 31)
        return f.event_date or f.published_at or date.min

    return (a, b) if when(a) <= when(b) else (b, a)


# --- scope and period, read from the quote around a value -------------------------

_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_CUMULATIVE = re.compile(
    r"累计|累計|总计|總計|共计|共計|合计|合計|总共|總共|一共|总额|總額|截至|截止|迄今|至今|"
    r"in total|cumulative|so far|to date",
    re.IGNORECASE,
)
_TRANCHE = re.compile(
    r"追加|额外|額外|又|再次|再|新一轮|新一輪|首轮|首輪|第[一二三四五六七八九十\d]+[轮輪笔筆期批]|"
    r"单笔|單筆|另外|additional|another|tranche",
    re.IGNORECASE,
)
_PART_BEFORE = re.compile(r"其中|当中|當中|among them|of whom|of which", re.IGNORECASE)
_PART_AFTER = re.compile(
    r"^[^，,。；;]{0,6}?(?:中的一部分|中的一部份|中的一小部分|之中|之一|中(?=[，,。；;：:]|$))"
)
_FUTURE = re.compile(r"将来|將來|未来|未來|届时|屆時|in the future|by then", re.IGNORECASE)
# Any scope word at all (most quotes have none: skip the clause-by-clause reading).
SCOPE_HINT = re.compile(
    "|".join(p.pattern for p in (_CUMULATIVE, _TRANCHE, _PART_BEFORE, _FUTURE))
    + r"|中的一部|之中|之一|中[，,。；;：:]|中$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_REL_YEAR = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def scope_of(quote: str, start: int, end: int) -> str:
    """Scope of the value at quote[start:end]: "cumulative", "tranche", "part" or ""."""
    before = quote[max(0, start - 16) : start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    before = before[cut:]
    after = quote[end : end + 12]
    if _CUMULATIVE.search(before):
        return "cumulative"
    if _TRANCHE.search(before):
        return "tranche"
    if _PART_BEFORE.search(before) or _PART_AFTER.match(after):
        return "part"
    if _FUTURE.search(before):
        return "future"  # a projection is not a count of what is
    return ""


_STATISTICS = [
    ("median", re.compile(r"中位数|中位數|median", re.IGNORECASE)),
    ("mean", re.compile(r"平均|均值|人均|average|mean|per capita", re.IGNORECASE)),
    ("max", re.compile(r"最高|最多|峰值|上限|at most|maximum|peak", re.IGNORECASE)),
    ("min", re.compile(r"最低|最少|下限|起薪|minimum", re.IGNORECASE)),
]


STATISTIC_HINT = re.compile("|".join(p.pattern for _, p in _STATISTICS), re.IGNORECASE)


def statistic_of(quote: str, start: int) -> str:
    """The statistic the value at quote[start:] is (a median over a profession is not an
    average over one group): read from its clause, before the value."""
    before = quote[max(0, start - 20) : start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    for name, pattern in _STATISTICS:
        if pattern.search(before, cut):
            return name
    return ""


def years_of(quote: str, published_at: date | None) -> tuple[int, ...]:
    """Calendar years the quote names (2023年, 今年 relative to publication)."""
    years = {int(y) for y in _YEAR.findall(quote)}
    if published_at:
        years |= {published_at.year + d for w, d in _REL_YEAR.items() if w in quote}
    return tuple(sorted(years))
