from models.article import Article, Chunk
from models.claims import ExtractedClaim
from models.normalize.grounding import ground_claims, ground_quote

CHUNK = "據凤凰网報道，微軟中國區人工智能團隊「打包赴美」！涉及員工或達數百人。"


def test_exact_quote() -> None:
    start, end, how = ground_quote("涉及員工或達數百人。", CHUNK)
    assert how == "exact" and CHUNK[start:end] == "涉及員工或達數百人。"


def test_quote_in_the_other_script_and_punctuation_width_is_fuzzy() -> None:
    start, end, how = ground_quote("微软中国区人工智能团队“打包赴美”", CHUNK)
    assert how == "fuzzy"
    assert CHUNK[start:end] == "微軟中國區人工智能團隊「打包赴美"


def test_invented_quote_is_unaligned() -> None:
    assert ground_quote("微软将裁员一万人", CHUNK) == (-1, -1, "unaligned")


def test_grounded_claims_carry_article_offsets() -> None:
    text = "前言。" + CHUNK
    article = Article(article_id="a1", source_path="x", raw_text=text, text=text)
    chunk = Chunk(article_id="a1", idx=0, start=3, end=len(text), text=CHUNK)
    claims = ground_claims(
        article,
        chunk,
        [
            ExtractedClaim(quote="涉及員工或達數百人。", claim_text="c"),
            ExtractedClaim(quote="not in the text at all", claim_text="d"),
        ],
        "rules",
        "rules.v1",
    )
    ok, bad = claims
    assert text[ok.start_char : ok.end_char] == ok.quote == "涉及員工或達數百人。"
    assert bad.alignment == "unaligned" and bad.start_char is None
