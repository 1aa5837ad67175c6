"""The Extractor interface every claim extractor implements, its per-chunk result, and
the reply cache an extractor may keep its answers in (the warehouse implements it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from pydantic import BaseModel, Field

from models.article import Article, Chunk
from models.claims import ExtractedClaim

# Runs `fn` over `items` and returns the results in order: in worker processes when the
# caller has them (CPU-bound work), else in place (`serial_map`).
CpuMap = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]
Progress = Callable[[int], None]  # told how many more chunks are done


def serial_map(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    return [fn(x) for x in items]


def no_progress(_done: int) -> None:
    return None


class ChunkFailure(NamedTuple):
    """A chunk that failed, and why: a row of the warehouse's failed chunks."""

    article_id: str
    chunk_idx: int
    error: str


class ChunkExtraction(BaseModel):
    """What one extractor made of one chunk: claims, or the reason it failed."""

    article_id: str
    chunk_idx: int
    claims: list[ExtractedClaim] = Field(default_factory=list)
    error: str | None = None  # set when the chunk failed; the run goes on
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: bool = False  # answered from the reply cache, no call
    skipped: bool = False  # no call made: budget spent or endpoint halted

    def failure(self) -> ChunkFailure | None:
        return ChunkFailure(self.article_id, self.chunk_idx, self.error) if self.error else None

    def cost_usd(self) -> float | None:
        """The estimated cost of the calls made for this chunk; None when none is known."""
        return None


class ReplyCache(Protocol):
    """Replies already received, by (model, prompt_id, chunk_hash), and the log of calls."""

    def lookup(self, model: str, prompt_id: str, chunk_hashes: Sequence[str]) -> dict[str, str]:
        """chunk_hash → stored reply, for the hashes this model and prompt answered."""
        ...

    def save(
        self,
        model: str,
        prompt_id: str,
        replies: Mapping[str, str],
        calls: Sequence[Mapping[str, Any]],
    ) -> None:
        """Store new replies (chunk_hash → JSON) and call rows, in one write."""
        ...


class Extractor(Protocol):
    """Turns a chunk of an article into claims. Implementations must not raise for a bad
    chunk: they return a ChunkExtraction with `error` set, so one chunk never sinks a run."""

    name: str  # "rules" | "openai"
    model: str | None
    prompt_id: str

    def extract(self, chunk: Chunk, article: Article) -> ChunkExtraction: ...

    def extract_batch(
        self,
        articles: Sequence[Article],
        chunks: Sequence[Chunk],
        cache: ReplyCache,
        *,
        done: Progress = no_progress,
        cpu_map: CpuMap = serial_map,
    ) -> list[ChunkExtraction]:
        """The chunks (of `articles`) in order, each reported to `done` once finished."""
        ...

    def halt(self, reason: str) -> None:
        """Start no more work this run: what is still waiting comes back skipped."""
        ...
