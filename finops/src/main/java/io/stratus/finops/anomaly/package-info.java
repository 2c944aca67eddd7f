/**
 * Cost anomaly detection: {@link io.stratus.finops.anomaly.CostAnomalyMonitor}s that a host creates per scope (the
 * whole bill, a provider, an account, a service, a team tag) follow daily or hourly cost with the time-series
 * engine's calibrated streaming detectors, report each {@link io.stratus.finops.anomaly.CostAnomaly} with its expected
 * versus actual band, its impact in money and its {@link io.stratus.finops.anomaly.RootCause}s (contribution analysis
 * down a drill-down tree of dimensions), and learn from feedback to stop flagging a pattern marked accepted or false
 * positive.
 */
package io.stratus.finops.anomaly;
