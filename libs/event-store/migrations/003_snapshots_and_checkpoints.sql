-- Caches and positions, not records: the application may replace them.

-- The latest folded state per stream; a newer version replaces an older one, never the reverse.
CREATE TABLE event_store.snapshots (
  stream_id      text        PRIMARY KEY,
  stream_version integer     NOT NULL CHECK (stream_version > 0),
  state          jsonb       NOT NULL,
  saved_at       timestamptz NOT NULL
);

-- Where each named subscription has handled the global order up to.
CREATE TABLE event_store.subscription_checkpoints (
  name            text        PRIMARY KEY,
  transaction_id  xid8        NOT NULL,
  global_position bigint      NOT NULL,
  updated_at      timestamptz NOT NULL
);

ALTER TABLE event_store.snapshots OWNER TO :"owner_role";
ALTER TABLE event_store.subscription_checkpoints OWNER TO :"owner_role";
GRANT SELECT, INSERT, UPDATE ON event_store.snapshots TO :"app_role";
GRANT SELECT, INSERT, UPDATE ON event_store.subscription_checkpoints TO :"app_role";
