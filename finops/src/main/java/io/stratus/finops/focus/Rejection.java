package io.stratus.finops.focus;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A source row that did not become a {@link CostRecord}, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param row the 1-based data row (the header is row 0; for JSON lines, the line number)
 * @param column the source column at fault, or {@code "*"} for the row as a whole
 * @param reason what is wrong, e.g. {@code "bad number"}, {@code "unknown currency"}
 * @param value the offending value, or an empty string
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Rejection(long row, String column, String reason, String value) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public Rejection {
    Objects.requireNonNull(column, "rejection.column must not be null");
    Objects.requireNonNull(reason, "rejection.reason must not be null");
    Objects.requireNonNull(value, "rejection.value must not be null");
  }

  @Override
  public String toString() {
    return "row " + row + ", column " + column + ": " + reason + (value.isEmpty() ? "" : " ('" + value + "')");
  }
}
