"""Articles and chunks: what ingestion produces and every later stage points into."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from models.ids import stable_id


class Article(BaseModel):
    """One ingested article.

    `text` is the cleaned text: every character offset in the warehouse points into it.
    `raw_text` is kept as decoded, and `raw_offsets` maps cleaned offsets back into it.
    """

    article_id: str
    source_path: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: date | None = None
    language: str = "und"  # zh-Hans | zh-Hant | en | und
    encoding: str = "utf-8"
    raw_text: str
    text: str
    # Pairs (clean_start, raw_start): each segment of `text` from clean_start up to the
    # next pair's clean_start was copied from `raw_text` at raw_start.
    raw_offsets: list[tuple[int, int]] = Field(default_factory=list)
    # Spans of `text` (start, end) too damaged to draw claims from (e.g. mojibake).
    low_quality: list[tuple[int, int]] = Field(default_factory=list)
    # Simplified-script copy of `text` for matching only (near-duplicates, entity
    # lookup); never quoted, and its offsets are not promised to match `text`.
    folded_text: str = ""
    # MinHash signature of `folded_text` (models.text.dedup), for near-duplicate detection;
    # computed at ingest, where the worker processes share the work.
    minhash: list[int] = Field(default_factory=list)
    n_repairs: int = 0  # mojibake runs repaired while cleaning
    file_format: str = "text"  # text | markdown | html | jsonl

    @property
    def n_chars(self) -> int:
        return len(self.text)

    def is_low_quality(self, start: int | None, end: int | None) -> bool:
        """Whether the span [start, end) of `text` touches a low-quality span."""
        if start is None or end is None:
            return False
        return any(s < end and start < e for s, e in self.low_quality)


def article_id_for(raw_text: str) -> str:
    """Content hash of the decoded text: the same article is one row whatever its file
    name or encoding."""
    return stable_id(raw_text.replace("\r\n", "\n").strip())


class Chunk(BaseModel):
    """A run of whole sentences of one article; `start`/`end` are offsets into its text."""

    article_id: str
    idx: int
    start: int
    end: int
    text: str
