-- Pupils released by a school's order (выбытие) and not yet placed anywhere: who may place
-- them (the destination, else the releasing school) and what a receiving school may list.
CREATE TABLE identity.pupil_releases (
  pupil_id       uuid        PRIMARY KEY,
  from_school_id text        NOT NULL,
  from_class_id  text        NOT NULL,
  to_school_id   text,
  on_date        date        NOT NULL,
  order_ref      text        NOT NULL
);
CREATE INDEX pupil_releases_to_idx ON identity.pupil_releases (to_school_id);

ALTER TABLE identity.pupil_releases OWNER TO :"owner_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON identity.pupil_releases TO :"app_role";
