"""One structured-output request to an OpenAI-compatible endpoint, and its retries.

The SDK's own retries are off (`max_retries=0`): tenacity owns them, so they do not
multiply and every attempt is counted. What happens to each failure:

transient  (retried with exponential backoff and jitter, bounded attempts)
           429 (its Retry-After honoured up to `max_wait`), 5xx, 408/409, timeouts,
           dropped connections, a body that is not JSON;
re-ask     the reply is not valid JSON or does not match the schema: ask again with
           the validation error (bounded, like instructor);
chunk      finish_reason=length (the caller splits the chunk, unless the cut-off reply
           was repeating itself: `repeating`), refusal, content filter, other 4xx: the
           chunk is recorded as failed, not retried;
run        the endpoint will not serve this run: bad key (401/403), wrong URL or model
           (404), out of quota, a Retry-After longer than `max_wait`, or unreachable
           after every attempt. The caller stops its LLM calls and says why once.

`mode` "json_schema" sends the pydantic model as a strict json_schema through
`client.chat.completions.parse`; "json_object" (for servers without json_schema)
asks for a JSON object and validates it with the same model; "auto" starts with
json_schema and falls back when the server rejects the response_format.

Every request carries a `max_tokens`: the one configured, else one sized to the input
(`output_budget`). Without one, a small model that starts repeating itself writes until
its context is full, minutes on a CPU. A model that rejects `max_tokens` (OpenAI's
reasoning models) is sent `max_completion_tokens` instead, and one that rejects both
is sent no limit, as with `temperature`.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from models.errors import TerminalError, TransientError
from prompts.output_limits import looks_repetitive, output_budget
from prompts.schemas import ExtractionOut

Mode = Literal["auto", "json_schema", "json_object"]
Status = Literal["ok", "length", "refused", "content_filter", "invalid", "failed"]
Sleep = Callable[[float], None]


@dataclass(frozen=True)
class LLMConfig:
    """How to reach the endpoint and how hard to try (flows.settings fills it)."""

    model: str
    api_key: str | None = None
    base_url: str | None = None
    mode: Mode = "auto"
    timeout: float = 120.0  # seconds per HTTP request
    max_attempts: int = 4  # HTTP attempts per request for transient errors
    max_reasks: int = 2  # re-asks after an invalid reply
    max_wait: float = 120.0  # longest Retry-After we honour; longer stops the run's calls
    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    temperature: float | None = 0.0
    max_output_tokens: int | None = None  # None: sized to each request (output_budget)
    max_in_flight: int = 8  # requests open at once across all threads of a run


class GarbledBody(TransientError):
    """A 2xx response whose body is not a JSON chat completion: retried."""


class InvalidReply(TerminalError):
    """The reply is not valid JSON for the schema; carries it for the re-ask (a retry
    would get the same reply: `request` asks again with the error instead)."""

    def __init__(self, error: ValidationError, content: str):
        super().__init__(describe(error))
        self.error, self.content = error, content


@dataclass
class CallResult:
    """One logical request (with its retries and re-asks) and what came of it."""

    status: Status
    parsed: Any = None  # an instance of the client's response model
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    error: str | None = None
    fatal: bool = False  # the endpoint will not serve the rest of this run either
    mode: str = "json_schema"
    max_tokens: int | None = None  # the output limit sent
    repeating: bool = False  # a reply cut off at that limit was repeating itself


def describe(exc: BaseException) -> str:
    """A one-line reason for a failure, with the cause the SDK's message hides."""
    if isinstance(exc, openai.APITimeoutError):
        return "timed out"
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc.__context__
        return f"connection failed ({type(cause).__name__}: {cause})" if cause else str(exc)
    if isinstance(exc, openai.APIStatusError):
        message = exc.message if len(exc.message) < 300 else exc.message[:300] + "…"
        return f"HTTP {exc.status_code}: {message}"
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        if not errors:
            return str(exc)
        where = ".".join(str(p) for p in errors[0]["loc"])
        return f"{len(errors)} validation error(s), first at '{where}': {errors[0]['msg']}"
    return f"{type(exc).__name__}: {exc}"


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (retry-after-ms, Retry-After seconds or date)."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    headers = response.headers
    if ms := headers.get("retry-after-ms"):
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, TransientError | openai.APIConnectionError):  # includes timeouts
        return True
    if isinstance(exc, openai.RateLimitError):
        return not _over_quota(exc)
    return isinstance(exc, openai.APIStatusError) and (
        exc.status_code >= 500 or exc.status_code in (408, 409)
    )


