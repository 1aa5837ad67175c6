"""What a run did: the record the flow fills, the CLI prints, the Prefect artifacts
show and runs_v keeps."""

from __future__ import annotations

from pydantic import BaseModel, Field


class RunSummary(BaseModel):
    """What a run did, for the CLI, the Prefect artifacts and runs_v."""

    run_id: str
    flow_run_id: str | None = None
    status: str = "running"
    extractor: str
    model: str | None = None
    db: str
    n_files: int = 0
    n_duplicate_files: int = 0  # files whose text another file of the run already gave
    n_articles: int = 0
    n_skipped: int = 0  # already extracted with this extractor and prompt
    n_stored: int = 0  # articles extracted and stored in this run
    n_chunks: int = 0
    n_claims: int = 0
    n_contradictions: int = 0
    n_new_contradictions: int = 0
    n_failed_chunks: int = 0
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    llm_cached_chunks: int = 0  # answered from the LLM reply cache, no call
    llm_skipped_chunks: int = 0  # not sent: budget spent or endpoint stopped serving
    llm_cost_usd: float | None = None  # estimated; None when the price is unknown
    judge_pairs: int = 0  # text-claim pairs for the LLM judge (0 when it is off)
    judge_cached: int = 0  # answered from llm_judgements, no call
    judge_calls: int = 0
    judge_failed: int = 0
    judge_tokens: int = 0
    judge_errors: list[str] = Field(default_factory=list)  # pairs not judged, and why
    duration_s: float = 0.0
    file_errors: list[tuple[str, str]] = Field(default_factory=list)
    chunk_errors: list[tuple[str, int, str]] = Field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "n_articles": self.n_articles,
            "n_chunks": self.n_chunks,
            "n_claims": self.n_claims,
            "n_contradictions": self.n_contradictions,
            "n_failed_chunks": self.n_failed_chunks,
            "llm_calls": self.llm_calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
        }
