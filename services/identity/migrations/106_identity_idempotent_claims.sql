-- A command claims its Idempotency-Key before it runs (a 'pending' row without an answer), so
-- a second request with the key at the same moment, on any replica, gets 409 instead of running
-- too (libs/write-path CommandReplies). Rows kept so far are answers.
ALTER TABLE identity.idempotent_replies
  ADD COLUMN state text NOT NULL DEFAULT 'answered' CHECK (state IN ('pending', 'answered')),
  ALTER COLUMN answer DROP NOT NULL;
