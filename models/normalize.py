"""Normalization of grounded claims: numbers and dates re-read from the quote, the
subject mapped to its canonical entity key. The extractor's own numbers are never used."""

from __future__ import annotations

from models.article import Article
from models.claims import Claim
from models.dates import parse_dates
from models.entities import SOURCE_KINDS, Gazetteer
from models.quantities import parse_quantities


def normalize_claim(claim: Claim, article: Article, gazetteer: Gazetteer) -> Claim:
    """A copy of `claim` with quantities (article offsets), event date and subject key."""
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
        update["quantities"] = [
            q.model_copy(
                update={"start": q.start + claim.start_char, "end": q.end + claim.start_char}
            )
            for q in parse_quantities(quote)
        ]
        dates = parse_dates(quote, article.published_at)
        update["event_date"] = dates[0].value if dates else None
    return claim.model_copy(update=update)


def normalize_claims(gazetteer: Gazetteer, work: tuple[Article, list[Claim]]) -> list[Claim]:
    """normalize_claim for the claims of one article: the unit of work the flow sends to a
    worker process."""
    article, claims = work
    return [normalize_claim(c, article, gazetteer) for c in claims]
