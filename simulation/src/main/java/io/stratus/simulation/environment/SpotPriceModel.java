package io.stratus.simulation.environment;

import io.stratus.simulation.engine.CounterRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A spot price process: the log of the spot-to-on-demand price ratio follows an Ornstein–Uhlenbeck process
 * (mean-reverting) with compound Poisson jumps, sampled hourly: {@code x(h+1) = mu + (x(h) - mu) e^(-theta) + sigma
 * sqrt((1 - e^(-2 theta)) / (2 theta)) Z + J}, where a jump of normal size N(jumpMean, jumpSd) happens with
 * probability {@code 1 - e^(-jumpRatePerDay / 24)}. The price is {@code onDemand * min(1, e^x)}. Random draws are
 * counter-based (a pure function of the stream key and the hour), so a price path does not depend on when or how
 * often it is queried.
 *
 * <p>{@link #calibrate} fits the parameters to an observed price history (e.g. the AWS spot history sample in
 * {@code shared/data/pricing/aws/}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param mu long-run mean of the log ratio, {@code <= 0}
 * @param theta mean reversion speed per hour, {@code > 0}
 * @param sigma diffusion volatility per square-root hour, {@code >= 0}
 * @param jumpRatePerDay expected jumps per day, {@code >= 0}
 * @param jumpMean mean jump size in log ratio
 * @param jumpSd standard deviation of the jump size, {@code >= 0}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SpotPriceModel(
    double mu, double theta, double sigma, double jumpRatePerDay, double jumpMean, double jumpSd) {
  /**
   * Defaults calibrated with {@link #calibrate} on the AWS m5.large us-east-1 spot history sample (about a month
   * ending 2021-02-09, five zones, on-demand $0.096/h): the median over zones of each parameter. Spot sits near 44 %
   * of on-demand ({@code e^-0.818}), reverts slowly (half-life about 11 days), and moves in small discrete steps about
   * once a day, as AWS's smoothed spot prices do.
   */
  public static final SpotPriceModel DEFAULT =
      new SpotPriceModel(-0.818, 0.00266, 5.2e-5, 0.998, 0.00120, 0.00206);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a value is out of range or not finite
   */
  public SpotPriceModel {
    if (!(mu <= 0) || !Double.isFinite(mu)) {
      throw new IllegalArgumentException("mu must be finite and <= 0, was " + mu);
    }
    if (!(theta > 0) || !Double.isFinite(theta)) {
      throw new IllegalArgumentException("theta must be finite and > 0, was " + theta);
    }
    if (!(sigma >= 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma must be finite and >= 0, was " + sigma);
    }
    if (!(jumpRatePerDay >= 0) || !Double.isFinite(jumpRatePerDay)) {
      throw new IllegalArgumentException("jumpRatePerDay must be finite and >= 0, was " + jumpRatePerDay);
    }
    if (!Double.isFinite(jumpMean) || !(jumpSd >= 0) || !Double.isFinite(jumpSd)) {
      throw new IllegalArgumentException("jumpMean and jumpSd must be finite, jumpSd >= 0, were " + jumpMean + ", "
          + jumpSd);
    }
  }

  /**
   * The next hourly value of the log ratio.
   *
   * @param x the current log ratio
   * @param key the process's stream key (from {@link CounterRandom#streamKey})
   * @param hour the hour index of the step
   * @return the log ratio one hour later
   */
  public double step(double x, long key, long hour) {
    double decay = StrictMath.exp(-theta);
    double sd = sigma * Math.sqrt((1 - decay * decay) / (2 * theta));
    double next = mu + (x - mu) * decay + sd * normal(key, hour, 0);
    double jumpP = 1 - StrictMath.exp(-jumpRatePerDay / 24);
    if (CounterRandom.uniform(key, hour, 2) < jumpP) {
      next += jumpMean + jumpSd * normal(key, hour, 3);
    }
    return next;
  }

  /**
   * The spot price for a log ratio.
   *
   * @param onDemandHourly the on-demand hourly price, {@code >= 0}
   * @param x the log ratio
   * @return {@code onDemand * min(1, e^x)}
   */
  public static double price(double onDemandHourly, double x) {
    return onDemandHourly * Math.min(1.0, StrictMath.exp(x));
  }

  private static double normal(long key, long hour, long slot) {
    double u1 = 1 - CounterRandom.uniform(key, hour, slot + 10);
    double u2 = CounterRandom.uniform(key, hour, slot + 11);
    return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  /**
   * Fits the model to one zone's observed price history: the log ratios are resampled to an hourly grid (last
   * observation carried forward), an AR(1) regression {@code x(h+1) = a + b x(h) + e} gives {@code theta = -ln b} and
   * {@code mu = a / (1 - b)}; residuals beyond three robust standard deviations (median absolute deviation) count as
   * jumps, the rest give sigma.
   *
   * @param times observation times, ascending; never null, at least 3
   * @param prices the observed spot prices, same length, all {@code > 0}
   * @param onDemandHourly the on-demand price, {@code > 0}
   * @return the fitted model; never null
   * @throws IllegalArgumentException if the history is too short, unordered, or spans fewer than 3 hours
   */
  public static SpotPriceModel calibrate(List<Instant> times, double[] prices, double onDemandHourly) {
    Objects.requireNonNull(times, "times");
    Objects.requireNonNull(prices, "prices");
    if (times.size() != prices.length || prices.length < 3) {
      throw new IllegalArgumentException("need at least 3 observations with one price each, had " + times.size()
          + " times and " + prices.length + " prices");
    }
    if (!(onDemandHourly > 0)) {
      throw new IllegalArgumentException("onDemandHourly must be > 0, was " + onDemandHourly);
    }
    Instant start = times.get(0);
    long hours = Duration.between(start, times.get(times.size() - 1)).toHours();
    if (hours < 3) {
      throw new IllegalArgumentException("history must span at least 3 hours, spanned " + hours);
    }
    double[] grid = new double[(int) hours + 1];
    int j = 0;
    for (int h = 0; h <= hours; h++) {
      Instant t = start.plus(Duration.ofHours(h));
      while (j + 1 < times.size() && !times.get(j + 1).isAfter(t)) {
        if (times.get(j + 1).isBefore(times.get(j))) {
          throw new IllegalArgumentException("times must be ascending, index " + (j + 1) + " is before " + j);
        }
        j++;
      }
      if (!(prices[j] > 0)) {
        throw new IllegalArgumentException("prices[" + j + "] must be > 0, was " + prices[j]);
      }
      grid[h] = Math.log(prices[j] / onDemandHourly);
    }
    int n = grid.length - 1;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sx += grid[i];
      sy += grid[i + 1];
      sxx += grid[i] * grid[i];
      sxy += grid[i] * grid[i + 1];
    }
    double varX = sxx - sx * sx / n;
    double b = varX > 1e-15 ? (sxy - sx * sy / n) / varX : 0.99;
    b = Math.min(0.999, Math.max(0.01, b));
    double a = (sy - b * sx) / n;
    double theta = -Math.log(b);
    double mu = Math.min(0, a / (1 - b));
    double[] res = new double[n];
    for (int i = 0; i < n; i++) {
      res[i] = grid[i + 1] - a - b * grid[i];
    }
    double[] abs = new double[n];
    for (int i = 0; i < n; i++) {
      abs[i] = Math.abs(res[i]);
    }
    java.util.Arrays.sort(abs);
    double mad = abs[n / 2] * 1.4826;
    double cut = 3 * Math.max(mad, 1e-6);
    double ss = 0;
    int normalCount = 0;
    double jumpSum = 0;
    double jumpSq = 0;
    int jumps = 0;
    for (double r : res) {
      if (Math.abs(r) > cut) {
        jumps++;
        jumpSum += r;
        jumpSq += r * r;
      } else {
        ss += r * r;
        normalCount++;
      }
    }
    double eSd = normalCount > 1 ? Math.sqrt(ss / (normalCount - 1)) : 0;
    double sigma = eSd / Math.sqrt((1 - b * b) / (2 * theta));
    double jumpMean = jumps > 0 ? jumpSum / jumps : 0;
    double jumpSd = jumps > 1 ? Math.sqrt(Math.max(0, jumpSq / jumps - jumpMean * jumpMean)) : 0;
    return new SpotPriceModel(mu, theta, sigma, jumps * 24.0 / n, jumpMean, jumpSd);
  }
}
