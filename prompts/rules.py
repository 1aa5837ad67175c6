"""The offline extractor behind the Extractor interface: models.extract.offline's rules."""

from __future__ import annotations

from collections.abc import Sequence

from models.article import Article, Chunk
from models.entities import Gazetteer
from models.extract.offline import RULES_VERSION, extract_offline
from models.ids import stable_id
from prompts.base import ChunkExtraction, CpuMap, Progress, ReplyCache, no_progress, serial_map


class RulesExtractor:
    name = "rules"
    model: str | None = None

    def __init__(self, gazetteer: Gazetteer, gazetteer_text: str = ""):
        self.gazetteer = gazetteer
        # The gazetteer changes what the rules find, so it is part of the "prompt".
        self.prompt_id = f"rules.v{RULES_VERSION}#{stable_id(gazetteer_text, length=8)}"

    def extract(self, chunk: Chunk, article: Article) -> ChunkExtraction:
        try:
            claims = extract_offline(chunk, article, self.gazetteer)
        except Exception as exc:  # a rule bug on odd input must not sink the run
            return ChunkExtraction(
                article_id=chunk.article_id,
                chunk_idx=chunk.idx,
                error=f"{type(exc).__name__}: {exc}",
            )
        return ChunkExtraction(article_id=chunk.article_id, chunk_idx=chunk.idx, claims=claims)

    def extract_article(self, work: tuple[Article, list[Chunk]]) -> list[ChunkExtraction]:
        """The chunks of one article: the unit `extract_batch` gives `cpu_map`."""
        article, chunks = work
        return [self.extract(c, article) for c in chunks]

    def extract_batch(
        self,
        articles: Sequence[Article],
        chunks: Sequence[Chunk],
        cache: ReplyCache,
        *,
        done: Progress = no_progress,
        cpu_map: CpuMap = serial_map,
    ) -> list[ChunkExtraction]:
        """CPU-bound: one article per item of `cpu_map` (worker processes when the caller
        has them). `cache` is not used: the rules are cheaper than a lookup."""
        by_article: dict[str, list[Chunk]] = {a.article_id: [] for a in articles}
        for c in chunks:
            by_article[c.article_id].append(c)
        work = [(a, by_article[a.article_id]) for a in articles]
        out = [x for xs in cpu_map(self.extract_article, work) for x in xs]
        done(len(chunks))
        return out

    def halt(self, reason: str) -> None:
        """Nothing to stop: the rules make no calls, and a batch under way finishes."""
