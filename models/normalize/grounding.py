"""Grounding: find a claim's quote in the article and report how well it matched.

exact    the quote occurs verbatim;
fuzzy    it occurs once whitespace, punctuation width and simplified/traditional script
         are folded away on both sides;
unaligned it was not found: the claim is kept for review but never compared, so a
         model (or an instruction injected into an article) cannot plant claims.

Where: first the chunk the claim was extracted from; then the neighbouring text sent
with it as context (CONTEXT_BEFORE/AFTER characters either side: a small model quotes
it despite being told not to), the occurrence nearest the chunk; then the rest of the
article, only where the quote occurs once. Each place is searched exact, then fuzzy.
A claim's id is a hash of its article span, so a context quote and the same quote
extracted from the chunk it lies in are one claim (`unique_claims` merges them).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from models.article import Article, Chunk
from models.claims import Alignment, Claim, ExtractedClaim
from models.ids import stable_id
from models.script import fold

CONTEXT_BEFORE = 400  # characters of the article the LLM extractor shows before a chunk
CONTEXT_AFTER = 200  # and after it (prompts.llm_extractor sends exactly these)
MIN_FUZZY = 4  # folded characters a quote needs to be matched fuzzily


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
    if len(key_q) >= MIN_FUZZY:
        at = key_c.find(key_q)
        if at >= 0:
            return index[at], index[at + len(key_q) - 1] + 1, "fuzzy"
    return -1, -1, "unaligned"


def _exact_spans(quote: str, text: str, offset: int) -> list[tuple[int, int]]:
    """Every occurrence of `quote` in `text`, as offsets shifted by `offset`."""
    spans: list[tuple[int, int]] = []
    at = text.find(quote)
    while at >= 0:
        spans.append((offset + at, offset + at + len(quote)))
        at = text.find(quote, at + 1)
    return spans


def _fuzzy_spans(quote: str, text: str, offset: int) -> list[tuple[int, int]]:
    """Every folded occurrence of `quote` in `text` (none for a quote too short)."""
    key_q, _ = _folded_with_map(quote)
    if len(key_q) < MIN_FUZZY:
        return []
    key_t, index = _folded_with_map(text)
    spans: list[tuple[int, int]] = []
    at = key_t.find(key_q)
    while at >= 0:
        spans.append((offset + index[at], offset + index[at + len(key_q) - 1] + 1))
        at = key_t.find(key_q, at + 1)
    return spans


def _nearest(spans: list[tuple[int, int]], chunk: Chunk) -> tuple[int, int]:
    return min(spans, key=lambda s: (max(chunk.start - s[1], s[0] - chunk.end, 0), s[0]))


def ground_in_article(
    quote: str,
    article_text: str,
    chunk: Chunk,
    hint: int | None = None,
    before: int = CONTEXT_BEFORE,
    after: int = CONTEXT_AFTER,
) -> tuple[int | None, int | None, Alignment]:
    """(start, end, alignment) of `quote` in the article, offsets into `article_text`:
    in `chunk` if it is there; else in the context sent with it (`before`/`after`
    characters either side), nearest the chunk; else anywhere in the article if it
    occurs there exactly once. (None, None, 'unaligned') when none of these holds."""
    start, end, alignment = ground_quote(quote, chunk.text, hint)
    if alignment != "unaligned":
        return chunk.start + start, chunk.start + end, alignment
    quote = quote.strip()
    if not quote:
        return None, None, "unaligned"
    lo, hi = max(0, chunk.start - before), min(len(article_text), chunk.end + after)
    window = article_text[lo:hi]
    for how, find in (("exact", _exact_spans), ("fuzzy", _fuzzy_spans)):
        spans = find(quote, window, lo)
        if spans:
            s, e = _nearest(spans, chunk)
            return s, e, "exact" if how == "exact" else "fuzzy"
    for how, find in (("exact", _exact_spans), ("fuzzy", _fuzzy_spans)):
        spans = find(quote, article_text, 0)
        if len(spans) == 1:
            s, e = spans[0]
            return s, e, "exact" if how == "exact" else "fuzzy"
        if spans:  # more than once in the article: no telling which is meant
            break
    return None, None, "unaligned"


def _merge(kept: Claim, other: Claim) -> Claim:
    """`kept` with the figures of `other` it lacks: one claim from one quote."""
    more = [f for f in other.llm_figures if f not in kept.llm_figures]
    return kept.model_copy(update={"llm_figures": [*kept.llm_figures, *more]}) if more else kept


def ground_claims(
    article: Article, chunk: Chunk, extracted: list[ExtractedClaim], extractor: str, prompt_id: str
) -> list[Claim]:
    """Claims with article offsets and alignment status. An unaligned claim keeps its
    quote for review and gets no offsets (and is never compared)."""
    claims: dict[str, Claim] = {}
    for x in extracted:
        a_start, a_end, alignment = ground_in_article(x.quote, article.text, chunk, x.chunk_start)
        if a_start is None or a_end is None:
            key: tuple[object, ...] = ("unaligned", x.quote.strip())
        else:
            key = (a_start, a_end)
        claim_id = stable_id(article.article_id, *key, extractor, prompt_id)
        claim = Claim(
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
        )
        # Two claims from one quote: one claim, all its figures.
        claims[claim_id] = _merge(claims[claim_id], claim) if claim_id in claims else claim
    return list(claims.values())


def unique_claims(claims: Iterable[Claim], chunks: Iterable[Chunk] = ()) -> list[Claim]:
    """One claim per claim id, in first-seen order, with the figures of all: a quote
    grounded in the context of one chunk and extracted again from the chunk it lies in
    is one span, so one claim. Of the copies, the one extracted from the chunk holding
    the span's start is kept (else the lowest chunk), whatever order they come in."""
    bounds = {(c.article_id, c.idx): (c.start, c.end) for c in chunks}

    def rank(c: Claim) -> tuple[bool, int]:
        s, e = bounds.get((c.article_id, c.chunk_idx), (0, -1))
        home = c.start_char is not None and s <= c.start_char < e
        return (not home, c.chunk_idx)

    out: dict[str, Claim] = {}
    for c in claims:
        if c.claim_id not in out:
            out[c.claim_id] = c
            continue
        kept = out[c.claim_id]
        first, second = (c, kept) if rank(c) < rank(kept) else (kept, c)
        out[c.claim_id] = _merge(first, second)
    return list(out.values())
