"""Contradictions between the claims of different sources, and what is not one.

The steps: fold syndicated copies into one source (the same sentence in two articles
is one report, not corroboration), block facts by subject, predicate and measure
(models.alignment.block_key), decide for each pair inside a block whether it is
compared, an update over time, or unrelated (models.alignment.relate), then compare by
type (models.compare_rules). Both sides are always kept: nothing here decides which
source is right.

Output: contradictions (conflict or discrepancy, with severity and explanation) and
claim relations ("update": a later figure for the same thing; "copy": a syndicated
copy of another article's sentence), so a reader sees why a pair was not flagged.
"""

from __future__ import annotations

import csv
import gc
import io
import itertools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from typing import Literal

from pydantic import BaseModel

from models.alignment import (
    AnyFact,
    DateFact,
    Fact,
    QuantityFact,
    SetFact,
    block_key,
    later,
    relate,
)
from models.comparable import ClaimRow, facts_of_claim
from models.compare_rules import Verdict, compare_dates, compare_quantities, compare_sets
from models.ids import stable_id

__all__ = [
    "DETECTOR",
    "ClaimRelation",
    "Comparison",
    "Contradiction",
    "DateFact",
    "QuantityFact",
    "SetFact",
    "compare_claims",
    "compare_facts",
    "find_contradictions",
    "party_keys",
]

DETECTOR = "typed-rules@2"


class Contradiction(BaseModel):
    contradiction_id: str
    kind: Literal["conflict", "discrepancy"]
    aspect: Literal["quantity", "date", "set", "text"]
    severity: float
    claim_a: str
    claim_b: str
    value_a: str
    value_b: str
    explanation: str
    detector: str = DETECTOR
    # Syndicated copies of each side (claim ids): the same report, not more sources.
    copies_a: list[str] = []
    copies_b: list[str] = []


class ClaimRelation(BaseModel):
    """Two claims that look alike or differ but are not a contradiction, and why."""

    relation_id: str
    relation: Literal["update", "copy"]
    aspect: Literal["quantity", "date", "set", "text", "claim"]
    claim_a: str  # the earlier figure, or the original sentence
    claim_b: str  # the later figure, or the copy
    value_a: str
    value_b: str
    explanation: str


class Comparison(BaseModel):
    contradictions: list[Contradiction]
    relations: list[ClaimRelation]


def _verdict(a: AnyFact, b: AnyFact) -> tuple[str, Verdict | None]:
    if isinstance(a, QuantityFact) and isinstance(b, QuantityFact):
        return "quantity", compare_quantities(a, b)
    if isinstance(a, DateFact) and isinstance(b, DateFact):
        return "date", compare_dates(a, b)
    if isinstance(a, SetFact) and isinstance(b, SetFact):
        return "set", compare_sets(a, b)
    raise TypeError(f"cannot compare {type(a).__name__} with {type(b).__name__}")


def _fold_copies(facts: list[AnyFact]) -> tuple[list[AnyFact], list[ClaimRelation]]:
    """Keep one fact per syndicated sentence (the earliest article's) and record the
    copies on it."""
    by_quote: dict[str, list[AnyFact]] = defaultdict(list)
    kept: list[AnyFact] = []
    for f in facts:
        (by_quote[f.quote_key] if f.quote_key else kept).append(f)
    relations: dict[str, ClaimRelation] = {}
    for group in by_quote.values():
        articles = {f.article_id for f in group}
        if len(articles) == 1:
            kept += group
            continue
        first = min(articles, key=lambda a: _published(group, a))
        originals = [f for f in group if f.article_id == first]
        copies = [f for f in group if f.article_id != first]
        copy_claims = sorted({f.claim_id: f.source for f in copies}.items())
        for o in originals:
            o.copies = [c for c, _ in copy_claims]
            o.copy_sources = sorted({s for _, s in copy_claims} - {o.source})
            kept.append(o)
        orig = originals[0]
        for claim_id, copy_source in copy_claims:
            rid = stable_id(orig.claim_id, claim_id, "copy")
            relations[rid] = ClaimRelation.model_construct(
                relation_id=rid,
                relation="copy",
                aspect="claim",
                claim_a=orig.claim_id,
                claim_b=claim_id,
                value_a=orig.surface,
                value_b=orig.surface,
                explanation=f"{copy_source} carries the same sentence as {orig.source} "
                f"({orig.published_at or 'undated'}): a syndicated copy of one report, "
                "counted as one source.",
            )
    return kept, list(relations.values())


def _published(group: list[AnyFact], article_id: str) -> tuple[str, str]:
    dates = [f.published_at for f in group if f.article_id == article_id and f.published_at]
    return (min(dates).isoformat() if dates else "9999", article_id)


def _update(a: Fact, b: Fact, aspect: str) -> ClaimRelation:
    old, new = later(a, b)
    when_old = old.event_date or old.published_at
    when_new = new.event_date or new.published_at
    rid = stable_id(old.claim_id, new.claim_id, aspect, old.surface, new.surface, "update")
    return ClaimRelation.model_construct(
        relation_id=rid,
        relation="update",
        aspect=aspect,  # type: ignore[arg-type]
        claim_a=old.claim_id,
        claim_b=new.claim_id,
        value_a=old.surface,
        value_b=new.surface,
        explanation=f"{old.source} ({when_old or 'undated'}): {old.surface}; later, "
        f"{new.source} ({when_new or 'undated'}): {new.surface} — a later figure for the "
        "same thing: an update, not a contradiction.",
    )


