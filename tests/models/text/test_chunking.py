from models.article import Article
from models.text.chunking import chunk_article, split_sentences


def _article(text: str) -> Article:
    return Article(article_id="a", source_path="x", raw_text=text, text=text)


def test_sentences_split_on_chinese_and_english_punctuation() -> None:
    text = "微软表示，计划迁移员工。员工“很懵”！Is it true? Yes. 第二段\n第三行"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "微软表示，计划迁移员工。",
        "员工“很懵”！",
        "Is it true?",
        "Yes.",
        "第二段",
        "第三行",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "他说：“大家都很懵。”然后离开。"
    assert [text[s:e] for s, e in split_sentences(text)] == ["他说：“大家都很懵。”", "然后离开。"]


def test_chunks_hold_whole_sentences_and_point_into_the_text() -> None:
    text = "。".join(f"第{i}句话说了一些事情" for i in range(100)) + "。"
    article = _article(text)
    chunks = chunk_article(article, max_chars=200)
    assert len(chunks) > 1
    for c in chunks:
        assert c.text == text[c.start : c.end]
        assert len(c.text) <= 200
        assert c.text.endswith("。")
    assert [c.idx for c in chunks] == list(range(len(chunks)))
