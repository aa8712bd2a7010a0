-- Accounts and everything sign-in needs. Secrets are stored only as hashes.
CREATE TABLE identity.accounts (
  person_id        uuid        PRIMARY KEY REFERENCES identity.persons,
  login            text        UNIQUE,
  password_hash    text,
  status           text        NOT NULL CHECK (status IN ('pending', 'active', 'deactivated')),
  failed_attempts  integer     NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL,
  activated_at     timestamptz,
  deactivated_at   timestamptz,
  CHECK (status = 'pending' OR login IS NOT NULL OR status = 'deactivated')
);

-- Activation and password-reset codes: SHA-256 of a 60-bit random code, used once.
CREATE TABLE identity.one_time_codes (
  code_hash   bytea       PRIMARY KEY,
  person_id   uuid        NOT NULL REFERENCES identity.persons,
  purpose     text        NOT NULL CHECK (purpose IN ('activation', 'password_reset')),
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  revoked_at  timestamptz
);
CREATE INDEX one_time_codes_person_idx ON identity.one_time_codes (person_id, purpose);

-- Rotating refresh tokens: each use replaces the token; reusing a replaced one revokes the
-- whole family (a stolen token was used).
CREATE TABLE identity.refresh_tokens (
  token_hash  bytea       PRIMARY KEY,
  family_id   uuid        NOT NULL,
  person_id   uuid        NOT NULL REFERENCES identity.persons,
  issued_at   timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON identity.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_person_idx ON identity.refresh_tokens (person_id);

-- Service accounts sign in with client credentials; their grants are fixed here.
CREATE TABLE identity.service_accounts (
  client_id    text        PRIMARY KEY,
  secret_hash  text        NOT NULL,
  grants       jsonb       NOT NULL,
  created_at   timestamptz NOT NULL,
  disabled_at  timestamptz
);

-- Access-token signing keys; the private key is encrypted with a key from the environment.
CREATE TABLE identity.signing_keys (
  kid          text        PRIMARY KEY,
  public_jwk   jsonb       NOT NULL,
  private_key  bytea       NOT NULL,
  created_at   timestamptz NOT NULL,
  -- Published from creation, used for signing from here: verifiers see it before any token.
  activates_at timestamptz NOT NULL,
  -- Stops signing here; stays published until its last token has expired.
  retired_at   timestamptz
);

ALTER TABLE identity.accounts OWNER TO :"owner_role";
ALTER TABLE identity.one_time_codes OWNER TO :"owner_role";
ALTER TABLE identity.refresh_tokens OWNER TO :"owner_role";
ALTER TABLE identity.service_accounts OWNER TO :"owner_role";
ALTER TABLE identity.signing_keys OWNER TO :"owner_role";
GRANT SELECT, INSERT, UPDATE ON identity.accounts, identity.one_time_codes,
  identity.refresh_tokens, identity.service_accounts, identity.signing_keys TO :"app_role";
