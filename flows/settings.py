"""Configuration from the environment (or a .env file): CROSSCHECK_* plus the usual
OPENAI_API_KEY / OPENAI_BASE_URL of OpenAI-compatible clients.

An endpoint on this machine (OPENAI_BASE_URL on localhost, 127.0.0.1, ::1) is one
llama.cpp, Ollama or vLLM process on a CPU or one GPU: requests sent at once queue there
and time out in turn. For it, unless set, one request is in flight at a time and each may
take LOCAL_LLM_TIMEOUT seconds.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

LOCAL_LLM_CONCURRENCY = 1
LOCAL_LLM_TIMEOUT = 600.0  # seconds: a full reply of a small model on 2 CPU cores


def is_local_endpoint(base_url: str | None) -> bool:
    """Whether `base_url` points at this machine (localhost or a loopback address)."""
    if not base_url:
        return False
    try:
        host = urlsplit(base_url if "//" in base_url else f"//{base_url}").hostname
    except ValueError:
        return False
    if not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
        default=8,
        ge=1,
        le=256,
        description="LLM calls (and tasks) in flight at once; 1 for an endpoint on this "
        "machine unless set",
    )
    # Each task run costs the flow's process CPU the worker processes could use
    # (benchmarks/perf/prefect_overhead.py); benchmarks/README.md has why 100, not 50.
    batch_size: int = Field(default=100, ge=1, description="articles per pipeline task")
    batches_in_flight: int = Field(
        default=4, ge=1, description="offline batches submitted ahead of the one being stored"
    )
    workers: int = Field(
        default=os.cpu_count() or 1,
        ge=1,
        le=64,
        description="processes for the CPU-bound offline steps (reading files, rules "
        "extraction, normalization) on runs big enough to pay for starting them; 1 = none",
    )
    chunk_chars: int = Field(default=1200, ge=200, description="chunk size budget, characters")
    entities: Path = Field(
        default=PROJECT_ROOT / "seeds" / "entities.csv",
        description="gazetteer CSV: key,name,kind,aliases",
    )
    measures: Path = Field(
        default=PROJECT_ROOT / "seeds" / "measures.csv",
        description="figure-frame vocabulary CSV: key,kind,zh,en (measures, scopes, movement words)",
    )
    report: Path = Field(
        default=Path("reports/index.html"), description="HTML report written at the end of each run"
    )
    inbox: Path = Field(
        default=Path("inbox"),
        description="folder the scheduled deployment processes; files are left in place",
    )
    openai_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "CROSSCHECK_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "CROSSCHECK_OPENAI_BASE_URL")
    )

    # The LLM extractor (see README "Pointing crosscheck at an LLM").
    llm_mode: Literal["auto", "json_schema", "json_object"] = Field(
        default="auto",
        description="json_schema (strict structured outputs), json_object (JSON mode + "
        "validation, for servers without json_schema) or auto (the first, else the second)",
    )
    llm_timeout: float = Field(
        default=120.0,
        gt=0,
        description=f"seconds per HTTP request; {LOCAL_LLM_TIMEOUT:.0f} for an endpoint on "
        "this machine unless set",
    )
    llm_max_attempts: int = Field(
        default=4, ge=1, le=20, description="HTTP attempts per request on 429/5xx/timeouts"
    )
    llm_max_reasks: int = Field(
        default=2, ge=0, le=10, description="re-asks after a reply that fails the schema"
    )
    llm_max_wait: float = Field(
        default=120.0,
        ge=0,
        description="longest Retry-After honoured; longer stops the run's calls",
    )
    llm_backoff_initial: float = Field(default=1.0, ge=0, description="first backoff, seconds")
    llm_backoff_max: float = Field(default=30.0, ge=0, description="longest backoff, seconds")
    llm_temperature: float | None = Field(
        default=0.0, description="dropped by itself for models that reject it"
    )
    llm_max_output_tokens: int | None = Field(
        default=None,
        ge=1,
        description="max_tokens of every request; unset: sized to each chunk (3 tokens per "
        "token of its text + 256, at least 512, at most 4096)",
    )
    llm_budget_tokens: int | None = Field(
        default=None, ge=1, description="per-run token budget; the rest is skipped"
    )
    llm_budget_usd: float | None = Field(
        default=None, gt=0, description="per-run estimated cost budget (USD)"
    )
    llm_price_in: float | None = Field(default=None, ge=0, description="USD per 1M input tokens")
    llm_price_out: float | None = Field(default=None, ge=0, description="USD per 1M output tokens")

    judge: Literal["auto", "on", "off"] = Field(
        default="auto",
        description="LLM judge of text claims: auto = when the run's extractor is openai;"
        " on = whenever an endpoint is configured; off = never",
    )
    judge_max_pairs: int = Field(
        default=200, ge=0, description="most claim pairs the LLM judge is asked about per run"
    )

    @model_validator(mode="after")
    def _local_endpoint_defaults(self) -> Settings:
        """One request at a time and a long timeout for a server on this machine, where
        the user has not said otherwise (env, .env or arguments all count as said)."""
        if is_local_endpoint(self.openai_base_url):
            if "max_concurrency" not in self.model_fields_set:
                self.max_concurrency = LOCAL_LLM_CONCURRENCY
            if "llm_timeout" not in self.model_fields_set:
                self.llm_timeout = LOCAL_LLM_TIMEOUT
        return self

    def judge_enabled(self, extractor: str) -> bool:
        """Whether this run's compare step asks the LLM judge (needs an endpoint)."""
        if self.judge == "off" or not (self.openai_api_key or self.openai_base_url):
            return False
        return self.judge == "on" or extractor == "openai"

    def resolved_extractor(
        self, choice: ExtractorChoice | None = None
    ) -> Literal["openai", "rules"]:
        choice = choice or self.extractor
        if choice == "auto":
            return "openai" if (self.openai_api_key or self.openai_base_url) else "rules"
        return choice
