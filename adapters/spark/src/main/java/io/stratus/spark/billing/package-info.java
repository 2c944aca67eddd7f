/**
 * Billing exports to FOCUS Parquet on Spark: {@link io.stratus.spark.billing.NormalizeJob} reads each file with the
 * finops readers inside a Spark task and writes {@link io.stratus.spark.billing.FocusParquet}, partitioned by billing
 * period and provider; {@link io.stratus.spark.billing.NormalizeReport} aggregates the files' read reports. Decimals
 * with more than 18 places are rounded half-even to fit {@code DECIMAL(38, 18)} and counted, by the one rule of
 * {@link io.stratus.finops.focus.FocusDecimals}.
 */
@NullMarked
package io.stratus.spark.billing;

import org.jspecify.annotations.NullMarked;
