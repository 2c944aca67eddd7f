/**
 * Alerting: rules with static thresholds, rates of change and per-series anomaly detection, the alert lifecycle
 * (pending, firing, resolved, acknowledged), deduplication, grouping, inhibition, silences, flapping suppression, and
 * correlation of alerts into incidents. Notifications leave through {@link io.stratus.spi.NotificationChannel}.
 */
package io.stratus.monitoring.alerting;
