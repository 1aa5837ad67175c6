CREATE OR REPLACE VIEW claims_v AS
SELECT c.claim_id, c.article_id, a.outlet, c.attributed_to, c.claim_text, c.quote,
       c.start_char, c.end_char, c.alignment, c.subject, c.predicate, c.event_date,
       c.extractor, c.prompt_id, c.run_id,
       c.subject_key, c.object_keys, c.hedged, c.chunk_idx, coalesce(c.attributed_to, a.outlet) AS source,
       s.story_id
FROM claims c JOIN articles a USING (article_id) LEFT JOIN stories s USING (article_id);
