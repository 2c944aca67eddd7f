package io.stratus.simulation.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apiguardian.api.API;

/**
 * Compares a simulated series with an observed (real-world) one and gives a verdict against user thresholds:
 *
 * <ul>
 *   <li>distribution: two-sample Kolmogorov–Smirnov statistic D and p-value (commons-math3) and the two-sample
 *       Anderson–Darling test of Scholz and Stephens (ties allowed) with its standardized statistic and p-value;
 *   <li>paired error: MAPE over pairs whose observed value is not (near) zero (the number of pairs used is reported),
 *       RMSE, and a t confidence interval of the mean error (simulated minus observed).
 * </ul>
 *
 * <p>With large samples the p-values of both tests reject even negligible differences, so the thresholds are
 * effect-size oriented: a maximum KS statistic, a maximum MAPE and RMSE, and optionally a minimum AD p-value.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ValidationFramework {
  private static final double ZERO = 1e-9;

  private final Thresholds thresholds;

  private ValidationFramework(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /**
   * A framework with thresholds.
   *
   * @param thresholds the verdict thresholds; never null
   * @return the framework; never null
   * @throws NullPointerException if thresholds is null
   */
  public static ValidationFramework of(Thresholds thresholds) {
    return new ValidationFramework(Objects.requireNonNull(thresholds, "thresholds"));
  }

  /**
   * The thresholds.
   *
   * @return the thresholds; never null
   */
  public Thresholds thresholds() {
    return thresholds;
  }

  /**
   * Validates a simulated series against an observed one, pair by pair.
   *
   * @param name what is compared, for the report; never null
   * @param simulated the simulated values; never null, at least 4, all finite
   * @param observed the observed values; never null, same length as simulated, all finite
   * @return the report with every statistic, each check and the verdict; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the lengths differ, are below 4, or a value is not finite
   */
  public ValidationReport validate(String name, double[] simulated, double[] observed) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(simulated, "simulated");
    Objects.requireNonNull(observed, "observed");
    if (simulated.length != observed.length) {
      throw new IllegalArgumentException("simulated and observed must have the same length, were "
          + simulated.length + " and " + observed.length);
    }
    if (simulated.length < 4) {
      throw new IllegalArgumentException("need at least 4 pairs, had " + simulated.length);
    }
    int n = simulated.length;
    double[] errors = new double[n];
    double sq = 0;
    double ape = 0;
    int apePairs = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(simulated[i]) || !Double.isFinite(observed[i])) {
        throw new IllegalArgumentException("values at index " + i + " must be finite, were simulated="
            + simulated[i] + ", observed=" + observed[i]);
      }
      double e = simulated[i] - observed[i];
      errors[i] = e;
      sq += e * e;
      if (Math.abs(observed[i]) > ZERO) {
        ape += Math.abs(e / observed[i]);
        apePairs++;
      }
    }
    double rmse = Math.sqrt(sq / n);
    double mape = apePairs == 0 ? Double.NaN : 100 * ape / apePairs;
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    double d = ks.kolmogorovSmirnovStatistic(simulated, observed);
    double ksP = ks.kolmogorovSmirnovTest(simulated, observed);
    double[] ad = AndersonDarling.test(simulated, observed);
    ConfidenceInterval ci = ConfidenceInterval.ofMean(errors, thresholds.confidenceLevel());

    List<ValidationReport.Check> checks = new ArrayList<>();
    checks.add(new ValidationReport.Check("ksStatistic", d, thresholds.maxKsStatistic(), "<=",
        d <= thresholds.maxKsStatistic()));
    checks.add(new ValidationReport.Check("mapePercent", mape, thresholds.maxMapePercent(), "<=",
        !Double.isNaN(mape) && mape <= thresholds.maxMapePercent()));
    checks.add(new ValidationReport.Check("rmse", rmse, thresholds.maxRmse(), "<=", rmse <= thresholds.maxRmse()));
    if (thresholds.minAdPValue() > 0) {
      checks.add(new ValidationReport.Check("adPValue", ad[2], thresholds.minAdPValue(), ">=",
          ad[2] >= thresholds.minAdPValue()));
    }
    boolean passed = checks.stream().allMatch(ValidationReport.Check::passed);
    return new ValidationReport(name, n, d, ksP, ad[0], ad[1], ad[2], mape, apePairs, rmse, ci, checks, passed);
  }

  /**
   * Verdict thresholds.
   *
   * <p>Immutable and thread-safe.
   *
   * @param maxKsStatistic largest acceptable KS distance D, in [0, 1]
   * @param maxMapePercent largest acceptable MAPE in percent, {@code >= 0}
   * @param maxRmse largest acceptable RMSE, {@code >= 0}
   * @param minAdPValue smallest acceptable Anderson–Darling p-value in [0, 0.25]; 0 disables the check
   * @param confidenceLevel level of the mean-error confidence interval, in (0, 1)
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Thresholds(
      double maxKsStatistic, double maxMapePercent, double maxRmse, double minAdPValue, double confidenceLevel) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Thresholds {
      if (!(maxKsStatistic >= 0 && maxKsStatistic <= 1)) {
        throw new IllegalArgumentException("maxKsStatistic must be in [0, 1], was " + maxKsStatistic);
      }
      if (!(maxMapePercent >= 0)) {
        throw new IllegalArgumentException("maxMapePercent must be >= 0, was " + maxMapePercent);
      }
      if (!(maxRmse >= 0)) {
        throw new IllegalArgumentException("maxRmse must be >= 0, was " + maxRmse);
      }
      if (!(minAdPValue >= 0 && minAdPValue <= 0.25)) {
        throw new IllegalArgumentException("minAdPValue must be in [0, 0.25], was " + minAdPValue);
      }
      if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
        throw new IllegalArgumentException("confidenceLevel must be in (0, 1), was " + confidenceLevel);
      }
    }
  }
}
