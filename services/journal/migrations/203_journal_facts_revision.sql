-- One counter that every applied identity fact moves on (in the fact's own transaction): what a
-- read built from the facts (the grid's pupils, periods, policies) was built with, so a cached
-- answer is used only while the facts are the same, on every replica.
CREATE TABLE journal_facts.facts_revision (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  revision bigint  NOT NULL
);
INSERT INTO journal_facts.facts_revision (revision) VALUES (0);

ALTER TABLE journal_facts.facts_revision OWNER TO :"owner_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON journal_facts.facts_revision TO :"app_role";
