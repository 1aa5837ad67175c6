CREATE OR REPLACE VIEW stories_v AS
SELECT s.story_id,
       list(s.article_id ORDER BY a.published_at, s.article_id) AS article_ids,
       count(*) AS n_articles,
       list(DISTINCT a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlets,
       arg_min(a.title, coalesce(a.published_at, DATE '9999-12-31')) AS title,
       (SELECT list(t ORDER BY n DESC, t)[1:8] FROM (
           SELECT t, count(*) AS n FROM article_terms x, unnest(x.terms) AS u(t)
           WHERE x.article_id IN (SELECT article_id FROM stories WHERE story_id = s.story_id)
             AND t LIKE 'w:%' GROUP BY t)) AS title_words,
       min(a.published_at) AS first_published,
       max(a.published_at) AS last_published,
       any_value(s.run_id) AS run_id
FROM stories s JOIN articles a USING (article_id)
GROUP BY s.story_id;
