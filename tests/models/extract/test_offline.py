"""The offline extractor on hand-written cases (tests/cases/offline_claims.jsonl) and on
the seeds: what is a claim, its subject, predicate, source and hedging; quotes are
exact spans; context does not depend on the order chunks are processed in."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.article import Article
from models.claims import ExtractedClaim
from models.entities import Gazetteer
from models.extract import offline, pos
from models.text.chunking import chunk_article
from models.text.ingest import SourceMeta, article_from_bytes
from prompts.rules import RulesExtractor
from tests.conftest import SEEDS

CASES = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[2] / "cases" / "offline_claims.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]
GOLD = Path(__file__).resolve().parents[2] / "cases" / "claims_gold.jsonl"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_csv_text((SEEDS / "entities.csv").read_text(encoding="utf-8"))


def _article(text: str, language: str, name: str = "case.txt") -> Article:
    meta = SourceMeta(published_at=date(2024, 5, 17), language=language)
    return article_from_bytes(text.encode("utf-8"), name, meta)


def _extract(article: Article, gazetteer: Gazetteer, max_chars: int = 1200) -> list[ExtractedClaim]:
    return [
        c
        for chunk in chunk_article(article, max_chars)
        for c in offline.extract_offline(chunk, article, gazetteer)
    ]


def _matching(claims: list[ExtractedClaim], expected: dict[str, Any]) -> ExtractedClaim:
    hits = [c for c in claims if c.quote == expected["quote"]] if "quote" in expected else claims
    assert len(hits) == 1, f"expected one claim {expected}, got {[c.quote for c in claims]}"
    return hits[0]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any], gazetteer: Gazetteer) -> None:
    claims = _extract(_article(case["text"], case["language"]), gazetteer)
    for expected in case["claims"]:
        claim = _matching(claims, expected)
        for field in ("subject", "predicate", "attributed_to", "hedged", "claim_text"):
            if field in expected:
                assert getattr(claim, field) == expected[field], (field, claim)
    for words in case.get("not_claims", []):
        assert not [c.quote for c in claims if words in c.quote]


@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        out.append(
            article_from_bytes(
                path.read_bytes(), path.name, SourceMeta(published_at=date(2024, 5, 17))
            )
        )
    return out


def test_quotes_are_exact_spans_of_their_chunk(
    seed_articles: list[Article], gazetteer: Gazetteer
) -> None:
    n = 0
    for article in seed_articles:
        for chunk in chunk_article(article):
            for c in offline.extract_offline(chunk, article, gazetteer):
                assert c.chunk_start is not None
                assert chunk.text[c.chunk_start : c.chunk_start + len(c.quote)] == c.quote
                n += 1
    assert n > 50


def test_claims_do_not_depend_on_the_order_chunks_come_in(
    seed_articles: list[Article], gazetteer: Gazetteer
) -> None:
    """Context is resumed from the previous chunk when there is one, else re-read."""
    in_order, alone = [], []
    for article in seed_articles:
        chunks = chunk_article(article, 400)
        in_order += [offline.extract_offline(c, article, gazetteer) for c in chunks]
        backwards = []
        for c in reversed(chunks):
            offline._RESUME.clear()
            backwards.append(offline.extract_offline(c, article, gazetteer))
        alone += reversed(backwards)
    assert in_order == alone


def test_part_of_speech_tagging_only_for_claims_without_a_known_subject(
    gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = pos.names
    monkeypatch.setattr(pos, "names", lambda text: calls.append(text) or real(text))
    text = "微软的亚太研究及开发板块雇佣了约7000名工程师。今天天气很好，大家都出去玩了。\n\n美团宣布裁员200人。"
    claims = _extract(_article(text, "zh-Hans"), gazetteer)
    assert [c.subject for c in claims] == ["微软", "美团"]
    # Only the claim with no known subject is tagged, and only where a subject stands.
    assert len(calls) == 1 and calls[0].startswith("美团")


def test_a_gazetteer_row_added_by_a_user_names_the_subject(gazetteer: Gazetteer) -> None:
    csv = (SEEDS / "entities.csv").read_text(encoding="utf-8") + "weilai,蔚来,org,蔚來|NIO\n"
    extended = Gazetteer.from_csv_text(csv)
    article = _article("蔚來汽車宣布裁員300人。", "zh-Hant")
    assert [c.subject for c in _extract(article, extended)] == ["蔚来"]


def test_rules_prompt_id_names_the_rules_version_and_the_gazetteer(gazetteer: Gazetteer) -> None:
    text = (SEEDS / "entities.csv").read_text(encoding="utf-8")
    a = RulesExtractor(gazetteer, text).prompt_id
    b = RulesExtractor(gazetteer, text + "nio,蔚来,org,\n").prompt_id
    assert a.startswith(f"rules.v{offline.RULES_VERSION}#") and a != b


def test_gold_set_quotes_are_in_the_seeds() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) >= 50
    for row in rows:
        text = (SEEDS / row["article"]).read_text(encoding="utf-8")
        assert row["quote"] in text
        assert all(q in row["quote"] for q in row["quantities"])
