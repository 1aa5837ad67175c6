"""The LLM's reply, as a pydantic model sent as a strict json_schema.

Strict structured outputs (OpenAI, vLLM's guided decoding, Ollama's `format`) require
every property to be required and no additional properties, so optional values are
`str | None` without defaults and `extra="forbid"`. Only what the model is trusted to
say is asked for: no offsets (grounding finds the quote), no numbers or dates (they are
re-read from the grounded quote by models.values.quantities and models.values.dates).

`figures` says what each figure of the quote counts as the model reads it in context
(a measure key, scope, as-of), never its value: crosscheck finds the figure in the
grounded quote and reads the value itself. It is required in the strict schema; its
empty default only lets a json_object reply (or a cached one) that omits it validate,
since the rules read a frame without it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class FigureOut(BaseModel):
    """One figure of the quote and what it counts: no value (the quote carries it)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        description="The figure exactly as written in the quote, with its unit or "
        "measure word (400余人, 七八百名, 1.03 million, $2.5 billion)."
    )
    measure: str | None = Field(
        description="What the figure counts, in context, as a short English snake_case "
        "key; prefer deaths, injured, missing, evacuated, affected, participants, "
        "employees, jobs_cut, relocated, orders, orders_firm, orders_locked, price, "
        "deal_value, stake, investment, revenue, loss, pay. Null when the number is not "
        "a figure of the story (a count of sources, an age, a year, a page count)."
    )
    scope: str | None = Field(
        description="Short qualifiers of what is counted, as written (on board, on the "
        "ground, province, city, 24 hours), or null."
    )
    as_of: str | None = Field(
        description="The date the figure is true for, as YYYY-MM-DD, only when the text "
        "says it; else null."
    )


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
    figures: list[FigureOut] = Field(
        default_factory=list,
        description="Each figure in the quote (a count, amount or price) and what it "
        "counts in context; an empty list when the quote has none.",
    )


class ExtractionOut(BaseModel):
    """Every checkable factual claim in the delimited text; an empty list when none."""

    model_config = ConfigDict(extra="forbid")

    claims: list[ClaimOut]
