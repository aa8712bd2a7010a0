-- Projections of identity's events, rebuilt from the store at will. Each stream's last
-- applied version is kept, so a replay changes nothing.
CREATE TABLE identity.projection_versions (
  stream_id text    PRIMARY KEY,
  version   integer NOT NULL
);

CREATE TABLE identity.municipalities (municipality_id text PRIMARY KEY, region_id text NOT NULL);

CREATE TABLE identity.schools (
  school_id       text PRIMARY KEY,
  region_id       text NOT NULL,
  municipality_id text NOT NULL,
  time_zone       text NOT NULL
);

CREATE TABLE identity.calendars (
  school_id     text  NOT NULL,
  academic_year text  NOT NULL,
  starts_on     date  NOT NULL,
  ends_on       date  NOT NULL,
  calendar      jsonb NOT NULL,
  PRIMARY KEY (school_id, academic_year)
);

CREATE TABLE identity.policies (
  school_id      text        NOT NULL,
  policy_version integer     NOT NULL,
  effective_from date        NOT NULL,
  policy         jsonb       NOT NULL,
  published_at   timestamptz NOT NULL,
  PRIMARY KEY (school_id, policy_version)
);

CREATE TABLE identity.classes (
  class_id      text    PRIMARY KEY,
  school_id     text    NOT NULL,
  academic_year text    NOT NULL,
  grade         integer NOT NULL,
  letter        text    NOT NULL,
  UNIQUE (school_id, academic_year, grade, letter)
);

CREATE TABLE identity.groups (
  group_id      text PRIMARY KEY,
  school_id     text NOT NULL,
  academic_year text NOT NULL,
  kind          text NOT NULL,
  title         text NOT NULL
);

-- Half-open date ranges [from_date, to_date): who was where on a given day.
CREATE TABLE identity.group_members (
  group_id  text NOT NULL,
  pupil_id  uuid NOT NULL,
  from_date date NOT NULL,
  to_date   date,
  PRIMARY KEY (group_id, pupil_id, from_date)
);

CREATE TABLE identity.enrolments (
  pupil_id  uuid NOT NULL,
  school_id text NOT NULL,
  class_id  text NOT NULL,
  from_date date NOT NULL,
  to_date   date,
  PRIMARY KEY (pupil_id, from_date)
);
CREATE INDEX enrolments_class_idx ON identity.enrolments (class_id, from_date);
CREATE INDEX enrolments_school_idx ON identity.enrolments (school_id, from_date);

CREATE TABLE identity.guardianships (
  pupil_id     uuid   NOT NULL,
  guardian_id  uuid   NOT NULL,
  relation     text   NOT NULL,
  valid_from   date   NOT NULL,
  valid_until  date,
  restrictions text[] NOT NULL,
  current      boolean NOT NULL,
  PRIMARY KEY (pupil_id, guardian_id, valid_from)
);
CREATE INDEX guardianships_guardian_idx ON identity.guardianships (guardian_id);

CREATE TABLE identity.grants (
  grant_id        text PRIMARY KEY,
  person_id       uuid NOT NULL,
  role            text NOT NULL,
  scope_kind      text NOT NULL,
  scope_id        text NOT NULL,
  scope_school_id text,
  revoked         boolean NOT NULL DEFAULT false
);
CREATE INDEX grants_person_idx ON identity.grants (person_id);
CREATE INDEX grants_scope_idx ON identity.grants (scope_kind, scope_id);

CREATE TABLE identity.consents (
  consent_id   text        PRIMARY KEY,
  grantor_id   uuid        NOT NULL,
  subject_id   uuid        NOT NULL,
  purpose      text        NOT NULL,
  given_at     timestamptz NOT NULL,
  withdrawn_at timestamptz
);
CREATE INDEX consents_subject_idx ON identity.consents (subject_id, purpose);

ALTER TABLE identity.projection_versions OWNER TO :"owner_role";
ALTER TABLE identity.municipalities OWNER TO :"owner_role";
ALTER TABLE identity.schools OWNER TO :"owner_role";
ALTER TABLE identity.calendars OWNER TO :"owner_role";
ALTER TABLE identity.policies OWNER TO :"owner_role";
ALTER TABLE identity.classes OWNER TO :"owner_role";
ALTER TABLE identity.groups OWNER TO :"owner_role";
ALTER TABLE identity.group_members OWNER TO :"owner_role";
ALTER TABLE identity.enrolments OWNER TO :"owner_role";
ALTER TABLE identity.guardianships OWNER TO :"owner_role";
ALTER TABLE identity.grants OWNER TO :"owner_role";
ALTER TABLE identity.consents OWNER TO :"owner_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON identity.projection_versions, identity.municipalities,
  identity.schools, identity.calendars, identity.policies, identity.classes, identity.groups,
  identity.group_members, identity.enrolments, identity.guardianships, identity.grants,
  identity.consents TO :"app_role";
