"""Normalization of grounded claims: numbers and dates re-read from the quote, each
number's figure frame read from its sentence (models.compare.frames), the subject mapped to its
canonical entity key. The extractor's own numbers are never used; an LLM's word on
what a figure counts fills a frame the rules leave without a measure."""

from __future__ import annotations

import re
from datetime import date

from models.article import Article
from models.claims import Claim, LLMFigure
from models.compare.frame_reader import FrameReader
from models.compare.frames import Frame
from models.compare.inputs import compare_inputs
from models.compare.stories import article_terms
from models.compare.vocabulary import Vocabulary
from models.entities import SOURCE_KINDS, Gazetteer
from models.script import fold
from models.values.dates import parse_dates
from models.values.quantities import Quantity, parse_quantities

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGITS = re.compile(r"\d+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
# An as-of the rules took from the article, not from the figure's own sentence: the
# model's day, read in context, replaces it; a day the sentence names is kept.
_GUESSED_AS_OF = frozenset({"", "lead", "published"})


def _squeezed(text: str) -> str:
    """For matching a figure's text: folded, lower-cased, no spaces, 1,000 = 1000."""
    return _THOUSANDS.sub("", "".join(fold(text).lower().split()))


def _same_figure(model_text: str, surface: str) -> bool:
    """The model's figure text and a quantity's surface name the same figure: one holds
    the other (400余人 and 400余), with the same digits (4 is not 400人)."""
    a, b = _squeezed(model_text), _squeezed(surface)
    if not a or not b or (a not in b and b not in a):
        return False
    da, db = _DIGITS.findall(a), _DIGITS.findall(b)
    return not da or not db or da == db


def _model_day(text: str | None, published: date | None) -> date | None:
    """The model's as-of when it is an ISO day not after publication."""
    if not text or not _ISO_DAY.fullmatch(text.strip()):
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if published is None or day <= published else None


def _with_llm_measures(
    quote: str,
    quantities: list[Quantity],
    found: list[Frame],
    figures: list[LLMFigure],
    reader: FrameReader,
) -> list[Frame]:
    """The rules' frames, where a figure has none of its own taking the measure (and
    as-of, when its sentence names no day) the LLM gave a figure of the quote. The rules'
    reading wins where it found a measure; a model figure not in the quote is ignored, a
    measure not in the vocabulary dropped. The value is always the one read from the quote."""
    in_quote = _squeezed(quote)
    usable = [
        (f, key)
        for f in figures
        if _squeezed(f.text) and _squeezed(f.text) in in_quote
        for key in [reader.vocab.measure_key(f.measure or "")]
        if key
    ]
    if not usable:
        return found
    out = []
    for q, frame in zip(quantities, found, strict=True):
        match = next((fk for fk in usable if _same_figure(fk[0].text, q.surface)), None)
        if frame.measure == "" and frame.figure and match is not None:
            figure, key = match
            update: dict[str, object] = {"measure": key, "running": key in reader.vocab.running}
            day = _model_day(figure.as_of, reader.published_at)
            if day is not None and frame.as_of_from in _GUESSED_AS_OF:
                update |= {"as_of": day, "as_of_from": "text"}
            frame = frame.model_copy(update=update)
        out.append(frame)
    return out


def normalize_claim(
    claim: Claim, article: Article, gazetteer: Gazetteer, frames: FrameReader
) -> Claim:
    """A copy of `claim` with quantities (article offsets) and their frames, event date,
    subject key and what compare reads of the quote (models.compare.inputs.compare_inputs)."""
    subject_key = gazetteer.key_of(claim.subject)
    update: dict[str, object] = {"subject_key": subject_key}
    if claim.start_char is not None and claim.end_char is not None:
        quote = article.text[claim.start_char : claim.end_char]
        update["object_keys"] = sorted(
            {
                m.entity.key
                for m in gazetteer.find(quote)
                if m.entity.key != subject_key and m.entity.kind not in SOURCE_KINDS
            }
        )
        in_quote = parse_quantities(quote)
        quantities = [
            q.model_copy(
                update={"start": q.start + claim.start_char, "end": q.end + claim.start_char}
            )
            for q in in_quote
        ]
        update["quantities"] = quantities
        found = frames.frames(quantities)
        if claim.llm_figures:
            found = _with_llm_measures(quote, quantities, found, claim.llm_figures, frames)
        update["frames"] = found
        dates = parse_dates(quote, article.published_at)
        update["event_date"] = dates[0].value if dates else None
        update["compare"] = compare_inputs(
            quote, article.published_at, [(q.start, q.end) for q in in_quote], claim.quote, dates
        )
    return claim.model_copy(update=update)


def normalize_claims(
    gazetteer: Gazetteer, vocabulary: Vocabulary, work: tuple[Article, list[Claim]]
) -> tuple[list[Claim], list[str]]:
    """normalize_claim for the claims of one article, and the terms its story is found by
    (models.compare.stories): the unit of work the flow sends to a worker process. The
    article's sentences are read once for all its claims."""
    article, claims = work
    frames = FrameReader(article.text, article.published_at, vocabulary, gazetteer)
    done = [normalize_claim(c, article, gazetteer, frames) for c in claims]
    figures = {q.low for c in done for q in c.quantities if q.low is not None and q.low == q.high}
    terms = article_terms(article.title, article.text, article.published_at, gazetteer, figures)
    return done, terms
