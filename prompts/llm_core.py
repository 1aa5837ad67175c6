"""What the LLM extractor and the judge share: a versioned prompt rendered into chat
messages, the StructuredClient that sends them, and the run's halt flag (set once the
endpoint says it will not serve the rest of the run, or by the user)."""

from __future__ import annotations

import hashlib
import threading
from string import Template

from openai.types.chat import ChatCompletionMessageParam

from prompts.openai_client import CallResult, LLMConfig, StructuredClient
from prompts.registry import Prompt


def tag(text: str) -> str:
    """An identifier derived from the text sent, for the prompt's markers around it (so
    the text cannot forge its own end marker)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


class LLMCore:
    """A prompt and a client for one run, with the run's halt flag."""

    def __init__(self, config: LLMConfig, prompt: Prompt, client: StructuredClient):
        self.config = config
        self.prompt_id = prompt.prompt_id
        self.system, self.user = prompt.sections()
        self.client = client
        self._halted: str | None = None
        self._lock = threading.Lock()

    def halted(self) -> str | None:
        """Why the endpoint will not serve the rest of this run, once it has said so."""
        return self._halted

    def halt(self, reason: str | None) -> None:
        """Send no more requests this run (the first reason wins)."""
        with self._lock:
            self._halted = self._halted or reason

    def render(self, **values: str) -> list[ChatCompletionMessageParam]:
        """The system message, and the user template with `values` filled in."""
        user = Template(self.user).safe_substitute(values)
        return [{"role": "system", "content": self.system}, {"role": "user", "content": user}]

    def send(
        self, messages: list[ChatCompletionMessageParam], max_tokens: int | None = None
    ) -> CallResult:
        """One request (with its retries and re-asks); a result saying the endpoint will not
        serve the run halts the rest."""
        result = self.client.request(messages, max_tokens=max_tokens)
        if result.fatal:
            self.halt(result.error)
        return result
