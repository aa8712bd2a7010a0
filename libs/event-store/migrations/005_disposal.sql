-- Disposal after retention (R7, R10): the one sanctioned change to a record. The records
-- officer's role :"disposal_role" may only call dispose_stream, which runs as :"owner_role",
-- removes a whole stream's payloads, keeps every hash (so other streams, the Merkle log and its
-- proofs still verify) and leaves a tombstone saying under which act, by whom and when.

CREATE TABLE event_store.disposals (
  stream_id      text        PRIMARY KEY,
  act_reference  text        NOT NULL CHECK (act_reference <> ''),
  disposed_by    text        NOT NULL CHECK (disposed_by <> ''),
  -- The database login that ran the function, beside the person the archive names.
  executed_by    name        NOT NULL,
  disposed_at    timestamptz NOT NULL,
  event_count    integer     NOT NULL CHECK (event_count > 0),
  last_version   integer     NOT NULL,
  last_hash      bytea,
  transaction_id xid8        NOT NULL DEFAULT pg_current_xact_id()
);

ALTER TABLE event_store.disposals OWNER TO :"owner_role";
GRANT USAGE ON SCHEMA event_store TO :"disposal_role";
GRANT SELECT ON event_store.disposals TO :"app_role", :"disposal_role";
CREATE TRIGGER disposals_reject_update_delete
  BEFORE UPDATE OR DELETE ON event_store.disposals
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER disposals_reject_truncate
  BEFORE TRUNCATE ON event_store.disposals
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();

ALTER TABLE event_store.events ALTER COLUMN canonical DROP NOT NULL;

-- The immutability trigger lets exactly one change through: an events row losing its payload
-- (canonical and metadata, nothing else) while the table's owner runs (which it does only
-- inside the SECURITY DEFINER function below; it cannot log in) in the transaction that wrote
-- the stream's tombstone. A custom setting would not do: any role may set one.
CREATE OR REPLACE FUNCTION event_store.reject_record_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Nested: NEW has no payload columns on the other tables and is NULL on DELETE.
  IF TG_OP = 'UPDATE' AND TG_TABLE_SCHEMA = 'event_store' AND TG_TABLE_NAME = 'events' THEN
    IF current_user = (SELECT r.rolname FROM pg_catalog.pg_class AS c
                       JOIN pg_catalog.pg_roles AS r ON r.oid = c.relowner WHERE c.oid = TG_RELID)
      AND NEW.canonical IS NULL AND NEW.metadata = '{}'::jsonb
      AND to_jsonb(NEW) - 'canonical' - 'metadata' = to_jsonb(OLD) - 'canonical' - 'metadata'
      AND EXISTS (SELECT 1 FROM event_store.disposals AS d
                  WHERE d.stream_id = OLD.stream_id AND d.transaction_id = pg_current_xact_id())
    THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'event store records are immutable: % on %.% is rejected',
    TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation',
          HINT = 'Correct a record by appending a new event.';
END;
$$;

CREATE FUNCTION event_store.dispose_stream(
  stream_id text, act_reference text, disposed_by text
) RETURNS event_store.disposals
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  tombstone event_store.disposals;
BEGIN
  IF coalesce(act_reference, '') = '' OR coalesce(disposed_by, '') = '' THEN
    RAISE EXCEPTION 'a disposal needs the act reference and who disposes'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM event_store.disposals AS d WHERE d.stream_id = dispose_stream.stream_id) THEN
    RAISE EXCEPTION 'stream % is already disposed', dispose_stream.stream_id
      USING ERRCODE = 'unique_violation';
  END IF;
  INSERT INTO event_store.disposals (stream_id, act_reference, disposed_by, executed_by,
    disposed_at, event_count, last_version, last_hash)
  SELECT dispose_stream.stream_id, dispose_stream.act_reference, dispose_stream.disposed_by,
    session_user, now(), count(*), max(e.stream_version),
    (array_agg(e.hash ORDER BY e.stream_version DESC))[1]
  FROM event_store.events AS e WHERE e.stream_id = dispose_stream.stream_id
  HAVING count(*) > 0
  RETURNING * INTO tombstone;
  IF tombstone.stream_id IS NULL THEN
    RAISE EXCEPTION 'stream % has no events to dispose', dispose_stream.stream_id
      USING ERRCODE = 'no_data_found';
  END IF;
  -- Only up to the tombstone's version: an event appended meanwhile stays visible and the
  -- verifier reports it, rather than vanish uncounted.
  UPDATE event_store.events AS e SET canonical = NULL, metadata = '{}'::jsonb
  WHERE e.stream_id = tombstone.stream_id AND e.stream_version <= tombstone.last_version;
  RETURN tombstone;
END;
$$;

ALTER FUNCTION event_store.dispose_stream(text, text, text) OWNER TO :"owner_role";
REVOKE ALL ON FUNCTION event_store.dispose_stream(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_store.dispose_stream(text, text, text) TO :"disposal_role";
