"""Normalization of grounded claims: numbers and dates re-read from the quote, each
number's figure frame read from its sentence (models.frames), the subject mapped to its
canonical entity key. The extractor's own numbers are never used."""

from __future__ import annotations

from models.article import Article
from models.claims import Claim
from models.dates import parse_dates
from models.entities import SOURCE_KINDS, Gazetteer
from models.frames import FrameReader, Vocabulary
from models.quantities import parse_quantities
from models.stories import article_terms


def normalize_claim(
    claim: Claim, article: Article, gazetteer: Gazetteer, frames: FrameReader
) -> Claim:
    """A copy of `claim` with quantities (article offsets) and their frames, event date
    and subject key."""
    subject_key = gazetteer.key_of(claim.subject)
    update: dict[str, object] = {"subject_key": subject_key}
    if claim.start_char is not None and claim.end_char is not None:
        quote = article.text[claim.start_char : claim.end_char]
        update["object_keys"] = sorted(
            {
                m.entity.key
                for m in gazetteer.find(quote)
                if m.entity.key != subject_key and m.entity.kind not in SOURCE_KINDS
            }
        )
        quantities = [
            q.model_copy(
                update={"start": q.start + claim.start_char, "end": q.end + claim.start_char}
            )
            for q in parse_quantities(quote)
        ]
        update["quantities"] = quantities
        update["frames"] = frames.frames(quantities)
        dates = parse_dates(quote, article.published_at)
        update["event_date"] = dates[0].value if dates else None
    return claim.model_copy(update=update)


def normalize_claims(
    gazetteer: Gazetteer, vocabulary: Vocabulary, work: tuple[Article, list[Claim]]
) -> tuple[list[Claim], list[str]]:
    """normalize_claim for the claims of one article, and the terms its story is found by
    (models.stories): the unit of work the flow sends to a worker process. The
    article's sentences are read once for all its claims."""
    article, claims = work
    frames = FrameReader(article.text, article.published_at, vocabulary, gazetteer)
    done = [normalize_claim(c, article, gazetteer, frames) for c in claims]
    figures = {q.low for c in done for q in c.quantities if q.low is not None and q.low == q.high}
    terms = article_terms(article.title, article.text, article.published_at, gazetteer, figures)
    return done, terms
