"""The comparable values of a stored claim, turned into facts for
models.compare.contradictions at compare time (`facts_of_claim`, which reads no quote:
what it needs of the quote was read once in normalize, models.compare.inputs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from models.compare.blocking import AnyFact, DateFact, QuantityFact, SetFact
from models.compare.frames import Frame
from models.compare.inputs import ClaimDate, ClaimSet, QuantityWords, compare_inputs
from models.script import fold
from models.values.dates import parse_dates
from models.values.quantities import Quantity, parse_quantities

# The values a stored quantity keeps: the Quantity's fields.
# QuantityRow and the warehouse's quantities columns are these.
QUANTITY_FIELDS = tuple(Quantity.model_fields)


@dataclass(slots=True)
class QuantityRow:
    """A stored quantity, with offsets into its claim's quote: the QUANTITY_FIELDS (a
    slotted dataclass, not a Quantity: compare holds hundreds of thousands), its frame
    and its words."""

    surface: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str
    approx: bool = False
    measure_word: str | None = None
    typical_low: float | None = None
    typical_high: float | None = None
    frame: Frame | None = None  # stored by normalize (models.compare.frames)
    words: QuantityWords = field(default_factory=QuantityWords)  # stored by normalize

    @classmethod
    def of(
        cls, q: Quantity, frame: Frame | None = None, words: QuantityWords | None = None
    ) -> QuantityRow:
        """The row for a quantity parsed from the quote itself (offsets into the quote)."""
        values = {k: getattr(q, k) for k in QUANTITY_FIELDS}
        return cls(**values, frame=frame, words=words or QuantityWords())


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
                    **_values(q),  # type: ignore[arg-type]
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


# A fact's value: the quantity's fields, less its offsets and its raw measure word.
_FACT_VALUES = tuple(f for f in QUANTITY_FIELDS if f not in ("start", "end", "measure_word"))


def _values(q: QuantityRow) -> dict[str, object]:
    return {k: getattr(q, k) for k in _FACT_VALUES}


def _figure(c: ClaimRow, common: dict[str, object], q: QuantityRow, f: Frame) -> QuantityFact:
    return QuantityFact(
        **common,  # type: ignore[arg-type]
        **_values(q),  # type: ignore[arg-type]
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
