-- Every figure for the Microsoft China relocation headcount, by source.
SELECT coalesce(c.attributed_to, c.outlet) AS source, q.surface, q.low, q.high, c.quote
FROM claims_v c JOIN quantities_v q USING (claim_id)
WHERE c.subject_key = 'microsoft' AND c.predicate = 'relocate' AND q.unit = 'person'
ORDER BY q.low;
