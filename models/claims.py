"""Claims: what an extractor returns, and the grounded, normalized claim we store."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from models.compare.frames import Frame
from models.compare.inputs import CompareInputs
from models.values.quantities import Quantity

Alignment = Literal["exact", "fuzzy", "unaligned"]


class LLMFigure(BaseModel):
    """What an LLM says a figure of its quote counts, read in context: never its value.

    `text` is the figure as the model copied it; it is used only when it matches a
    quantity read from the grounded quote (models.normalize.normalizer), and `measure` only when it
    names a measure of the vocabulary (seeds/measures.csv). The rules' own reading of a
    frame wins; these fill in what the rules leave open (a subject only in context).
    """

    text: str
    measure: str | None = None  # free-form key as the model gave it (canonicalised later)
    scope: str | None = None
    as_of: str | None = None  # as the model gave it; an ISO date is checked before use


class ExtractedClaim(BaseModel):
    """One claim as an extractor (LLM or rules) states it, before grounding.

    The quote must be copied verbatim from the chunk; nothing else is trusted to point
    at the source. Numbers and dates are re-read from the quote by models.values.quantities and
    models.values.dates, never taken from the extractor.
    """

    quote: str = Field(description="The exact sentence or clause from the text, verbatim.")
    claim_text: str = Field(description="The claim rewritten to stand alone.")
    subject: str | None = Field(default=None, description="Who or what the claim is about.")
    predicate: str | None = Field(default=None, description="What is claimed of the subject.")
    attributed_to: str | None = Field(
        default=None, description="Who the text says makes the claim (outlet, agency, person)."
    )
    hedged: bool = Field(default=False, description="Reported as rumour or uncertain.")
    llm_figures: list[LLMFigure] = Field(
        default_factory=list, description="What the LLM says each figure counts (no values)."
    )
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
    frames: list[Frame] = Field(default_factory=list)  # one per quantity (models.compare.frames)
    # Dates with roles, lists, the quote key and each quantity's words, read once by
    # normalize (models.compare.facts.compare_inputs); None: not read (not grounded, or a
    # claim built without normalize: the warehouse reads it when it stores it).
    compare: CompareInputs | None = None
    # The LLM's reading of what its figures count: input to the frames, not stored.
    llm_figures: list[LLMFigure] = Field(default_factory=list)
