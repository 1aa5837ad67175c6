"""Figure frames: what a number counts, under which conditions, whose it is and when.

Two figures disagree only when they are figures of the same thing: the dead on board
and the dead on the ground share a unit, so do a company's whole workforce and its
corporate staff. A frame is read from the words around the figure, in its sentence,
with the vocabulary of seeds/measures.csv (data users extend, both languages):

measure    what is counted (deaths, missing, jobs_cut, orders_firm, price…); the word
           nearest the figure in its clause, event words (died, 裁员) before role nouns
           (passengers, 员工); none found = the figure is not compared;
figure     False for counts that are never figures of the story: sources (两名知情人士,
           two people familiar with the matter), ages, page furniture (阅读 3万);
scope      qualifiers: the level of the place it counts (in:province vs in:city, the
           nearest level word: 全省, 郑州市, provincial capital), a window (24小时 vs
           27分钟: window:86400s), and words such as on board / 地面 / corporate / total;
statistic  median, mean, max, min (a peak crowd count is a count, not a statistic);
whose      who gives the figure (民陣公布, police said, according to officials): two
           sources in one article can disagree;
parties    whose figure it is: organisations the clause names before it (gazetteer,
           capitalised names), the speaker announcing its own figure, a place a
           sentence opens with (In Thailand), a Chinese place in pinyin (zh:taiguo),
           else the headline's: Google's cuts are not Microsoft's;
as_of      the day the figure is true for: a cutoff (截至8月2日, as of), else the day it
           was given (said on Tuesday, 23日通报), else another day of its sentence (on
           Thursday, 9日), else the lead's news day, else publication (as_of_from);
running    its measure is a tally that grows as it is counted (measures.csv);
movement   rise / fall: the figure is stated as a change from an earlier one (升至,
           has risen to).

These are our own rules: no library reads figure frames from Chinese and English news.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class Frame(BaseModel):
    """The frame of one quantity (see the module docstring)."""

    measure: str = ""
    figure: bool = True
    scope: str = ""  # "|"-joined, sorted qualifiers
    statistic: str = ""
    whose: str = ""
    parties: list[str] = Field(default_factory=list)
    as_of: date | None = None
    # "cutoff" (截至…, as of…) | "spoken" (the day it was given: said on Tuesday, 5月3日
    # 报道) | "text" (another day in its sentence) | "lead" (the article's news day) |
    # "published"
    as_of_from: str = ""
    movement: str = ""
    running: bool = False  # a tally that grows as it is counted (Vocabulary.running)


LEVELS = ("world", "country", "province", "city", "county", "town")  # broadest first
