"""Claims: what an extractor returns, and the grounded, normalized claim we store."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from models.frames import Frame
from models.quantities import Quantity

Alignment = Literal["exact", "fuzzy", "unaligned"]


class ExtractedClaim(BaseModel):
    """One claim as an extractor (LLM or rules) states it, before grounding.

    The quote must be copied verbatim from the chunk; nothing else is trusted to point
    at the source. Numbers and dates are re-read from the quote by models.quantities and
    models.dates, never taken from the extractor.
    """

    quote: str = Field(description="The exact sentence or clause from the text, verbatim.")
    claim_text: str = Field(description="The claim rewritten to stand alone.")
    subject: str | None = Field(default=None, description="Who or what the claim is about.")
    predicate: str | None = Field(default=None, description="What is claimed of the subject.")
    attributed_to: str | None = Field(
        default=None, description="Who the text says makes the claim (outlet, agency, person)."
    )
    hedged: bool = Field(default=False, description="Reported as rumour or uncertain.")
    # Where the rules extractor already knows the quote's position in the chunk.
    chunk_start: int | None = Field(default=None, exclude=True)


class Claim(BaseModel):
    """A grounded claim: offsets into the article text, normalized values."""

    claim_id: str
    article_id: str
    chunk_idx: int
    quote: str
    claim_text: str
    subject: str | None
    subject_key: str | None  # canonical entity key for blocking (see models.entities)
    # Other entities the quote names (not the subject, not sources): the event's parties.
    object_keys: list[str] = Field(default_factory=list)
    predicate: str | None
    attributed_to: str | None
    hedged: bool
    start_char: int | None
    end_char: int | None
    alignment: Alignment
    event_date: date | None = None
    extractor: str
    prompt_id: str
    quantities: list[Quantity] = Field(default_factory=list)  # offsets into article text
    frames: list[Frame] = Field(default_factory=list)  # one per quantity (models.frames)
