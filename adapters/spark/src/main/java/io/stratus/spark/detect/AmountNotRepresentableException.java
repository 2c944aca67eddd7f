package io.stratus.spark.detect;

import io.stratus.StratusException;
import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An amount of a {@link ScopeDetection} output row that its {@code DECIMAL(38, 18)} column cannot hold as the rule
 * of that column allows: an exact sum ({@code actual}, {@code actualToDate}) with a non-zero digit beyond 18 places
 * after the point, which is never rounded, or any amount with more than 20 digits before the point. The message
 * names the column, the output row (scope, currency, anomaly or period), the value and the rule; the detection task
 * fails with it, so Spark reports it as the cause of the failed job.
 *
 * <p>Immutable once thrown; serializable (Spark carries it from the executor to the driver).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AmountNotRepresentableException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final BigDecimal value;
  private final String rule;

  /**
   * Creates the exception.
   *
   * @param column the output column, e.g. {@code actualToDate}; never null
   * @param value the amount as finops computed it; never null
   * @param row the output row, e.g. {@code forecast SubAccountId=a1/USD 2025-02}; never null
   * @param rule the rule the amount breaks and how to meet it; never null
   */
  AmountNotRepresentableException(String column, BigDecimal value, String row, String rule) {
    super("column " + Objects.requireNonNull(column, "column") + " of " + Objects.requireNonNull(row, "row")
        + ": the amount " + Objects.requireNonNull(value, "value").toPlainString() + " cannot be stored: "
        + Objects.requireNonNull(rule, "rule"));
    this.column = column;
    this.value = value;
    this.rule = rule;
  }

  /**
   * The output column, as named in {@link ScopeDetection#ANOMALY_SCHEMA} or {@link ScopeDetection#FORECAST_SCHEMA}.
   *
   * @return the column name; never null
   */
  public String column() {
    return column;
  }

  /**
   * The amount that could not be stored, with every digit finops computed.
   *
   * @return the amount; never null
   */
  public BigDecimal value() {
    return value;
  }

  /**
   * The rule the amount breaks, with how to meet it.
   *
   * @return the rule; never null
   */
  public String rule() {
    return rule;
  }
}
