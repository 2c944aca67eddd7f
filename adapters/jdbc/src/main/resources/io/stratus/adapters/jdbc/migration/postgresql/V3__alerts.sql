-- Live alerts (AlertStore): one row per fingerprint, replaced on every save.
-- Instants are epoch nanoseconds, durations nanoseconds; labels are the length-prefixed "<len>:<key><len>:<value>".
CREATE TABLE stratus_alert (
  fingerprint TEXT PRIMARY KEY,
  instance BIGINT NOT NULL,
  labels TEXT NOT NULL,
  state TEXT NOT NULL,
  severity TEXT NOT NULL,
  for_ns BIGINT NOT NULL,
  keep_firing_for_ns BIGINT NOT NULL,
  alert_value DOUBLE PRECISION NOT NULL,
  active_since_ns BIGINT NOT NULL,
  fired_at_ns BIGINT,
  clear_since_ns BIGINT,
  acknowledged_by TEXT,
  announced BOOLEAN NOT NULL,
  unannounced_resolution BIGINT NOT NULL
);
-- Alert history (AlertHistoryStore): one row per fingerprint and instance; comments are length-prefixed
-- (author, epoch nanoseconds, text) triples.
CREATE TABLE stratus_alert_history (
  fingerprint TEXT NOT NULL,
  instance BIGINT NOT NULL,
  labels TEXT,
  severity TEXT NOT NULL,
  state TEXT NOT NULL,
  fired_at_ns BIGINT NOT NULL,
  resolved_at_ns BIGINT,
  acknowledged_by TEXT,
  acknowledged_at_ns BIGINT,
  assignee TEXT,
  comments TEXT NOT NULL,
  resolved_by TEXT,
  resolution_note TEXT,
  PRIMARY KEY (fingerprint, instance)
);
CREATE INDEX stratus_alert_history_fired_at ON stratus_alert_history (fired_at_ns);
-- The alert audit trail, append-only, in the order it was written.
CREATE TABLE stratus_alert_audit (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at_ns BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  instance BIGINT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX stratus_alert_audit_fingerprint ON stratus_alert_audit (fingerprint, seq);
