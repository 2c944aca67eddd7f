/**
 * Alerting: rules with static thresholds, rates of change, per-series anomaly detection and absent data, the alert
 * lifecycle (pending, firing, resolved, acknowledged), deduplication, grouping, inhibition, silences, flapping
 * suppression, and correlation of alerts into incidents. Notifications leave through {@link
 * io.stratus.spi.NotificationChannel}; open alerts' lifecycle state can be persisted through {@link
 * io.stratus.monitoring.spi.AlertStore}.
 */
package io.stratus.monitoring.alerting;
