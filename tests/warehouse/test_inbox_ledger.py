"""The inbox ledger: what is pending, and how attempts count."""

from __future__ import annotations

from warehouse import inbox as ledger
from warehouse.db import connect
from warehouse.inbox import FileOutcome, InboxFile

A = InboxFile(path="/in/a.txt", sha256="aa", size=1)
A2 = InboxFile(path="/in/a.txt", sha256="a2", size=2)  # a.txt after an edit
B = InboxFile(path="/in/b.txt", sha256="bb", size=1)


def test_done_and_failed_files_wait_for_a_change_partial_ones_get_three_attempts() -> None:
    con = connect(":memory:")
    assert ledger.pending(con, [A, B]) == [A, B]
    ledger.record(
        con,
        [FileOutcome(file=A, status="done", article_id="x"), FileOutcome(file=B, status="failed")],
        "r1",
    )
    assert ledger.pending(con, [A, B]) == []
    assert ledger.pending(con, [A2, B]) == [A2]

    ledger.record(con, [FileOutcome(file=A2, status="partial", reason="chunk 0: 429")], "r2")
    assert ledger.pending(con, [A2]) == [A2]
    ledger.record(con, [FileOutcome(file=A2, status="partial", reason="chunk 0: 429")], "r3")
    assert ledger.pending(con, [A2]) == [A2]
    ledger.record(con, [FileOutcome(file=A2, status="partial", reason="chunk 0: 429")], "r4")
    assert ledger.pending(con, [A2]) == []
    attempts, run_id, first_seen, processed = con.execute(
        "SELECT attempts, run_id, first_seen_at, processed_at FROM inbox_v WHERE sha256 = 'a2'"
    ).fetchone()  # type: ignore[misc]
    assert (attempts, run_id) == (3, "r4") and first_seen < processed
