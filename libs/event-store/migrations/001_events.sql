-- The record: one row per event, written once, never changed in place.
-- :"owner_role" (NOLOGIN) owns everything; :"app_role" may only INSERT and SELECT records.
CREATE SCHEMA IF NOT EXISTS event_store AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA event_store TO :"app_role";

CREATE TABLE event_store.events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The writing transaction: readers follow (transaction_id, global_position) below the
  -- oldest running transaction, so a row that commits late is never skipped.
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid        NOT NULL,
  stream_id       text        NOT NULL,
  stream_version  integer     NOT NULL CHECK (stream_version > 0),
  -- Retention class and subscription filter; a plain column (not generated) so that it can
  -- become a partition key.
  category        text        NOT NULL CHECK (category = split_part(stream_id, '-', 1)),
  type            text        NOT NULL,
  schema_version  integer     NOT NULL CHECK (schema_version > 0),
  region_id       text        NOT NULL,
  school_id       text,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  -- The exact bytes that are hashed (RFC 8785 JSON of the hashed fields, data included).
  canonical       bytea       NOT NULL,
  -- Envelope fields outside the hash (traceparent).
  metadata        jsonb       NOT NULL,
  prev_hash       bytea,
  hash            bytea,
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  -- The arbiter of concurrent appends to one stream: the second writer of a version fails.
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
);

CREATE INDEX events_safe_order_idx ON event_store.events (transaction_id, global_position);
CREATE INDEX events_category_order_idx
  ON event_store.events (category, transaction_id, global_position);
CREATE INDEX events_tenant_idx ON event_store.events (region_id, school_id);

ALTER TABLE event_store.events OWNER TO :"owner_role";
GRANT SELECT ON event_store.events TO :"app_role";
-- Not global_position nor transaction_id: the database assigns both, the application cannot
-- forge its place in the global order.
GRANT INSERT (
  event_id, stream_id, stream_version, category, type, schema_version, region_id, school_id,
  occurred_at, recorded_at, canonical, metadata, prev_hash, hash
) ON event_store.events TO :"app_role";

-- Permissions already stop the application role; the triggers also stop the owner and
-- superusers, who would first have to disable them with an ALTER TABLE (DDL, logged).
CREATE FUNCTION event_store.reject_record_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event store records are immutable: % on %.% is rejected',
    TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation',
          HINT = 'Correct a record by appending a new event.';
END;
$$;
ALTER FUNCTION event_store.reject_record_change() OWNER TO :"owner_role";

CREATE TRIGGER events_reject_update_delete
  BEFORE UPDATE OR DELETE ON event_store.events
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER events_reject_truncate
  BEFORE TRUNCATE ON event_store.events
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
