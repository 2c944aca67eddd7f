/**
 * Google Cloud behind the Stratus SPIs: {@link io.stratus.adapters.gcp.GcpAdapter} builds a pricing provider (Cloud
 * Billing Catalog API), an inventory provider (Compute Engine), a billing source (the BigQuery billing export) and a
 * metrics source (Cloud Monitoring), each call guarded by retry, circuit breaker, rate limiter and deadline.
 *
 * @since 0.1
 */
@NullMarked
package io.stratus.adapters.gcp;

import org.jspecify.annotations.NullMarked;
