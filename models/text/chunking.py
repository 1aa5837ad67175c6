"""Sentence splitting and chunking with offsets into the article text.

Sentences end at Chinese and English terminal punctuation (。！？；!?; and a period
followed by a space or line end) or at a line break, with closing quotes and brackets
kept on the sentence they close. Chunks pack whole sentences up to a size budget, so
an extractor never sees half a sentence.
"""

from __future__ import annotations

import re

from models.article import Article, Chunk

_SENTENCE_END = re.compile(
    r"""(?:[。！？；!?;…]+|\.(?=\s|$))[”’"'」』）)\]]*|\n+""",
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of text[start:end], whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.start() if m.group().startswith("\n") else m.end()
        _append_trimmed(text, pos, stop, spans)
        pos = m.end()
    _append_trimmed(text, pos, end, spans)
    return spans


def _append_trimmed(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))


def chunk_article(article: Article, max_chars: int = 1200) -> list[Chunk]:
    """Pack the article's sentences into chunks of at most `max_chars` characters (a
    single longer sentence becomes a chunk of its own)."""
    text = article.text
    chunks: list[Chunk] = []
    cur_start: int | None = None
    cur_end = 0
    for s, e in split_sentences(text):
        if cur_start is not None and e - cur_start > max_chars:
            chunks.append(_chunk(article, len(chunks), cur_start, cur_end))
            cur_start = None
        if cur_start is None:
            cur_start = s
        cur_end = e
    if cur_start is not None:
        chunks.append(_chunk(article, len(chunks), cur_start, cur_end))
    return chunks


def _chunk(article: Article, idx: int, start: int, end: int) -> Chunk:
    return Chunk(
        article_id=article.article_id, idx=idx, start=start, end=end, text=article.text[start:end]
    )
