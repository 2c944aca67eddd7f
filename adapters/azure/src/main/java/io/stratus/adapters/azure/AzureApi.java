package io.stratus.adapters.azure;

import org.apiguardian.api.API;

/**
 * The Azure APIs the adapter calls. Each has its own circuit breaker and rate limiter, and is the {@code api} tag of
 * the adapter's meters.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum AzureApi {
  /** The public Retail Prices API ({@code prices.azure.com}); no published quota. */
  RETAIL_PRICES("retail-prices"),
  /** Azure Resource Manager reads of {@code Microsoft.Compute} (virtual machines, resource SKUs). */
  COMPUTE("compute"),
  /** The Cost Management query API. */
  COST_MANAGEMENT("cost-management"),
  /** Azure Monitor metrics through Azure Resource Manager. */
  MONITOR("monitor"),
  /** Blob Storage (cost exports). */
  BLOB("blob");

  private final String tag;

  AzureApi(String tag) {
    this.tag = tag;
  }

  /**
   * The name used in meter tags and messages, e.g. {@code retail-prices}.
   *
   * @return the name; never null
   */
  public String tag() {
    return tag;
  }
}
