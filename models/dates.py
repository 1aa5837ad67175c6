"""Dates mentioned in news text, resolved against the article's publication date.

First cut for the pipeline's vertical slice: 2024年5月15日, 5月15日 and 2024-05-15.
Its own issue adds relative dates, weekdays and ranges.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel

Precision = Literal["year", "month", "day"]

_DATE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号號]"
    r"|(?P<iy>(?:19|20)\d{2})-(?P<im>1[0-2]|0[1-9])-(?P<id>3[01]|[12]\d|0[1-9])"
)


class DateMention(BaseModel):
    surface: str
    start: int
    end: int
    value: date
    end_value: date | None = None  # for ranges
    precision: Precision = "day"
    year_guessed: bool = False


def parse_dates(text: str, published_at: date | None = None) -> list[DateMention]:
    """Day-precision dates in `text`; a missing year is taken from `published_at`."""
    found: list[DateMention] = []
    for m in _DATE.finditer(text):
        if m.group("iy"):
            y, mo, d, guessed = int(m.group("iy")), int(m.group("im")), int(m.group("id")), False
        else:
            guessed = m.group("y") is None
            if guessed and published_at is None:
                continue
            y = published_at.year if guessed and published_at else int(m.group("y"))
            mo, d = int(m.group("m")), int(m.group("d"))
        try:
            value = date(y, mo, d)
        except ValueError:
            continue
        found.append(
            DateMention(
                surface=m.group(), start=m.start(), end=m.end(), value=value, year_guessed=guessed
            )
        )
    return found
