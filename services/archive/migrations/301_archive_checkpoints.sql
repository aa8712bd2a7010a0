-- Every signed checkpoint the archive received from a store (identity, journal, its own), as
-- received, with what the archive found when it checked it. A record like the events: owned by
-- the no-login owner, INSERT and SELECT for the application, UPDATE, DELETE and TRUNCATE
-- rejected by the event store's trigger. A checkpoint that failed is kept too: it is evidence.
CREATE SCHEMA IF NOT EXISTS archive AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA archive TO :"app_role";

CREATE TABLE archive.checkpoints (
  log_id        text        COLLATE "C" NOT NULL,
  checkpoint_id bigint      NOT NULL,
  service       text        NOT NULL,
  tree_size     bigint      NOT NULL CHECK (tree_size >= 0),
  root_hash     bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
  signed_at     timestamptz NOT NULL,
  key_id        text        NOT NULL,
  public_key    bytea       NOT NULL CHECK (octet_length(public_key) = 32),
  signature     bytea       NOT NULL,
  -- The message as received (with its consistency proof), byte for byte.
  message       text        NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  -- first: nothing held before it; consistent: proven an extension of the previous good one;
  -- failed: see problem_code and problem.
  verdict       text        NOT NULL CHECK (verdict IN ('first', 'consistent', 'failed')),
  problem_code  text,
  problem       text,
  CHECK ((verdict = 'failed') = (problem_code IS NOT NULL)),
  PRIMARY KEY (log_id, checkpoint_id)
);

ALTER TABLE archive.checkpoints OWNER TO :"owner_role";
GRANT SELECT, INSERT ON archive.checkpoints TO :"app_role";
CREATE TRIGGER checkpoints_reject_update_delete
  BEFORE UPDATE OR DELETE ON archive.checkpoints
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER checkpoints_reject_truncate
  BEFORE TRUNCATE ON archive.checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();

-- A repeat of a checkpoint id with other content is kept here, since the first copy stays.
CREATE TABLE archive.checkpoint_conflicts (
  conflict_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  log_id        text        COLLATE "C" NOT NULL,
  checkpoint_id bigint      NOT NULL,
  message       text        NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE archive.checkpoint_conflicts OWNER TO :"owner_role";
GRANT SELECT, INSERT ON archive.checkpoint_conflicts TO :"app_role";
CREATE TRIGGER checkpoint_conflicts_reject_update_delete
  BEFORE UPDATE OR DELETE ON archive.checkpoint_conflicts
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER checkpoint_conflicts_reject_truncate
  BEFORE TRUNCATE ON archive.checkpoint_conflicts
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
