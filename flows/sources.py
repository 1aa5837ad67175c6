"""Finding input files and their metadata on disk (the I/O half of ingestion).

A folder may hold a sources.csv sidecar (file, outlet, title, published, language, url,
notes) describing its files; a file without a row gets its metadata from its front
matter, page or JSON fields. Every input that cannot be read becomes a FileError with
a specific message (a FIFO, a broken link, a directory named like a file, a file over
50 MB — refused from its size, never read) and the rest carry on.
"""

from __future__ import annotations

import csv
import hashlib
import os
import stat
from pathlib import Path

from flows import workers
from models.article import Article
from models.text.ingest import (
    FORMATS,
    MAX_BYTES,
    FileError,
    IngestError,
    SourceMeta,
    article_from_bytes,
    articles_from_jsonl,
    parse_date,
)
from models.text.input_files import InputFile, settle, unread

ReadResult = tuple[list[Article], list[FileError], InputFile]

SUFFIXES = set(FORMATS)
SIDECAR = "sources.csv"
# Files a corpus folder holds besides articles: metadata and gazetteers, not errors.
_COMPANIONS = {".csv", ".tsv"}


def _not_regular(path: Path) -> FileError | None:
    """A FileError for a path that is not a regular file we may read, else None."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return FileError(path=str(path), kind="unreadable", message="broken symbolic link")
        return FileError(path=str(path), kind="unreadable", message="no such file or folder")
    except OSError as exc:
        return FileError(path=str(path), kind="unreadable", message=f"cannot stat: {exc.strerror}")
    if stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        what = "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a device or socket"
        return FileError(path=str(path), kind="unreadable", message=f"not a regular file: {what}")
    return None


def _classify(path: Path, named: bool) -> tuple[Path | None, FileError | None]:
    """(the file to read, None) or (None, why not); (None, None) to pass over quietly.
    `named`: the user named this path, rather than it being found in a folder."""
    problem = _not_regular(path)
    if problem:
        return None, problem
    if path.suffix.lower() not in SUFFIXES:
        if not named and (path.name.startswith(".") or path.suffix.lower() in _COMPANIONS):
            return None, None
        return None, FileError(
            path=str(path),
            kind="unsupported",
            message=f"unsupported file type {path.suffix or '(no extension)'}"
            f" (read: {' '.join(sorted(SUFFIXES))})",
        )
    return path, None


def discover(paths: list[Path]) -> tuple[list[Path], list[FileError]]:
    """Article files under `paths` (sorted), and a FileError for each path that is not
    one. Folders are walked recursively; hidden entries and .csv files are skipped."""
    files: list[Path] = []
    errors: list[FileError] = []
    for p in paths:
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    path = Path(root) / name
                    found, problem = _classify(path, named=False)
                    files += [found] if found else []
                    errors += [problem] if problem else []
        else:
            found, problem = _classify(p, named=True)
            files += [found] if found else []
            errors += [problem] if problem else []
    return files, errors


def _read_sidecar(folder: Path) -> dict[str, SourceMeta]:
    path = folder / SIDECAR
    if not path.is_file():
        return {}
    out = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            published = (row.get("published") or "").strip()
            when = parse_date(published)
            if published and when is None:
                raise ValueError(f"row {row['file']!r}: published {published!r} is not a date")
            out[row["file"].strip()] = SourceMeta(
                outlet=row.get("outlet") or None,
                title=row.get("title") or None,
                url=row.get("url") or None,
                language=row.get("language") or None,
                published_at=when,
            )
    return out


def read_limited(path: Path) -> bytes:
    """The bytes of `path`; IngestError('too_large') from its size alone when it is
    MAX_BYTES or more, so a huge file is never read into memory."""
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size >= MAX_BYTES:
            raise IngestError(
                f"too large: {size / 2**20:.1f} MB (limit {MAX_BYTES // 2**20} MB); split it"
                " or pass articles as .jsonl under the limit",
                "too_large",
            )
        return fh.read(MAX_BYTES)


def load_articles(files: list[Path]) -> tuple[list[Article], list[FileError]]:
    """Articles for `files`, one per distinct content (the first file wins), and a
    FileError per problem. One bad file never stops the others."""
    articles, errors, _ = read_inputs(files)
    return articles, errors


def read_inputs(files: list[Path]) -> tuple[list[Article], list[FileError], list[InputFile]]:
    """load_articles, and what became of each file (files_v): a file whose text an
    earlier one already gave is a duplicate of that path, not silently dropped. The
    files are read in the worker processes when the flow runs them (flows.workers)."""
    sidecars: dict[Path, dict[str, SourceMeta]] = {}
    errors: list[FileError] = []
    for folder in dict.fromkeys(f.parent for f in files):
        try:
            sidecars[folder] = _read_sidecar(folder)
        except (OSError, ValueError, KeyError, csv.Error) as exc:
            errors.append(
                FileError(
                    path=str(folder / SIDECAR),
                    kind="sidecar",
                    message=f"unreadable sidecar, its metadata is ignored: {exc}",
                )
            )
            sidecars[folder] = {}
    inputs = [unread(e.path, e.message) for e in errors]
    work = [(f, sidecars[f.parent].get(f.name)) for f in files]
    articles: dict[str, Article] = {}
    first_path: dict[str, str] = {}
    for found, file_errors, record in workers.map(read_file, work, chunksize=8):
        errors += file_errors
        inputs.append(settle(record, first_path, [a.source_path for a in found]))
        for article in found:
            articles.setdefault(article.article_id, article)
    return list(articles.values()), errors, inputs


def read_file(work: tuple[Path, SourceMeta | None]) -> ReadResult:
    """The articles in one file (several for .jsonl), its problems, and its record
    (size and SHA-256 of the bytes read)."""
    f, meta = work
    record = InputFile(path=str(f))
    try:
        record.size = f.stat().st_size
        data = read_limited(f)
        record.sha256 = hashlib.sha256(data).hexdigest()
        if f.suffix.lower() == ".jsonl":
            found, errors = articles_from_jsonl(data, str(f), meta)
        else:
            found, errors = [article_from_bytes(data, str(f), meta)], []
    except IngestError as exc:
        found, errors = (
            [],
            [FileError(path=str(f), kind=exc.kind, message=str(exc), size_bytes=record.size)],
        )
    except OSError as exc:
        message = f"cannot read: {exc.strerror or exc}"
        found, errors = (
            [],
            [FileError(path=str(f), kind="unreadable", message=message, size_bytes=record.size)],
        )
    record.article_ids = [a.article_id for a in found]
    record.errors = [e.message for e in errors]
    return found, errors, record
