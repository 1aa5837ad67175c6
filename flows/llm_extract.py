"""The extract step for the LLM extractor: cache lookup in DuckDB, bounded concurrent
calls for the misses, then the new replies and the call log stored in one write.

Lives in flows/ because it joins prompts/ (the calls) and warehouse/ (the cache), which
must not import each other.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from models.article import Article, Chunk
from prompts.llm_extractor import LLMChunkExtraction, LLMExtractor
from warehouse import llm_log
from warehouse.db import session


def extract_with_cache(
    extractor: LLMExtractor,
    articles: list[Article],
    chunks: list[Chunk],
    max_concurrency: int,
    db: str,
    run_id: str,
) -> list[LLMChunkExtraction]:
    by_id = {a.article_id: a for a in articles}
    hashes = [extractor.chunk_hash(c, by_id[c.article_id]) for c in chunks]
    model = extractor.model or ""
    with session(db) as con:
        hits = llm_log.cached_replies(con, model, extractor.prompt_id, hashes)
    results: dict[int, LLMChunkExtraction] = {}
    todo: list[int] = []
    for i, (c, h) in enumerate(zip(chunks, hashes, strict=True)):
        if h in hits:
            results[i] = extractor.from_cache(c, by_id[c.article_id], hits[h])
        else:
            todo.append(i)
    with ThreadPoolExecutor(max_workers=max(1, max_concurrency)) as pool:
        done = pool.map(lambda i: extractor.extract(chunks[i], by_id[chunks[i].article_id]), todo)
        results.update(zip(todo, done, strict=True))
    fresh = [results[i] for i in todo]
    replies = {x.chunk_hash: x.response for x in fresh if x.response is not None}
    calls = [call.model_dump() for x in fresh for call in x.calls]
    if replies or calls:
        with session(db) as con:
            llm_log.save(con, model, extractor.prompt_id, replies, calls, run_id)
    return [results[i] for i in range(len(chunks))]
