-- The most severe disagreements, both sides with their sources.
SELECT kind, severity, source_a, value_a, source_b, value_b, explanation
FROM contradictions_v
ORDER BY severity DESC
LIMIT 20;
