"""Checking, before a run starts, that the LLM endpoint will serve it."""

from __future__ import annotations

import openai

from models.errors import TerminalError
from prompts.openai_client import LLMConfig, describe


class EndpointUnavailable(TerminalError, RuntimeError):
    """The endpoint cannot serve this run (unreachable, bad key, wrong model or URL)."""


def check_endpoint(config: LLMConfig, client: openai.OpenAI | None = None) -> None:
    """Fail fast, with one clear message, when the endpoint is unreachable or refuses the
    key. Asks for the model list (free); a server without that route is not an error."""
    client = client or openai.OpenAI(
        api_key=config.api_key or "not-needed",
        base_url=config.base_url,
        timeout=min(config.timeout, 10.0),
        max_retries=0,
    )
    where = config.base_url or "https://api.openai.com/v1"
    try:
        client.models.list()
    except openai.APIConnectionError as exc:
        raise EndpointUnavailable(
            f"cannot reach the LLM endpoint {where}: {describe(exc)}"
        ) from exc
    except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
        raise EndpointUnavailable(
            f"the LLM endpoint {where} refused the API key (check OPENAI_API_KEY): {describe(exc)}"
        ) from exc
    except openai.APIError:
        return  # e.g. no /models route: the first real call will tell
