"""Contradictions between the claims of different sources, and what is not one.

The steps: fold syndicated copies into one source (models.compare.copies: the same
sentence in two articles is one report, not corroboration), block facts by subject,
predicate and measure (models.compare.blocking.block_key), decide for each pair inside a
block whether it is compared, an update over time, or unrelated
(models.compare.blocking.relate), then compare by type (models.compare.verdicts). Both sides are always kept: nothing here decides which
source is right.

Output: contradictions (conflict or discrepancy, with severity and explanation) and
claim relations ("update": a later figure for the same thing; "copy": a syndicated
copy of another article's sentence), so a reader sees why a pair was not flagged.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator

from models.compare.blocking import (
    AnyFact,
    DateFact,
    Fact,
    QuantityFact,
    SetFact,
    block_key,
    fill_levels,
    fill_parties,
    later,
    relate,
)
from models.compare.copies import fold_copies, in_copies, with_copies
from models.compare.facts import ClaimRow, facts_of_claim
from models.compare.findings import DETECTOR, ClaimRelation, Comparison, Contradiction
from models.compare.verdicts import Verdict, compare_dates, compare_quantities, compare_sets
from models.gcpause import paused_gc
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
    "facts_of_rows",
    "iter_comparisons",
    "party_keys",
]

BATCH = 20_000  # results per part when streamed (iter_comparisons)


def _verdict(a: AnyFact, b: AnyFact) -> tuple[str, Verdict | None]:
    if isinstance(a, QuantityFact) and isinstance(b, QuantityFact):
        return "quantity", compare_quantities(a, b)
    if isinstance(a, DateFact) and isinstance(b, DateFact):
        return "date", compare_dates(a, b)
    if isinstance(a, SetFact) and isinstance(b, SetFact):
        return "set", compare_sets(a, b)
    raise TypeError(f"cannot compare {type(a).__name__} with {type(b).__name__}")


def _update(a: Fact, b: Fact, aspect: str) -> ClaimRelation:
    old, new = later(a, b)
    when_old = _when(old)
    when_new = _when(new)
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


def _when(f: Fact) -> object:
    if isinstance(f, QuantityFact) and f.as_of:
        return f.as_of
    return f.event_date or f.published_at


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


def _changed(a_facts: list[AnyFact], b_facts: list[AnyFact]) -> tuple[AnyFact, AnyFact, str] | None:
    """The pair of values two claims of one block give for different times, when the
    figure changed: a later "at least 33" after 25 is an update although the ranges
    overlap; the same figure restated (1.03 million, 103萬) is not. Dates and lists
    change only by disagreeing."""
    best: tuple[AnyFact, AnyFact, str] | None = None
    for x, y in itertools.product(a_facts, b_facts):
        x, y = sorted((x, y), key=lambda f: (f.claim_id, f.surface))
        aspect, verdict = _verdict(x, y)
        if isinstance(x, QuantityFact) and isinstance(y, QuantityFact):
            if (x.low, x.high) == (y.low, y.high):
                return None
        elif verdict is None:
            return None
        if best is None:
            best = (x, y, aspect)
    return best


def compare_facts(facts: Iterable[AnyFact]) -> Comparison:
    """All contradictions and claim relations among `facts`, in a stable order."""
    found: list[Contradiction] = []
    relations: list[ClaimRelation] = []
    for part in iter_comparisons(facts):
        found += part.contradictions
        relations += part.relations
    return Comparison(
        contradictions=sorted(found, key=lambda c: (-c.severity, c.contradiction_id)),
        relations=sorted(relations, key=lambda r: r.relation_id),
    )


def iter_comparisons(facts: Iterable[AnyFact], batch: int = BATCH) -> Iterator[Comparison]:
    """compare_facts in parts of at most `batch` results (contradictions and relations),
    unsorted, so a caller that writes each part as it comes never holds them all. No
    result comes twice."""
    facts = list(facts)
    article_of = {f.claim_id: f.article_id for f in facts}
    kept, copies = fold_copies(facts)
    for i in range(0, len(copies), batch):
        yield Comparison(contradictions=[], relations=copies[i : i + batch])
    part = Comparison(contradictions=[], relations=[])
    for family in _families(kept):
        # One pair of claims can meet in two blocks of a family (two values of one
        # claim with different scopes): the first block's verdict is kept.
        seen: set[str] = set()
        for block in family:
            for result in _compare_block(block):
                if isinstance(result, Contradiction):
                    for row in (result, *in_copies(result, article_of)):
                        if row.contradiction_id not in seen:
                            seen.add(row.contradiction_id)
                            part.contradictions.append(row)
                elif result.relation_id not in seen:
                    seen.add(result.relation_id)
                    part.relations.append(result)
                if len(part.contradictions) + len(part.relations) >= batch:
                    yield part
                    part = Comparison(contradictions=[], relations=[])
    if part.contradictions or part.relations:
        yield part


_Block = dict[str, list[AnyFact]]  # a block's facts, by claim


def _families(facts: list[AnyFact]) -> Iterator[list[_Block]]:
    """The blocks of each subject and predicate (every block key holds both), in the
    order the facts first name them; blocks of one claim each are left out."""
    families: dict[tuple[str, ...], dict[tuple[str, ...], _Block]] = defaultdict(dict)
    for f in facts:
        key = block_key(f)
        family = key[:2] if key[0] == "figure" else (f.subject_key, f.predicate)
        families[family].setdefault(key, {}).setdefault(f.claim_id, []).append(f)
    for family, blocks in families.items():
        if family[0] == "figure":
            fill_parties([f for b in blocks.values() for fs in b.values() for f in fs])  # type: ignore[misc]
        kept = [block for block in blocks.values() if len(block) > 1]
        for key, block in blocks.items():
            if key[0] == "figure" and len(block) > 1:
                fill_levels([f for fs in block.values() for f in fs])  # type: ignore[misc]
        yield kept


def _by_voice(block: _Block) -> _Block:
    """A block of figures split by who gives them, the level of place they count, the
    day they are true for and their exact measure (firm and locked orders share a
    block): the organisers' and the police's counts in one sentence are
    two voices, compared with each other and each with other claims'; a province's loss
    and, in the same sentence, its city's are two figures; so are this year's headcount
    and, "up from", last year's. A claim stating several values in one voice, place and
    time still agrees when any of them agrees (_closest)."""
    out: _Block = {}
    for claim_id, facts in block.items():
        for f in facts:
            voice = (
                f"{f.whose}\x00{f.level}\x00{f.as_of}\x00{f.measure}"
                if isinstance(f, QuantityFact)
                else ""
            )
            out.setdefault(f"{claim_id}\x00{voice}", []).append(f)
    return out


def _compare_block(block: _Block) -> Iterator[Contradiction | ClaimRelation]:
    """The verdicts on every pair of claims of one block: contradictions and updates."""
    first = next(iter(block.values()))[0]
    if isinstance(first, QuantityFact) and first.measure:
        block = _by_voice(block)
    for a_facts, b_facts in itertools.combinations(block.values(), 2):
        how = relate(a_facts[0], b_facts[0])
        if how == "skip":
            continue
        if how == "update":
            changed = _changed(a_facts, b_facts)
            if changed is not None:
                yield _update(*changed)
            continue
        closest = _closest(a_facts, b_facts)
        if closest is None:
            continue
        a, b, aspect, (kind, severity, explanation) = closest
        if how == "update":
            yield _update(a, b, aspect)
            continue
        cid = stable_id(a.claim_id, b.claim_id, aspect, a.surface, b.surface)
        yield Contradiction.model_construct(
            contradiction_id=cid,
            kind=kind,
            aspect=aspect,  # type: ignore[arg-type]
            severity=round(min(severity, 1.0), 3),
            claim_a=a.claim_id,
            claim_b=b.claim_id,
            value_a=a.surface,
            value_b=b.surface,
            explanation=with_copies(with_copies(explanation, a), b),
            copies_a=a.copies,
            copies_b=b.copies,
            detector=DETECTOR,
        )


def compare_claims(
    rows: Iterable[ClaimRow],
    source_key: Callable[[str | None], str | None] | None = None,
    parties: Collection[str] | None = None,
) -> Comparison:
    """Compare stored claims (see facts_of_rows for `source_key` and `parties`)."""
    with paused_gc():
        return compare_facts(facts_of_rows(rows, source_key, parties))


def facts_of_rows(
    rows: Iterable[ClaimRow],
    source_key: Callable[[str | None], str | None] | None = None,
    parties: Collection[str] | None = None,
) -> list[AnyFact]:
    """The facts of stored claims: their sources mapped to canonical keys by
    `source_key` (the gazetteer's key_of: 华尔街日报 = 華爾街日報 = WSJ), their values
    read as facts. `parties`, when given, are the entity keys that can be an event's
    other party (organisations): places and products a sentence mentions in passing
    (美国科技巨头微软) do not make it a different event."""
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
    return facts


def party_keys(gazetteer_csv: str) -> frozenset[str]:
    """Keys of the gazetteer's organisations (columns key, name, kind, aliases)."""
    rows = csv.DictReader(io.StringIO(gazetteer_csv))
    return frozenset(
        (r.get("key") or "").strip() for r in rows if (r.get("kind") or "").strip() == "org"
    )
