CREATE OR REPLACE VIEW contradictions_v AS
SELECT x.contradiction_id, x.kind, x.aspect, x.severity, x.claim_a, x.claim_b,
       ca.article_id AS article_a, cb.article_id AS article_b,
       coalesce(ca.attributed_to, aa.outlet) AS source_a,
       coalesce(cb.attributed_to, ab.outlet) AS source_b,
       x.value_a, x.value_b, x.explanation, x.detector, x.run_id,
       ca.subject, ca.predicate, ca.quote AS quote_a, cb.quote AS quote_b,
       aa.outlet AS outlet_a, ab.outlet AS outlet_b,
       aa.published_at AS published_a, ab.published_at AS published_b,
       coalesce(x.copies_a, []) AS copies_a, coalesce(x.copies_b, []) AS copies_b
FROM contradictions x
JOIN claims ca ON ca.claim_id = x.claim_a
JOIN claims cb ON cb.claim_id = x.claim_b
JOIN articles aa ON aa.article_id = ca.article_id
JOIN articles ab ON ab.article_id = cb.article_id;
