"""The one root of crosscheck's own exceptions, in two branches by what a caller does.

TransientError   may succeed if tried again (a locked warehouse file, a dropped or
                 garbled response): the caller retries, with a bound.
TerminalError    will not succeed by retrying (an unreadable file, a bad key, an unknown
                 claim id): the caller records it where a user can see it and moves on.

Each concrete error also keeps the built-in base it always had (ValueError,
LookupError…), so `except ValueError` in a user's code still works.
"""

from __future__ import annotations


class CrosscheckError(Exception):
    """Raised by crosscheck itself (not by a library it calls)."""


class TransientError(CrosscheckError):
    """May succeed if tried again: retry with a bound."""


class TerminalError(CrosscheckError):
    """Will not succeed by retrying: record it and move on."""
