package io.stratus.monitoring.store;

import io.stratus.monitoring.collect.SeriesId;
import io.stratus.monitoring.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * The embedded {@link MetricStore}: series in memory, compressed Gorilla-style (delta-of-delta timestamps,
 * XOR-encoded doubles) in blocks of a fixed number of points. A full block is sealed (trimmed, immutable, with count,
 * min, max and sum of its values, so downsampled reads can use the summary instead of decoding when a block falls
 * inside one bucket). Retention drops whole blocks.
 *
 * <p>Thread-safe: appends lock only their series; reads copy the series' block list and the open block under that
 * lock and decode outside it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InMemoryMetricStore implements MetricStore {
  /** Default number of points per block. */
  public static final int DEFAULT_BLOCK_POINTS = 1024;

  private final int blockPoints;
  private final Map<SeriesId, Series> series = new ConcurrentHashMap<>();
  private final Map<String, Collection<Series>> byMetric = new ConcurrentHashMap<>();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder conflicts = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();

  private static final class Series {
    final SeriesId id;
    final List<GorillaBlock> sealed = new ArrayList<>();
    GorillaBlock active;
    boolean hasAny;
    long lastTs;
    long lastBits;

    Series(SeriesId id) {
      this.id = id;
    }
  }

  private InMemoryMetricStore(int blockPoints) {
    this.blockPoints = blockPoints;
  }

  /**
   * A store with {@value #DEFAULT_BLOCK_POINTS} points per block; for {@link java.util.ServiceLoader}, which needs a
   * public no-argument constructor. Code should call {@link #create()}.
   */
  public InMemoryMetricStore() {
    this(DEFAULT_BLOCK_POINTS);
  }

  /**
   * A store with {@value #DEFAULT_BLOCK_POINTS} points per block.
   *
   * @return a new, empty store; never null
   */
  public static InMemoryMetricStore create() {
    return new InMemoryMetricStore(DEFAULT_BLOCK_POINTS);
  }

  /**
   * A store with a chosen block size: larger blocks compress a little better, smaller ones let retention and
   * downsampled reads work at a finer grain.
   *
   * @param blockPoints points per block, in [2, 65536]
   * @return a new, empty store; never null
   * @throws IllegalArgumentException if the size is out of range
   */
  public static InMemoryMetricStore create(int blockPoints) {
    if (blockPoints < 2 || blockPoints > 65536) {
      throw new IllegalArgumentException("blockPoints must be in [2, 65536], got " + blockPoints);
    }
    return new InMemoryMetricStore(blockPoints);
  }

  @Override
  public String id() {
    return "in-memory";
  }

  @Override
  public String description() {
    return "embedded in-memory store, Gorilla-compressed blocks of " + blockPoints + " points";
  }

  private Series seriesFor(SeriesId id) {
    Series s = series.get(id);
    if (s != null) {
      return s;
    }
    return series.computeIfAbsent(
        id,
        k -> {
          Series created = new Series(k);
          byMetric.computeIfAbsent(k.metric(), m -> new ConcurrentLinkedQueue<>()).add(created);
          return created;
        });
  }

  @Override
  public AppendResult append(SeriesId id, long epochMillis, double value) {
    Checks.nonNull(id, "series");
    Series s = seriesFor(id);
    AppendResult r;
    synchronized (s) {
      r = appendLocked(s, epochMillis, value);
    }
    count(r);
    return r;
  }

  @Override
  public int appendAll(SeriesId id, long[] epochMillis, double[] values) {
    Checks.nonNull(id, "series");
    if (epochMillis.length != values.length) {
      throw new IllegalArgumentException("epochMillis and values must have the same length, got "
          + epochMillis.length + " and " + values.length);
    }
    Series s = seriesFor(id);
    int appended = 0;
    synchronized (s) {
      for (int i = 0; i < values.length; i++) {
        AppendResult r = appendLocked(s, epochMillis[i], values[i]);
        if (r == AppendResult.APPENDED) {
          appended++;
        } else {
          count(r);
        }
      }
    }
    return appended;
  }

  private void count(AppendResult r) {
    switch (r) {
      case DUPLICATE:
        duplicates.increment();
        break;
      case REJECTED_CONFLICT:
        conflicts.increment();
        break;
      case REJECTED_OUT_OF_ORDER:
        outOfOrder.increment();
        break;
      default:
        break;
    }
  }

  private AppendResult appendLocked(Series s, long ts, double value) {
    long bits = Double.doubleToRawLongBits(value);
    if (s.hasAny) {
      if (ts < s.lastTs) {
        return AppendResult.REJECTED_OUT_OF_ORDER;
      }
      if (ts == s.lastTs) {
        return bits == s.lastBits ? AppendResult.DUPLICATE : AppendResult.REJECTED_CONFLICT;
      }
    }
    if (s.active == null) {
      s.active = new GorillaBlock(blockPoints);
    } else if (s.active.isFull()) {
      s.sealed.add(s.active.snapshot());
      s.active = new GorillaBlock(blockPoints);
    }
    s.active.append(ts, value);
    s.hasAny = true;
    s.lastTs = ts;
    s.lastBits = bits;
    return AppendResult.APPENDED;
  }

  @Override
  public List<SeriesId> series(SeriesSelector selector) {
    List<SeriesId> out = new ArrayList<>();
    for (Series s : candidates(selector)) {
      out.add(s.id);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private List<Series> candidates(SeriesSelector selector) {
    Checks.nonNull(selector, "selector");
    Collection<Series> pool =
        selector.metric().isPresent()
            ? byMetric.getOrDefault(selector.metric().get(), List.of())
            : series.values();
    List<Series> out = new ArrayList<>();
    for (Series s : pool) {
      if (selector.matches(s.id)) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing(s -> s.id));
    return out;
  }

  private static List<GorillaBlock> blocks(Series s, long from, long to) {
    List<GorillaBlock> out = new ArrayList<>();
    synchronized (s) {
      for (GorillaBlock b : s.sealed) {
        if (b.lastTimestamp() >= from && b.firstTimestamp() < to) {
          out.add(b);
        }
      }
      GorillaBlock a = s.active;
      if (a != null && a.count() > 0 && a.lastTimestamp() >= from && a.firstTimestamp() < to) {
        out.add(a.snapshot());
      }
    }
    return out;
  }

  @Override
  public List<SeriesData> query(SeriesSelector selector, long fromMillis, long toMillis) {
    checkRange(fromMillis, toMillis);
    List<SeriesData> out = new ArrayList<>();
    for (Series s : candidates(selector)) {
      List<GorillaBlock> blocks = blocks(s, fromMillis, toMillis);
      if (blocks.isEmpty()) {
        continue;
      }
      int cap = 0;
      for (GorillaBlock b : blocks) {
        cap += b.count();
      }
      long[] ts = new long[cap];
      double[] vs = new double[cap];
      int n = 0;
      for (GorillaBlock b : blocks) {
        n += b.decodeInto(fromMillis, toMillis, ts, vs, n);
      }
      if (n > 0) {
        out.add(SeriesData.wrap(s.id, n == cap ? ts : Arrays.copyOf(ts, n), n == cap ? vs : Arrays.copyOf(vs, n)));
      }
    }
    return out;
  }

  @Override
  public List<SeriesData> query(
      SeriesSelector selector, long fromMillis, long toMillis, Duration step, Aggregation aggregation) {
    checkRange(fromMillis, toMillis);
    Checks.nonNull(aggregation, "aggregation");
    long stepMillis = Downsampler.stepMillis(step);
    List<SeriesData> out = new ArrayList<>();
    for (Series s : candidates(selector)) {
      List<GorillaBlock> blocks = blocks(s, fromMillis, toMillis);
      if (blocks.isEmpty()) {
        continue;
      }
      Bucketer bucketer = new Bucketer(stepMillis, aggregation);
      for (GorillaBlock b : blocks) {
        long first = b.firstTimestamp();
        long last = b.lastTimestamp();
        if (first >= fromMillis && last < toMillis
            && Downsampler.floor(first, stepMillis) == Downsampler.floor(last, stepMillis)) {
          bucketer.summary(first, b);
        } else {
          b.decode(fromMillis, toMillis, bucketer::point);
        }
      }
      SeriesData d = bucketer.finish(s.id);
      if (d.size() > 0) {
        out.add(d);
      }
    }
    return out;
  }

  private static final class Bucketer {
    final long step;
    final Aggregation aggregation;
    final Downsampler.Acc acc = new Downsampler.Acc();
    long bucket = Long.MIN_VALUE;
    long[] ts = new long[16];
    double[] vs = new double[16];
    int n;

    Bucketer(long step, Aggregation aggregation) {
      this.step = step;
      this.aggregation = aggregation;
    }

    void moveTo(long t) {
      long b = Downsampler.floor(t, step);
      if (b != bucket) {
        flush();
        bucket = b;
      }
    }

    void point(long t, double v) {
      moveTo(t);
      acc.add(v);
    }

    void summary(long t, GorillaBlock b) {
      moveTo(t);
      acc.addSummary(b.nonNanCount(), b.min(), b.max(), b.sum(), b.lastNonNan());
    }

    void flush() {
      if (acc.count > 0) {
        if (n == ts.length) {
          ts = Arrays.copyOf(ts, n * 2);
          vs = Arrays.copyOf(vs, n * 2);
        }
        ts[n] = bucket;
        vs[n++] = acc.result(aggregation);
      }
      acc.reset();
    }

    SeriesData finish(SeriesId id) {
      flush();
      return SeriesData.wrap(id, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
    }
  }

  private static void checkRange(long from, long to) {
    if (to < from) {
      throw new IllegalArgumentException("toMillis must be >= fromMillis, got [" + from + ", " + to + ")");
    }
  }

  @Override
  public long deleteBefore(long epochMillis) {
    long deleted = 0;
    for (Series s : series.values()) {
      synchronized (s) {
        var it = s.sealed.iterator();
        while (it.hasNext()) {
          GorillaBlock b = it.next();
          if (b.lastTimestamp() < epochMillis) {
            deleted += b.count();
            it.remove();
          }
        }
        if (s.active != null && s.active.count() > 0 && s.active.lastTimestamp() < epochMillis) {
          deleted += s.active.count();
          s.active = null;
        }
      }
    }
    return deleted;
  }

  @Override
  public StoreStats stats() {
    long points = 0;
    long encoded = 0;
    long heap = 0;
    for (Series s : series.values()) {
      synchronized (s) {
        for (GorillaBlock b : s.sealed) {
          points += b.count();
          encoded += (b.bitLength() + 7) / 8;
          heap += b.heapBytes();
        }
        if (s.active != null) {
          points += s.active.count();
          encoded += (s.active.bitLength() + 7) / 8;
          heap += s.active.heapBytes();
        }
      }
    }
    return new StoreStats(series.size(), points, encoded, heap, duplicates.sum(), conflicts.sum(),
        outOfOrder.sum());
  }
}
