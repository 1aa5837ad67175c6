"""Grounding: find a claim's quote in its chunk and report how well it matched.

exact    the quote occurs verbatim in the chunk;
fuzzy    it occurs once whitespace, punctuation width and simplified/traditional script
         are folded away on both sides;
unaligned it was not found: the claim is kept for review but never compared, so a
         model (or an instruction injected into an article) cannot plant claims.
"""

from __future__ import annotations

import unicodedata

from models.article import Article, Chunk
from models.claims import Alignment, Claim, ExtractedClaim
from models.ids import stable_id
from models.script import fold


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """A matching key of `text` plus, for each key character, its index in `text`."""
    chars: list[str] = []
    index: list[int] = []
    simplified = fold(text)
    if len(simplified) != len(text):  # rare phrase-level conversion: fold per character
        simplified = "".join(fold(c) if len(fold(c)) == 1 else c for c in text)
    for i, ch in enumerate(simplified):
        ch = unicodedata.normalize("NFKC", ch).lower()
        for c in ch:
            if c.isspace() or unicodedata.category(c).startswith("P"):
                continue
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def ground_quote(
    quote: str, chunk_text: str, hint: int | None = None
) -> tuple[int, int, Alignment]:
    """(start, end, alignment) of `quote` inside `chunk_text`; (-1, -1, 'unaligned') when
    it is not there. `hint` is a position the extractor already knows."""
    quote = quote.strip()
    if not quote:
        return -1, -1, "unaligned"
    if hint is not None and chunk_text.startswith(quote, hint):
        return hint, hint + len(quote), "exact"
    at = chunk_text.find(quote)
    if at >= 0:
        return at, at + len(quote), "exact"
    key_q, _ = _folded_with_map(quote)
    key_c, index = _folded_with_map(chunk_text)
    if len(key_q) >= 4:
        at = key_c.find(key_q)
        if at >= 0:
            return index[at], index[at + len(key_q) - 1] + 1, "fuzzy"
    return -1, -1, "unaligned"


def ground_claims(
    article: Article, chunk: Chunk, extracted: list[ExtractedClaim], extractor: str, prompt_id: str
) -> list[Claim]:
    """Claims with article offsets and alignment status. An unaligned claim keeps its
    quote for review and gets no offsets (and is never compared)."""
    claims: dict[str, Claim] = {}
    for x in extracted:
        start, end, alignment = ground_quote(x.quote, chunk.text, x.chunk_start)
        if alignment == "unaligned":
            a_start = a_end = None
            key: tuple[object, ...] = ("unaligned", x.quote.strip())
        else:
            a_start, a_end = chunk.start + start, chunk.start + end
            key = (a_start, a_end)
        claim_id = stable_id(article.article_id, *key, extractor, prompt_id)
        if claim_id in claims:  # two claims from one quote: one claim, all its figures
            kept = claims[claim_id]
            more = [f for f in x.llm_figures if f not in kept.llm_figures]
            if more:
                claims[claim_id] = kept.model_copy(
                    update={"llm_figures": [*kept.llm_figures, *more]}
                )
            continue
        claims.setdefault(
            claim_id,
            Claim(
                claim_id=claim_id,
                article_id=article.article_id,
                chunk_idx=chunk.idx,
                quote=article.text[a_start:a_end] if a_start is not None else x.quote.strip(),
                claim_text=x.claim_text,
                subject=x.subject,
                subject_key=None,
                predicate=x.predicate,
                attributed_to=x.attributed_to,
                hedged=x.hedged,
                start_char=a_start,
                end_char=a_end,
                alignment=alignment,
                extractor=extractor,
                prompt_id=prompt_id,
                llm_figures=x.llm_figures,
            ),
        )
    return list(claims.values())
