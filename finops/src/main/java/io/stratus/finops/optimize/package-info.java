/**
 * Spending analysis and optimization recommendations over an {@link io.stratus.finops.spi.CostStore}:
 * {@link io.stratus.finops.optimize.CostAnalyzer} (trend, weekly seasonality, top movers, period-over-period change,
 * unit cost) and {@link io.stratus.finops.optimize.CostOptimizer} (idle resources, rightsizing, commitments, spot,
 * cheaper region or cloud, orphaned volumes and old snapshots), each recommendation with its monthly savings, one-off
 * cost, risk, ROI, payback period and evidence, ranked by ROI.
 */
package io.stratus.finops.optimize;
