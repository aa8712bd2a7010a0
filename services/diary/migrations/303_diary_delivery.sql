-- Delivery of the notifications (diary.notifications) beyond Kafka: signed webhooks per school
-- app, the recipient's inbox and live stream, and each recipient's preferences. Deliveries are
-- derived from the notification rows by the fan-out (no second write by the consumer); each
-- endpoint is its own queue, claimed with FOR UPDATE SKIP LOCKED and a lease.
SET LOCAL ROLE :"owner_role";

-- The inbox: when the recipient read it. The fan-out: when the webhook endpoints were matched.
ALTER TABLE diary.notifications ADD COLUMN read_at timestamptz;
ALTER TABLE diary.notifications ADD COLUMN fanned_out_at timestamptz;
-- Rows written before this migration were never meant for webhooks.
UPDATE diary.notifications SET fanned_out_at = now();
CREATE INDEX notifications_unfanned_idx ON diary.notifications (seq) WHERE fanned_out_at IS NULL;
CREATE INDEX notifications_school_idx ON diary.notifications (school_id, created_at);

-- A school app's endpoint. `secrets`: the current secret first; during a rotation the
-- previous one second, until previous_until (both signatures are sent meanwhile).
CREATE TABLE diary.webhook_endpoints (
  endpoint_id    uuid PRIMARY KEY,
  url            text   NOT NULL,
  school_ids     text[] NOT NULL CHECK (cardinality(school_ids) > 0),
  kinds          text[] NOT NULL,
  secrets        text[] NOT NULL CHECK (cardinality(secrets) BETWEEN 1 AND 2),
  previous_until timestamptz,
  registered_by  text   NOT NULL,
  registered_at  timestamptz NOT NULL DEFAULT now(),
  disabled_at    timestamptz
);
CREATE INDEX webhook_endpoints_schools_idx ON diary.webhook_endpoints USING gin (school_ids);

-- One notification for one endpoint, delivered in seq order per (pupil, recipient). Pending
-- until a 2xx answer; dead after retrying for WEBHOOK_RETRY_FOR_MS. A claim sets lease_until:
-- a crashed sender's row is claimed again when it lapses, with the same webhook-id.
CREATE TABLE diary.webhook_deliveries (
  endpoint_id      uuid NOT NULL REFERENCES diary.webhook_endpoints ON DELETE CASCADE,
  notification_id  uuid NOT NULL REFERENCES diary.notifications,
  seq              bigint NOT NULL,
  pupil_id         text COLLATE "C" NOT NULL,
  recipient_id     text COLLATE "C" NOT NULL,
  state            text NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'delivered', 'dead')),
  next_attempt_at  timestamptz NOT NULL,
  lease_until      timestamptz,
  attempts         integer NOT NULL DEFAULT 0,
  first_attempt_at timestamptz,
  last_error       text,
  delivered_at     timestamptz,
  dead_at          timestamptz,
  PRIMARY KEY (endpoint_id, notification_id)
);
CREATE INDEX webhook_deliveries_queue_idx
  ON diary.webhook_deliveries (endpoint_id, pupil_id, recipient_id, seq) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_due_idx
  ON diary.webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_dead_idx
  ON diary.webhook_deliveries (endpoint_id, dead_at) WHERE state = 'dead';

-- A recipient's channels, quiet hours (local times of the notification's school) and digest.
CREATE TABLE diary.notification_preferences (
  person_id   text COLLATE "C" PRIMARY KEY,
  preferences jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- What a command answered, for 24 hours: a retry with the same Idempotency-Key and body gets
-- it again. Diary answers hold ids only (a webhook's secret is never answered).
CREATE TABLE diary.idempotent_replies (
  caller      text NOT NULL,
  route       text NOT NULL,
  key         text NOT NULL,
  body_hash   text NOT NULL,
  answer      jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller, route, key)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON diary.webhook_endpoints, diary.webhook_deliveries,
  diary.notification_preferences, diary.idempotent_replies TO :"app_role";
RESET ROLE;
