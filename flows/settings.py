"""Configuration from the environment (or a .env file): CROSSCHECK_* plus the usual
OPENAI_API_KEY / OPENAI_BASE_URL of OpenAI-compatible clients."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ExtractorChoice = Literal["auto", "openai", "rules"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CROSSCHECK_", env_file=".env", extra="ignore")

    db: Path = Field(
        default=Path("warehouse/crosscheck.duckdb"), description="DuckDB file of the warehouse"
    )
    extractor: ExtractorChoice = Field(
        default="auto", description="auto = openai when an endpoint is configured, else rules"
    )
    model: str = Field(default="gpt-4o-mini", description="model name for the LLM extractor")
    max_concurrency: int = Field(
        default=8, ge=1, le=256, description="LLM calls (and tasks) in flight at once"
    )
    batch_size: int = Field(default=50, ge=1, description="articles per pipeline task")
    chunk_chars: int = Field(default=1200, ge=200, description="chunk size budget, characters")
    entities: Path = Field(
        default=PROJECT_ROOT / "seeds" / "entities.csv",
        description="gazetteer CSV: key,name,kind,aliases",
    )
    inbox: Path = Field(
        default=Path("inbox"),
        description="folder the scheduled deployment processes; files are left in place",
    )
    price_prompt_per_mtok: float | None = Field(
        default=None, ge=0, description="USD per million prompt tokens, for the cost estimate"
    )
    price_completion_per_mtok: float | None = Field(
        default=None, ge=0, description="USD per million completion tokens, for the cost estimate"
    )
    openai_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "CROSSCHECK_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "CROSSCHECK_OPENAI_BASE_URL")
    )

    def resolved_extractor(
        self, choice: ExtractorChoice | None = None
    ) -> Literal["openai", "rules"]:
        choice = choice or self.extractor
        if choice == "auto":
            return "openai" if (self.openai_api_key or self.openai_base_url) else "rules"
        return choice

    def estimated_cost(
        self, llm_calls: int, prompt_tokens: int, completion_tokens: int
    ) -> float | None:
        """USD for these tokens at the configured prices; None when they are unknown."""
        if llm_calls == 0:
            return 0.0
        if self.price_prompt_per_mtok is None or self.price_completion_per_mtok is None:
            return None
        return (
            prompt_tokens * self.price_prompt_per_mtok
            + completion_tokens * self.price_completion_per_mtok
        ) / 1e6
