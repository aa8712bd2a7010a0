-- What a command answered, kept 24 hours so a retry with the same Idempotency-Key and body
-- gets that answer again (services/identity/src/edge/idempotent-replies.ts). Answers may hold
-- personal data and one-time codes: sealed with IDENTITY_KEY_ENCRYPTION_KEY (AES-256-GCM,
-- caller, route and key authenticated), purged as they expire.
CREATE TABLE identity.idempotent_replies (
  caller      text        NOT NULL,
  route       text        NOT NULL,
  key         text        NOT NULL,
  body_hash   text        NOT NULL,
  answer      bytea       NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller, route, key)
);
CREATE INDEX idempotent_replies_recorded_idx ON identity.idempotent_replies (recorded_at);

ALTER TABLE identity.idempotent_replies OWNER TO :"owner_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON identity.idempotent_replies TO :"app_role";
