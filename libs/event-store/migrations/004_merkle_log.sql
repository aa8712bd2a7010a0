-- Tamper evidence across the store: one growing Merkle log (RFC 9162 tree hashing) whose
-- leaves are the events' chain hashes in the readers' safe order, and signed checkpoints of
-- its root. The log builder writes them as :"app_role"; like events, they are never changed.

-- Leaf i is the i-th event of the safe order (transaction_id, global_position). The stream
-- and version are kept so that a deleted event is still named by what it was.
CREATE TABLE event_store.merkle_leaves (
  leaf_index      bigint  PRIMARY KEY CHECK (leaf_index >= 0),
  transaction_id  xid8    NOT NULL,
  global_position bigint  NOT NULL,
  stream_id       text    NOT NULL,
  stream_version  integer NOT NULL,
  event_hash      bytea   NOT NULL CHECK (octet_length(event_hash) = 32),
  CONSTRAINT merkle_leaves_global_position_key UNIQUE (global_position)
);

-- Hashes of complete subtrees at every fourth level (16, 256, 4096, ... leaves): a node at any
-- other level is folded from at most 8 stored ones, so a proof of a 2-billion-leaf log reads
-- a few hundred hashes while the table stays at 1/15 of the leaf count.
CREATE TABLE event_store.merkle_nodes (
  level      smallint NOT NULL CHECK (level > 0 AND level % 4 = 0),
  node_index bigint   NOT NULL CHECK (node_index >= 0),
  hash       bytea    NOT NULL CHECK (octet_length(hash) = 32),
  PRIMARY KEY (level, node_index)
);

-- Every public key that ever signed a checkpoint, kept for as long as the records: a key is
-- valid from valid_from until the next key's valid_from.
CREATE TABLE event_store.signing_keys (
  key_id     text        PRIMARY KEY CHECK (key_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
  algorithm  text        NOT NULL CHECK (algorithm = 'Ed25519'),
  public_key bytea       NOT NULL UNIQUE CHECK (octet_length(public_key) = 32),
  valid_from timestamptz NOT NULL
);

CREATE TABLE event_store.checkpoints (
  checkpoint_id bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  log_id        text        NOT NULL,
  tree_size     bigint      NOT NULL CHECK (tree_size >= 0),
  root_hash     bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
  signed_at     timestamptz NOT NULL,
  key_id        text        NOT NULL REFERENCES event_store.signing_keys (key_id),
  signature     bytea       NOT NULL CHECK (octet_length(signature) = 64)
);
CREATE INDEX checkpoints_tree_size_idx ON event_store.checkpoints (tree_size);

ALTER TABLE event_store.merkle_leaves OWNER TO :"owner_role";
ALTER TABLE event_store.merkle_nodes OWNER TO :"owner_role";
ALTER TABLE event_store.signing_keys OWNER TO :"owner_role";
ALTER TABLE event_store.checkpoints OWNER TO :"owner_role";
GRANT SELECT, INSERT ON event_store.merkle_leaves, event_store.merkle_nodes,
  event_store.signing_keys TO :"app_role";
GRANT SELECT ON event_store.checkpoints TO :"app_role";
GRANT INSERT (log_id, tree_size, root_hash, signed_at, key_id, signature)
  ON event_store.checkpoints TO :"app_role";

CREATE TRIGGER merkle_leaves_reject_update_delete
  BEFORE UPDATE OR DELETE ON event_store.merkle_leaves
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER merkle_leaves_reject_truncate
  BEFORE TRUNCATE ON event_store.merkle_leaves
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER merkle_nodes_reject_update_delete
  BEFORE UPDATE OR DELETE ON event_store.merkle_nodes
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER merkle_nodes_reject_truncate
  BEFORE TRUNCATE ON event_store.merkle_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER signing_keys_reject_update_delete
  BEFORE UPDATE OR DELETE ON event_store.signing_keys
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER signing_keys_reject_truncate
  BEFORE TRUNCATE ON event_store.signing_keys
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER checkpoints_reject_update_delete
  BEFORE UPDATE OR DELETE ON event_store.checkpoints
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER checkpoints_reject_truncate
  BEFORE TRUNCATE ON event_store.checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
