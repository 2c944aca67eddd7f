/**
 * Cost queries over an {@link io.stratus.finops.spi.CostStore}: {@link io.stratus.finops.query.CostQuery}
 * aggregations (filters on any dimension and time range, grouping, hour/day/month granularity, top-N,
 * period-over-period deltas, cost per tag) and their results.
 */
package io.stratus.finops.query;
