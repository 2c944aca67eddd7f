package io.stratus.simulation.validation;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The outcome of {@link ValidationFramework#validate}: every statistic, each threshold check and the verdict.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name what was compared; never null
 * @param n the number of pairs
 * @param ksStatistic two-sample Kolmogorov–Smirnov distance D
 * @param ksPValue its p-value
 * @param adStatistic the Anderson–Darling statistic A²akN
 * @param adStandardized the standardized statistic (A² - 1) / sigma
 * @param adPValue its p-value, in [0.001, 0.25]
 * @param mapePercent mean absolute percentage error over pairs with a non-zero observed value (NaN if none)
 * @param mapePairs the number of pairs MAPE used
 * @param rmse root mean square error
 * @param meanError the confidence interval of the mean error (simulated minus observed); never null
 * @param checks each threshold check; never null
 * @param passed true if every check passed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ValidationReport(
    String name,
    int n,
    double ksStatistic,
    double ksPValue,
    double adStatistic,
    double adStandardized,
    double adPValue,
    double mapePercent,
    int mapePairs,
    double rmse,
    ConfidenceInterval meanError,
    List<Check> checks,
    boolean passed) {

  /**
   * Validates and copies the checks.
   *
   * @throws NullPointerException if a reference component is null
   */
  public ValidationReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(meanError, "meanError");
    checks = List.copyOf(checks);
  }

  /**
   * One threshold check.
   *
   * @param metric the metric name; never null
   * @param value the measured value
   * @param threshold the threshold
   * @param rule {@code "<="} or {@code ">="}; never null
   * @param passed whether the value satisfies the rule
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Check(String metric, double value, double threshold, String rule, boolean passed) {
    /**
     * Validates.
     *
     * @throws NullPointerException if a reference component is null
     */
    public Check {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(rule, "rule");
    }
  }
}
