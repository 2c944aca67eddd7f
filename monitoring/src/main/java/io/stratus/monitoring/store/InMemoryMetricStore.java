package io.stratus.monitoring.store;

import io.stratus.monitoring.internal.Buckets;
import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.Aggregation;
import io.stratus.monitoring.spi.AppendResult;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.spi.StoreStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * The embedded {@link MetricStore}: series in memory, compressed Gorilla-style (delta-of-delta timestamps,
 * XOR-encoded doubles) in blocks of a fixed number of points. A full block is sealed (trimmed, immutable, with its
 * first and last timestamps and the count, min, max, sum and last of its values, so downsampled reads use the summary
 * instead of decoding when a block falls inside one bucket). Retention drops whole blocks.
 *
 * <p>Writes: {@link #append(SeriesId, long, double)} looks the series up by its labels; {@link #handle(SeriesId)}
 * resolves it once so {@link #append(SeriesHandle, long, double)} can skip the lookup. Single appends land in a small
 * per-series raw buffer of 32 points that is encoded in a batch when it fills (about 0.5 KB per
 * series), which keeps time-major ingest (one point for each of many series per timestamp) cheap.
 *
 * <p>Reads: only blocks overlapping the range are visited (binary search on block times); the decode loop writes into
 * pre-sized primitive arrays with no per-point allocation or callback. The overloads that take an {@link Executor}
 * decode series in parallel on the host's threads; the store starts no threads of its own.
 *
 * <p>Thread-safe: appends lock only their series; reads take block views under that lock and decode outside it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InMemoryMetricStore implements MetricStore {
  /** Default number of points per block. */
  public static final int DEFAULT_BLOCK_POINTS = 1024;

  private static final int MAX_TASKS = 64;
  private static final int MIN_SERIES_PER_TASK = 32;

  private final int blockPoints;
  private final long alignMillis;
  private final long windowMillis;
  private final Map<SeriesId, StoredSeries> series = new ConcurrentHashMap<>();
  private final AtomicInteger created = new AtomicInteger();
  private final Object indexLock = new Object();
  private volatile Index index = new Index(0, new StoredSeries[0], Map.of());
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder conflicts = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();

  /** Series sorted by id, overall and per metric name; rebuilt after new series appear. */
  private record Index(int version, StoredSeries[] all, Map<String, StoredSeries[]> byMetric) {}

  private InMemoryMetricStore(int blockPoints, long alignMillis, long windowMillis) {
    this.blockPoints = blockPoints;
    this.alignMillis = alignMillis;
    this.windowMillis = windowMillis;
  }

  /**
   * A store with {@value #DEFAULT_BLOCK_POINTS} points per block; for {@link java.util.ServiceLoader}, which needs a
   * public no-argument constructor. Code should call {@link #create()}.
   */
  public InMemoryMetricStore() {
    this(DEFAULT_BLOCK_POINTS, 0, 0);
  }

  /**
   * A store with {@value #DEFAULT_BLOCK_POINTS} points per block.
   *
   * @return a new, empty store; never null
   */
  public static InMemoryMetricStore create() {
    return new InMemoryMetricStore(DEFAULT_BLOCK_POINTS, 0, 0);
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
    return builder().blockPoints(blockPoints).build();
  }

  /**
   * A store whose blocks also end at aligned time boundaries: a block is sealed when it is full or when the next point
   * falls into a later window of {@code blockAlignment} (aligned to the epoch). Downsampled reads whose step is a
   * multiple of the alignment (for example 1-hour or 1-day buckets over 1-hour-aligned blocks) then use only block
   * summaries and decode nothing. The price is more, shorter blocks: each starts with a raw 16-byte point and carries
   * about 130 bytes of heap, so align only when windows hold many points (e.g. 1 hour of 1-minute data costs about
   * 0.3 more encoded bytes per point).
   *
   * @param blockPoints points per block, in [2, 65536]
   * @param blockAlignment window that a block never spans, {@code >= 1 s}, whole milliseconds
   * @return a new, empty store; never null
   * @throws IllegalArgumentException if the size or alignment is out of range
   */
  public static InMemoryMetricStore create(int blockPoints, Duration blockAlignment) {
    return builder().blockPoints(blockPoints).blockAlignment(blockAlignment).build();
  }

  /**
   * A builder for a store with a chosen block size, block alignment and out-of-order window.
   *
   * @return a new builder with the defaults of {@link #create()}; never null
   */
  public static Builder builder() {
    return new Builder();
  }


  @Override
  public String id() {
    return "in-memory";
  }

  @Override
  public String description() {
    return "embedded in-memory store, Gorilla-compressed blocks of " + blockPoints + " points"
        + (alignMillis > 0 ? " aligned to " + Duration.ofMillis(alignMillis) : "")
        + (windowMillis > 0 ? ", out-of-order window " + Duration.ofMillis(windowMillis) : "");
  }

  @Override
  public Duration outOfOrderWindow() {
    return Duration.ofMillis(windowMillis);
  }

  private StoredSeries seriesFor(SeriesId id) {
    StoredSeries s = series.get(id);
    if (s != null) {
      return s;
    }
    StoredSeries fresh = new StoredSeries(id, blockPoints, alignMillis, windowMillis);
    StoredSeries prev = series.putIfAbsent(id, fresh);
    if (prev != null) {
      return prev;
    }
    created.incrementAndGet();
    return fresh;
  }

  /**
   * Resolves a series once, creating it (empty) if needed, for {@link #append(SeriesHandle, long, double)}.
   *
   * @param id the series; never null
   * @return a handle valid for the life of this store; never null
   */
  public SeriesHandle handle(SeriesId id) {
    Checks.nonNull(id, "series");
    return new SeriesHandle(this, seriesFor(id));
  }

  /**
   * Appends one point to a resolved series, skipping the label lookup; same outcomes as {@link #append(SeriesId,
   * long, double)}.
   *
   * @param handle a handle from this store's {@link #handle(SeriesId)}; never null
   * @param epochMillis when
   * @param value the value, any double
   * @return what happened; never null
   * @throws IllegalArgumentException if the handle comes from another store
   */
  public AppendResult append(SeriesHandle handle, long epochMillis, double value) {
    Checks.nonNull(handle, "handle");
    if (handle.owner != this) {
      throw new IllegalArgumentException("handle must come from this store's handle(SeriesId), got " + handle
          + " from another store");
    }
    return counted(handle.series.append(epochMillis, value));
  }

  @Override
  public AppendResult append(SeriesId id, long epochMillis, double value) {
    Checks.nonNull(id, "series");
    return counted(seriesFor(id).append(epochMillis, value));
  }

  private AppendResult counted(AppendResult r) {
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
    return r;
  }

  @Override
  public int appendAll(SeriesId id, long[] epochMillis, double[] values) {
    Checks.nonNull(id, "series");
    Checks.nonNull(epochMillis, "epochMillis");
    Checks.nonNull(values, "values");
    if (epochMillis.length != values.length) {
      throw new IllegalArgumentException("epochMillis and values must have the same length, got "
          + epochMillis.length + " and " + values.length);
    }
    int[] rejected = new int[AppendResult.values().length];
    int appended = seriesFor(id).appendAll(epochMillis, values, rejected);
    duplicates.add(rejected[AppendResult.DUPLICATE.ordinal()]);
    conflicts.add(rejected[AppendResult.REJECTED_CONFLICT.ordinal()]);
    outOfOrder.add(rejected[AppendResult.REJECTED_OUT_OF_ORDER.ordinal()]);
    return appended;
  }

  @Override
  public List<SeriesId> series(SeriesSelector selector) {
    List<SeriesId> out = new ArrayList<>();
    for (StoredSeries s : candidates(selector)) {
      out.add(s.id);
    }
    return out;
  }

  private Index index() {
    Index i = index;
    int v = created.get();
    if (i.version == v) {
      return i;
    }
    synchronized (indexLock) {
      i = index;
      v = created.get();
      if (i.version == v) {
        return i;
      }
      StoredSeries[] all = series.values().toArray(new StoredSeries[0]);
      Arrays.sort(all, Comparator.comparing((StoredSeries s) -> s.id));
      Map<String, List<StoredSeries>> grouped = new HashMap<>();
      for (StoredSeries s : all) {
        grouped.computeIfAbsent(s.id.metric(), m -> new ArrayList<>()).add(s);
      }
      Map<String, StoredSeries[]> byMetric = new HashMap<>();
      grouped.forEach((m, l) -> byMetric.put(m, l.toArray(new StoredSeries[0])));
      i = new Index(v, all, byMetric);
      index = i;
      return i;
    }
  }

  private List<StoredSeries> candidates(SeriesSelector selector) {
    Checks.nonNull(selector, "selector");
    Index i = index();
    StoredSeries[] pool =
        selector.metric().isPresent() ? i.byMetric.getOrDefault(selector.metric().get(), new StoredSeries[0]) : i.all;
    List<StoredSeries> out = new ArrayList<>(pool.length);
    for (StoredSeries s : pool) {
      if (selector.matches(s.id)) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public List<SeriesData> query(SeriesSelector selector, long fromMillis, long toMillis) {
    checkRange(fromMillis, toMillis);
    return readAll(candidates(selector), (s, scratch) -> readRaw(s, fromMillis, toMillis), null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Series are split into contiguous groups, each decoded by one task on the executor; the calling thread waits.
   */
  @Override
  public List<SeriesData> query(SeriesSelector selector, long fromMillis, long toMillis, Executor executor) {
    checkRange(fromMillis, toMillis);
    Checks.nonNull(executor, "executor");
    return readAll(candidates(selector), (s, scratch) -> readRaw(s, fromMillis, toMillis), executor);
  }

  @Override
  public List<SeriesData> query(
      SeriesSelector selector, long fromMillis, long toMillis, Duration step, Aggregation aggregation) {
    checkRange(fromMillis, toMillis);
    Checks.nonNull(aggregation, "aggregation");
    long stepMillis = Buckets.stepMillis(step);
    return readAll(candidates(selector),
        (s, scratch) -> readDownsampled(s, fromMillis, toMillis, stepMillis, aggregation, scratch), null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Series are split into contiguous groups, each decoded by one task on the executor; the calling thread waits.
   */
  @Override
  public List<SeriesData> query(SeriesSelector selector, long fromMillis, long toMillis, Duration step,
      Aggregation aggregation, Executor executor) {
    checkRange(fromMillis, toMillis);
    Checks.nonNull(aggregation, "aggregation");
    Checks.nonNull(executor, "executor");
    long stepMillis = Buckets.stepMillis(step);
    return readAll(candidates(selector),
        (s, scratch) -> readDownsampled(s, fromMillis, toMillis, stepMillis, aggregation, scratch), executor);
  }

  /** Reads one series; {@code null} when it has no point in the range. */
  @FunctionalInterface
  private interface SeriesReader {
    SeriesData read(StoredSeries s, Scratch scratch);
  }

  /** Per-task decode buffers, one block long. */
  private static final class Scratch {
    long[] ts;
    double[] vs;

    Scratch(int points) {
      ts = new long[points];
      vs = new double[points];
    }

    /** Grows to hold a block of {@code points} (the buffer of an out-of-order window can exceed a block). */
    Scratch fit(int points) {
      if (ts.length < points) {
        ts = new long[points];
        vs = new double[points];
      }
      return this;
    }
  }

  private List<SeriesData> readAll(List<StoredSeries> pool, SeriesReader reader, Executor executor) {
    int n = pool.size();
    SeriesData[] slots = new SeriesData[n];
    int tasks = executor == null ? 1 : Math.min(MAX_TASKS, Math.max(1, n / MIN_SERIES_PER_TASK));
    if (tasks <= 1) {
      Scratch scratch = new Scratch(blockPoints);
      for (int i = 0; i < n; i++) {
        slots[i] = reader.read(pool.get(i), scratch);
      }
    } else {
      CompletableFuture<?>[] futures = new CompletableFuture<?>[tasks];
      for (int k = 0; k < tasks; k++) {
        int lo = (int) ((long) k * n / tasks);
        int hi = (int) ((long) (k + 1) * n / tasks);
        futures[k] = CompletableFuture.runAsync(() -> {
          Scratch scratch = new Scratch(blockPoints);
          for (int i = lo; i < hi; i++) {
            slots[i] = reader.read(pool.get(i), scratch);
          }
        }, executor);
      }
      try {
        CompletableFuture.allOf(futures).join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw e;
      }
    }
    List<SeriesData> out = new ArrayList<>(n);
    for (SeriesData d : slots) {
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private static SeriesData readRaw(StoredSeries s, long from, long to) {
    GorillaBlock[] blocks = s.blocks(from, to);
    if (blocks.length == 0) {
      return null;
    }
    int cap = 0;
    for (GorillaBlock b : blocks) {
      cap += b.count();
    }
    long[] ts = new long[cap];
    double[] vs = new double[cap];
    int n = 0;
    for (GorillaBlock b : blocks) {
      n += b.decodeInto(from, to, ts, vs, n);
    }
    if (n == 0) {
      return null;
    }
    return SeriesData.of(s.id, n == cap ? ts : Arrays.copyOf(ts, n), n == cap ? vs : Arrays.copyOf(vs, n));
  }

  private static SeriesData readDownsampled(
      StoredSeries s, long from, long to, long step, Aggregation aggregation, Scratch scratch) {
    GorillaBlock[] blocks = s.blocks(from, to);
    if (blocks.length == 0) {
      return null;
    }
    long points = 0;
    for (GorillaBlock b : blocks) {
      points += b.count();
    }
    long buckets = Math.floorDiv(to - 1, step) - Math.floorDiv(from, step) + 1;
    int cap = (int) (buckets > 0 ? Math.min(points, buckets) : points);
    Bucketer bucketer = new Bucketer(step, aggregation, cap);
    for (GorillaBlock b : blocks) {
      long first = b.firstTimestamp();
      long last = b.lastTimestamp();
      if (first >= from && last < to && Buckets.floor(first, step) == Buckets.floor(last, step)) {
        bucketer.summary(first, b);
      } else {
        int n = b.decodeInto(from, to, scratch.fit(b.count()).ts, scratch.vs, 0);
        bucketer.points(scratch.ts, scratch.vs, n);
      }
    }
    return bucketer.finish(s.id);
  }

  /** Folds time-ordered points into buckets of {@code step}. */
  private static final class Bucketer {
    final long step;
    final Aggregation aggregation;
    long bucketStart = Long.MAX_VALUE;
    long bucketEnd = Long.MIN_VALUE;
    long count;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum;
    double last = Double.NaN;
    final long[] ts;
    final double[] vs;
    int n;

    Bucketer(long step, Aggregation aggregation, int capacity) {
      this.step = step;
      this.aggregation = aggregation;
      this.ts = new long[capacity];
      this.vs = new double[capacity];
    }

    private void moveTo(long t) {
      if (t >= bucketStart && t < bucketEnd) {
        return;
      }
      flush();
      bucketStart = Buckets.floor(t, step);
      long end = bucketStart + step;
      bucketEnd = end < bucketStart ? Long.MAX_VALUE : end;
    }

    void points(long[] pts, double[] pvs, int len) {
      for (int i = 0; i < len; i++) {
        long t = pts[i];
        if (t < bucketStart || t >= bucketEnd) {
          moveTo(t);
        }
        double v = pvs[i];
        if (v == v) {
          count++;
          min = Math.min(min, v);
          max = Math.max(max, v);
          sum += v;
          last = v;
        }
      }
    }

    void summary(long t, GorillaBlock b) {
      moveTo(t);
      if (b.nonNanCount() > 0) {
        count += b.nonNanCount();
        min = Math.min(min, b.min());
        max = Math.max(max, b.max());
        sum += b.sum();
        last = b.lastNonNan();
      }
    }

    private void flush() {
      if (count > 0) {
        ts[n] = bucketStart;
        switch (aggregation) {
          case MIN:
            vs[n] = min;
            break;
          case MAX:
            vs[n] = max;
            break;
          case SUM:
            vs[n] = sum;
            break;
          case COUNT:
            vs[n] = count;
            break;
          case AVG:
            vs[n] = sum / count;
            break;
          default:
            vs[n] = last;
        }
        n++;
      }
      count = 0;
      min = Double.POSITIVE_INFINITY;
      max = Double.NEGATIVE_INFINITY;
      sum = 0;
      last = Double.NaN;
    }

    SeriesData finish(SeriesId id) {
      flush();
      if (n == 0) {
        return null;
      }
      return SeriesData.of(id, n == ts.length ? ts : Arrays.copyOf(ts, n), n == vs.length ? vs : Arrays.copyOf(vs, n));
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
    for (StoredSeries s : series.values()) {
      deleted += s.deleteBefore(epochMillis);
    }
    return deleted;
  }

  @Override
  public StoreStats stats() {
    long[] acc = new long[3];
    for (StoredSeries s : series.values()) {
      s.addStats(acc);
    }
    return new StoreStats(series.size(), acc[0], acc[1], acc[2], duplicates.sum(), conflicts.sum(),
        outOfOrder.sum());
  }

  /**
   * Configures an {@link InMemoryMetricStore}. Setters check their argument at once; {@link #build()} may run more
   * than once, each time giving a new, empty store. Not thread-safe.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private int blockPoints = DEFAULT_BLOCK_POINTS;
    private long alignMillis;
    private long windowMillis;

    private Builder() {}

    /**
     * Points per block: larger blocks compress a little better, smaller ones let retention and downsampled reads work
     * at a finer grain. Default {@value InMemoryMetricStore#DEFAULT_BLOCK_POINTS}.
     *
     * @param value points per block, in [2, 65536]
     * @return this builder; never null
     * @throws IllegalArgumentException if the size is out of range
     */
    public Builder blockPoints(int value) {
      if (value < 2 || value > 65536) {
        throw new IllegalArgumentException("blockPoints must be in [2, 65536], got " + value);
      }
      blockPoints = value;
      return this;
    }

    /**
     * A window that a block never spans, as described at {@link InMemoryMetricStore#create(int, Duration)}. Default:
     * none.
     *
     * @param value the alignment, {@code >= 1 s}, whole milliseconds; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if the alignment is out of range
     */
    public Builder blockAlignment(Duration value) {
      long align = Buckets.stepMillis(Checks.nonNull(value, "blockAlignment"));
      if (align < 1000) {
        throw new IllegalArgumentException("blockAlignment must be >= 1 s, got " + value);
      }
      alignMillis = align;
      return this;
    }

    /**
     * How far behind a series' newest point a point may arrive and still be stored in its place (late scrapes,
     * sources that deliver a window in pieces). Points inside the window stay raw (16 bytes each) until they leave
     * it; reads see them at once. Default zero: points must arrive in time order.
     *
     * @param value the window, zero or positive, whole milliseconds, at most one day; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if the window is negative, not whole milliseconds or longer than a day
     */
    public Builder outOfOrderWindow(Duration value) {
      Checks.nonNull(value, "outOfOrderWindow");
      if (value.isNegative() || value.compareTo(Duration.ofDays(1)) > 0
          || !Duration.ofMillis(value.toMillis()).equals(value)) {
        throw new IllegalArgumentException("outOfOrderWindow must be whole milliseconds in [0, 1 day], got " + value);
      }
      windowMillis = value.toMillis();
      return this;
    }

    /**
     * Builds a new, empty store.
     *
     * @return the store; never null
     */
    public InMemoryMetricStore build() {
      return new InMemoryMetricStore(blockPoints, alignMillis, windowMillis);
    }
  }
}
