/**
 * Cost storage and queries: the {@link io.stratus.finops.query.CostStore} SPI with its embedded columnar in-memory
 * default, and {@link io.stratus.finops.query.CostQuery} aggregations (filters on any dimension and time range,
 * grouping, hour/day/month granularity, top-N, period-over-period deltas, cost per tag).
 */
package io.stratus.finops.query;