def _with_copies(text: str, f: Fact) -> str:
    if not f.copy_sources:
        return text
    return (
        f"{text} ({f.source}'s sentence also appears in {', '.join(f.copy_sources)}: "
        "syndicated copies of one report, one source.)"
    )


def _closest(
    a_facts: list[AnyFact], b_facts: list[AnyFact]
) -> tuple[AnyFact, AnyFact, str, Verdict] | None:
    """The verdict on two claims inside one block. A claim that states several values
    of one measure (四人 … 时代100人) is stating different things: each value's
    counterpart is the closest one, so the claims agree when any pair agrees, and
    otherwise the closest pair is the disagreement."""
    best: tuple[AnyFact, AnyFact, str, Verdict] | None = None
    for x, y in itertools.product(a_facts, b_facts):
        x, y = sorted((x, y), key=lambda f: (f.claim_id, f.surface))
        aspect, verdict = _verdict(x, y)
        if verdict is None:
            return None
        if best is None or verdict[1] < best[3][1]:
            best = (x, y, aspect, verdict)
    return best


def compare_facts(facts: Iterable[AnyFact]) -> Comparison:
    """All contradictions and claim relations among `facts`."""
    kept, relations = _fold_copies(list(facts))
    blocks: dict[tuple[str, ...], dict[str, list[AnyFact]]] = defaultdict(dict)
    for f in kept:
        blocks[block_key(f)].setdefault(f.claim_id, []).append(f)
    found: dict[str, Contradiction] = {}
    updates: dict[str, ClaimRelation] = {}
    for block in blocks.values():
        if len(block) < 2:
            continue
        for a_facts, b_facts in itertools.combinations(block.values(), 2):
            how = relate(a_facts[0], b_facts[0])
            if how == "skip":
                continue
            closest = _closest(a_facts, b_facts)
            if closest is None:
                continue
            a, b, aspect, (kind, severity, explanation) = closest
            if how == "update":
                u = _update(a, b, aspect)
                updates.setdefault(u.relation_id, u)
                continue
            cid = stable_id(a.claim_id, b.claim_id, aspect, a.surface, b.surface)
            found.setdefault(
                cid,
                Contradiction.model_construct(
                    contradiction_id=cid,
                    kind=kind,
                    aspect=aspect,  # type: ignore[arg-type]
                    severity=round(min(severity, 1.0), 3),
                    claim_a=a.claim_id,
                    claim_b=b.claim_id,
                    value_a=a.surface,
                    value_b=b.surface,
                    explanation=_with_copies(_with_copies(explanation, a), b),
                    copies_a=a.copies,
                    copies_b=b.copies,
                    detector=DETECTOR,
                ),
            )
    return Comparison(
        contradictions=sorted(found.values(), key=lambda c: (-c.severity, c.contradiction_id)),
        relations=sorted([*relations, *updates.values()], key=lambda r: r.relation_id),
    )


def find_contradictions(facts: Iterable[AnyFact]) -> list[Contradiction]:
    """The contradictions among `facts` (see compare_facts for the relations too)."""
    return compare_facts(facts).contradictions


def compare_claims(
    rows: Iterable[ClaimRow],
    source_key: Callable[[str | None], str | None] | None = None,
    parties: Collection[str] | None = None,
) -> Comparison:
    """Compare stored claims: their sources mapped to canonical keys by `source_key`
    (the gazetteer's key_of: 华尔街日报 = 華爾街日報 = WSJ), their values read as facts.
    `parties`, when given, are the entity keys that can be an event's other party
    (organisations): places and products a sentence mentions in passing (美国科技巨头
    微软) do not make it a different event."""
    # Hundreds of thousands of small acyclic objects: the cyclic collector would walk
    # them again and again (superlinear at 1M claims) and find nothing to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _compare_claims(rows, source_key, parties)
    finally:
        if collecting:
            gc.enable()


def _compare_claims(
    rows: Iterable[ClaimRow],
    source_key: Callable[[str | None], str | None] | None,
    parties: Collection[str] | None,
) -> Comparison:
    keys: dict[str, str] = {}
    facts: list[AnyFact] = []
    for row in rows:
        if source_key is not None:
            if row.source not in keys:
                keys[row.source] = source_key(row.source) or row.source
            row.source_key = keys[row.source]
        if parties is not None and row.object_keys:
            row.object_keys = [k for k in row.object_keys if k in parties]
        facts += facts_of_claim(row)
    return compare_facts(facts)


def party_keys(gazetteer_csv: str) -> frozenset[str]:
    """Keys of the gazetteer's organisations (columns key, name, kind, aliases)."""
    rows = csv.DictReader(io.StringIO(gazetteer_csv))
    return frozenset(
        (r.get("key") or "").strip() for r in rows if (r.get("kind") or "").strip() == "org"
    )
