package io.stratus.monitoring.collect;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.MetricSink;
import io.stratus.monitoring.spi.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Tiered rollups with retention per resolution: raw samples go into 1-minute buckets; a 1-minute bucket is sealed
 * into a {@link Rollup} once a sample of a later minute arrives, and sealed minutes merge into 5-minute rollups, those
 * into 1-hour rollups (rollups of rollups, never re-reading raw data). {@link #expire(Instant)} drops rollups older
 * than each resolution's retention.
 *
 * <p>Samples of a series must arrive in time order; a sample at or before the series' previous one is refused and
 * counted ({@link #refused()}), so a late or duplicate sample never double-counts.
 *
 * <p>Thread-safe: every method locks the store.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RollupStore implements MetricSink {
  /** One minute. */
  public static final Duration MINUTE = Duration.ofMinutes(1);
  /** Five minutes. */
  public static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  /** One hour. */
  public static final Duration HOUR = Duration.ofHours(1);

  private static final List<Duration> TIERS = List.of(MINUTE, FIVE_MINUTES, HOUR);

  private final Map<Duration, Duration> retention;
  private final Map<SeriesId, SeriesTiers> series = new HashMap<>();
  private long refused;

  private static final class SeriesTiers {
    long lastTs = Long.MIN_VALUE;
    long openMinute = Long.MIN_VALUE;
    double[] openValues = new double[8];
    int openCount;
    final Map<Duration, TreeMap<Long, Rollup>> sealed = new LinkedHashMap<>();
    final Map<Duration, List<Rollup>> pendingParts = new HashMap<>();
    final Map<Duration, Long> pendingStart = new HashMap<>();

    SeriesTiers() {
      for (Duration d : TIERS) {
        sealed.put(d, new TreeMap<>());
      }
    }
  }

  private RollupStore(Map<Duration, Duration> retention) {
    this.retention = Map.copyOf(retention);
  }

  /**
   * A store keeping 1-minute rollups for 2 days, 5-minute ones for 14 days and hourly ones for 400 days.
   *
   * @return a new store; never null
   */
  public static RollupStore create() {
    return create(Duration.ofDays(2), Duration.ofDays(14), Duration.ofDays(400));
  }

  /**
   * A store with chosen retention per resolution.
   *
   * @param minuteRetention how long 1-minute rollups are kept
   * @param fiveMinuteRetention how long 5-minute rollups are kept
   * @param hourRetention how long hourly rollups are kept
   * @return a new store; never null
   * @throws IllegalArgumentException if a retention is not positive
   */
  public static RollupStore create(Duration minuteRetention, Duration fiveMinuteRetention, Duration hourRetention) {
    return new RollupStore(Map.of(
        MINUTE, Checks.positive(minuteRetention, "minuteRetention"),
        FIVE_MINUTES, Checks.positive(fiveMinuteRetention, "fiveMinuteRetention"),
        HOUR, Checks.positive(hourRetention, "hourRetention")));
  }

  @Override
  public synchronized void accept(MetricSample sample) {
    Checks.nonNull(sample, "sample");
    SeriesTiers t = series.computeIfAbsent(sample.series(), k -> new SeriesTiers());
    long ts = sample.epochMillis();
    if (ts <= t.lastTs || Double.isInfinite(sample.value())) {
      refused++;
      return;
    }
    t.lastTs = ts;
    long minute = Math.floorDiv(ts, MINUTE.toMillis()) * MINUTE.toMillis();
    if (minute != t.openMinute) {
      sealMinute(t);
      t.openMinute = minute;
    }
    if (Double.isNaN(sample.value())) {
      return;
    }
    if (t.openCount == t.openValues.length) {
      t.openValues = java.util.Arrays.copyOf(t.openValues, t.openCount * 2);
    }
    t.openValues[t.openCount++] = sample.value();
  }

  private void sealMinute(SeriesTiers t) {
    if (t.openCount > 0) {
      Rollup r = Rollup.of(t.openMinute, MINUTE, java.util.Arrays.copyOf(t.openValues, t.openCount));
      addSealed(t, 0, r);
    }
    t.openCount = 0;
  }

  private void addSealed(SeriesTiers t, int tier, Rollup r) {
    Duration res = TIERS.get(tier);
    t.sealed.get(res).put(r.startMillis(), r);
    if (tier + 1 >= TIERS.size()) {
      return;
    }
    Duration up = TIERS.get(tier + 1);
    long upStart = Math.floorDiv(r.startMillis(), up.toMillis()) * up.toMillis();
    Long pending = t.pendingStart.get(up);
    if (pending != null && pending != upStart) {
      Rollup merged = Rollup.merge(pending, up, t.pendingParts.get(up));
      t.pendingParts.remove(up);
      t.pendingStart.remove(up);
      addSealed(t, tier + 1, merged);
    }
    t.pendingStart.put(up, upStart);
    t.pendingParts.computeIfAbsent(up, k -> new ArrayList<>()).add(r);
  }

  /**
   * Seals every open interval (e.g. at shutdown or before reading the latest hour).
   */
  public synchronized void flush() {
    for (SeriesTiers t : series.values()) {
      sealMinute(t);
      t.openMinute = Long.MIN_VALUE;
      for (int tier = 1; tier < TIERS.size(); tier++) {
        Duration res = TIERS.get(tier);
        Long start = t.pendingStart.remove(res);
        if (start != null) {
          Rollup merged = Rollup.merge(start, res, t.pendingParts.remove(res));
          addSealed(t, tier, merged);
        }
      }
    }
  }

  /**
   * Sealed rollups of one series at one resolution with {@code from <= start < to}, oldest first.
   *
   * @param id the series; never null
   * @param resolution one of {@link #MINUTE}, {@link #FIVE_MINUTES}, {@link #HOUR}
   * @param fromMillis start, inclusive
   * @param toMillis end, exclusive
   * @return the rollups; never null
   * @throws IllegalArgumentException if the resolution is not one of the tiers
   */
  public synchronized List<Rollup> query(SeriesId id, Duration resolution, long fromMillis, long toMillis) {
    Checks.nonNull(id, "id");
    if (!TIERS.contains(resolution)) {
      throw new IllegalArgumentException("resolution must be one of " + TIERS + ", got " + resolution);
    }
    SeriesTiers t = series.get(id);
    if (t == null || toMillis <= fromMillis) {
      return List.of();
    }
    return List.copyOf(t.sealed.get(resolution).subMap(fromMillis, toMillis).values());
  }

  /**
   * Drops rollups whose interval ended before {@code now} minus their resolution's retention.
   *
   * @param now the current time; never null
   * @return how many rollups were dropped
   */
  public synchronized int expire(Instant now) {
    Checks.nonNull(now, "now");
    int dropped = 0;
    for (SeriesTiers t : series.values()) {
      for (Duration res : TIERS) {
        long horizon = now.minus(retention.get(res)).toEpochMilli() - res.toMillis();
        var head = t.sealed.get(res).headMap(horizon, true);
        dropped += head.size();
        head.clear();
      }
    }
    return dropped;
  }

  /**
   * Samples refused because they were not after their series' previous sample, or infinite.
   *
   * @return the count
   */
  public synchronized long refused() {
    return refused;
  }
}
