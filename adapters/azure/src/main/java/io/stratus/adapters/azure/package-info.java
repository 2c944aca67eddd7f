/**
 * Azure behind the Stratus SPIs: {@link io.stratus.adapters.azure.AzurePricingProvider} (Retail Prices API),
 * {@link io.stratus.adapters.azure.AzureInventoryProvider} (virtual machines through Azure Resource Manager),
 * {@link io.stratus.adapters.azure.AzureBillingSource} (Cost Management query API, or cost exports in Blob Storage
 * read with the FinOps Azure reader) and {@link io.stratus.adapters.azure.AzureMetricsSource} (Azure Monitor metrics).
 * Every remote call goes through one resilience policy (Resilience4j retry with exponential backoff and jitter that
 * honours {@code Retry-After}, a circuit breaker and a rate limiter per API, a per-attempt timeout and a deadline per
 * call); azure-core's own retry policy is not installed. Configure everything with {@link
 * io.stratus.adapters.azure.AzureConfig}.
 */
@NullMarked
package io.stratus.adapters.azure;

import org.jspecify.annotations.NullMarked;
