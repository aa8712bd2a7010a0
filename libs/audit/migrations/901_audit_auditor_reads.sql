-- Every read an auditor made of this store (R11: access is logged): who, with which grant,
-- what, when. A record like the events: owned by the no-login owner, the application may only
-- INSERT (not the id or the instant, which the database sets) and SELECT; UPDATE, DELETE and
-- TRUNCATE are rejected by the event store's trigger.
CREATE SCHEMA IF NOT EXISTS audit AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA audit TO :"app_role";

CREATE TABLE audit.auditor_reads (
  read_id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  read_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  subject        text        NOT NULL CHECK (subject <> ''),
  role           text        NOT NULL,
  grant_scope    jsonb       NOT NULL,
  method         text        NOT NULL,
  route          text        NOT NULL,
  url            text        NOT NULL,
  correlation_id text
);

ALTER TABLE audit.auditor_reads OWNER TO :"owner_role";
GRANT SELECT ON audit.auditor_reads TO :"app_role";
GRANT INSERT (subject, role, grant_scope, method, route, url, correlation_id)
  ON audit.auditor_reads TO :"app_role";
CREATE TRIGGER auditor_reads_reject_update_delete
  BEFORE UPDATE OR DELETE ON audit.auditor_reads
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_record_change();
CREATE TRIGGER auditor_reads_reject_truncate
  BEFORE TRUNCATE ON audit.auditor_reads
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_record_change();
