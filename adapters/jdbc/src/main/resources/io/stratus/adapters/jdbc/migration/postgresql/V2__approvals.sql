-- Approval requests (ApprovalStore): one row per request; version grows by one with every accepted replace.
CREATE TABLE stratus_approval_request (
  seq BIGINT NOT NULL,
  id TEXT PRIMARY KEY,
  budget_id TEXT NOT NULL,
  request_key TEXT NOT NULL,
  amount NUMERIC NOT NULL,
  amount_scale INTEGER NOT NULL,
  currency CHAR(3) NOT NULL,
  requester TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at_s BIGINT NOT NULL,
  created_at_nanos INTEGER NOT NULL,
  expires_at_s BIGINT NOT NULL,
  expires_at_nanos INTEGER NOT NULL,
  state TEXT NOT NULL,
  version BIGINT NOT NULL
);
CREATE UNIQUE INDEX stratus_approval_request_seq ON stratus_approval_request (seq);
-- The history of each request, oldest first (position 0 is the creation).
CREATE TABLE stratus_approval_event (
  request_id TEXT NOT NULL REFERENCES stratus_approval_request (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  at_s BIGINT NOT NULL,
  at_nanos INTEGER NOT NULL,
  actor TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (request_id, position)
);
CREATE SEQUENCE stratus_approval_id_seq;
