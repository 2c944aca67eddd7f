package io.stratus.timeseries.anomaly;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.ZoneOffset;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Settings shared by the streaming detectors: sensitivity, memory, warm-up, the seasonal profile and the periods
 * excluded from training. Immutable and thread-safe (the {@link ExclusionSchedule} it refers to is itself
 * thread-safe and may keep changing).
 *
 * <p>Sensitivity is a band width in robust standard deviations: a detector labels a point anomalous when its
 * deviation from the learned baseline reaches {@link #bandWidth()}, and its score is {@code 0.5} exactly there. A
 * narrower band flags more points.
 *
 * <pre>{@code
 * DetectorOptions options = DetectorOptions.builder().bandWidth(3.0).window(512).build();
 * StreamingDetector detector = Detectors.robustZScore(options);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DetectorOptions {

  /**
   * Which calendar slot a seasonal baseline keys its profile by. Immutable and thread-safe.
   *
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Seasonality {
    /** 24 slots, one per hour of the day. */
    HOUR_OF_DAY(24),
    /** 168 slots, one per hour of the week (Monday 00:00 is slot 0). */
    HOUR_OF_WEEK(168);

    private final int slots;

    Seasonality(int slots) {
      this.slots = slots;
    }

    /**
     * Returns the number of profile slots.
     *
     * @return 24 or 168
     */
    public int slots() {
      return slots;
    }
  }

  private final double bandWidth;
  private final int window;
  private final int warmUp;
  private final Seasonality seasonality;
  private final ZoneOffset zone;
  private final long seed;
  private final ExclusionSchedule exclusions;

  private DetectorOptions(Builder b) {
    this.bandWidth = b.bandWidth;
    this.window = b.window;
    this.warmUp = b.warmUp < 0 ? Math.min(b.window, 64) : b.warmUp;
    this.seasonality = b.seasonality;
    this.zone = b.zone;
    this.seed = b.seed;
    this.exclusions = b.exclusions == null ? new ExclusionSchedule() : b.exclusions;
  }

  /**
   * Returns the default options: band width 4, window 288 points, warm-up 64 points, hour-of-day seasonality in UTC,
   * seed 42, and a new, empty exclusion schedule.
   *
   * @return new default options, never null
   */
  public static DetectorOptions defaults() {
    return builder().build();
  }

  /**
   * Starts a builder holding the defaults.
   *
   * @return a new builder, never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding these options.
   *
   * @return a new builder initialised from this instance, never null
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.bandWidth = bandWidth;
    b.window = window;
    b.warmUp = warmUp;
    b.seasonality = seasonality;
    b.zone = zone;
    b.seed = seed;
    b.exclusions = exclusions;
    return b;
  }

  /**
   * Returns the band width: the deviation, in robust standard deviations, at which a point is labelled anomalous.
   *
   * @return a positive, finite number
   */
  public double bandWidth() {
    return bandWidth;
  }

  /**
   * Returns the memory of the detectors in points: the rolling window length, or the span of exponential averages.
   *
   * @return at least 8
   */
  public int window() {
    return window;
  }

  /**
   * Returns how many trained points a detector needs before it scores; until then every score is {@code 0}.
   *
   * @return at least 0
   */
  public int warmUp() {
    return warmUp;
  }

  /**
   * Returns the calendar slots of the seasonal baseline.
   *
   * @return never null
   */
  public Seasonality seasonality() {
    return seasonality;
  }

  /**
   * Returns the offset in which hours of the day are counted for the seasonal baseline.
   *
   * @return never null
   */
  public ZoneOffset zone() {
    return zone;
  }

  /**
   * Returns the seed of randomized detectors (the half-space-trees forest).
   *
   * @return any value
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the periods excluded from training.
   *
   * @return never null; shared, thread-safe and possibly still changing
   */
  public ExclusionSchedule exclusions() {
    return exclusions;
  }

  @Override
  public String toString() {
    return "DetectorOptions[bandWidth=" + bandWidth + ", window=" + window + ", warmUp=" + warmUp + ", seasonality="
        + seasonality + ", zone=" + zone + ", seed=" + seed + ", exclusions=" + exclusions + "]";
  }

  /**
   * Builds {@link DetectorOptions}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {

    private double bandWidth = 4.0;
    private int window = 288;
    private int warmUp = -1;
    private Seasonality seasonality = Seasonality.HOUR_OF_DAY;
    private ZoneOffset zone = ZoneOffset.UTC;
    private long seed = 42L;
    private ExclusionSchedule exclusions;

    private Builder() {
    }

    /**
     * Sets the band width (sensitivity) in robust standard deviations.
     *
     * @param bandWidth positive and finite; smaller flags more points
     * @return this builder
     * @throws IllegalArgumentException if {@code bandWidth} is not positive and finite
     */
    public Builder bandWidth(double bandWidth) {
      if (!(bandWidth > 0.0) || Double.isInfinite(bandWidth)) {
        throw new IllegalArgumentException("bandWidth must be positive and finite, was " + bandWidth);
      }
      this.bandWidth = bandWidth;
      return this;
    }

    /**
     * Sets the memory in points (rolling window length, or span of exponential averages).
     *
     * @param window between 8 and 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if {@code window} is outside {@code [8, 1_000_000]}
     */
    public Builder window(int window) {
      if (window < 8 || window > 1_000_000) {
        throw new IllegalArgumentException("window must be within [8, 1000000], was " + window);
      }
      this.window = window;
      return this;
    }

    /**
     * Sets the number of trained points before scoring starts; by default {@code min(window, 64)}.
     *
     * @param warmUp at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code warmUp} is negative
     */
    public Builder warmUp(int warmUp) {
      if (warmUp < 0) {
        throw new IllegalArgumentException("warmUp must be >= 0, was " + warmUp);
      }
      this.warmUp = warmUp;
      return this;
    }

    /**
     * Sets the calendar slots of the seasonal baseline.
     *
     * @param seasonality hour of day or hour of week
     * @return this builder
     * @throws NullPointerException if {@code seasonality} is null
     */
    public Builder seasonality(Seasonality seasonality) {
      this.seasonality = Objects.requireNonNull(seasonality, "seasonality");
      return this;
    }

    /**
     * Sets the offset in which hours are counted for the seasonal baseline.
     *
     * @param zone a fixed offset, e.g. {@code ZoneOffset.UTC}
     * @return this builder
     * @throws NullPointerException if {@code zone} is null
     */
    public Builder zone(ZoneOffset zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets the seed of randomized detectors.
     *
     * @param seed any value; equal seeds give equal detectors
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the schedule of periods excluded from training; detectors read it on every point. Without it, each
     * {@link #build()} creates a new empty schedule, shared by every detector made from the built options.
     *
     * @param exclusions the shared schedule
     * @return this builder
     * @throws NullPointerException if {@code exclusions} is null
     */
    public Builder exclusions(ExclusionSchedule exclusions) {
      this.exclusions = Objects.requireNonNull(exclusions, "exclusions");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return new immutable options, never null
     */
    public DetectorOptions build() {
      return new DetectorOptions(this);
    }
  }
}
