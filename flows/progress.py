"""A progress hook: the flow reports work done; whoever started it (the CLI) listens.

Kept out of the flow's parameters so flow runs stay serializable for Prefect's API.
"""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[str, int, int], None]  # (stage, done, total)
_listener: Listener | None = None


def set_listener(listener: Listener | None) -> None:
    global _listener
    _listener = listener


def report(stage: str, done: int, total: int) -> None:
    if _listener is not None:
        _listener(stage, done, total)
