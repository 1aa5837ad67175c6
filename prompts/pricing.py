"""Estimated cost of LLM calls, from list prices per million tokens.

Prices change and differ by endpoint, so this is an estimate: the table holds a few
OpenAI list prices (USD, as of 2025) and CROSSCHECK_LLM_PRICE_IN / _OUT override it.
A model with no known price gets no cost (NULL), never a guessed one; a self-hosted
server costs what you decide (set both prices to 0).
"""

from __future__ import annotations

from dataclasses import dataclass

# model → (input, output) USD per 1M tokens.
LIST_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}


@dataclass(frozen=True)
class Prices:
    input_per_mtok: float
    output_per_mtok: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (
            prompt_tokens * self.input_per_mtok + completion_tokens * self.output_per_mtok
        ) / 1_000_000


def prices_for(
    model: str, input_per_mtok: float | None = None, output_per_mtok: float | None = None
) -> Prices | None:
    """Configured prices when both are given, else the list price of `model`, else None."""
    if input_per_mtok is not None and output_per_mtok is not None:
        return Prices(input_per_mtok, output_per_mtok)
    listed = LIST_PRICES.get(model)
    return Prices(*listed) if listed else None