def _over_quota(exc: openai.RateLimitError) -> bool:
    return exc.code == "insufficient_quota"


def _rejects_parameter(exc: BaseException, *names: str) -> bool:
    """A 400/422 that names one of `names`: the server does not support that option."""
    if not isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError):
        return False
    text = str(exc).lower()
    return any(name in text for name in names)


def _rejects_response_format(exc: BaseException) -> bool:
    return _rejects_parameter(exc, "response_format", "json_schema")


class StructuredClient:
    """Sends chat requests that must come back as `response_model` (ExtractionOut for the
    extractor; the judge passes its own)."""

    def __init__(
        self,
        config: LLMConfig,
        client: openai.OpenAI | None = None,
        sleep: Sleep = time.sleep,
        response_model: type[BaseModel] = ExtractionOut,
        reask_hint: str = '{"claims": [...]} as specified, quoting the article text exactly',
    ):
        self.config = config
        self.response_model = response_model
        self.reask_hint = reask_hint
        self.client = client or openai.OpenAI(
            api_key=config.api_key or "not-needed",  # local servers ignore the key
            base_url=config.base_url,
            timeout=config.timeout,
            max_retries=0,  # tenacity owns retries
        )
        self.sleep = sleep
        self._mode: Literal["json_schema", "json_object"] = (
            "json_object" if config.mode == "json_object" else "json_schema"
        )
        self._send_temperature = config.temperature is not None
        self._limit_param: str | None = "max_tokens"  # then max_completion_tokens, then none
        self._lock = threading.Lock()

    def request(
        self, messages: list[ChatCompletionMessageParam], max_tokens: int | None = None
    ) -> CallResult:
        """Ask, retrying and re-asking within bounds. Never raises for what the endpoint
        does: every outcome is a CallResult with a status and a one-line error.

        `max_tokens` is the output limit for this request; else the configured one; else
        one sized to the last user message."""
        if max_tokens is None:
            max_tokens = self.config.max_output_tokens
        if max_tokens is None:
            user = [m for m in messages if m.get("role") == "user"]
            max_tokens = output_budget(str(user[-1].get("content") or "") if user else "")
        result = CallResult(status="failed", mode=self._mode, max_tokens=max_tokens)
        started = time.monotonic()
        msgs = list(messages)
        reasks = 0
        try:
            while True:
                try:
                    completion, parsed = self._with_retries(msgs, result, max_tokens)
                except InvalidReply as exc:
                    reasks += 1
                    if reasks > self.config.max_reasks:
                        result.status = "invalid"
                        result.error = f"invalid reply after {reasks} tries: {exc}"
                        return result
                    msgs += self._reask(exc)
                    continue
                if parsed is None:
                    refusal = completion.choices[0].message.refusal if completion.choices else None
                    result.status, result.error = "refused", f"refused: {refusal}"
                    return result
                result.status, result.parsed = "ok", parsed
                return result
        except openai.LengthFinishReasonError as exc:
            result.status = "length"
            result.error = f"reply cut off at the output token limit ({max_tokens})"
            choices = exc.completion.choices
            why = looks_repetitive(choices[0].message.content if choices else None)
            if why:
                result.repeating = True
                result.error += f", repeating itself: {why}"
        except openai.ContentFilterFinishReasonError:
            result.status, result.error = "content_filter", "blocked by the content filter"
        except openai.RateLimitError as exc:
            wait = retry_after(exc)
            result.fatal = True
            if _over_quota(exc):
                result.error = f"out of quota: {describe(exc)}"
            elif wait is not None and wait > self.config.max_wait:
                result.error = (
                    f"rate limited: the endpoint asked to wait {wait:.0f} s, more than the "
                    f"{self.config.max_wait:.0f} s we wait (CROSSCHECK_LLM_MAX_WAIT); "
                    "try again later"
                )
            else:
                result.fatal = False
                result.error = f"rate limited after {result.attempts} attempts: {describe(exc)}"
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            result.fatal = True
            result.error = f"the endpoint refused the API key: {describe(exc)}"
        except openai.NotFoundError as exc:
            result.fatal = True
            result.error = (
                f"not found (wrong OPENAI_BASE_URL or model {self.config.model!r}?): "
                f"{describe(exc)}"
            )
        except openai.APIConnectionError as exc:
            timed_out = isinstance(exc, openai.APITimeoutError)
            result.fatal = not timed_out  # a slow chunk is not a dead endpoint
            where = self.config.base_url or "api.openai.com"
            result.error = (
                f"{describe(exc)} after {result.attempts} attempts"
                if timed_out
                else f"endpoint {where} unreachable: {describe(exc)}"
            )
        except (openai.APIError, TransientError) as exc:
            result.error = f"{describe(exc)} after {result.attempts} attempts"
        finally:
            result.latency_s = time.monotonic() - started
            result.mode = self._mode
        return result

    def _reask(self, exc: InvalidReply) -> list[ChatCompletionMessageParam]:
        return [
            {"role": "assistant", "content": exc.content or "(empty)"},
            {
                "role": "user",
                "content": "Your reply was not valid for the required JSON schema: "
                f"{exc}. Reply again with only the JSON object {self.reask_hint}.",
            },
        ]

    def _with_retries(
        self, msgs: list[ChatCompletionMessageParam], result: CallResult, max_tokens: int
    ) -> tuple[ChatCompletion, Any]:
        backoff = wait_exponential_jitter(
            multiplier=self.config.backoff_initial,
            max=self.config.backoff_max,
            jitter=self.config.backoff_initial,
        )

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            asked = retry_after(exc) if exc is not None else None
            return max(asked or 0.0, backoff(state))

        retrying = Retrying(
            retry=retry_if_exception(
                lambda e: (
                    is_transient(e)
                    and not (
                        isinstance(e, openai.RateLimitError)
                        and (retry_after(e) or 0) > self.config.max_wait
                    )
                )
            ),
            stop=stop_after_attempt(self.config.max_attempts),
            wait=wait,
            sleep=self.sleep,
            reraise=True,
        )
        return retrying(self._attempt, msgs, result, max_tokens)

    def _attempt(
        self, msgs: list[ChatCompletionMessageParam], result: CallResult, max_tokens: int
    ) -> tuple[ChatCompletion, Any]:
        result.attempts += 1
        kwargs: dict[str, Any] = {"model": self.config.model, "messages": msgs}
        limit_param = self._limit_param
        if limit_param is not None:
            kwargs[limit_param] = max_tokens
        if self._send_temperature:
            kwargs["temperature"] = self.config.temperature
        mode = self._mode
        try:
            if mode == "json_schema":
                raw: Any = self.client.chat.completions.with_raw_response.parse(
                    response_format=self.response_model, **kwargs
                )
            else:
                raw = self.client.chat.completions.with_raw_response.create(
                    response_format={"type": "json_object"}, **kwargs
                )
        except openai.APIStatusError as exc:
            if (
                self.config.mode == "auto"
                and mode == "json_schema"
                and _rejects_response_format(exc)
            ):
                with self._lock:
                    self._mode = "json_object"
                return self._attempt(msgs, result, max_tokens)
            if self._send_temperature and _rejects_parameter(exc, "temperature"):
                self._send_temperature = False  # reasoning models accept only their default
                return self._attempt(msgs, result, max_tokens)
            if limit_param is not None and _rejects_parameter(exc, limit_param):
                with self._lock:  # reasoning models want max_completion_tokens
                    if self._limit_param == limit_param:
                        self._limit_param = (
                            "max_completion_tokens" if limit_param == "max_tokens" else None
                        )
                return self._attempt(msgs, result, max_tokens)
            raise
        try:
            body = raw.http_response.json()
            usage = body.get("usage") or {}
            content = body["choices"][0]["message"].get("content")
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            raise GarbledBody(
                f"response is not a chat completion: {raw.http_response.text[:120]!r}"
            ) from exc
        result.prompt_tokens += int(usage.get("prompt_tokens") or 0)
        result.completion_tokens += int(usage.get("completion_tokens") or 0)
        try:
            if mode == "json_schema":
                completion: ChatCompletion = raw.parse()
                parsed = completion.choices[0].message.parsed  # type: ignore[attr-defined]
            else:
                completion = raw.parse()
                parsed = _validate_json_object(completion, self.response_model)
            if parsed is None and not completion.choices[0].message.refusal:
                parsed = self.response_model.model_validate_json(content or "")  # empty reply
        except ValidationError as exc:
            raise InvalidReply(exc, content or "") from exc
        return completion, parsed


def _validate_json_object(completion: ChatCompletion, model: type[BaseModel]) -> Any:
    """What `parse()` does for json_schema, for a json_object reply."""
    choice = completion.choices[0]
    if choice.finish_reason == "length":
        raise openai.LengthFinishReasonError(completion=completion)
    if choice.finish_reason == "content_filter":
        raise openai.ContentFilterFinishReasonError(completion=completion)
    if choice.message.refusal:
        return None
    return model.model_validate_json(choice.message.content or "")
