"""Comparison across sources: figure frames, stories, blocking, comparable facts, verdicts, contradictions and updates, judge pairs."""
