"""Contradiction detection: the case table (tests/cases/contradictions.jsonl) runs real
quotes through the real quantity and date readers, then alignment and the typed rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.compare.contradictions import (
    QuantityFact,
    compare_claims,
    compare_facts,
    facts_of_rows,
    iter_comparisons,
    party_keys,
)
from models.compare.facts import ClaimRow, facts_of_claim
from models.entities import Gazetteer
from models.values.quantities import parse_quantities

CASES = Path(__file__).resolve().parents[2] / "cases" / "contradictions.jsonl"
GAZETTEER = Gazetteer.from_csv_text(
    (Path(__file__).resolve().parents[3] / "seeds" / "entities.csv").read_text("utf-8")
)


def row(
    id: str,
    quote: str,
    source: str,
    article: str = "a",
    published: str = "2024-05-17",
    subject: str = "microsoft",
    predicate: str = "relocate",
    attributed: bool = True,
    objects: list[str] | None = None,
    report: str | None = None,
) -> ClaimRow:
    return ClaimRow.from_quote(
        claim_id=id,
        article_id=article,
        source=source,
        attributed=attributed,
        subject_key=subject,
        predicate=predicate,
        quote=quote,
        object_keys=objects or [],
        report=report,
        published_at=date.fromisoformat(published),
    )


def _cases() -> list[dict[str, Any]]:
    with CASES.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_case_table(case: dict[str, Any]) -> None:
    result = compare_claims([row(**c) for c in case["claims"]], GAZETTEER.key_of)
    got = {(frozenset((c.claim_a, c.claim_b)), c.kind, c.aspect) for c in result.contradictions}
    want = {(frozenset((a, b)), kind, aspect) for a, b, kind, aspect in case["expect"]}
    assert got == want
    updates = {(r.claim_a, r.claim_b) for r in result.relations if r.relation == "update"}
    assert updates == {tuple(u) for u in case.get("updates", [])}


HEADCOUNT = [
    row("wsj", "其中一人说,微软正在询问大约七八百名工程师对迁移的意见。", "华尔街日报"),
    row("ifeng", "涉及员工或达数百人,微软美国还表示可以协助解决家属签证问题。", "凤凰网"),
    row("staff", "涉及的员工包括Azure ML团队等,或涉及上百名员工。", "微软员工"),
    row("ms", "它正在计划将数以百计的微软在中国的AI及云计算领域的工程师迁往其它国家。", "微软"),
]


def test_headcount_disagreement_is_flagged_against_every_vaguer_source() -> None:
    found = compare_claims(HEADCOUNT).contradictions
    pairs = {frozenset((c.claim_a, c.claim_b)) for c in found}
    assert pairs == {frozenset(("wsj", other)) for other in ("ifeng", "staff", "ms")}
    assert all(c.kind == "discrepancy" for c in found)


def test_explanation_shows_both_sides_and_where_they_overlap() -> None:
    found = compare_claims(HEADCOUNT[:2]).contradictions
    (c,) = found
    assert "华尔街日报: 大约七八百名工程师 (about 700–800 people)" in c.explanation
    assert "凤凰网: 数百人 (200–" in c.explanation
    assert "usually read as 200–500)" in c.explanation
    assert "only at the top of the vaguer range" in c.explanation
    assert {c.value_a, c.value_b} == {"大约七八百名工程师", "数百人"}


def test_severity_orders_conflicts_above_discrepancies() -> None:
    found = compare_claims(
        [*HEADCOUNT[:2], row("x", "这次迁移只涉及15名员工。", "路透社", article="b")]
    ).contradictions
    assert [c.kind for c in found][:1] == ["conflict"]
    assert all(0 < c.severity <= 1 for c in found)
    assert found == sorted(found, key=lambda c: -c.severity)


def test_syndicated_copies_are_one_source_and_marked() -> None:
    quote = "据凤凰网报道,涉及员工或达数百人,微软美国还表示可以协助解决家属签证问题。"
    original = row("orig", quote, "凤凰网", article="x", published="2024-05-16")
    copy = row("copy", quote, "凤凰网", article="y", published="2024-05-18")
    copy.source = "今日澳洲"  # a republisher whose attribution was lost
    wsj = row("wsj", "微软正在询问大约七八百名工程师对迁移的意见。", "华尔街日报", article="z")
    result = compare_claims([copy, original, wsj], GAZETTEER.key_of)
    (c,) = result.contradictions
    assert {c.claim_a, c.claim_b} == {"orig", "wsj"}
    assert (c.copies_a if c.claim_a == "orig" else c.copies_b) == ["copy"]
    assert "syndicated" in c.explanation and "今日澳洲" in c.explanation
    (rel,) = result.relations
    assert (rel.relation, rel.claim_a, rel.claim_b) == ("copy", "orig", "copy")


def test_update_says_which_figure_is_later() -> None:
    old = row("old", "微软在中国雇佣了约7000名工程师。", "A", "x", "2024-01-10", predicate="employ")
    new = row("new", "微软在中国雇佣了约9000名工程师。", "B", "y", "2025-03-01", predicate="employ")
    result = compare_claims([new, old])
    assert result.contradictions == []
    (u,) = result.relations
    assert (u.claim_a, u.claim_b, u.value_b) == ("old", "new", "约9000名工程师")
    assert "update" in u.explanation and "2025-03-01" in u.explanation


def test_set_explanation_names_what_only_one_list_has() -> None:
    a = row("a", "要求他们决定是否搬迁至美国或澳大利亚,否则可能面临裁员。", "凤凰网", "x")
    b = row(
        "b",
        "微软给予工程师迁移到其他国家的机会,其中包括美国、爱尔兰、澳大利亚和新西兰。",
        "华尔街日报",
        "y",
    )
    (c,) = compare_claims([a, b]).contradictions
    assert "爱尔兰, 新西兰 only in 华尔街日报's list" in c.explanation
    assert "(only 美国, 澳大利亚)" in c.explanation


def test_facts_carry_scope_and_role() -> None:
    facts = facts_of_claim(row("a", "亚马逊继续对Anthropic追加投资27.5亿美元。", "A"))
    assert [f.scope for f in facts if isinstance(f, QuantityFact)] == ["tranche"]
    facts = facts_of_claim(row("a", "截至2023年12月,微软的累计投资已达130亿美元。", "A"))
    assert [(f.scope, f.years) for f in facts if isinstance(f, QuantityFact)] == [
        ("cumulative", (2023,))
    ]


def test_quantity_facts_can_be_built_directly() -> None:
    (q,) = parse_quantities("15名员工")
    (r,) = parse_quantities("400名员工")
    common = dict(article_id="a", subject_key="s", predicate="p", unit="person")
    facts = [
        QuantityFact(claim_id="x", source="A", surface=q.surface, low=q.low, high=q.high, **common),
        QuantityFact(claim_id="y", source="B", surface=r.surface, low=r.low, high=r.high, **common),
    ]
    (c,) = compare_facts(facts).contradictions
    assert c.kind == "conflict" and c.severity > 0.5


def test_places_mentioned_in_passing_do_not_split_an_event() -> None:
    def claims() -> list[ClaimRow]:
        quote = "美国科技巨头微软表示,它正在计划将数以百计的在中国的工程师迁往其它国家。"
        ms = row("ms", quote, "微软", objects=["china", "usa"])
        return [row("wsj", "微软正在询问大约七八百名工程师。", "华尔街日报"), ms]

    assert compare_claims(claims()).contradictions == []  # kinds unknown: strict
    parties = party_keys("key,name,kind,aliases\nopenai,OpenAI,org,\nusa,美国,place,\n")
    assert parties == {"openai"}
    (c,) = compare_claims(claims(), parties=parties).contradictions
    assert {c.claim_a, c.claim_b} == {"wsj", "ms"}


def test_streamed_parts_are_bounded_and_add_up_to_the_whole() -> None:
    quote = "据凤凰网报道,涉及员工或达数百人,微软美国还表示可以协助解决家属签证问题。"
    claims = [
        *HEADCOUNT,
        row("x", "这次迁移只涉及15名员工。", "路透社", article="b"),
        row("later", "微软正在询问大约两千名工程师。", "路透社", "c", "2024-09-01"),
        row("orig", quote, "凤凰网", article="x", published="2024-05-16"),
        row("copy", quote, "今日澳洲", article="y", published="2024-05-18"),
    ]
    whole = compare_facts(facts_of_rows(claims, GAZETTEER.key_of))
    assert {r.relation for r in whole.relations} == {"copy", "update"}
    parts = list(iter_comparisons(facts_of_rows(claims, GAZETTEER.key_of), batch=2))
    assert len(parts) > 2
    assert all(0 < len(p.contradictions) + len(p.relations) <= 2 for p in parts)
    found = [c for p in parts for c in p.contradictions]
    relations = [r for p in parts for r in p.relations]
    assert sorted(found, key=lambda c: c.contradiction_id) == sorted(
        whole.contradictions, key=lambda c: c.contradiction_id
    )
    assert sorted(relations, key=lambda r: r.relation_id) == whole.relations


def test_a_pair_met_in_two_blocks_is_reported_once() -> None:
    # Two claims each stating 15 and 400 people, once as a one-off tranche (追加) and
    # once plainly: two blocks (scope differs) hold the same pair of claims.
    a = row("a", "微软追加15名员工,另有15名员工参与。", "路透社", article="p")
    b = row("b", "微软追加400名员工,另有400名员工参与。", "华尔街日报", article="q")
    facts = facts_of_rows([a, b])
    assert len({f.scope for f in facts}) == 2
    ids = [c.contradiction_id for p in iter_comparisons(facts, batch=1) for c in p.contradictions]
    assert len(ids) == len(set(ids)) == len(compare_claims([a, b]).contradictions)
