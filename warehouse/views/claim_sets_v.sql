CREATE OR REPLACE VIEW claim_sets_v AS
SELECT s.claim_id, c.article_id, s.ordinal, s.surface, s.role, s.members, s.items,
       s.open_ended, s.run_id
FROM claim_sets s JOIN claims c USING (claim_id);
