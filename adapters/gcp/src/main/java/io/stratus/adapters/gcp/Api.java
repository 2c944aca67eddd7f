package io.stratus.adapters.gcp;

import java.time.Duration;

/**
 * The remote endpoints the adapter calls, each with its own circuit breaker and a rate limiter set to the documented
 * default quota (hosts with raised quotas pass their own with {@link GcpAdapter.Builder#rateLimit}).
 */
enum Api {
  /** Cloud Billing Catalog API: 300 calls per minute per project (cloud.google.com/billing/quotas). */
  CATALOG("cloudbilling.googleapis.com", 300, Duration.ofMinutes(1)),
  /** Compute Engine API read requests: 1,500 per minute per project (Compute Engine rate quotas). */
  COMPUTE("compute.googleapis.com", 1_500, Duration.ofMinutes(1)),
  /** Cloud Monitoring time series queries: 6,000 per minute per project (Cloud Monitoring quotas). */
  MONITORING("monitoring.googleapis.com", 6_000, Duration.ofMinutes(1)),
  /** BigQuery API requests: 100 per second per user (BigQuery quotas, "API requests per second per user"). */
  BIGQUERY("bigquery.googleapis.com", 100, Duration.ofSeconds(1));

  final String host;
  final int permits;
  final Duration period;

  Api(String host, int permits, Duration period) {
    this.host = host;
    this.permits = permits;
    this.period = period;
  }

  /** A rate limit: {@code permits} calls per {@code period}. */
  record Limit(int permits, Duration period) {}

  /** The lower-case name used in meter tags and breaker names, e.g. {@code catalog}. */
  String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
