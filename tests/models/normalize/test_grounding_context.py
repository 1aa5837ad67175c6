"""A quote outside its chunk (issue 17): a small model quotes the neighbouring text sent
as context. It is grounded to its true article offsets (the chunk first, then that
context, then the article if the quote occurs there once), with the same exact/fuzzy
rules; a claim grounded outside its chunk and the same claim from the chunk holding it
are one claim."""

from __future__ import annotations

from models.article import Article, Chunk
from models.claims import ExtractedClaim, LLMFigure
from models.normalize.grounding import (
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    ground_claims,
    ground_in_article,
    unique_claims,
)

S0 = "据新华社报道，该公司周三宣布裁员1200人。"
S1 = "公司发言人表示，裁员将在年底前完成。"
S2 = "另有300名员工将迁往新加坡。"
TEXT = S0 + S1 + S2
ARTICLE = Article(article_id="a", source_path="a.txt", raw_text=TEXT, text=TEXT)


def _chunks(article: Article, *sentences: str) -> list[Chunk]:
    out, at = [], 0
    for i, s in enumerate(sentences):
        out.append(Chunk(article_id=article.article_id, idx=i, start=at, end=at + len(s), text=s))
        at += len(s)
    return out


C0, C1, C2 = _chunks(ARTICLE, S0, S1, S2)


def _ground(chunk: Chunk, *quotes: str, article: Article = ARTICLE) -> list:
    claims = [ExtractedClaim(quote=q, claim_text=q) for q in quotes]
    return ground_claims(article, chunk, claims, "openai", "p")


def test_a_quote_in_the_chunk_is_found_there_first() -> None:
    assert ground_in_article("裁员将在年底前完成", TEXT, C1) == (
        TEXT.index("裁员将在年底前完成"),
        TEXT.index("裁员将在年底前完成") + 9,
        "exact",
    )


def test_a_quote_verbatim_in_the_next_chunk_grounds_to_its_true_offsets_as_exact() -> None:
    (claim,) = _ground(C0, "公司发言人表示，裁员将在年底前完成。")
    assert claim.alignment == "exact" and claim.chunk_idx == 0
    assert (claim.start_char, claim.end_char) == (len(S0), len(S0) + len(S1))
    assert TEXT[claim.start_char : claim.end_char] == claim.quote == S1


def test_a_quote_verbatim_in_the_previous_chunk_grounds_to_its_true_offsets_as_exact() -> None:
    (claim,) = _ground(C2, "该公司周三宣布裁员1200人")
    assert claim.alignment == "exact"
    assert claim.start_char == S0.index("该公司") and claim.quote == "该公司周三宣布裁员1200人"


def test_a_context_quote_in_the_other_script_is_fuzzy_with_true_offsets() -> None:
    (claim,) = _ground(C0, "公司發言人表示：裁員將在年底前完成")
    assert claim.alignment == "fuzzy"
    assert claim.quote == "公司发言人表示，裁员将在年底前完成"
    assert claim.start_char == len(S0)


def test_a_paraphrase_stays_unaligned_and_a_chunk_match_stays_fuzzy() -> None:
    bad, fuzzy = _ground(C0, "发言人称裁员年底完成", "該公司週三宣佈裁員1200人")
    assert bad.alignment == "unaligned" and bad.start_char is None and bad.end_char is None
    assert fuzzy.alignment == "fuzzy" and fuzzy.start_char == S0.index("该公司")


def test_the_context_is_preferred_to_a_farther_occurrence() -> None:
    far = "。" * (CONTEXT_AFTER + 50) + S1
    text = S0 + S1 + far
    article = Article(article_id="b", source_path="b", raw_text=text, text=text)
    (c0, *_) = _chunks(article, S0, S1 + far)
    assert ground_in_article(S1, text, c0) == (len(S0), len(S0) + len(S1), "exact")


def test_beyond_the_context_a_quote_found_once_in_the_article_is_grounded() -> None:
    filler = "天气晴朗。" * (CONTEXT_BEFORE // 5 + 20)
    text = S0 + filler + S2
    article = Article(article_id="c", source_path="c", raw_text=text, text=text)
    _, middle, last = _chunks(article, S0, filler, S2)
    (claim,) = _ground(last, "该公司周三宣布裁员1200人", article=article)
    assert claim.alignment == "exact" and claim.start_char == S0.index("该公司")
    assert ground_in_article("该公司周三宣布裁員1200人", text, last)[2] == "fuzzy"
    in_context = ground_in_article("该公司周三宣布裁员1200人", text, middle)
    assert in_context == (7, 21, "exact")


def test_a_quote_found_twice_in_the_article_outside_the_context_stays_unaligned() -> None:
    filler = "天气晴朗。" * (CONTEXT_BEFORE // 5 + 20)
    text = S0 + filler + S2 + filler + S0
    article = Article(article_id="d", source_path="d", raw_text=text, text=text)
    _, _, chunk, _, _ = _chunks(article, S0, filler, S2, filler, S0)
    (exact,) = _ground(chunk, "该公司周三宣布裁员1200人", article=article)
    (fuzzy,) = _ground(chunk, "該公司週三宣佈裁員1200人", article=article)
    assert exact.alignment == fuzzy.alignment == "unaligned"
    assert exact.start_char is None and fuzzy.start_char is None


def test_the_same_span_from_two_chunks_is_one_claim_kept_from_its_own_chunk() -> None:
    from_context = ExtractedClaim(
        quote=S1, claim_text="c0", llm_figures=[LLMFigure(text="x", measure="jobs_cut")]
    )
    from_home = ExtractedClaim(quote=S1, claim_text="c1")
    (a,) = ground_claims(ARTICLE, C0, [from_context], "openai", "p")
    (b,) = ground_claims(ARTICLE, C1, [from_home], "openai", "p")
    assert a.claim_id == b.claim_id  # the id is a hash of the article span
    for order in ([a, b], [b, a]):
        (one,) = unique_claims(order, [C0, C1, C2])
        assert one.chunk_idx == 1 and one.claim_text == "c1"
        assert [f.measure for f in one.llm_figures] == ["jobs_cut"]
    other = _ground(C2, S2)
    assert len(unique_claims([a, b, *other])) == 2
