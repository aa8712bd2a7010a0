-- What independent witnesses (C2SP tlog-witness) answered to each checkpoint: a cosignature
-- (C2SP tlog-cosignature, cosignature/v1) kept beside the checkpoint, or a refusal (the witness
-- found the checkpoint inconsistent with what it cosigned before, or did not know the log or
-- key). Written by the checkpointer as :"app_role"; like checkpoints, never changed.

CREATE TABLE event_store.witness_cosignatures (
  checkpoint_id bigint      NOT NULL REFERENCES event_store.checkpoints (checkpoint_id),
  -- The witness's key name, as in its signature line.
  witness       text        NOT NULL,
  key_hash      bytea       NOT NULL CHECK (octet_length(key_hash) = 4),
  -- 8-byte big-endian Unix time followed by the 64-byte Ed25519 signature.
  signature     bytea       NOT NULL CHECK (octet_length(signature) = 72),
  cosigned_at   timestamptz NOT NULL,
  PRIMARY KEY (checkpoint_id, witness)
);

CREATE TABLE event_store.witness_refusals (
  refusal_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  checkpoint_id bigint      NOT NULL REFERENCES event_store.checkpoints (checkpoint_id),
  witness       text        NOT NULL,
  -- The HTTP status the witness answered (403, 409, 422, ...).
  status        smallint    NOT NULL,
  detail        text        NOT NULL,
  refused_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX witness_refusals_checkpoint_idx ON event_store.witness_refusals (checkpoint_id);

ALTER TABLE event_store.witness_cosignatures OWNER TO :"owner_role";
ALTER TABLE event_store.witness_refusals OWNER TO :"owner_role";
GRANT SELECT, INSERT ON event_store.witness_cosignatures TO :"app_role";
GRANT SELECT ON event_store.witness_refusals TO :"app_role";
GRANT INSERT (checkpoint_id, witness, status, detail) ON event_store.witness_refusals
  TO :"app_role";

CREATE TRIGGER witness_cosignatures_reject_update_delete
  BEFORE UPDATE OR DELETE ON event_store.witness_cosignatures
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER witness_cosignatures_reject_truncate
  BEFORE TRUNCATE ON event_store.witness_cosignatures
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER witness_refusals_reject_update_delete
  BEFORE UPDATE OR DELETE ON event_store.witness_refusals
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER witness_refusals_reject_truncate
  BEFORE TRUNCATE ON event_store.witness_refusals
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
