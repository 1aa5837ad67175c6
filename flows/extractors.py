"""Choosing and building the extractor for a run."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flows.settings import ExtractorChoice, Settings
from models.compare.vocabulary import Vocabulary
from models.entities import Gazetteer
from models.errors import TerminalError
from prompts.base import Extractor
from prompts.endpoint import EndpointUnavailable, check_endpoint
from prompts.llm_extractor import Budget, LLMExtractor
from prompts.openai_client import LLMConfig
from prompts.pricing import prices_for
from prompts.rules import RulesExtractor


class ExtractorUnavailable(TerminalError, RuntimeError):
    """The requested extractor cannot run with this configuration."""


@lru_cache(maxsize=4)
def load_gazetteer(path: Path) -> tuple[Gazetteer, str]:
    """The gazetteer at `path` and its text (the text identifies its version)."""
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else "key,name,kind,aliases\n"
    return Gazetteer.from_csv_text(text), text


@lru_cache(maxsize=4)
def load_vocabulary(path: Path) -> Vocabulary:
    """The figure-frame vocabulary at `path` (measures, scopes, movement words)."""
    if not path.is_file():
        raise FileNotFoundError(
            f"measure vocabulary not found at {path}: set CROSSCHECK_MEASURES to a CSV with"
            " columns key,kind,zh,en (see seeds/measures.csv)"
        )
    return Vocabulary.from_csv_text(path.read_text(encoding="utf-8-sig"))


def llm_config(settings: Settings) -> LLMConfig:
    if not settings.openai_api_key and not settings.openai_base_url:
        raise ExtractorUnavailable(
            "the openai extractor needs OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL (for a "
            "self-hosted server such as vLLM, Ollama or llama.cpp); or use --extractor rules"
        )
    return LLMConfig(
        model=settings.model,
        api_key=settings.openai_api_key,
        base_url=settings.openai_base_url,
        mode=settings.llm_mode,
        timeout=settings.llm_timeout,
        max_attempts=settings.llm_max_attempts,
        max_reasks=settings.llm_max_reasks,
        max_wait=settings.llm_max_wait,
        backoff_initial=settings.llm_backoff_initial,
        backoff_max=settings.llm_backoff_max,
        temperature=settings.llm_temperature,
        max_output_tokens=settings.llm_max_output_tokens,
        max_in_flight=settings.max_concurrency,
    )


def make_extractor(settings: Settings, choice: ExtractorChoice | None = None) -> Extractor:
    kind = settings.resolved_extractor(choice)
    if kind == "rules":
        gazetteer, text = load_gazetteer(settings.entities)
        return RulesExtractor(gazetteer, text)
    config = llm_config(settings)
    prices = prices_for(settings.model, settings.llm_price_in, settings.llm_price_out)
    if settings.llm_budget_usd is not None and prices is None:
        raise ExtractorUnavailable(
            f"CROSSCHECK_LLM_BUDGET_USD needs the price of {settings.model!r}: set "
            "CROSSCHECK_LLM_PRICE_IN and CROSSCHECK_LLM_PRICE_OUT (USD per 1M tokens), or "
            "use CROSSCHECK_LLM_BUDGET_TOKENS"
        )
    budget = Budget(settings.llm_budget_tokens, settings.llm_budget_usd, prices)
    return LLMExtractor(config, budget=budget, prices=prices)


def preflight(settings: Settings, choice: ExtractorChoice | None = None) -> str:
    """Check, before starting a run, that the chosen extractor can work; raise
    ExtractorUnavailable with one clear line when not. Returns what will be used."""
    kind = settings.resolved_extractor(choice)
    if kind == "rules":
        why = (
            ""
            if choice == "rules" or settings.extractor == "rules"
            else (" (no OPENAI_API_KEY or OPENAI_BASE_URL set)")
        )
        return f"extractor: rules, offline{why}"
    config = llm_config(settings)
    try:
        check_endpoint(config)
    except EndpointUnavailable as exc:
        raise ExtractorUnavailable(str(exc)) from None
    where = config.base_url or "OpenAI"
    return f"extractor: openai, model {config.model} at {where}"
