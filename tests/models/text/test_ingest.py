"""From bytes to articles: encodings, formats, metadata, language, bad input, and
near-duplicates."""

from __future__ import annotations

import codecs
import json
from datetime import date

import pytest

from models.text import dedup
from models.text.encoding import decode
from models.text.ingest import IngestError, SourceMeta, article_from_bytes, articles_from_jsonl

HANS = (
    "微软正在询问大约七八百名涉及机器学习和与云计算有关工作的工程师对迁移的意见。"
    "报道说,微软的一位发言人表示,提供这些内部机会是其全球运作的一部分。"
)
HANT = (
    "從森尼韋爾到舊金山市中心,驅車近40英里,斯坦福大學的碩士生趙鳴將會參加一場AI創投的活動。"
    "這是六月一個周末的傍晚,趙鳴的活動軌跡。"
)
EN = "Microsoft asked as many as 800 employees in China to consider relocating abroad."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (HANS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + HANS.encode("utf-8"), "utf-8-sig"),
        (HANS.encode("utf-16"), "utf-16"),
        (HANS.encode("utf-16-le"), "utf-16-le"),
        (HANS.encode("utf-16-be"), "utf-16-be"),
        (HANS.encode("gbk"), "gb18030"),
        (HANT.encode("big5"), "big5"),
        (HANT.encode("gb18030"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "gbk", "big5", "gb18030-hant"],
)
def test_encodings_are_detected_and_recorded(data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert used == encoding
    assert text.lstrip("\ufeff") in (HANS, HANT)
    article = article_from_bytes(data, "a.txt")
    assert article.encoding == encoding
    assert article.text in (HANS, HANT)


def test_same_text_in_two_encodings_is_one_article() -> None:
    a = article_from_bytes(HANT.encode("big5"), "a.txt")
    b = article_from_bytes(HANT.encode("utf-8"), "b.txt")
    assert a.article_id == b.article_id


@pytest.mark.parametrize(
    ("data", "kind", "words"),
    [
        (b"", "empty", "empty"),
        (b" \n\t\n", "empty", "empty"),
        (b"\x00\x01\x02\x03" * 200, "binary", "binary"),
        (bytes(range(1, 9)) * 100, "binary", "binary"),
        ("打印 (被阅读 次)\n【澳門六開彩】\n".encode(), "no_text", "furniture"),
    ],
    ids=["empty", "whitespace", "nul-bytes", "control-bytes", "furniture-only"],
)
def test_bad_bytes_raise_a_specific_error(data: bytes, kind: str, words: str) -> None:
    with pytest.raises(IngestError) as err:
        article_from_bytes(data, "bad.txt")
    assert err.value.kind == kind
    assert words in str(err.value)


@pytest.mark.parametrize(
    ("text", "language"), [(HANS, "zh-Hans"), (HANT, "zh-Hant"), (EN * 3, "en")]
)
def test_language_and_script(text: str, language: str) -> None:
    article = article_from_bytes(text.encode(), "a.txt")
    assert article.language == language


def test_folded_copy_is_simplified_and_text_is_untouched() -> None:
    article = article_from_bytes(HANT.encode(), "a.txt")
    assert article.text == HANT
    assert "从森尼韦尔到旧金山" in article.folded_text


def test_sidecar_metadata_wins_and_language_is_detected_when_missing() -> None:
    meta = SourceMeta(outlet="AI光年", published_at=date(2024, 6, 30))
    article = article_from_bytes(HANT.encode(), "a.txt", meta)
    assert (article.outlet, article.published_at, article.language) == (
        "AI光年",
        date(2024, 6, 30),
        "zh-Hant",
    )


def test_markdown_front_matter_is_metadata_not_text() -> None:
    raw = (
        "---\ntitle: 微软搬迁\noutlet: 凤凰网\npublished: 2024-05-16\nlanguage: zh-Hans\n"
        "url: https://example.com/a\n---\n" + HANS
    )
    article = article_from_bytes(raw.encode(), "a.md")
    assert article.text == HANS
    assert (article.title, article.outlet, article.published_at, article.url) == (
        "微软搬迁",
        "凤凰网",
        date(2024, 5, 16),
        "https://example.com/a",
    )
    assert article.file_format == "markdown"
    start = article.raw_offsets[0][1]
    assert article.raw_text[start : start + 10] == HANS[:10]


PAGE = """<!DOCTYPE html>
<html lang="zh-Hans"><head><title>微软中国AI团队 - 凤凰网</title>
<meta property="og:site_name" content="凤凰网">
<meta property="article:published_time" content="2024-05-16T10:00:00+08:00">
<link rel="canonical" href="https://example.com/ms">
<script>var tracker = "不要这个";</script><style>p{color:red}</style></head>
<body><nav><a href="/">首页</a> | <a href="/tech">科技</a></nav>
<header>网站导航栏</header>
<article><h1>微软搬迁中国员工</h1>
<p>微软正在询问大约七八百名工程师对迁移的意见。</p>
<!-- 广告位 -->
<p>A&amp;B 公司&#x4E2D;国区回应称,这是&nbsp;内部机会。</p>
<div class="comments"><p>网友甲:胡说。</p></div>
<script>alert("不要")</script>
</article>
<aside>相关阅读:其他新闻</aside><footer>Copyright 凤凰网</footer></body></html>
"""


def test_html_keeps_the_article_body_and_reads_page_metadata() -> None:
    article = article_from_bytes(PAGE.encode(), "page.html")
    text = article.text
    assert "微软搬迁中国员工" in text
    assert "大约七八百名工程师" in text
    assert "A&B 公司中国区回应称" in text
    for gone in (
        "tracker",
        "不要",
        "color",
        "首页",
        "导航",
        "广告",
        "胡说",
        "相关阅读",
        "Copyright",
    ):
        assert gone not in text
    assert article.outlet == "凤凰网"
    assert article.published_at == date(2024, 5, 16)
    assert article.url == "https://example.com/ms"
    assert article.title == "微软中国AI团队 - 凤凰网"
    assert article.file_format == "html"
    # Offsets lead back into the page itself.
    i = text.index("七八百名")
    raw_start = article.raw_offsets[
        max(k for k, (c, _) in enumerate(article.raw_offsets) if c <= i)
    ]
    r = raw_start[1] + (i - raw_start[0])
    assert article.raw_text[r : r + 4] == "七八百名"


def test_html_without_article_element_drops_scripts_and_navigation() -> None:
    page = "<html><body><nav>菜单</nav><div>" + HANS + "</div><script>x=1</script></body></html>"
    article = article_from_bytes(page.encode(), "p.htm")
    assert article.text == HANS


def test_jsonl_one_article_per_line_with_fields_and_bad_lines_reported() -> None:
    lines = [
        json.dumps({"text": HANS, "outlet": "凤凰网", "title": "甲", "published": "2024-05-16"}),
        "not json at all",
        '{"title": "no text"}',
        "",
        json.dumps({"content": HANT, "source": "AI光年", "lang": "zh-Hant"}),
        "[1, 2]",
    ]
    articles, errors = articles_from_jsonl(
        "\n".join(lines).encode(), "feed.jsonl", SourceMeta(outlet="sidecar")
    )
    assert [(a.outlet, a.language, a.source_path) for a in articles] == [
        ("凤凰网", "zh-Hans", "feed.jsonl:1"),
        ("AI光年", "zh-Hant", "feed.jsonl:5"),
    ]
    assert articles[0].published_at == date(2024, 5, 16)
    assert {e.path: e.kind for e in errors} == {
        "feed.jsonl:2": "parse",
        "feed.jsonl:3": "empty",
        "feed.jsonl:6": "parse",
    }
    assert "not JSON" in errors[0].message


def test_low_quality_span_overlap() -> None:
    article = article_from_bytes("辦公室里也沒有人談?撚嘘Ptransformer的論文。".encode(), "m.txt")
    assert article.low_quality
    s, e = article.low_quality[0]
    assert article.is_low_quality(s, e) and article.is_low_quality(0, s + 1)
    assert not article.is_low_quality(0, s) and not article.is_low_quality(None, None)


SYNDICATED = HANS * 3 + "海外掘金原创,转载请注明出处。"
EDITED = HANS.replace("大约", "约") * 3 + "本文转载自海外掘金。"


def test_near_duplicates_are_linked_and_unrelated_articles_are_not() -> None:
    signatures = {
        "a": dedup.signature(SYNDICATED),
        "b": dedup.signature(EDITED),
        "c": dedup.signature(HANT * 3),
        "d": dedup.signature(EN * 5),
    }
    links = dedup.near_duplicates(signatures)
    assert [(a, b) for a, b, _ in links] == [("a", "b")]
    assert links[0][2] >= dedup.THRESHOLD
    groups = dedup.groups(list(signatures), links)
    assert groups["a"] == groups["b"] == "a" and groups["c"] == "c"


def test_a_traditional_copy_of_a_simplified_article_is_a_near_duplicate() -> None:
    first = HANS.split("。")[0] + "。"
    simplified = article_from_bytes((first * 3).encode(), "s.txt")
    traditional_text = (
        "微軟正在詢問大約七八百名涉及機器學習和與雲計算有關工作的工程師對遷移的意見。" * 3
    )
    traditional = article_from_bytes(traditional_text.encode(), "t.txt")
    sim = dedup.similarity(
        dedup.signature(simplified.folded_text), dedup.signature(traditional.folded_text)
    )
    assert sim >= dedup.THRESHOLD


@pytest.mark.parametrize(
    ("declared", "text", "language"),
    [("zh", HANT, "zh-Hant"), ("zh-CN", HANS, "zh-Hans"), ("en-US", EN, "en"), ("fr", EN, "fr")],
)
def test_a_vague_language_tag_is_resolved_from_the_text(
    declared: str, text: str, language: str
) -> None:
    page = f'<html lang="{declared}"><body><p>{text}</p></body></html>'
    assert article_from_bytes(page.encode(), "p.html").language == language


def test_other_encodings_fall_back_to_charset_normalizer() -> None:
    text = "マイクロソフトは中国のAI人材を移転させる計画だと報じられた。"
    decoded, encoding = decode(text.encode("shift_jis"))
    assert decoded == text
    assert encoding in ("shift_jis", "cp932")
