/**
 * Incremental collection of billing data: {@link io.stratus.finops.collect.CostCollector} pulls
 * {@link io.stratus.finops.spi.BillingSource}s by billing period and watermark into a
 * {@link io.stratus.finops.spi.CostStore}, safely re-runnable.
 */
package io.stratus.finops.collect;
