"""Choosing and building the extractor for a run."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flows.settings import ExtractorChoice, Settings
from models.entities import Gazetteer
from prompts.base import Extractor
from prompts.rules import RulesExtractor


class ExtractorUnavailable(RuntimeError):
    """The requested extractor cannot run with this configuration."""


@lru_cache(maxsize=4)
def load_gazetteer(path: Path) -> tuple[Gazetteer, str]:
    """The gazetteer at `path` and its text (the text identifies its version)."""
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else "key,name,kind,aliases\n"
    return Gazetteer.from_csv_text(text), text


def make_extractor(settings: Settings, choice: ExtractorChoice | None = None) -> Extractor:
    kind = settings.resolved_extractor(choice)
    if kind == "rules":
        gazetteer, text = load_gazetteer(settings.entities)
        return RulesExtractor(gazetteer, text)
    raise ExtractorUnavailable(
        "the OpenAI-compatible extractor is not built yet; use --extractor rules"
    )
