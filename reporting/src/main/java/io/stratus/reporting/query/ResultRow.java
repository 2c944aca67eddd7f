package io.stratus.reporting.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One group and time bucket of a query result.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the group-by values, in the query's group-by order ({@code "(none)"} where a record has no value)
 * @param bucket the start of the time bucket (the range start for {@link TimeGrain#TOTAL})
 * @param value the measured value: summed cost, or the aggregated metric
 * @param count how many cost records or metric samples went into the value
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ResultRow(List<String> key, Instant bucket, BigDecimal value, long count) {
  /** Validates and copies. */
  public ResultRow {
    key = List.copyOf(Objects.requireNonNull(key, "resultRow.key"));
    Objects.requireNonNull(bucket, "resultRow.bucket");
    Objects.requireNonNull(value, "resultRow.value");
  }
}
