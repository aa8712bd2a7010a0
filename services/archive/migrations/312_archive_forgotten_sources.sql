-- Disposal forgets the archive's own copy (issue 16): executing a disposal act deletes the
-- stream's rows of archive.document_sources and marks the stream here, so that a replay of the
-- journal's topic (a new consumer group, a rebuild) cannot bring the disposed content back.
CREATE TABLE archive.forgotten_sources (
  stream_id     text        COLLATE "C" PRIMARY KEY,
  act_reference text        NOT NULL,
  forgotten_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE archive.forgotten_sources OWNER TO :"owner_role";
GRANT SELECT, INSERT ON archive.forgotten_sources TO :"app_role";
