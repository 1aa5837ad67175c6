CREATE OR REPLACE VIEW claim_relations_v AS
SELECT r.relation_id, r.relation, r.aspect, r.claim_a, r.claim_b,
       ca.article_id AS article_a, cb.article_id AS article_b,
       coalesce(ca.attributed_to, aa.outlet) AS source_a,
       coalesce(cb.attributed_to, ab.outlet) AS source_b,
       aa.published_at AS published_a, ab.published_at AS published_b,
       r.value_a, r.value_b, r.explanation, r.detector, r.run_id,
       ca.subject, ca.predicate, ca.quote AS quote_a, cb.quote AS quote_b
FROM claim_relations r
JOIN claims ca ON ca.claim_id = r.claim_a
JOIN claims cb ON cb.claim_id = r.claim_b
JOIN articles aa ON aa.article_id = ca.article_id
JOIN articles ab ON ab.article_id = cb.article_id;
