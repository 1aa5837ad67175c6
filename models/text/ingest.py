"""From file bytes to Articles: decode, split by format, read metadata, clean, identify.
Pure: the caller reads files (flows/sources.py) and decides what is too big to read.

Formats: plain text (.txt), Markdown with optional front matter (.md), HTML (the
article body only, .html/.htm) and JSON Lines (.jsonl: one article per line, its text
in "text" and its metadata in fields). Every problem is an IngestError whose `kind`
('empty', 'binary', 'encoding', 'too_large', 'unsupported', 'unreadable', 'parse',
'no_text') and message say what is wrong, for the run summary and ingest_errors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel

from models.article import Article, article_id_for
from models.errors import TerminalError
from models.script import detect_language, fold
from models.text import dedup
from models.text.cleaning import Cleaned, Mapped, clean_mapped
from models.text.encoding import DecodeError, decode
from models.text.html import extract_body

MAX_BYTES = 50 * 1024 * 1024
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_FIELD_ALIASES = {
    "outlet": ("outlet", "source", "site_name", "publisher"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical"),
    "published": ("published", "published_at", "date", "pubdate"),
    "language": ("language", "lang"),
}
_TEXT_FIELDS = ("text", "content", "body")


class IngestError(TerminalError, ValueError):
    """A file (or a JSONL line) that cannot become an article; the message says why."""

    def __init__(self, message: str, kind: str = "parse") -> None:
        super().__init__(message)
        self.kind = kind


class FileError(BaseModel):
    """One problem input, as shown in the run summary and stored in ingest_errors."""

    path: str
    kind: str
    message: str
    size_bytes: int | None = None


class SourceMeta(BaseModel):
    """What a sidecar (sources.csv), front matter, page or JSON fields say about a file."""

    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: date | None = None
    language: str | None = None

    def over(self, other: SourceMeta) -> SourceMeta:
        """These values, with `other`'s where these have none."""
        mine = self.model_dump(exclude_none=True)
        return SourceMeta(**{**other.model_dump(exclude_none=True), **mine})


def parse_date(value: object) -> date | None:
    """A date from '2024-05-17', '2024-05-17T08:00:00Z', '2024/5/17'; None otherwise."""
    m = re.match(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", str(value or ""))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def meta_from_fields(fields: Mapping[str, object]) -> SourceMeta:
    """SourceMeta from loosely named fields (front matter, JSON, HTML meta tags)."""
    lowered = {str(k).lower(): v for k, v in fields.items()}
    found: dict[str, str] = {}
    for name, aliases in _FIELD_ALIASES.items():
        for alias in aliases:
            value = lowered.get(alias)
            if value not in (None, ""):
                found[name] = str(value).strip()
                break
    return SourceMeta(
        outlet=found.get("outlet"),
        title=found.get("title"),
        url=found.get("url"),
        published_at=parse_date(found.get("published")),
        language=found.get("language"),
    )


def _front_matter(text: str) -> tuple[dict[str, object], int]:
    """Simple `key: value` front matter and where the body starts (0 when none)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    fields: dict[str, object] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#")):
            fields[key.strip()] = value.strip().strip("\"'")
    return fields, m.end()


def _language(declared: str | None, text: str) -> str:
    """zh-Hans | zh-Hant | en from a declared tag where it says that much, else from
    the text ("zh" or "zh-CN" on a page says nothing reliable about the script)."""
    if declared in ("zh-Hans", "zh-Hant", "en"):
        return declared
    if declared and declared.lower().startswith("en"):
        return "en"
    if declared and not declared.lower().startswith("zh"):
        return declared
    return detect_language(text)


def _article(
    raw: str,
    cleaned: Cleaned,
    source_path: str,
    encoding: str,
    meta: SourceMeta,
    file_format: str,
) -> Article:
    if not cleaned.text.strip():
        raise IngestError("no article text left after cleaning (only page furniture)", "no_text")
    language = _language(meta.language, cleaned.text)
    folded = fold(cleaned.text) if language.startswith("zh") else cleaned.text
    return Article(
        article_id=article_id_for(raw),
        source_path=source_path,
        outlet=meta.outlet,
        title=meta.title,
        url=meta.url,
        published_at=meta.published_at,
        language=language,
        encoding=encoding,
        raw_text=raw,
        text=cleaned.text,
        raw_offsets=cleaned.raw_offsets,
        low_quality=cleaned.low_quality,
        folded_text=folded,
        minhash=dedup.signature(folded),
        n_repairs=cleaned.n_repairs,
        file_format=file_format,
    )


def format_of(source_path: str) -> str | None:
    """'text', 'markdown', 'html' or 'jsonl' by the file's extension; None if unknown."""
    dot = source_path.rfind(".")
    return FORMATS.get(source_path[dot:].lower()) if dot >= 0 else None


def _decode(data: bytes) -> tuple[str, str]:
    if not data.strip():
        raise IngestError("empty file (no bytes, or only whitespace)", "empty")
    if len(data) >= MAX_BYTES:
        raise IngestError(f"too large: {len(data) / 2**20:.1f} MB (limit 50 MB)", "too_large")
    try:
        return decode(data)
    except DecodeError as exc:
        raise IngestError(str(exc), exc.kind) from exc


def article_from_bytes(data: bytes, source_path: str, meta: SourceMeta | None = None) -> Article:
    """The Article for one text, Markdown or HTML file's bytes (format from its
    extension; text when unknown). Raises IngestError."""
    raw, encoding = _decode(data)
    meta = meta or SourceMeta()
    file_format = format_of(source_path) or "text"
    if file_format == "html":
        body, page_meta = extract_body(raw)
        return _article(
            raw,
            clean_mapped(body),
            source_path,
            encoding,
            meta.over(meta_from_fields(page_meta)),
            "html",
        )
    start = 0
    if file_format == "markdown":
        fields, start = _front_matter(raw)
        meta = meta.over(meta_from_fields(fields))
    mapped = Mapped.identity(raw)
    if start:
        mapped = Mapped(raw[start:], mapped.raw_at[start:])
    return _article(raw, clean_mapped(mapped), source_path, encoding, meta, file_format)


def articles_from_jsonl(
    data: bytes, source_path: str, meta: SourceMeta | None = None
) -> tuple[list[Article], list[FileError]]:
    """One Article per line of a JSON Lines file, and a FileError per bad line
    (path 'file.jsonl:N'). An article's raw_text is its line's text field. A line's own fields win over `meta` (the sidecar row of
    the whole file), which fills what they leave out."""
    raw_file, encoding = _decode(data)
    meta = meta or SourceMeta()
    articles: list[Article] = []
    errors: list[FileError] = []
    for n, line in enumerate(raw_file.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source_path}:{n}"
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise IngestError(f"line {n} is not JSON: {exc.msg}", "parse") from exc
            if not isinstance(record, dict):
                raise IngestError(f"line {n} is not a JSON object", "parse")
            text = next((record[k] for k in _TEXT_FIELDS if isinstance(record.get(k), str)), None)
            if not text or not text.strip():
                raise IngestError(
                    f"line {n} has no text (fields: {', '.join(_TEXT_FIELDS)})", "empty"
                )
            line_meta = meta_from_fields(record).over(meta)
            cleaned = clean_mapped(Mapped.identity(text))
            articles.append(_article(text, cleaned, where, encoding, line_meta, "jsonl"))
        except IngestError as exc:
            errors.append(FileError(path=where, kind=exc.kind, message=str(exc)))
    if not articles and not errors:
        raise IngestError("empty file (no JSON lines)", "empty")
    return articles, errors
