CREATE OR REPLACE VIEW claim_dates_v AS
SELECT d.claim_id, c.article_id, d.ordinal, d.surface, d.role,
       nullif(d.start_date, DATE '0001-01-01') AS start_date,  -- NULL: open before
       nullif(d.end_date, DATE '9999-12-31') AS end_date,      -- NULL: open after
       d.run_id
FROM claim_dates d JOIN claims c USING (claim_id);
