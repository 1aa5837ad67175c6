"""DuckDB write rate of the store step: claims and quantities per second through
extraction_store.save_extraction (column-list unnest inserts), on a fresh file."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import write_result
from models.article import Article, Chunk
from models.claims import Claim
from models.values.quantities import Quantity
from warehouse import article_store, extraction_store, run_store
from warehouse.db import session

N_ARTICLES = 2000
CLAIMS_PER_ARTICLE = 25


def _data() -> tuple[list[Article], list[Chunk], list[Claim]]:
    text = "微软正在询问大约七八百名工程师对迁移的意见。" * 40
    articles, chunks, claims = [], [], []
    for i in range(N_ARTICLES):
        aid = f"a{i:06d}"
        articles.append(Article(article_id=aid, source_path=f"{aid}.txt", raw_text=text, text=text))
        chunks.append(Chunk(article_id=aid, idx=0, start=0, end=len(text), text=text))
        for j in range(CLAIMS_PER_ARTICLE):
            q = Quantity(
                surface="大约七八百名",
                start=j * 22 + 8,
                end=j * 22 + 14,
                low=700,
                high=800,
                unit="person",
                approx=True,
            )
            claims.append(
                Claim(
                    claim_id=f"{aid}-{j}",
                    article_id=aid,
                    chunk_idx=0,
                    quote=text[:22],
                    claim_text=text[:22],
                    subject="微软",
                    subject_key="microsoft",
                    predicate="relocate",
                    attributed_to="华尔街日报",
                    hedged=False,
                    start_char=j * 22,
                    end_char=j * 22 + 22,
                    alignment="exact",
                    extractor="rules",
                    prompt_id="bench",
                    quantities=[q],
                )
            )
    return articles, chunks, claims


def main() -> None:
    articles, chunks, claims = _data()
    with tempfile.TemporaryDirectory() as tmp, session(Path(tmp) / "w.duckdb") as con:
        run_store.start_run(con, "bench", None, "rules", None, [])
        t0 = time.perf_counter()
        article_store.upsert_articles(con, articles, "bench")
        t_articles = time.perf_counter() - t0
        t0 = time.perf_counter()
        extraction_store.save_extraction(
            con, [a.article_id for a in articles], chunks, claims, [], "rules", "bench", "bench"
        )
        t_claims = time.perf_counter() - t0
    rows = (
        len(claims) * 2 + len(chunks) + len(articles)
    )  # claims + quantities + chunks + extractions
    result = {
        "articles": len(articles),
        "claims": len(claims),
        "articles_s": round(t_articles, 3),
        "save_extraction_s": round(t_claims, 3),
        "rows_per_s": rows / t_claims,
        "claims_per_s": len(claims) / t_claims,
    }
    print(
        f"articles: {len(articles) / t_articles:,.0f} rows/s; claims+quantities+chunks: "
        f"{result['rows_per_s']:,.0f} rows/s ({result['claims_per_s']:,.0f} claims/s)"
    )
    print(f"wrote {write_result('store', result)}")
