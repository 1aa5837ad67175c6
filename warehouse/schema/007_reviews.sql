-- A person's verdict on a claim (crosscheck review), published as schema.org ClaimReview.
CREATE TABLE reviews (
    claim_id     VARCHAR PRIMARY KEY,
    rating       VARCHAR NOT NULL,   -- true | mostly-true | mixed | mostly-false | false | unverifiable
    rating_value INTEGER,            -- 1 (false) … 5 (true); NULL when unverifiable
    note         VARCHAR,
    reviewer     VARCHAR,
    reviewed_at  TIMESTAMP NOT NULL
);
