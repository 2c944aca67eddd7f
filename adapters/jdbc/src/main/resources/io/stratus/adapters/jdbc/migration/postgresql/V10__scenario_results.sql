-- Scenario results (io.stratus.simulation.store.ScenarioResultStore): one row per sweep point of a run, immutable once
-- written. document is the record's lossless JSON form (ScenarioResultRecord.toJson: parameters, every replication with
-- its seed, the scheduler summaries, and the rendered CSV/JSON outputs); scenario is the first run's scenario name
-- (NULL without runs), a copy for SQL.
CREATE TABLE stratus_scenario_result (
  run_id TEXT NOT NULL,
  point INTEGER NOT NULL,
  scenario TEXT,
  document TEXT NOT NULL,
  PRIMARY KEY (run_id, point)
);
