-- A claim walks an endpoint's pending deliveries oldest first and takes those at the head of
-- their (pupil, recipient) queue (no older pending one: webhook_deliveries_queue_idx), so it
-- reads about as many rows as it takes. It used to sort every pending delivery of the endpoint
-- by queue on each claim, which grew with the backlog (10,000 pending under the diary bench).
CREATE INDEX webhook_deliveries_claim_idx
  ON diary.webhook_deliveries (endpoint_id, seq) WHERE state = 'pending';
