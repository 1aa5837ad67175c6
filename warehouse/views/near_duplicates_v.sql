CREATE OR REPLACE VIEW near_duplicates_v AS
SELECT l.article_a, a.source_path AS source_a, a.outlet AS outlet_a,
       l.article_b, b.source_path AS source_b, b.outlet AS outlet_b,
       l.similarity, l.method, a.dup_group, l.run_id
FROM article_links l
JOIN articles a ON a.article_id = l.article_a
JOIN articles b ON b.article_id = l.article_b;
