-- Metric series (MetricStore): one row per metric name and label set (length-prefixed, '' for none).
CREATE TABLE stratus_metric_series (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  metric TEXT NOT NULL,
  labels TEXT NOT NULL,
  UNIQUE (metric, labels)
);
-- Points: epoch milliseconds, the value as a double (for SQL) and as its raw IEEE-754 bits (exact, NaN payloads).
CREATE TABLE stratus_metric_sample (
  series_id BIGINT NOT NULL REFERENCES stratus_metric_series (id),
  ts_ms BIGINT NOT NULL,
  point_value DOUBLE PRECISION NOT NULL,
  value_bits BIGINT NOT NULL,
  PRIMARY KEY (series_id, ts_ms)
);
CREATE INDEX stratus_metric_sample_ts ON stratus_metric_sample (ts_ms);
