-- HTTP Idempotency-Keys, each written in the transaction of the append it produced.
CREATE TABLE event_store.idempotency_records (
  caller        text        NOT NULL,
  route         text        NOT NULL,
  key           text        NOT NULL,
  body_hash     text        NOT NULL,
  response      jsonb       NOT NULL,
  stream_id     text        NOT NULL,
  first_version integer     NOT NULL,
  last_version  integer     NOT NULL,
  positions     bigint[]    NOT NULL,
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (caller, route, key)
);

ALTER TABLE event_store.idempotency_records OWNER TO :"owner_role";
GRANT SELECT, INSERT ON event_store.idempotency_records TO :"app_role";

CREATE TRIGGER idempotency_records_reject_update_delete
  BEFORE UPDATE OR DELETE ON event_store.idempotency_records
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER idempotency_records_reject_truncate
  BEFORE TRUNCATE ON event_store.idempotency_records
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
