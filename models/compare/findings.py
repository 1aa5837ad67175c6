"""What comparing claims finds: contradictions, and the claim relations (an update, a
syndicated copy) that are not one."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

DETECTOR = "typed-rules@2"


class Contradiction(BaseModel):
    contradiction_id: str
    kind: Literal["conflict", "discrepancy"]
    aspect: Literal["quantity", "date", "set", "text"]
    severity: float
    claim_a: str
    claim_b: str
    value_a: str
    value_b: str
    explanation: str
    detector: str = DETECTOR
    # Syndicated copies of each side (claim ids): the same report, not more sources.
    copies_a: list[str] = []
    copies_b: list[str] = []


class ClaimRelation(BaseModel):
    """Two claims that look alike or differ but are not a contradiction, and why."""

    relation_id: str
    relation: Literal["update", "copy"]
    aspect: Literal["quantity", "date", "set", "text", "claim"]
    claim_a: str  # the earlier figure, or the original sentence
    claim_b: str  # the later figure, or the copy
    value_a: str
    value_b: str
    explanation: str


class Comparison(BaseModel):
    contradictions: list[Contradiction]
    relations: list[ClaimRelation]
