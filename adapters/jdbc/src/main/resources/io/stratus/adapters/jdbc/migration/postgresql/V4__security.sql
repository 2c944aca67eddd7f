-- API keys (ApiKeyStore): one row per key id; permissions are length-prefixed "resource:action[:instance]" texts;
-- instants are epoch nanoseconds. The secret is stored only as its SHA-256 hash.
CREATE TABLE stratus_api_key (
  id CHAR(16) PRIMARY KEY,
  principal_id TEXT NOT NULL,
  secret_hash CHAR(64) NOT NULL,
  permissions TEXT NOT NULL,
  created_at_ns BIGINT NOT NULL,
  expires_at_ns BIGINT NOT NULL,
  revoked_at_ns BIGINT,
  last_used_at_ns BIGINT
);
CREATE INDEX stratus_api_key_principal ON stratus_api_key (principal_id);
-- The tamper-evident audit log (AuditLog): one row per entry with its canonical JSON line (seq, event, prev, hash),
-- and the HMAC-SHA256 checkpoint signature on every checkpointEvery-th entry.
CREATE TABLE stratus_audit_log (
  seq BIGINT PRIMARY KEY,
  line TEXT NOT NULL,
  hash CHAR(64) NOT NULL,
  checkpoint_mac CHAR(64)
);
-- The head of the chain: appends lock this row, so hosts append one at a time and the chain cannot fork.
CREATE TABLE stratus_audit_head (
  id INTEGER PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  last_hash CHAR(64) NOT NULL
);
INSERT INTO stratus_audit_head (id, last_seq, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
