-- Webhook outbox (io.stratus.adapters.webhooks.Outbox): one row per delivery (an event to one subscription), its
-- delivery log, and a lock row that serializes enqueues on databases without INSERT ... ON CONFLICT. Instants are
-- epoch nanoseconds. lease_until_ns is set when a dispatcher claims a due delivery and cleared by its outcome.
CREATE SEQUENCE stratus_webhook_outbox_seq;
CREATE TABLE stratus_webhook_outbox (
  event_id VARCHAR NOT NULL,
  subscription_id VARCHAR NOT NULL,
  seq BIGINT NOT NULL,
  body BINARY VARYING NOT NULL,
  enqueued_at_ns BIGINT NOT NULL,
  state VARCHAR NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_ns BIGINT NOT NULL,
  last_error VARCHAR NOT NULL,
  lease_until_ns BIGINT,
  PRIMARY KEY (event_id, subscription_id)
);
CREATE INDEX stratus_webhook_outbox_due ON stratus_webhook_outbox (state, next_attempt_ns, seq);
CREATE INDEX stratus_webhook_outbox_order ON stratus_webhook_outbox (seq);
CREATE TABLE stratus_webhook_attempt (
  event_id VARCHAR NOT NULL,
  subscription_id VARCHAR NOT NULL,
  position INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  at_ns BIGINT NOT NULL,
  outcome VARCHAR NOT NULL,
  status_code INTEGER NOT NULL,
  detail VARCHAR NOT NULL,
  next_attempt_ns BIGINT NOT NULL,
  PRIMARY KEY (event_id, subscription_id, position)
);
CREATE TABLE stratus_webhook_lock (
  id INTEGER PRIMARY KEY
);
INSERT INTO stratus_webhook_lock (id) VALUES (1);
