"""A person's verdict on a claim, and its schema.org ClaimReview form.

Ratings follow the common fact-check scale; ratingValue maps it onto schema.org's
numeric Rating (1 = false … 5 = true). 'unverifiable' has no numeric value.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

RATINGS: dict[str, int | None] = {
    "true": 5,
    "mostly-true": 4,
    "mixed": 3,
    "mostly-false": 2,
    "false": 1,
    "unverifiable": None,
}
_NAMES = {
    "true": "True",
    "mostly-true": "Mostly true",
    "mixed": "Mixed",
    "mostly-false": "Mostly false",
    "false": "False",
    "unverifiable": "Unverifiable",
}


def claim_review(
    *,
    claim_id: str,
    claim_text: str,
    rating: str,
    reviewer: str | None,
    reviewed_at: datetime,
    note: str | None,
    source: str | None,
    appearance: str | None,
    published_at: date | None,
) -> dict[str, Any]:
    """The schema.org ClaimReview JSON-LD object for one reviewed claim."""
    value = RATINGS[rating]
    review_rating: dict[str, Any] = {"@type": "Rating", "alternateName": _NAMES[rating]}
    if value is not None:
        review_rating |= {"ratingValue": value, "bestRating": 5, "worstRating": 1}
    item: dict[str, Any] = {"@type": "Claim"}
    if source:
        item["author"] = {"@type": "Organization", "name": source}
    if published_at:
        item["datePublished"] = published_at.isoformat()
    if appearance:
        item["appearance"] = {"@type": "CreativeWork", "url": appearance}
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim_id,
        "claimReviewed": claim_text,
        "datePublished": reviewed_at.date().isoformat(),
        "reviewRating": review_rating,
        "itemReviewed": item,
    }
    if reviewer:
        review["author"] = {"@type": "Organization", "name": reviewer}
    if note:
        review["reviewBody"] = note
    return review
