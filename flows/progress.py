"""A progress hook: the flow reports work done; whoever started it (the CLI) listens.

Kept out of the flow's parameters so flow runs stay serializable for Prefect's API.
`report` sets a stage's counts; `advance` adds to them from any thread (the LLM
extractor's chunks finish in worker threads). `stopped` leaves the one line an
interrupted run has to say for whoever started it (`take_stopped`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Listener = Callable[[str, int, int], None]  # (stage, done, total)
_listener: Listener | None = None
_counts: dict[str, tuple[int, int]] = {}
_stopped: str | None = None
_lock = threading.Lock()


def set_listener(listener: Listener | None) -> None:
    global _listener, _stopped
    with _lock:
        _listener = listener
        _counts.clear()
        _stopped = None


def report(stage: str, done: int, total: int) -> None:
    with _lock:  # held while the listener runs, so updates from threads stay in order
        _counts[stage] = (done, total)
        if _listener is not None:
            _listener(stage, done, total)


def advance(stage: str, done: int = 0, total: int = 0) -> None:
    """Add `done` units finished and `total` units more (or, negative, fewer) expected."""
    with _lock:
        was_done, was_total = _counts.get(stage, (0, 0))
        now = (was_done + done, max(was_done + done, was_total + total))
        _counts[stage] = now
        if _listener is not None:
            _listener(stage, *now)


def stopped(message: str) -> None:
    global _stopped
    _stopped = message


def take_stopped() -> str | None:
    global _stopped
    message, _stopped = _stopped, None
    return message
