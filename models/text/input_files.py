"""What became of each input file of a run, for files_v.

Articles are keyed by content, so identical files (one text saved in UTF-8 and in GBK,
or a file copied twice) become one article and the later paths vanish: a user who gave
10 files and sees 9 articles could not tell why. Every file the run was given or found
gets an InputFile: `ingested`, `duplicate` (its text is an article another path
already gave: the reason names that path) or `failed` (the ingest error). Pure: the
caller reads the files and hashes their bytes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["ingested", "duplicate", "failed"]


class InputFile(BaseModel):
    """One input file: its bytes' size and SHA-256 (None when it was not read), the
    articles it holds (several for .jsonl) and the problems found in it."""

    path: str
    size: int | None = None
    sha256: str | None = None
    article_ids: list[str] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)
    status: Status = "ingested"
    reason: str | None = None
    n_duplicates: int = 0  # articles in it that an earlier path already gave

    @property
    def article_id(self) -> str | None:
        """The file's article, when it holds exactly one."""
        return self.article_ids[0] if len(self.article_ids) == 1 else None


def settle(f: InputFile, first_path: dict[str, str], sources: list[str]) -> InputFile:
    """`f` with its status and reason, given `first_path` (article_id → the path that
    first gave it, updated here) and `sources` (the source_path of each article in
    `f.article_ids`, e.g. 'a.jsonl:3'). Files are settled in reading order, so the
    first path of a text keeps it and the others are its duplicates."""
    duplicate_of = []
    for a, src in zip(f.article_ids, sources, strict=True):
        if a in first_path:
            duplicate_of.append(first_path[a])
        else:
            first_path[a] = src
    n_dup = len(duplicate_of)
    reason: str | None
    if not f.article_ids:
        status: Status = "failed"
        reason = "; ".join(f.errors) or "no article in the file"
    elif n_dup == len(f.article_ids):
        status, reason = "duplicate", "duplicate of " + ", ".join(dict.fromkeys(duplicate_of))
    else:
        status = "ingested"
        notes = []
        if n_dup:
            notes.append(f"{n_dup} of its {len(f.article_ids)} articles are duplicates")
        if f.errors:
            notes.append(f"{len(f.errors)} lines not ingested (see ingest_errors_v)")
        reason = "; ".join(notes) or None
    return f.model_copy(update={"status": status, "reason": reason, "n_duplicates": n_dup})


def unread(path: str, message: str) -> InputFile:
    """A path the run could not read at all (unsupported type, broken link, FIFO,
    unreadable sidecar)."""
    return InputFile(path=path, errors=[message], status="failed", reason=message)
