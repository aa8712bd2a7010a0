-- Personal data lives only here (152-FZ): mutable rows, an append-only change history, an
-- append-only log of every read. Events carry ids only.
CREATE SCHEMA IF NOT EXISTS identity AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA identity TO :"app_role";

-- Names sort as Russian readers expect: Ё with Е, not after Я (bytes) or before А.
CREATE COLLATION identity.russian (provider = icu, locale = 'ru-RU');
ALTER COLLATION identity.russian OWNER TO :"owner_role";

CREATE TABLE identity.persons (
  person_id   uuid        PRIMARY KEY,
  region_id   text        NOT NULL,
  surname     text        COLLATE identity.russian,
  given_name  text        COLLATE identity.russian,
  patronymic  text        COLLATE identity.russian,
  birth_date  date,
  email       text,
  phone       text,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  -- After retention the data is erased; the id stays, so records that name it stay whole.
  erased_at   timestamptz,
  CHECK (erased_at IS NOT NULL OR (surname IS NOT NULL AND given_name IS NOT NULL))
);
-- Duplicate detection: the same names and birth date in the region.
CREATE INDEX persons_namesake_idx ON identity.persons
  (region_id, lower(replace(surname, 'ё', 'е')), lower(replace(given_name, 'ё', 'е')), birth_date);

CREATE TABLE identity.person_changes (
  change_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id      uuid        NOT NULL REFERENCES identity.persons,
  changed_at     timestamptz NOT NULL,
  actor_id       text        NOT NULL,
  actor_role     text        NOT NULL,
  source         text        NOT NULL CHECK (source IN ('import', 'correction', 'registration')),
  changed_fields text[]      NOT NULL,
  before         jsonb,
  after          jsonb
);
CREATE INDEX person_changes_person_idx ON identity.person_changes (person_id, change_id);

CREATE TABLE identity.access_log (
  entry_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor_id   text        NOT NULL,
  actor_role text        NOT NULL,
  subject_id uuid        NOT NULL,
  endpoint   text        NOT NULL,
  -- The school through which the read was authorised; null for region-wide roles.
  school_id  text
);
CREATE INDEX access_log_subject_idx ON identity.access_log (subject_id, at);
CREATE INDEX access_log_school_idx ON identity.access_log (school_id, at);

-- A school's stable keys from its own systems, mapped to region-wide ids.
CREATE TABLE identity.external_keys (
  school_id    text        NOT NULL,
  external_key text        NOT NULL,
  kind         text        NOT NULL CHECK (kind IN ('class', 'pupil', 'guardian', 'staff')),
  target_id    text        NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (school_id, external_key)
);

-- History and access log are append-only; only the erasure function, running as the owner,
-- may blank the personal data kept in the history.
CREATE FUNCTION identity.reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('identity.erasure', true) = 'on'
     AND (SELECT relowner FROM pg_class WHERE oid = TG_RELID)
       = (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '%.% is append-only: % is rejected', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER person_changes_append_only BEFORE UPDATE OR DELETE ON identity.person_changes
  FOR EACH ROW EXECUTE FUNCTION identity.reject_change();
CREATE TRIGGER person_changes_no_truncate BEFORE TRUNCATE ON identity.person_changes
  FOR EACH STATEMENT EXECUTE FUNCTION identity.reject_change();
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON identity.access_log
  FOR EACH ROW EXECUTE FUNCTION identity.reject_change();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON identity.access_log
  FOR EACH STATEMENT EXECUTE FUNCTION identity.reject_change();

-- Erasure after retention: blanks the person's data and the values in its history.
CREATE FUNCTION identity.erase_person(target uuid, at timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, identity AS $$
BEGIN
  PERFORM set_config('identity.erasure', 'on', true);
  UPDATE identity.persons SET surname = NULL, given_name = NULL, patronymic = NULL,
    birth_date = NULL, email = NULL, phone = NULL, erased_at = at, updated_at = at
    WHERE person_id = target;
  UPDATE identity.person_changes SET before = NULL, after = NULL WHERE person_id = target;
  PERFORM set_config('identity.erasure', 'off', true);
END;
$$;

ALTER TABLE identity.persons OWNER TO :"owner_role";
ALTER TABLE identity.person_changes OWNER TO :"owner_role";
ALTER TABLE identity.access_log OWNER TO :"owner_role";
ALTER TABLE identity.external_keys OWNER TO :"owner_role";
ALTER FUNCTION identity.reject_change() OWNER TO :"owner_role";
ALTER FUNCTION identity.erase_person(uuid, timestamptz) OWNER TO :"owner_role";
REVOKE ALL ON FUNCTION identity.erase_person(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION identity.erase_person(uuid, timestamptz) TO :"app_role";
GRANT SELECT, INSERT, UPDATE ON identity.persons TO :"app_role";
GRANT SELECT, INSERT ON identity.person_changes, identity.access_log TO :"app_role";
GRANT SELECT, INSERT ON identity.external_keys TO :"app_role";
