-- Contradiction detection (issue 5): syndicated copies folded into one side of a
-- contradiction, and the pairs that are related but not contradictions (a later figure
-- for the same thing, a copied sentence), so a reader can see why they were not flagged.
ALTER TABLE contradictions ADD COLUMN copies_a VARCHAR[];
ALTER TABLE contradictions ADD COLUMN copies_b VARCHAR[];

CREATE TABLE claim_relations (
    relation_id VARCHAR PRIMARY KEY,
    relation    VARCHAR NOT NULL,  -- update | copy
    aspect      VARCHAR NOT NULL,  -- quantity | date | set | text | claim
    claim_a     VARCHAR NOT NULL,  -- the earlier figure, or the original sentence
    claim_b     VARCHAR NOT NULL,  -- the later figure, or the copy
    value_a     VARCHAR,
    value_b     VARCHAR,
    explanation VARCHAR,
    detector    VARCHAR NOT NULL,
    run_id      VARCHAR NOT NULL   -- the run that first found it
);
