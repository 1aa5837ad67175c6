"""The inbox flow processes only files new or changed by content hash, leaves every
file where it is, and records each one in inbox_v (against the real Prefect server)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from warehouse.db import session

SEED = "000_8c6d62a41cd7b5ba.txt"


def _ledger(db: Path) -> dict[str, tuple[str, int]]:
    with session(db, read_only=True) as con:
        rows = con.execute("SELECT path, sha256, status, attempts FROM inbox_v").fetchall()
    return {f"{Path(p).name}@{sha[:8]}": (status, attempts) for p, sha, status, attempts in rows}


def test_only_new_or_changed_files_are_processed_and_none_is_moved(
    prefect_api: str, tmp_path: Path
) -> None:
    from flows.inbox import process_inbox

    inbox, db = tmp_path / "inbox", str(tmp_path / "w.duckdb")
    inbox.mkdir()
    shutil.copy(SEEDS / SEED, inbox / "a.txt")
    (inbox / "b.txt").write_text("")  # cannot be ingested
    (inbox / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a format we read

    first = process_inbox(inbox=str(inbox), extractor="rules", db=db)
    assert first is not None and first.n_files == 1 and first.status == "completed"
    ledger = _ledger(Path(db))
    assert sorted(s for s, _ in ledger.values()) == ["done", "failed", "failed"]
    with session(db, read_only=True) as con:
        reasons = dict(con.execute("SELECT path, reason FROM inbox_v").fetchall())
    assert "empty" in reasons[str((inbox / "b.txt").resolve())]
    assert "unsupported file type .png" in reasons[str((inbox / "c.png").resolve())]

    assert process_inbox(inbox=str(inbox), extractor="rules", db=db) is None  # nothing new

    (inbox / "b.txt").write_text("微软称，约有七百名员工获邀迁往美国。\n", encoding="utf-8")
    with (inbox / "a.txt").open("a", encoding="utf-8") as fh:
        fh.write("\n（更新）\n")
    third = process_inbox(inbox=str(inbox), extractor="rules", db=db)
    assert third is not None and third.n_files == 2 and third.n_skipped == 0
    ledger = _ledger(Path(db))
    assert len(ledger) == 5  # each version of each file has its own row
    assert sorted(s for s, _ in ledger.values()) == ["done", "done", "done", "failed", "failed"]
    assert sorted(p.name for p in inbox.iterdir()) == ["a.txt", "b.txt", "c.png"]


def test_a_missing_inbox_is_a_clear_error(prefect_api: str, tmp_path: Path) -> None:
    from flows.inbox import InboxMissing, process_inbox

    with pytest.raises(InboxMissing, match="CROSSCHECK_INBOX"):
        process_inbox(inbox=str(tmp_path / "nowhere"), db=str(tmp_path / "w.duckdb"))
