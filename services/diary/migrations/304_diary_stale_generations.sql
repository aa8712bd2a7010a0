-- The document writer claims stale documents for a lease in a short transaction of its own,
-- writes them, and deletes a row only when no consumer marked it again meanwhile (its
-- generation is unchanged): a consumer never waits for a document being written.
ALTER TABLE diary.stale_documents
  ADD COLUMN generation    bigint NOT NULL DEFAULT 0,
  ADD COLUMN claimed_until timestamptz;
