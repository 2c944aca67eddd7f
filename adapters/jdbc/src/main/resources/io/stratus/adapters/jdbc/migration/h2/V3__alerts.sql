-- Live alerts (AlertStore): one row per fingerprint, replaced on every save.
-- Instants are epoch nanoseconds, durations nanoseconds; labels are the length-prefixed "<len>:<key><len>:<value>".
CREATE TABLE stratus_alert (
  fingerprint VARCHAR PRIMARY KEY,
  instance BIGINT NOT NULL,
  labels VARCHAR NOT NULL,
  state VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  for_ns BIGINT NOT NULL,
  keep_firing_for_ns BIGINT NOT NULL,
  alert_value DOUBLE PRECISION NOT NULL,
  active_since_ns BIGINT NOT NULL,
  fired_at_ns BIGINT,
  clear_since_ns BIGINT,
  acknowledged_by VARCHAR,
  announced BOOLEAN NOT NULL,
  unannounced_resolution BIGINT NOT NULL
);
-- Alert history (AlertHistoryStore): one row per fingerprint and instance; comments are length-prefixed
-- (author, epoch nanoseconds, text) triples.
CREATE TABLE stratus_alert_history (
  fingerprint VARCHAR NOT NULL,
  instance BIGINT NOT NULL,
  labels VARCHAR,
  severity VARCHAR NOT NULL,
  state VARCHAR NOT NULL,
  fired_at_ns BIGINT NOT NULL,
  resolved_at_ns BIGINT,
  acknowledged_by VARCHAR,
  acknowledged_at_ns BIGINT,
  assignee VARCHAR,
  comments VARCHAR NOT NULL,
  resolved_by VARCHAR,
  resolution_note VARCHAR,
  PRIMARY KEY (fingerprint, instance)
);
CREATE INDEX stratus_alert_history_fired_at ON stratus_alert_history (fired_at_ns);
-- The alert audit trail, append-only, in the order it was written.
CREATE TABLE stratus_alert_audit (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at_ns BIGINT NOT NULL,
  actor VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  fingerprint VARCHAR NOT NULL,
  instance BIGINT NOT NULL,
  detail VARCHAR NOT NULL
);
CREATE INDEX stratus_alert_audit_fingerprint ON stratus_alert_audit (fingerprint, seq);
