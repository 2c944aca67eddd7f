package io.stratus.finops.optimize;

import io.stratus.finops.query.CostMetric;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Thresholds and costs of {@link CostOptimizer}: the cost window, the idle, rightsizing, commitment, spot and relocation
 * rules, the snapshot age, and the one-off effort of each kind of change priced at an engineer's hourly rate.
 *
 * <p>Immutable and thread-safe. {@link #defaults()} gives the documented defaults; {@link #builder()} validates each
 * setter at once.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OptimizerOptions {
  private final int lookbackDays;
  private final double idleCpuThreshold;
  private final int idleMinDays;
  private final double targetUtilization;
  private final int rightsizingMinDays;
  private final int commitmentMinDays;
  private final double commitmentMargin;
  private final double relocationMinSavings;
  private final Duration snapshotMaxAge;
  private final Money engineerHourlyRate;
  private final Map<RecommendationKind, BigDecimal> effortHours;
  private final int roiHorizonMonths;
  private final CostMetric costMetric;

  private OptimizerOptions(Builder b) {
    lookbackDays = b.lookbackDays;
    idleCpuThreshold = b.idleCpuThreshold;
    idleMinDays = b.idleMinDays;
    targetUtilization = b.targetUtilization;
    rightsizingMinDays = b.rightsizingMinDays;
    commitmentMinDays = b.commitmentMinDays;
    commitmentMargin = b.commitmentMargin;
    relocationMinSavings = b.relocationMinSavings;
    snapshotMaxAge = b.snapshotMaxAge;
    engineerHourlyRate = b.engineerHourlyRate;
    effortHours = java.util.Collections.unmodifiableMap(new EnumMap<>(b.effortHours));
    roiHorizonMonths = b.roiHorizonMonths;
    costMetric = b.costMetric;
  }

  /**
   * The defaults: 30-day cost window; idle below 5% p95 CPU for 14 days; rightsizing after 14 days to a type whose
   * projected p95 stays at or below 80%; a commitment after 30 days when uptime exceeds the break-even utilization by
   * 10 points; a region or cloud move when it saves at least 10%; snapshots older than 90 days; effort at 100 USD per
   * hour (idle 1 h, rightsize 4 h, commitment 2 h, spot 8 h, region 16 h, cloud 40 h, volume 0.5 h, snapshot 0.25 h);
   * ROI over 12 months; cost measured as FOCUS EffectiveCost.
   *
   * @return the defaults; never null
   */
  public static OptimizerOptions defaults() {
    return builder().build();
  }

  /**
   * A builder holding the defaults.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The days of cost records a resource's monthly cost is estimated from.
   *
   * @return the days, {@code >= 1}
   */
  public int lookbackDays() {
    return lookbackDays;
  }

  /**
   * The p95 CPU utilization under which a resource is idle.
   *
   * @return a fraction in {@code (0, 1)}
   */
  public double idleCpuThreshold() {
    return idleCpuThreshold;
  }

  /**
   * The days of observation an idle verdict needs.
   *
   * @return the days, {@code >= 1}
   */
  public int idleMinDays() {
    return idleMinDays;
  }

  /**
   * The highest projected p95 CPU and memory utilization a rightsized type may reach.
   *
   * @return a fraction in {@code (0, 1]}
   */
  public double targetUtilization() {
    return targetUtilization;
  }

  /**
   * The days of observation a rightsizing needs.
   *
   * @return the days, {@code >= 1}
   */
  public int rightsizingMinDays() {
    return rightsizingMinDays;
  }

  /**
   * The days of observation a commitment recommendation needs.
   *
   * @return the days, {@code >= 1}
   */
  public int commitmentMinDays() {
    return commitmentMinDays;
  }

  /**
   * How far the uptime must exceed the commitment's break-even utilization.
   *
   * @return a fraction in {@code [0, 1)}
   */
  public double commitmentMargin() {
    return commitmentMargin;
  }

  /**
   * The least share of its cost a region or cloud move must save.
   *
   * @return a fraction in {@code (0, 1)}
   */
  public double relocationMinSavings() {
    return relocationMinSavings;
  }

  /**
   * The age from which a snapshot counts as old (from its first cost record).
   *
   * @return the age; positive
   */
  public Duration snapshotMaxAge() {
    return snapshotMaxAge;
  }

  /**
   * The price of one hour of engineering effort; recommendations are made only for cost in its currency.
   *
   * @return the rate; never null, positive
   */
  public Money engineerHourlyRate() {
    return engineerHourlyRate;
  }

  /**
   * The one-off effort of a kind of change.
   *
   * @param kind the kind; never null
   * @return the hours; positive
   */
  public BigDecimal effortHours(RecommendationKind kind) {
    return effortHours.get(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * The months over which ROI is computed.
   *
   * @return the months, {@code >= 1}
   */
  public int roiHorizonMonths() {
    return roiHorizonMonths;
  }

  /**
   * The cost metric a resource's monthly cost is measured in.
   *
   * @return the metric; never null
   */
  public CostMetric costMetric() {
    return costMetric;
  }

  @Override
  public String toString() {
    return "OptimizerOptions{costMetric=" + costMetric + ", lookbackDays=" + lookbackDays + ", idleCpu<" + idleCpuThreshold + " for " + idleMinDays
        + "d, targetUtilization=" + targetUtilization + ", rightsizingMinDays=" + rightsizingMinDays
        + ", commitmentMinDays=" + commitmentMinDays + ", commitmentMargin=" + commitmentMargin
        + ", relocationMinSavings=" + relocationMinSavings + ", snapshotMaxAge=" + snapshotMaxAge
        + ", engineerHourlyRate=" + engineerHourlyRate + ", effortHours=" + effortHours + ", roiHorizonMonths="
        + roiHorizonMonths + "}";
  }

  /**
   * Collects {@link OptimizerOptions}; each setter checks its value at once.
   *
   * <p>Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private int lookbackDays = 30;
    private double idleCpuThreshold = 0.05;
    private int idleMinDays = 14;
    private double targetUtilization = 0.8;
    private int rightsizingMinDays = 14;
    private int commitmentMinDays = 30;
    private double commitmentMargin = 0.10;
    private double relocationMinSavings = 0.10;
    private Duration snapshotMaxAge = Duration.ofDays(90);
    private Money engineerHourlyRate = Money.of("100", "USD");
    private final Map<RecommendationKind, BigDecimal> effortHours = new EnumMap<>(RecommendationKind.class);
    private int roiHorizonMonths = 12;
    private CostMetric costMetric = CostMetric.EFFECTIVE;

    private Builder() {
      effortHours.put(RecommendationKind.IDLE, new BigDecimal("1"));
      effortHours.put(RecommendationKind.RIGHTSIZE, new BigDecimal("4"));
      effortHours.put(RecommendationKind.COMMITMENT, new BigDecimal("2"));
      effortHours.put(RecommendationKind.SPOT, new BigDecimal("8"));
      effortHours.put(RecommendationKind.REGION, new BigDecimal("16"));
      effortHours.put(RecommendationKind.CLOUD, new BigDecimal("40"));
      effortHours.put(RecommendationKind.ORPHANED_VOLUME, new BigDecimal("0.5"));
      effortHours.put(RecommendationKind.OLD_SNAPSHOT, new BigDecimal("0.25"));
    }

    /**
     * Sets the cost window.
     *
     * @param days {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder lookbackDays(int days) {
      this.lookbackDays = atLeastOne("lookbackDays", days);
      return this;
    }

    /**
     * Sets the idle rule: p95 CPU below a threshold for at least some days.
     *
     * @param p95CpuBelow a fraction in {@code (0, 1)}
     * @param minDays {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder idle(double p95CpuBelow, int minDays) {
      this.idleCpuThreshold = openFraction("idleCpuThreshold", p95CpuBelow);
      this.idleMinDays = atLeastOne("idleMinDays", minDays);
      return this;
    }

    /**
     * Sets the rightsizing rule: projected p95 at most a target, after at least some days.
     *
     * @param targetUtilization a fraction in {@code (0, 1]}
     * @param minDays {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder rightsizing(double targetUtilization, int minDays) {
      if (!(targetUtilization > 0 && targetUtilization <= 1)) {
        throw new IllegalArgumentException(
            "optimizerOptions.targetUtilization must be in (0, 1], got " + targetUtilization);
      }
      this.targetUtilization = targetUtilization;
      this.rightsizingMinDays = atLeastOne("rightsizingMinDays", minDays);
      return this;
    }

    /**
     * Sets the commitment rule: at least some days observed, uptime above break-even plus a margin.
     *
     * @param minDays {@code >= 1}
     * @param margin a fraction in {@code [0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder commitment(int minDays, double margin) {
      this.commitmentMinDays = atLeastOne("commitmentMinDays", minDays);
      if (!(margin >= 0 && margin < 1)) {
        throw new IllegalArgumentException("optimizerOptions.commitmentMargin must be in [0, 1), got " + margin);
      }
      this.commitmentMargin = margin;
      return this;
    }

    /**
     * Sets the least share of cost a region or cloud move must save.
     *
     * @param fraction in {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder relocationMinSavings(double fraction) {
      this.relocationMinSavings = openFraction("relocationMinSavings", fraction);
      return this;
    }

    /**
     * Sets the age from which a snapshot is old.
     *
     * @param age positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder snapshotMaxAge(Duration age) {
      Objects.requireNonNull(age, "snapshotMaxAge");
      if (age.isNegative() || age.isZero()) {
        throw new IllegalArgumentException("optimizerOptions.snapshotMaxAge must be positive, got " + age);
      }
      this.snapshotMaxAge = age;
      return this;
    }

    /**
     * Sets the price of an hour of effort, and so the currency recommendations are made in.
     *
     * @param rate positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder engineerHourlyRate(Money rate) {
      Objects.requireNonNull(rate, "engineerHourlyRate");
      if (rate.amount().signum() <= 0) {
        throw new IllegalArgumentException("optimizerOptions.engineerHourlyRate must be > 0, got " + rate);
      }
      this.engineerHourlyRate = rate;
      return this;
    }

    /**
     * Sets the one-off effort of a kind of change.
     *
     * @param kind the kind; never null
     * @param hours positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder effortHours(RecommendationKind kind, BigDecimal hours) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(hours, "hours");
      if (hours.signum() <= 0) {
        throw new IllegalArgumentException("optimizerOptions.effortHours[" + kind + "] must be > 0, got " + hours);
      }
      effortHours.put(kind, hours);
      return this;
    }

    /**
     * Sets the ROI horizon.
     *
     * @param months {@code 1..120}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder roiHorizonMonths(int months) {
      if (months < 1 || months > 120) {
        throw new IllegalArgumentException("optimizerOptions.roiHorizonMonths must be in [1, 120], got " + months);
      }
      this.roiHorizonMonths = months;
      return this;
    }

    /**
     * Sets the cost metric (EffectiveCost by default; BilledCost for exports without amortization).
     *
     * @param metric a cost metric; never null, not {@link CostMetric#CONSUMED_QUANTITY}
     * @return this builder
     * @throws IllegalArgumentException for the quantity metric
     */
    public Builder costMetric(CostMetric metric) {
      Objects.requireNonNull(metric, "costMetric");
      if (metric == CostMetric.CONSUMED_QUANTITY) {
        throw new IllegalArgumentException("optimizerOptions.costMetric must be a cost metric, got " + metric);
      }
      this.costMetric = metric;
      return this;
    }

    /**
     * Builds.
     *
     * @return the options; never null
     */
    public OptimizerOptions build() {
      return new OptimizerOptions(this);
    }

    private static int atLeastOne(String name, int v) {
      if (v < 1) {
        throw new IllegalArgumentException("optimizerOptions." + name + " must be >= 1, got " + v);
      }
      return v;
    }

    private static double openFraction(String name, double v) {
      if (!(v > 0 && v < 1)) {
        throw new IllegalArgumentException("optimizerOptions." + name + " must be in (0, 1), got " + v);
      }
      return v;
    }
  }
}
