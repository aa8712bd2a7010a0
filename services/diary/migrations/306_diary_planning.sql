-- The planning context's facts (issue 21, item 7) from `planning-{schoolId}-{startYear}`
-- streams of ejournal.journal.events.v1: each class's or group's timetable versions, the
-- one-off changes by date and the bells, ids only. The document writer puts the lessons they
-- plan into the pupils' weeks; `planned_weeks` records the weeks the horizon keeper has
-- already marked for every pupil with a timetable (a week entering the horizon is marked once).
SET LOCAL ROLE :"owner_role";

CREATE TABLE diary.timetable_versions (
  group_id       text COLLATE "C" NOT NULL,
  effective_from date NOT NULL,
  school_id      text COLLATE "C" NOT NULL,
  academic_year  text NOT NULL,
  version_id     text COLLATE "C" NOT NULL,
  shift          integer NOT NULL,
  lessons        jsonb NOT NULL,
  stream_id      text COLLATE "C" NOT NULL,
  PRIMARY KEY (group_id, effective_from)
);
CREATE INDEX timetable_versions_school_idx ON diary.timetable_versions (school_id);

CREATE TABLE diary.timetable_changes (
  change_id      text COLLATE "C" PRIMARY KEY,
  school_id      text COLLATE "C" NOT NULL,
  academic_year  text NOT NULL,
  kind           text NOT NULL,
  group_id       text COLLATE "C" NOT NULL,
  journal_id     text COLLATE "C" NOT NULL,
  date           date NOT NULL,
  slot           integer NOT NULL,
  teacher_id     text COLLATE "C",
  room_id        text COLLATE "C",
  to_date        date,
  to_slot        integer,
  -- The order recorded: changes of one date apply in it.
  stream_version integer NOT NULL
);
CREATE INDEX timetable_changes_group_date_idx ON diary.timetable_changes (group_id, date);
CREATE INDEX timetable_changes_group_to_date_idx ON diary.timetable_changes (group_id, to_date);

CREATE TABLE diary.bell_schedules (
  school_id     text COLLATE "C" NOT NULL,
  academic_year text NOT NULL,
  shift         integer NOT NULL,
  slots         jsonb NOT NULL,
  exceptions    jsonb NOT NULL,
  PRIMARY KEY (school_id, academic_year, shift)
);

-- The weeks of the planning horizon (this week to the horizon's end), as the horizon keeper
-- marked them; planning and roster changes mark pupils' weeks among these.
CREATE TABLE diary.planned_weeks (
  week      text PRIMARY KEY,
  starts_on date NOT NULL,
  ends_on   date NOT NULL,
  marked_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON diary.timetable_versions, diary.timetable_changes,
  diary.bell_schedules, diary.planned_weeks TO :"app_role";
RESET ROLE;
