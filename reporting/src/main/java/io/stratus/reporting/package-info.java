/**
 * Reports, dashboards and their delivery: the {@link io.stratus.reporting.Report} document model (sections of text,
 * KPIs, {@link io.stratus.reporting.Chart}s and drill-down {@link io.stratus.reporting.Table}s), the executive and
 * technical reports built from an {@link io.stratus.reporting.query.AnalyticsEngine} and host-supplied
 * {@link io.stratus.reporting.ReportInputs}, the {@link io.stratus.reporting.ReportFormat} renderers (self-contained
 * HTML with inline SVG, Markdown, JSON, CSV), {@link io.stratus.reporting.Dashboard}s as data with a Grafana export,
 * and {@link io.stratus.reporting.ReportScheduler} for cron-scheduled delivery through notification channels.
 */
package io.stratus.reporting;
