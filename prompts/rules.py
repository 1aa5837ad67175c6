"""The offline extractor behind the Extractor interface: models.extract.offline's rules."""

from __future__ import annotations

from models.article import Article, Chunk
from models.entities import Gazetteer
from models.extract.offline import RULES_VERSION, extract_offline
from models.ids import stable_id
from prompts.base import ChunkExtraction


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
        """The chunks of one article: the unit the flow sends to a worker process."""
        article, chunks = work
        return [self.extract(c, article) for c in chunks]
