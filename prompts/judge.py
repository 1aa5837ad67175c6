"""The optional LLM judge: do two text claims of different sources contradict?

The typed rules compare numbers, dates and lists; the judge reads the words (optional
against forced relocation). One structured request per pair through the same
core as the extractor (prompts.llm_core), with its own versioned prompt
(prompts/judge_contradiction.vN.md) whose prompt_id is the detector of the rows it
finds. A pair that fails is returned with its error, never raised: the run goes on.
The cache is not here (prompts/ does not touch the warehouse): the flow looks verdicts
up by (model, prompt_id, claim_a, claim_b) before calling `judge`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel, ConfigDict

from models.compare.judge_pairs import JudgePair
from prompts.llm_core import LLMCore, tag
from prompts.openai_client import LLMConfig, StructuredClient
from prompts.registry import Prompt, load_prompt

QUOTE_CHARS = 600  # longest quote sent; a claim is a sentence or two


class JudgeOut(BaseModel):
    """The judge's reply: the strict JSON schema sent to the endpoint."""

    model_config = ConfigDict(extra="forbid")

    verdict: Literal["contradiction", "compatible", "unrelated"]
    explanation: str


@dataclass
class Judgement:
    """The outcome for one pair: a verdict, or the error that prevented one."""

    claim_a: str
    claim_b: str
    verdict: str | None
    explanation: str | None
    status: str  # the CallResult status: ok | failed | invalid | refused | …
    error: str | None = None
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Judge(LLMCore):
    """Asks an OpenAI-compatible endpoint whether two claims can both be true."""

    def __init__(
        self,
        config: LLMConfig,
        prompt: Prompt | None = None,
        client: StructuredClient | None = None,
    ):
        super().__init__(
            config,
            prompt or load_prompt("judge_contradiction"),
            client
            or StructuredClient(
                config,
                response_model=JudgeOut,
                reask_hint='{"verdict": "contradiction" | "compatible" | "unrelated", '
                '"explanation": "…"}',
            ),
        )
        self.model = config.model

    def messages(self, pair: JudgePair) -> list[ChatCompletionMessageParam]:
        a, b = pair.a, pair.b
        qa, qb = a.quote[:QUOTE_CHARS], b.quote[:QUOTE_CHARS]
        return self.render(
            subject=a.subject_key,
            predicate=a.predicate,
            tag=tag(f"{qa}\x1f{qb}"),
            source_a=a.source,
            quote_a=qa,
            claim_a=a.claim_text[:QUOTE_CHARS],
            source_b=b.source,
            quote_b=qb,
            claim_b=b.claim_text[:QUOTE_CHARS],
        )

    def judge(self, pair: JudgePair) -> Judgement:
        out = Judgement(pair.a.claim_id, pair.b.claim_id, None, None, "failed")
        if stop := self.halted():
            out.status, out.error = "skipped", f"skipped: {stop}"
            return out
        try:
            r = self.send(self.messages(pair))
        except Exception as exc:  # a bug here must not sink the run: record it
            out.error = f"{type(exc).__name__}: {exc}"
            return out
        out.status, out.error = r.status, r.error
        out.attempts = r.attempts
        out.prompt_tokens, out.completion_tokens = r.prompt_tokens, r.completion_tokens
        if r.status == "ok" and isinstance(r.parsed, JudgeOut):
            out.verdict, out.explanation = r.parsed.verdict, r.parsed.explanation.strip()
        return out
