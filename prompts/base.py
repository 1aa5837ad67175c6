"""The Extractor interface every claim extractor implements, and its per-chunk result."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, Field

from models.article import Article, Chunk
from models.claims import ExtractedClaim


class ChunkExtraction(BaseModel):
    """What one extractor made of one chunk: claims, or the reason it failed."""

    article_id: str
    chunk_idx: int
    claims: list[ExtractedClaim] = Field(default_factory=list)
    error: str | None = None  # set when the chunk failed; the run goes on
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Extractor(Protocol):
    """Turns a chunk of an article into claims. Implementations must not raise for a bad
    chunk: they return a ChunkExtraction with `error` set, so one chunk never sinks a run."""

    name: str  # "rules" | "openai"
    model: str | None
    prompt_id: str

    def extract(self, chunk: Chunk, article: Article) -> ChunkExtraction: ...
