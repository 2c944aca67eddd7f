-- Approval requests (ApprovalStore): one row per request; version grows by one with every accepted replace.
CREATE TABLE stratus_approval_request (
  seq BIGINT NOT NULL,
  id VARCHAR PRIMARY KEY,
  budget_id VARCHAR NOT NULL,
  request_key VARCHAR NOT NULL,
  amount DECFLOAT NOT NULL,
  amount_scale INTEGER NOT NULL,
  currency CHAR(3) NOT NULL,
  requester VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  created_at_s BIGINT NOT NULL,
  created_at_nanos INTEGER NOT NULL,
  expires_at_s BIGINT NOT NULL,
  expires_at_nanos INTEGER NOT NULL,
  state VARCHAR NOT NULL,
  version BIGINT NOT NULL
);
CREATE UNIQUE INDEX stratus_approval_request_seq ON stratus_approval_request (seq);
-- The history of each request, oldest first (position 0 is the creation).
CREATE TABLE stratus_approval_event (
  request_id VARCHAR NOT NULL REFERENCES stratus_approval_request (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  at_s BIGINT NOT NULL,
  at_nanos INTEGER NOT NULL,
  actor VARCHAR NOT NULL,
  from_state VARCHAR,
  to_state VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  PRIMARY KEY (request_id, position)
);
CREATE SEQUENCE stratus_approval_id_seq;
