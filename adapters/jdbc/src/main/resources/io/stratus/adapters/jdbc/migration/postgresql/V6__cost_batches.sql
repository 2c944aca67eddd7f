-- Cost records are grouped in batches: every write (and every bulk appender) gets a batch id from a sequence, and
-- its rows carry it; stratus_cost_batch lists each batch's source and billing periods (an appender's batch may span
-- several). Rows of one batch are appended together, so a BRIN index on batch_id finds a period's rows at a fraction
-- of the cost of maintaining a B-tree entry per row under COPY (the B-tree on (source_id, billing_period_start_s,
-- dedup_hash) halved the COPY rate).
CREATE SEQUENCE stratus_cost_batch_seq;
CREATE TABLE stratus_cost_batch (
  batch_id BIGINT NOT NULL,
  source_id TEXT NOT NULL,
  billing_period_start_s BIGINT NOT NULL,
  billing_period_end_s BIGINT NOT NULL,
  PRIMARY KEY (batch_id, billing_period_start_s, billing_period_end_s)
);
CREATE INDEX stratus_cost_batch_partition ON stratus_cost_batch (source_id, billing_period_start_s, billing_period_end_s);
INSERT INTO stratus_cost_batch (batch_id, source_id, billing_period_start_s, billing_period_end_s)
  SELECT nextval('stratus_cost_batch_seq'), source_id, billing_period_start_s, billing_period_end_s
  FROM (SELECT DISTINCT source_id, billing_period_start_s, billing_period_end_s FROM stratus_cost_record) p;
ALTER TABLE stratus_cost_record ADD COLUMN batch_id BIGINT;
UPDATE stratus_cost_record r SET batch_id = b.batch_id FROM stratus_cost_batch b
  WHERE b.source_id = r.source_id AND b.billing_period_start_s = r.billing_period_start_s
    AND b.billing_period_end_s = r.billing_period_end_s;
ALTER TABLE stratus_cost_record ALTER COLUMN batch_id SET NOT NULL;
DROP INDEX stratus_cost_record_partition;
CREATE INDEX stratus_cost_record_batch ON stratus_cost_record USING brin (batch_id) WITH (autosummarize = on);
