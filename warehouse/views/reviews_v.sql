CREATE OR REPLACE VIEW reviews_v AS
SELECT r.claim_id, r.rating, r.rating_value, r.note, r.reviewer, r.reviewed_at,
       c.article_id, c.claim_text, c.quote, coalesce(c.attributed_to, a.outlet) AS source,
       a.outlet, a.url, a.source_path, a.published_at
FROM reviews r
JOIN claims c USING (claim_id)
JOIN articles a ON a.article_id = c.article_id;
