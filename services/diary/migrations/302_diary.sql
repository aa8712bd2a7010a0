-- The diary's own state, from ejournal.journal.events.v1: what each journal and summary stream
-- says about each pupil (ids, marks, attendance, topics and homework), the notifications it
-- produced (the outbox of ejournal.diary.notifications.v1, kept for webhooks and live streams),
-- the documents of the read store waiting to be written again, and the log of diary reads.
-- One consumer transaction writes an event's rows, its notifications, the stale documents and
-- its stream's applied version together.
CREATE SCHEMA IF NOT EXISTS diary AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA diary TO :"app_role";
SET LOCAL ROLE :"owner_role";

CREATE TABLE diary.applied_versions (
  stream_id text COLLATE "C" PRIMARY KEY,
  version   integer NOT NULL CHECK (version >= 0)
);

CREATE TABLE diary.journals (
  journal_id    text COLLATE "C" PRIMARY KEY,
  school_id     text COLLATE "C" NOT NULL,
  academic_year text NOT NULL,
  group_id      text COLLATE "C" NOT NULL,
  kind          text NOT NULL,
  subject_id    text COLLATE "C",
  scale         text NOT NULL
);
CREATE INDEX journals_group_idx ON diary.journals (group_id);

CREATE TABLE diary.lessons (
  lesson_id     text COLLATE "C" PRIMARY KEY,
  journal_id    text COLLATE "C" NOT NULL,
  date          date    NOT NULL,
  slot          integer NOT NULL,
  topic         text    NOT NULL,
  homework_text text,
  homework_due  date,
  edited        boolean NOT NULL DEFAULT false,
  voided        boolean NOT NULL DEFAULT false
);
CREATE INDEX lessons_journal_idx ON diary.lessons (journal_id, date);

CREATE TABLE diary.marks (
  mark_id    text COLLATE "C" PRIMARY KEY,
  journal_id text COLLATE "C" NOT NULL,
  lesson_id  text COLLATE "C" NOT NULL,
  pupil_id   text COLLATE "C" NOT NULL,
  value      text    NOT NULL,
  work_type  text    NOT NULL,
  weight     numeric NOT NULL,
  corrected  boolean NOT NULL DEFAULT false,
  revoked    boolean NOT NULL DEFAULT false
);
CREATE INDEX marks_pupil_idx ON diary.marks (pupil_id);
CREATE INDEX marks_lesson_idx ON diary.marks (lesson_id);

CREATE TABLE diary.attendance (
  lesson_id  text COLLATE "C" NOT NULL,
  pupil_id   text COLLATE "C" NOT NULL,
  journal_id text COLLATE "C" NOT NULL,
  status     text    NOT NULL,
  corrected  boolean NOT NULL DEFAULT false,
  PRIMARY KEY (lesson_id, pupil_id)
);
CREATE INDEX attendance_pupil_idx ON diary.attendance (pupil_id);

-- Period (period 1..4), year, exam and final marks of the class summary sheets; period 0 when
-- the kind has none.
CREATE TABLE diary.summary_marks (
  pupil_id      text COLLATE "C" NOT NULL,
  academic_year text NOT NULL,
  subject_id    text COLLATE "C" NOT NULL,
  kind          text    NOT NULL,
  period        integer NOT NULL,
  value         text    NOT NULL,
  corrected     boolean NOT NULL DEFAULT false,
  stream_id     text COLLATE "C" NOT NULL,
  PRIMARY KEY (pupil_id, academic_year, subject_id, kind, period)
);

-- Streams whose events were dead-lettered: their documents read as stale until rebuilt.
CREATE TABLE diary.quarantined_streams (
  stream_id text COLLATE "C" PRIMARY KEY,
  reason    text NOT NULL,
  since     timestamptz NOT NULL DEFAULT now()
);

-- Read-store documents to write again from these tables. The writer claims rows with
-- FOR UPDATE SKIP LOCKED: one writer per document across replicas (FerretDB 1.x loses
-- concurrent updates of one document).
CREATE TABLE diary.stale_documents (
  document_id text COLLATE "C" PRIMARY KEY,
  seq         bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX stale_documents_seq_idx ON diary.stale_documents (seq);

-- One row per notification and recipient, id derived from (source event, recipient). The
-- relay publishes rows without published_at in seq order and sets it; rows stay for the
-- webhooks and live streams built on them.
CREATE TABLE diary.notifications (
  notification_id uuid PRIMARY KEY,
  seq             bigint GENERATED ALWAYS AS IDENTITY,
  pupil_id        text COLLATE "C" NOT NULL,
  recipient_id    text COLLATE "C" NOT NULL,
  school_id       text COLLATE "C" NOT NULL,
  kind            text NOT NULL,
  message         jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  published_at    timestamptz
);
CREATE INDEX notifications_unpublished_idx ON diary.notifications (seq)
  WHERE published_at IS NULL;
CREATE INDEX notifications_recipient_idx ON diary.notifications (recipient_id, seq);

-- 152-FZ: who read whose diary, when, through which grant; append-only.
CREATE TABLE diary.read_log (
  entry_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor_id   text NOT NULL,
  actor_role text NOT NULL,
  pupil_id   text NOT NULL,
  endpoint   text NOT NULL,
  school_id  text
);
CREATE INDEX read_log_pupil_idx ON diary.read_log (pupil_id, at);

CREATE FUNCTION diary.reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only: % is rejected', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER read_log_append_only BEFORE UPDATE OR DELETE ON diary.read_log
  FOR EACH ROW EXECUTE FUNCTION diary.reject_change();
CREATE TRIGGER read_log_no_truncate BEFORE TRUNCATE ON diary.read_log
  FOR EACH STATEMENT EXECUTE FUNCTION diary.reject_change();

GRANT SELECT, INSERT, UPDATE, DELETE ON diary.applied_versions, diary.journals, diary.lessons,
  diary.marks, diary.attendance, diary.summary_marks, diary.quarantined_streams,
  diary.stale_documents, diary.notifications TO :"app_role";
GRANT SELECT, INSERT ON diary.read_log TO :"app_role";
RESET ROLE;
