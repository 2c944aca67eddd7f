/**
 * Alerting: rules with static thresholds, rates of change, per-series anomaly detection and absent data, the alert
 * lifecycle (pending, firing, resolved, acknowledged), deduplication, grouping, inhibition, silences, flapping
 * suppression, and correlation of alerts into incidents; rules and routes as JSON/YAML configuration ({@link
 * io.stratus.monitoring.alerting.AlertConfig}), routing by labels with quiet hours and escalation. Notifications
 * leave through {@link io.stratus.spi.NotificationChannel}, delivered apart from evaluation with retries, circuit
 * breakers and dead letters ({@link io.stratus.monitoring.alerting.DeliveryPolicy}); open alerts' lifecycle state can
 * be persisted through {@link io.stratus.monitoring.spi.AlertStore}, their history and audit trail through {@link
 * io.stratus.monitoring.spi.AlertHistoryStore}.
 */
package io.stratus.monitoring.alerting;
