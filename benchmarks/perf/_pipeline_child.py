"""One measurement in a fresh process (so peak RSS is this run's alone)."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import flows  # noqa: F401  (Prefect settings for an offline machine)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def flow_run(corpus: Path, db: Path) -> dict[str, object]:
    from prefect import flow

    from flows.pipeline import pipeline

    @flow
    def warm_up() -> None:
        """Starts the temporary server, so the pipeline's timing excludes it."""

    t0 = time.perf_counter()
    warm_up()
    startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    summary = pipeline(paths=[str(corpus)], extractor="rules", db=str(db))
    seconds = time.perf_counter() - t0
    chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus.glob("*.txt"))
    return {"articles": summary.n_articles, "claims": summary.n_claims, "chars": chars,
            "contradictions": summary.n_contradictions, "seconds": round(seconds, 3),
            "startup_s": round(startup, 3),
            "articles_per_s": summary.n_articles / seconds, "chars_per_s": chars / seconds,
            "claims_per_s": summary.n_claims / seconds, "peak_rss_mb": _peak_rss_mb()}


def stages(corpus: Path, db: Path) -> dict[str, object]:
    from flows.extractors import load_gazetteer
    from flows.settings import Settings
    from flows.sources import discover, load_articles
    from models.chunking import chunk_article
    from models.contradictions import find_contradictions
    from models.grounding import ground_claims
    from models.normalize import normalize_claim
    from prompts.rules import RulesExtractor
    from warehouse import store
    from warehouse.db import session

    settings = Settings()
    timings: dict[str, float] = {}

    def timed(name: str, fn, *args):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        result = fn(*args)
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
        return result

    gazetteer, text = load_gazetteer(settings.entities)
    ex = RulesExtractor(gazetteer, text)
    files, _ = timed("ingest", discover, [corpus])
    articles, _ = timed("ingest", load_articles, files)
    by_id = {a.article_id: a for a in articles}
    chunks = timed("chunk", lambda: [c for a in articles for c in chunk_article(a)])
    extractions = timed("extract", lambda: [(c, ex.extract(c, by_id[c.article_id])) for c in chunks])
    claims = timed("ground", lambda: [g for c, x in extractions
                                       for g in ground_claims(by_id[c.article_id], c, x.claims,
                                                              ex.name, ex.prompt_id)])
    claims = timed("normalize", lambda: [normalize_claim(c, by_id[c.article_id], gazetteer)
                                         for c in claims])

    def save() -> None:
        with session(db) as con:
            store.start_run(con, "bench", None, ex.name, None, [])
            store.upsert_articles(con, articles, "bench")
            store.save_extraction(con, list(by_id), chunks, claims, [], ex.name, ex.prompt_id,
                                  "bench")

    timed("store", save)

    def compare() -> None:
        with session(db) as con:
            found = find_contradictions(store.load_quantity_facts(con))
            store.replace_contradictions(con, found, "bench")

    timed("compare", compare)
    n_batches = -(-len(articles) // settings.batch_size)
    return {"stages": {k: round(v, 3) for k, v in timings.items()},
            "total_s": round(sum(timings.values()), 3), "articles": len(articles),
            "claims": len(claims), "n_tasks": 1 + 6 * n_batches + 2,
            "peak_rss_mb": _peak_rss_mb()}


if __name__ == "__main__":
    mode, corpus, db = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    result = flow_run(corpus, db) if mode == "flow" else stages(corpus, db)
    print(json.dumps(result))
