"""From file bytes to an Article: decode, clean, identify. Pure: the caller reads files.

Decoding tries, in order: a byte-order mark (UTF-8, UTF-16), strict UTF-8, then
GB18030 (a superset of GBK) and Big5; the encoding used is recorded on the article.
"""

from __future__ import annotations

import codecs
from datetime import date

from pydantic import BaseModel

from models.article import Article, article_id_for
from models.cleaning import clean_text
from models.script import detect_language

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_FALLBACKS = ["utf-8", "gb18030", "big5"]


class IngestError(ValueError):
    """A file that cannot become an article; the message says why, for the user."""


class SourceMeta(BaseModel):
    """What a sidecar (sources.csv) or front matter says about a file."""

    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: date | None = None
    language: str | None = None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of `data`; IngestError when no candidate decodes it cleanly."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise IngestError("binary file (NUL bytes), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    for encoding in _FALLBACKS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise IngestError("not UTF-8, UTF-16, GB18030 or Big5 text")


def article_from_bytes(data: bytes, source_path: str, meta: SourceMeta | None = None) -> Article:
    """The Article for one file's bytes. Raises IngestError for empty or undecodable input."""
    if not data.strip():
        raise IngestError("empty file")
    raw, encoding = decode(data)
    cleaned = clean_text(raw)
    if not cleaned.text.strip():
        raise IngestError("no article text left after cleaning")
    meta = meta or SourceMeta()
    return Article(
        article_id=article_id_for(raw),
        source_path=source_path,
        outlet=meta.outlet,
        title=meta.title,
        url=meta.url,
        published_at=meta.published_at,
        language=meta.language or detect_language(cleaned.text),
        encoding=encoding,
        raw_text=raw,
        text=cleaned.text,
        raw_offsets=cleaned.raw_offsets,
    )
