-- Budgets (BudgetStore): one row per budget, in insertion order (seq). Amounts are exact decimal text (BigDecimal
-- toString: scale kept); lists and maps use the length-prefixed encoding of the other tables.
CREATE SEQUENCE stratus_budget_seq;
CREATE TABLE stratus_budget (
  id VARCHAR PRIMARY KEY,
  seq BIGINT NOT NULL,
  name VARCHAR NOT NULL,
  scope VARCHAR NOT NULL,
  currency VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  period_start_day BIGINT,
  period_end_day BIGINT,
  fixed_amount VARCHAR,
  planned VARCHAR NOT NULL,
  thresholds VARCHAR NOT NULL,
  approver_roles VARCHAR NOT NULL,
  approval_timeout_s BIGINT NOT NULL,
  approval_timeout_nanos INTEGER NOT NULL
);
CREATE INDEX stratus_budget_order ON stratus_budget (seq);
-- Budget alert state: which thresholds are crossed in which window (epoch days), per budget id.
CREATE TABLE stratus_budget_alert_state (
  budget_id VARCHAR PRIMARY KEY,
  window_start_day BIGINT NOT NULL,
  window_end_day BIGINT NOT NULL,
  crossed VARCHAR NOT NULL
);
