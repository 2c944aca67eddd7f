/**
 * Billing exports to FOCUS Parquet on Spark: {@link io.stratus.spark.billing.NormalizeJob} reads each file with the
 * finops readers inside a Spark task and writes {@link io.stratus.spark.billing.FocusParquet}, partitioned by billing
 * period and provider; {@link io.stratus.spark.billing.NormalizeReport} aggregates the files' read reports.
 */
@NullMarked
package io.stratus.spark.billing;

import org.jspecify.annotations.NullMarked;
