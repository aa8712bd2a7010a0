-- A disposed stream is closed for good (R7, R10): its tombstone stands for the whole stream, so
-- an append after it would start a record the disposal act never covered. Enforced here, not by
-- the application, like immutability. The error is the store's `EVENT_STORE.STREAM_DISPOSED`.
CREATE FUNCTION event_store.reject_append_to_disposed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM event_store.disposals AS d WHERE d.stream_id = NEW.stream_id) THEN
    RAISE EXCEPTION 'stream % is disposed: it takes no more events', NEW.stream_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'ejournal:stream_disposed';
  END IF;
  RETURN NEW;
END;
$$;

ALTER FUNCTION event_store.reject_append_to_disposed() OWNER TO :"owner_role";
CREATE TRIGGER events_reject_append_to_disposed
  BEFORE INSERT ON event_store.events
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_append_to_disposed();
