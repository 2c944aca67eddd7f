/**
 * Cost queries on Spark: {@link io.stratus.spark.query.SparkCostQueries} compiles the finops
 * {@link io.stratus.finops.query.CostQuery} model (time range, filters, group-by, granularity, top N; drill-down is a
 * filter plus the next group-by) and period-over-period comparisons to Spark SQL over FOCUS Parquet, and returns the
 * in-memory store's result types.
 */
@NullMarked
package io.stratus.spark.query;

import org.jspecify.annotations.NullMarked;
