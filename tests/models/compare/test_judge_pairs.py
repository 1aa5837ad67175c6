"""Which claim pairs go to the LLM judge: different sources only (syndicated copies and
near-duplicate articles are one source), one block (subject, predicate), not both typed,
at most max_pairs, in a stable order."""

from __future__ import annotations

from models.compare.judge_pairs import TextClaim, candidate_pairs, judged_contradiction


def claim(cid: str, source: str, quote: str = "", **kw: object) -> TextClaim:
    fields: dict[str, object] = dict(
        claim_id=cid,
        article_id=f"art-{cid}",
        source=source,
        subject_key="microsoft",
        predicate="relocate",
        quote=quote or f"微软的说法{cid}",
        claim_text=quote or f"微软的说法{cid}",
        typed=False,
    )
    fields.update(kw)
    return TextClaim(**fields)  # type: ignore[arg-type]


def ids(pairs: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(p.a.claim_id, p.b.claim_id) for p in pairs]


def test_only_pairs_of_different_sources_in_one_block() -> None:
    claims = [
        claim("1", "凤凰网"),
        claim("2", "凤凰网"),
        claim("3", "华尔街日报"),
        claim("4", "WSJ", subject_key="amazon"),
        claim("5", "澎湃新闻", predicate="lay_off"),
    ]
    assert ids(candidate_pairs(claims, 10)) == [("1", "3"), ("2", "3")]


def test_source_aliases_syndicated_copies_and_duplicates_are_one_source() -> None:
    same = "微软要求员工接受调动，否则可能面临裁员。"
    claims = [
        claim("1", "华尔街日报"),
        claim("2", "WSJ"),
        claim("3", "新浪", quote=same),
        claim("4", "网易", quote=same),
        claim("5", "搜狐", report="g1"),
        claim("6", "腾讯", report="g1"),
    ]
    key = {"WSJ": "华尔街日报"}.get
    pairs = ids(candidate_pairs(claims, 100, lambda s: key(s) or s))
    assert ("1", "2") not in pairs and ("3", "4") not in pairs and ("5", "6") not in pairs
    assert ("1", "3") in pairs


def test_pairs_the_rules_compare_are_left_to_them() -> None:
    claims = [claim("1", "A", typed=True), claim("2", "B", typed=True), claim("3", "C")]
    assert ids(candidate_pairs(claims, 10)) == [("1", "3"), ("2", "3")]


def test_the_number_of_pairs_is_bounded_and_stable() -> None:
    claims = [claim(f"{i:02}", f"outlet {i}") for i in range(30)]
    first = ids(candidate_pairs(claims, 7))
    assert len(first) == 7
    assert first == ids(candidate_pairs(list(reversed(claims)), 7))
    assert candidate_pairs(claims, 0) == []


def test_a_judged_contradiction_shows_both_quotes_shortened() -> None:
    long = "微软" + "要求员工接受调动" * 20
    [pair] = candidate_pairs([claim("1", "A", quote=long), claim("2", "B")], 1)
    row = judged_contradiction(pair, "A says X; B says Y.", "judge_contradiction.v1#abc")
    assert (row.kind, row.aspect, row.detector) == (
        "conflict",
        "text",
        "judge_contradiction.v1#abc",
    )
    assert row.value_a.endswith("…") and len(row.value_a) == 80
    assert row.value_b == "微软的说法2" and row.explanation == "A says X; B says Y."
