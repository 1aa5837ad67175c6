"""The LLM's reply, as a pydantic model sent as a strict json_schema.

Strict structured outputs (OpenAI, vLLM's guided decoding, Ollama's `format`) require
every property to be required and no additional properties, so optional values are
`str | None` without defaults and `extra="forbid"`. Only what the model is trusted to
say is asked for: no offsets (grounding finds the quote), no numbers or dates (they are
re-read from the grounded quote by models.quantities and models.dates).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ClaimOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quote: str = Field(
        description="The exact span of the article text the claim comes from, copied "
        "character for character (same script, punctuation and spacing)."
    )
    claim_text: str = Field(
        description="The claim rewritten to stand alone: pronouns and references such as "
        "其, 该公司, 他, the company resolved from the context; one fact only."
    )
    subject: str | None = Field(
        description="Who or what the claim is about, named as in the text (e.g. 微软)."
    )
    predicate: str | None = Field(
        description="What is claimed of the subject: a short base-form English verb "
        "(relocate, lay off, employ, acquire, invest, raise, hire, release, announce, …)."
    )
    attributed_to: str | None = Field(
        description="Who the text says makes the claim (据华尔街日报报道 → 华尔街日报; a "
        "spokesperson; an agency), or null when the article states it in its own voice."
    )
    hedged: bool = Field(
        description="True when the text marks it as rumour or uncertain (据悉, 传闻, 或达, "
        "可能, reportedly, allegedly)."
    )


class ExtractionOut(BaseModel):
    """Every checkable factual claim in the delimited text; an empty list when none."""

    model_config = ConfigDict(extra="forbid")

    claims: list[ClaimOut]
