-- Year-end documents (issue 16, item 3). What the documents print, kept from the journal's
-- topic (events are facts with ids; names come from identity at print time), and the durable
-- generation jobs: one per record and source version, claimed under a lease with
-- FOR UPDATE SKIP LOCKED, so a restart resumes and no version is printed twice. Each
-- produced document and signature is an event of `document-{recordId}` in the archive's store.
CREATE SCHEMA IF NOT EXISTS archive AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA archive TO :"app_role";

-- The events of `journal-*` and `summary-*` streams, as received: a read model the archive
-- can rebuild from the topic. DELETE serves the disposal of a record's content.
CREATE TABLE archive.document_sources (
  stream_id      text        COLLATE "C" NOT NULL,
  stream_version integer     NOT NULL CHECK (stream_version >= 1),
  school_id      text        COLLATE "C" NOT NULL,
  type           text        COLLATE "C" NOT NULL,
  recorded_at    timestamptz NOT NULL,
  data           jsonb       NOT NULL,
  PRIMARY KEY (stream_id, stream_version)
);
CREATE INDEX document_sources_school_year
  ON archive.document_sources (school_id, type)
  WHERE type IN ('JournalOpened', 'JournalSealed');
ALTER TABLE archive.document_sources OWNER TO :"owner_role";
GRANT SELECT, INSERT, DELETE ON archive.document_sources TO :"app_role";

CREATE TABLE archive.document_jobs (
  job_id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_id      text        COLLATE "C" NOT NULL,
  kind           text        NOT NULL CHECK (kind IN ('journal', 'summary_sheet')),
  source_version integer     NOT NULL CHECK (source_version >= 1),
  school_id      text        COLLATE "C" NOT NULL,
  start_year     integer     NOT NULL,
  -- pending → done; superseded when a later version of the record is queued; failed after
  -- DOCUMENTS_MAX_ATTEMPTS (last_error says why; an operator re-queues it).
  status         text        NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'done', 'superseded', 'failed')),
  attempts       integer     NOT NULL DEFAULT 0,
  leased_until   timestamptz,
  leased_by      text,
  last_error     text,
  document_ref   text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  UNIQUE (record_id, source_version)
);
CREATE INDEX document_jobs_pending ON archive.document_jobs (job_id) WHERE status = 'pending';
CREATE INDEX document_jobs_school_year ON archive.document_jobs (school_id, start_year);
ALTER TABLE archive.document_jobs OWNER TO :"owner_role";
GRANT SELECT, INSERT, UPDATE ON archive.document_jobs TO :"app_role";
