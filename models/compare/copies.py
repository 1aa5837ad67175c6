"""Syndicated copies: the same sentence in several articles is one report, kept once
(the earliest article's) and recorded as copies, not counted as more sources."""

from __future__ import annotations

from collections import defaultdict

from models.compare.blocking import (
    AnyFact,
    Fact,
)
from models.compare.findings import ClaimRelation, Contradiction
from models.ids import stable_id


def fold_copies(facts: list[AnyFact]) -> tuple[list[AnyFact], list[ClaimRelation]]:
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


def in_copies(c: Contradiction, article_of: dict[str, str]) -> list[Contradiction]:
    """A disagreement inside one article (the organisers' figure against the police's)
    is carried by each syndicated copy of that article: the copy's own pair of claims
    gets the row too, so a reader of the copy sees it. Across articles a copy stays one
    source with its original (copies_a/copies_b)."""
    if article_of.get(c.claim_a) != article_of.get(c.claim_b):
        return []
    out = []
    for a in c.copies_a:
        for b in c.copies_b:
            if article_of.get(a) is not None and article_of.get(a) == article_of.get(b):
                cid = stable_id(a, b, c.aspect, c.value_a, c.value_b)
                out.append(
                    c.model_copy(
                        update={
                            "contradiction_id": cid,
                            "claim_a": a,
                            "claim_b": b,
                            "copies_a": [],
                            "copies_b": [],
                        }
                    )
                )
    return out


def _published(group: list[AnyFact], article_id: str) -> tuple[str, str]:
    dates = [f.published_at for f in group if f.article_id == article_id and f.published_at]
    return (min(dates).isoformat() if dates else "9999", article_id)


def with_copies(text: str, f: Fact) -> str:
    if not f.copy_sources:
        return text
    return (
        f"{text} ({f.source}'s sentence also appears in {', '.join(f.copy_sources)}: "
        "syndicated copies of one report, one source.)"
    )
