"""Which pairs of text claims the LLM judge is asked about, bounded per run.

The typed rules (models.compare.verdicts) compare numbers, dates and lists; what they
cannot read is a difference in words (可选的内部调动机会 against 否则可能面临裁员:
optional against forced relocation). A pair goes to the judge when its two claims
come from different sources (the attributed source, else the outlet; syndicated copies
of one sentence and near-duplicate articles are one source), share a subject and a
predicate (the block, so the number of pairs grows with the blocks, not with all
pairs), and the rules did not already compare them (not both carry a typed value).
`max_pairs` bounds the cost of a run; pairs come in a stable order so a re-run asks the
same ones (and finds them in the cache).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from models.compare.contradictions import Contradiction
from models.compare.inputs import quote_key
from models.ids import stable_id


@dataclass(frozen=True, slots=True, kw_only=True)
class TextClaim:
    """A grounded claim with a subject and predicate, as the judge sees it."""

    claim_id: str
    article_id: str
    source: str
    subject_key: str
    predicate: str
    quote: str
    claim_text: str
    typed: bool  # carries a quantity, a date or a list the rules compare
    report: str | None = None  # near-duplicate article group, if ingest found one


@dataclass(frozen=True, slots=True)
class JudgePair:
    a: TextClaim
    b: TextClaim


def _same_source(a: TextClaim, b: TextClaim, key: Callable[[str], str]) -> bool:
    if key(a.source) == key(b.source):
        return True
    if a.report and a.report == b.report:
        return True  # near-duplicate articles: one report
    qa = quote_key(a.quote)
    return bool(qa) and qa == quote_key(b.quote)  # a syndicated sentence


def candidate_pairs(
    claims: Iterable[TextClaim],
    max_pairs: int,
    source_key: Callable[[str], str] | None = None,
) -> list[JudgePair]:
    """At most `max_pairs` pairs to judge, in a stable order (block, then claim ids)."""
    return list(itertools.islice(_pairs(claims, source_key or (lambda s: s)), max(max_pairs, 0)))


def _pairs(claims: Iterable[TextClaim], key: Callable[[str], str]) -> Iterator[JudgePair]:
    blocks: dict[tuple[str, str], list[TextClaim]] = defaultdict(list)
    for c in claims:
        blocks[(c.subject_key, c.predicate)].append(c)
    for block_id in sorted(blocks):
        block = sorted(blocks[block_id], key=lambda c: c.claim_id)
        if len({key(c.source) for c in block}) < 2:
            continue
        for a, b in itertools.combinations(block, 2):
            if (a.typed and b.typed) or _same_source(a, b, key):
                continue
            yield JudgePair(a, b)


def shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def judged_contradiction(
    pair: JudgePair, explanation: str, detector: str, severity: float = 0.5
) -> Contradiction:
    """The row for a pair the judge found contradictory: both quotes, its sentence."""
    a, b = pair.a, pair.b
    return Contradiction(
        contradiction_id=stable_id(a.claim_id, b.claim_id, "text", detector),
        kind="conflict",
        aspect="text",
        severity=severity,
        claim_a=a.claim_id,
        claim_b=b.claim_id,
        value_a=shorten(a.quote),
        value_b=shorten(b.quote),
        explanation=explanation,
        detector=detector,
    )
