-- Identity's facts as the diary reads them, projected from ejournal.identity.events.v1 into the
-- same tables the journal keeps (libs/identity-facts writes both), plus guardianships and
-- consents: who may read a pupil's diary and who is notified. Ids only, never names. A cache of
-- identity's record: replaying the topic rebuilds it.
CREATE SCHEMA IF NOT EXISTS diary_facts AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA diary_facts TO :"app_role";
-- Tables belong to the owner role, like the journal's; the application role reads and writes.
SET LOCAL ROLE :"owner_role";

-- The last version applied of each identity stream, written with the change it applied.
CREATE TABLE diary_facts.applied_versions (
  stream_id text COLLATE "C" PRIMARY KEY,
  version   integer NOT NULL CHECK (version >= 0)
);

CREATE TABLE diary_facts.schools (
  school_id text COLLATE "C" PRIMARY KEY,
  region_id text COLLATE "C" NOT NULL,
  time_zone text NOT NULL
);

CREATE TABLE diary_facts.groups (
  group_id      text COLLATE "C" PRIMARY KEY,
  school_id     text COLLATE "C" NOT NULL,
  academic_year text NOT NULL,
  kind          text NOT NULL
);

CREATE TABLE diary_facts.calendars (
  school_id     text COLLATE "C" NOT NULL,
  academic_year text NOT NULL,
  starts_on     date  NOT NULL,
  ends_on       date  NOT NULL,
  period_kind   text  NOT NULL,
  periods       jsonb NOT NULL,
  holidays      jsonb NOT NULL,
  PRIMARY KEY (school_id, academic_year)
);

CREATE TABLE diary_facts.policies (
  school_id      text COLLATE "C" NOT NULL,
  policy_version integer NOT NULL,
  effective_from date    NOT NULL,
  policy         jsonb   NOT NULL,
  PRIMARY KEY (school_id, policy_version)
);

-- Half-open [from_date, until_date), keyed by the source stream version that opened the row.
CREATE TABLE diary_facts.placements (
  pupil_id   text COLLATE "C" NOT NULL,
  opened_by  integer NOT NULL,
  school_id  text COLLATE "C" NOT NULL,
  class_id   text COLLATE "C" NOT NULL,
  from_date  date    NOT NULL,
  until_date date,
  PRIMARY KEY (pupil_id, opened_by),
  CHECK (until_date > from_date)
);
CREATE INDEX placements_class_idx
  ON diary_facts.placements (class_id, from_date) INCLUDE (until_date, pupil_id);
CREATE UNIQUE INDEX placements_open_idx
  ON diary_facts.placements (pupil_id) WHERE until_date IS NULL;

CREATE TABLE diary_facts.group_memberships (
  group_id   text COLLATE "C" NOT NULL,
  opened_by  integer NOT NULL,
  pupil_id   text COLLATE "C" NOT NULL,
  from_date  date    NOT NULL,
  until_date date,
  PRIMARY KEY (group_id, opened_by),
  CHECK (until_date > from_date)
);
CREATE INDEX group_memberships_group_idx
  ON diary_facts.group_memberships (group_id, from_date) INCLUDE (until_date, pupil_id);
-- A pupil's groups during a week: the diary reads by pupil.
CREATE INDEX group_memberships_pupil_idx ON diary_facts.group_memberships (pupil_id);
CREATE UNIQUE INDEX group_memberships_open_idx
  ON diary_facts.group_memberships (group_id, pupil_id) WHERE until_date IS NULL;

CREATE TABLE diary_facts.staff_grants (
  grant_id  text COLLATE "C" PRIMARY KEY,
  person_id text COLLATE "C" NOT NULL,
  role      text    NOT NULL,
  school_id text COLLATE "C" NOT NULL,
  revoked   boolean NOT NULL DEFAULT false
);
CREATE INDEX staff_grants_person_idx ON diary_facts.staff_grants (person_id);

-- Stream `guardianship-{pupilId}`: valid on [valid_from, valid_until); ended_on closes it early.
CREATE TABLE diary_facts.guardianships (
  pupil_id    text COLLATE "C" NOT NULL,
  guardian_id text COLLATE "C" NOT NULL,
  valid_from  date NOT NULL,
  valid_until date,
  PRIMARY KEY (pupil_id, guardian_id)
);
CREATE INDEX guardianships_guardian_idx ON diary_facts.guardianships (guardian_id);

-- Restrictions in force from a date (each set replaces the earlier one): no_record_access,
-- no_notifications.
CREATE TABLE diary_facts.guardianship_restrictions (
  pupil_id     text COLLATE "C" NOT NULL,
  guardian_id  text COLLATE "C" NOT NULL,
  from_date    date   NOT NULL,
  restrictions text[] NOT NULL,
  PRIMARY KEY (pupil_id, guardian_id, from_date)
);

-- Stream `consent-{grantorId}`: the consents in force (a withdrawal deletes the row).
CREATE TABLE diary_facts.consents (
  grantor_id text COLLATE "C" NOT NULL,
  subject_id text COLLATE "C" NOT NULL,
  purpose    text NOT NULL,
  consent_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (grantor_id, subject_id, purpose)
);
CREATE INDEX consents_subject_idx ON diary_facts.consents (subject_id, purpose);

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA diary_facts TO :"app_role";
RESET ROLE;
