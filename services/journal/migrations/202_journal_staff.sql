-- Staff grants from `grants-{personId}`: the schools a person works or worked in, so that a
-- journal is assigned only teachers of its own school. Revoked grants stay (revoked = true):
-- a teacher who left can still be unassigned from the journals she taught.
CREATE TABLE journal_facts.staff_grants (
  grant_id  text COLLATE "C" PRIMARY KEY,
  person_id text COLLATE "C" NOT NULL,
  role      text    NOT NULL,
  school_id text COLLATE "C" NOT NULL,
  revoked   boolean NOT NULL DEFAULT false
);
CREATE INDEX staff_grants_person_idx ON journal_facts.staff_grants (person_id);

ALTER TABLE journal_facts.staff_grants OWNER TO :"owner_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON journal_facts.staff_grants TO :"app_role";
