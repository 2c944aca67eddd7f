-- Cost records packed for COPY speed: rows COPYed from V11 on fill only the columns the store's SQL uses (source_id,
-- dedup_key, dedup_hash, billing_period_start_s, billing_period_end_s, charge_period_start_s, batch_id) and carry
-- the whole record (every FOCUS column, the correction flag, the tags) in payload, a compact binary encoding
-- (stratus-jdbc's CostPayload, format version 1): nine fields per row instead of sixty-three for the server to take
-- in and log. Rows written before keep their columns and no payload; the store reads both. The FOCUS columns of new
-- rows are NULL, so a host reading the table in SQL reads records through the store (or decodes payload).
ALTER TABLE stratus_cost_record ADD COLUMN payload BYTEA;
ALTER TABLE stratus_cost_record ALTER COLUMN correction DROP NOT NULL;
