"""The same extraction against a real endpoint. Deselected by default (pyproject's
addopts `-m 'not live'`); run with `OPENAI_API_KEY=… uv run pytest -m live`
(optionally OPENAI_BASE_URL and CROSSCHECK_MODEL for another OpenAI-compatible server).
Asked for without a key or URL, it fails and says so: it is never silently skipped."""

from __future__ import annotations

import os
from datetime import date

import pytest

from models.article import Article, Chunk
from models.entities import Gazetteer
from models.normalize.grounding import ground_claims
from models.normalize.normalizer import normalize_claim
from prompts.llm_extractor import LLMExtractor
from prompts.openai_client import LLMConfig
from tests.conftest import LIVE_ENV, SEEDS

pytestmark = pytest.mark.live

TEXT = (
    "美国华尔街日报周四报道说，熟悉此事的人士表示，微软给予以中国公民为主的工程师迁移到"
    "其他国家的机会。其中一人说，微软正在询问大约七八百名涉及机器学习和与云计算有关工作"
    "的工程师对迁移的意见。"
)


def test_live_endpoint_extracts_a_grounded_headcount() -> None:
    if not (LIVE_ENV.get("OPENAI_API_KEY") or LIVE_ENV.get("OPENAI_BASE_URL")):
        pytest.fail("the live test needs OPENAI_API_KEY (or OPENAI_BASE_URL) in the environment")
    config = LLMConfig(
        model=os.environ.get("CROSSCHECK_MODEL", "gpt-4o-mini"),
        api_key=LIVE_ENV.get("OPENAI_API_KEY"),
        base_url=LIVE_ENV.get("OPENAI_BASE_URL"),
        timeout=120,
    )
    article = Article(
        article_id="live",
        source_path="live.txt",
        outlet="美国之音",
        published_at=date(2024, 5, 17),
        raw_text=TEXT,
        text=TEXT,
    )
    chunk = Chunk(article_id="live", idx=0, start=0, end=len(TEXT), text=TEXT)
    x = LLMExtractor(config).extract(chunk, article)
    assert x.error is None, x.error
    assert x.llm_calls >= 1 and x.prompt_tokens > 0
    gazetteer = Gazetteer.from_csv_text((SEEDS / "entities.csv").read_text(encoding="utf-8-sig"))
    claims = [
        normalize_claim(c, article, gazetteer)
        for c in ground_claims(article, chunk, x.claims, "openai", "live")
    ]
    headcount = [c for c in claims if c.alignment != "unaligned" and "七八百" in c.quote]
    assert headcount, [c.quote for c in claims]
    quantity = next(q for c in headcount for q in c.quantities if "七八百" in q.surface)
    assert (quantity.low, quantity.high, quantity.unit) == (700, 800, "person")
    assert any(c.attributed_to and "华尔街日报" in c.attributed_to for c in headcount)
