-- Figure frames and stories (issue 14): what each quantity counts and when, read once in
-- normalize, so compare blocks on stored columns; articles grouped into stories.
ALTER TABLE quantities ADD COLUMN measure VARCHAR;      -- what is counted ('' = unknown)
ALTER TABLE quantities ADD COLUMN figure BOOLEAN;       -- false: never compared (sources, ages)
ALTER TABLE quantities ADD COLUMN scope VARCHAR;        -- '|'-joined qualifiers (in:city, window:86400s)
ALTER TABLE quantities ADD COLUMN statistic VARCHAR;    -- median | mean | max | min | ''
ALTER TABLE quantities ADD COLUMN whose VARCHAR;        -- who gives the figure, as written (folded)
ALTER TABLE quantities ADD COLUMN parties VARCHAR[];    -- organisations it belongs to (gazetteer keys)
ALTER TABLE quantities ADD COLUMN as_of DATE;           -- the day it is true for
ALTER TABLE quantities ADD COLUMN as_of_from VARCHAR;   -- cutoff | text | lead | published
ALTER TABLE quantities ADD COLUMN movement VARCHAR;     -- rise | fall | '' (升至, has risen to)

-- The words an article is grouped by (computed once per article).
CREATE TABLE article_terms (
    article_id VARCHAR PRIMARY KEY,
    terms      VARCHAR[] NOT NULL,
    run_id     VARCHAR NOT NULL
);

-- The story of each article, replaced by every compare.
CREATE TABLE stories (
    article_id VARCHAR PRIMARY KEY,
    story_id   VARCHAR NOT NULL,
    run_id     VARCHAR NOT NULL
);
