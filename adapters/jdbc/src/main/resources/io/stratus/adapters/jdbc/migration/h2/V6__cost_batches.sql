-- Cost records are grouped in batches: every write (and every bulk appender) gets a batch id from a sequence, and
-- its rows carry it; stratus_cost_batch lists each batch's source and billing periods (an appender's batch may span
-- several). PostgreSQL replaces the per-row B-tree by a BRIN index on batch_id; H2 has no BRIN and keeps a B-tree.
CREATE SEQUENCE stratus_cost_batch_seq;
CREATE TABLE stratus_cost_batch (
  batch_id BIGINT NOT NULL,
  source_id VARCHAR NOT NULL,
  billing_period_start_s BIGINT NOT NULL,
  billing_period_end_s BIGINT NOT NULL,
  PRIMARY KEY (batch_id, billing_period_start_s, billing_period_end_s)
);
CREATE INDEX stratus_cost_batch_partition ON stratus_cost_batch (source_id, billing_period_start_s, billing_period_end_s);
INSERT INTO stratus_cost_batch (batch_id, source_id, billing_period_start_s, billing_period_end_s)
  SELECT NEXT VALUE FOR stratus_cost_batch_seq, source_id, billing_period_start_s, billing_period_end_s
  FROM (SELECT DISTINCT source_id, billing_period_start_s, billing_period_end_s FROM stratus_cost_record) p;
ALTER TABLE stratus_cost_record ADD COLUMN batch_id BIGINT;
UPDATE stratus_cost_record r SET batch_id = (SELECT b.batch_id FROM stratus_cost_batch b
  WHERE b.source_id = r.source_id AND b.billing_period_start_s = r.billing_period_start_s
    AND b.billing_period_end_s = r.billing_period_end_s);
ALTER TABLE stratus_cost_record ALTER COLUMN batch_id SET NOT NULL;
DROP INDEX stratus_cost_record_partition;
CREATE INDEX stratus_cost_record_batch ON stratus_cost_record (batch_id, dedup_hash);
