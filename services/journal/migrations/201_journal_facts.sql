-- Identity's facts as the journal's commands read them (schools, classes and groups, calendars,
-- policies, who was in which class or group on which day), projected from
-- ejournal.identity.events.v1, never fetched from identity during a command. A cache of
-- identity's record, not a record: the application role may change and delete these rows, and
-- replaying the topic rebuilds them.
CREATE SCHEMA IF NOT EXISTS journal_facts AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA journal_facts TO :"app_role";

-- The last version applied of each source stream (`school-…`, `group-…`, `enrolment-…`, and the
-- streams whose events the journal skips), written in the transaction that applies the event:
-- a redelivered or replayed event changes nothing. 0 exists only inside that transaction.
CREATE TABLE journal_facts.applied_versions (
  stream_id text COLLATE "C" PRIMARY KEY,
  version   integer NOT NULL CHECK (version >= 0)
);

CREATE TABLE journal_facts.schools (
  school_id text COLLATE "C" PRIMARY KEY,
  region_id text COLLATE "C" NOT NULL,
  -- IANA, e.g. Europe/Simferopol: "today" and correction windows are computed in it.
  time_zone text NOT NULL
);

-- Classes (kind 'class') and identity's ad-hoc groups: either can be a journal's group.
CREATE TABLE journal_facts.groups (
  group_id      text COLLATE "C" PRIMARY KEY,
  school_id     text COLLATE "C" NOT NULL,
  academic_year text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('class', 'subgroup', 'elective', 'club',
                                              'extended_day', 'extracurricular', 'individual'))
);

-- The calendar in force: a later AcademicCalendarSet of the same year replaces the row.
CREATE TABLE journal_facts.calendars (
  school_id     text COLLATE "C" NOT NULL,
  academic_year text NOT NULL,
  starts_on     date  NOT NULL,
  ends_on       date  NOT NULL,
  period_kind   text  NOT NULL,
  periods       jsonb NOT NULL,
  holidays      jsonb NOT NULL,
  PRIMARY KEY (school_id, academic_year)
);

-- Every published version; the one in force on a date is the highest effective on or before it.
CREATE TABLE journal_facts.policies (
  school_id      text COLLATE "C" NOT NULL,
  policy_version integer NOT NULL,
  effective_from date    NOT NULL,
  -- The event's data (current schema version).
  policy         jsonb   NOT NULL,
  PRIMARY KEY (school_id, policy_version)
);

-- Intervals below are half-open, [from_date, until_date): until_date is the first day the
-- pupil is no longer there, NULL while they still are. A row is keyed by the version of its
-- source stream that opened it, so a withdrawal and a re-enrolment on the same day (or a
-- removal and a re-admission) are two rows.

-- Placements from `enrolment-{pupilId}`: the class (and school) a pupil was in.
CREATE TABLE journal_facts.placements (
  pupil_id   text COLLATE "C" NOT NULL,
  opened_by  integer NOT NULL,
  school_id  text COLLATE "C" NOT NULL,
  class_id   text COLLATE "C" NOT NULL,
  from_date  date    NOT NULL,
  until_date date,
  PRIMARY KEY (pupil_id, opened_by),
  CHECK (until_date > from_date)
);
-- A class's roster on a date, read on every lesson command: an index-only range scan.
CREATE INDEX placements_class_idx
  ON journal_facts.placements (class_id, from_date) INCLUDE (until_date, pupil_id);
-- At most one placement holds at a time; transfers and withdrawals close it.
CREATE UNIQUE INDEX placements_open_idx
  ON journal_facts.placements (pupil_id) WHERE until_date IS NULL;

-- Memberships of ad-hoc groups from `group-{groupId}`.
CREATE TABLE journal_facts.group_memberships (
  group_id   text COLLATE "C" NOT NULL,
  opened_by  integer NOT NULL,
  pupil_id   text COLLATE "C" NOT NULL,
  from_date  date    NOT NULL,
  until_date date,
  PRIMARY KEY (group_id, opened_by),
  CHECK (until_date > from_date)
);
CREATE INDEX group_memberships_group_idx
  ON journal_facts.group_memberships (group_id, from_date) INCLUDE (until_date, pupil_id);
CREATE UNIQUE INDEX group_memberships_open_idx
  ON journal_facts.group_memberships (group_id, pupil_id) WHERE until_date IS NULL;

ALTER TABLE journal_facts.applied_versions OWNER TO :"owner_role";
ALTER TABLE journal_facts.schools OWNER TO :"owner_role";
ALTER TABLE journal_facts.groups OWNER TO :"owner_role";
ALTER TABLE journal_facts.calendars OWNER TO :"owner_role";
ALTER TABLE journal_facts.policies OWNER TO :"owner_role";
ALTER TABLE journal_facts.placements OWNER TO :"owner_role";
ALTER TABLE journal_facts.group_memberships OWNER TO :"owner_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON journal_facts.applied_versions, journal_facts.schools,
  journal_facts.groups, journal_facts.calendars, journal_facts.policies,
  journal_facts.placements, journal_facts.group_memberships TO :"app_role";
