"""Finding input files and their metadata on disk (the I/O half of ingestion).

A folder may hold a sources.csv sidecar (file, outlet, title, published, language, url,
notes) describing its files; a file without a row gets its metadata from the text.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from models.article import Article
from models.ingest import IngestError, SourceMeta, article_from_bytes

SUFFIXES = {".txt", ".md"}
SIDECAR = "sources.csv"


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Article files under `paths` (sorted), and (path, reason) for paths that are not."""
    files: list[Path] = []
    errors: list[tuple[str, str]] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in SUFFIXES))
        elif p.is_file():
            if p.suffix in SUFFIXES:
                files.append(p)
            else:
                errors.append((str(p), f"unsupported file type {p.suffix or '(none)'}"))
        else:
            errors.append((str(p), "no such file or folder"))
    return files, errors


def _read_sidecar(folder: Path) -> dict[str, SourceMeta]:
    path = folder / SIDECAR
    if not path.is_file():
        return {}
    out = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            published = (row.get("published") or "").strip()
            out[row["file"].strip()] = SourceMeta(
                outlet=row.get("outlet") or None,
                title=row.get("title") or None,
                url=row.get("url") or None,
                language=row.get("language") or None,
                published_at=date.fromisoformat(published) if published else None,
            )
    return out


def load_articles(files: list[Path]) -> tuple[list[Article], list[tuple[str, str]]]:
    """Articles for `files`, one per distinct content, and (path, reason) for failures.
    One bad file never stops the others."""
    sidecars: dict[Path, dict[str, SourceMeta]] = {}
    articles: dict[str, Article] = {}
    errors: list[tuple[str, str]] = []
    for f in files:
        folder = f.parent
        if folder not in sidecars:
            try:
                sidecars[folder] = _read_sidecar(folder)
            except (OSError, ValueError, KeyError) as exc:
                errors.append((str(folder / SIDECAR), f"unreadable sidecar: {exc}"))
                sidecars[folder] = {}
        try:
            article = article_from_bytes(f.read_bytes(), str(f), sidecars[folder].get(f.name))
        except IngestError as exc:
            errors.append((str(f), str(exc)))
            continue
        except OSError as exc:
            errors.append((str(f), f"cannot read: {exc.strerror or exc}"))
            continue
        articles.setdefault(article.article_id, article)
    return list(articles.values()), errors
