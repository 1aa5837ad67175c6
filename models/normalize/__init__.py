"""Grounding a claim's quote to its characters and re-reading its numbers, dates and figure frames."""
