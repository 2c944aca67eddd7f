-- Per-period exclusion of cost writers and layout rewrites (JdbcStores.rewriteCostRows).
-- A write, an appender's commit and a rewrite lock the slot of each billing period they touch (SELECT ... FOR UPDATE,
-- slots in ascending order) before anything else, so that a rewrite of one period no longer waits for, or holds up,
-- writes of other periods. A period's slot is a hash of its start and end seconds modulo 1024: two periods that share
-- a slot serialize as one period would (safe, only slower). Writers still also take the stratus_cost_count row.
CREATE TABLE stratus_cost_period_lock (
  slot INTEGER PRIMARY KEY
);
INSERT INTO stratus_cost_period_lock (slot) SELECT X FROM SYSTEM_RANGE(0, 1023);
