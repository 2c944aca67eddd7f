package io.stratus.monitoring.collect;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.MetricSink;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls {@link MetricsSource}s, normalizes what they return and buffers it until the host drains it into a {@link
 * MetricSink}. The host drives the schedule: call {@link #poll()} and {@link #drainTo(MetricSink, int)} yourself, or
 * hand a {@link ScheduledExecutorService} to {@link #schedule}. Sources are fetched on the host's {@link Executor}
 * (one task per source); the collector starts no thread of its own.
 *
 * <p>Back-pressure: the buffer is bounded. When it is full, a source's remaining samples are <em>deferred</em>, not
 * dropped: its watermark stays at the first sample not taken, and the next poll asks for that part of the window
 * again. Samples are taken in a total order (time, name, resource, labels, value), and the samples at that instant
 * which were already taken are skipped on the next poll and counted as {@code alreadyTaken}, so a burst larger than
 * the buffer at one instant still makes progress. Every poll returns a {@link
 * CollectionReport} that counts what was fetched, buffered, deferred and rejected, per source.
 *
 * <p>Error isolation: a source that throws only fails its own report; its watermark does not move, so the window is
 * asked for again, and the other sources are unaffected.
 *
 * <p>Thread-safe. Polls are serialized; draining may run concurrently with a poll.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MetricsCollector {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsCollector.class);
  private static final int MAX_REASONS = 10;
  /** A total order on samples, so that a source that serves a window again yields the same sequence. */
  private static final Comparator<RawSample> ORDER =
      Comparator.comparingLong(RawSample::epochMillis)
          .thenComparing(RawSample::name)
          .thenComparing(RawSample::resource)
          .thenComparing(r -> new TreeMap<>(r.labels()).toString())
          .thenComparingDouble(RawSample::value);

  private final Map<String, SourceState> sources;
  private final MetricNormalizer normalizer;
  private final InstantSource clock;
  private final Executor executor;
  private final int capacity;
  private final ConcurrentLinkedQueue<MetricSample> buffer = new ConcurrentLinkedQueue<>();
  private final AtomicInteger used = new AtomicInteger();
  private final Object pollLock = new Object();

  private static final class SourceState {
    final MetricsSource source;
    Instant watermark;
    int takenAtWatermark;
    int consecutiveFailures;

    SourceState(MetricsSource source, Instant watermark) {
      this.source = source;
      this.watermark = watermark;
    }
  }

  private MetricsCollector(Builder b) {
    this.normalizer = b.normalizer;
    this.clock = b.clock;
    this.executor = b.executor;
    this.capacity = b.bufferCapacity;
    Instant start = clock.instant().minus(b.initialLookback);
    TreeMap<String, SourceState> map = new TreeMap<>();
    for (MetricsSource s : b.sources) {
      map.put(s.id(), new SourceState(s, start));
    }
    this.sources = map;
  }

  /**
   * A new builder.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Fetches every source's samples from its watermark up to now, normalizes them and buffers them. Blocks until every
   * source task has finished.
   *
   * @return what happened, per source; never null
   */
  public CollectionReport poll() {
    synchronized (pollLock) {
      Instant now = clock.instant();
      List<CompletableFuture<SourceReport>> futures = new ArrayList<>();
      for (SourceState state : sources.values()) {
        CompletableFuture<SourceReport> f;
        try {
          f = CompletableFuture.supplyAsync(() -> pollOne(state, now), executor);
        } catch (RuntimeException e) {
          f = CompletableFuture.completedFuture(failed(state, state.watermark, now, "executor rejected the task: "
              + e));
        }
        futures.add(f);
      }
      List<SourceReport> reports = new ArrayList<>();
      for (CompletableFuture<SourceReport> f : futures) {
        reports.add(f.join());
      }
      return new CollectionReport(now, reports, used.get(), capacity);
    }
  }

  /**
   * Moves up to {@code max} buffered samples, oldest first, into a sink. A sink that throws stops the drain; the
   * sample it threw on is not retried (it is reported through the exception).
   *
   * @param sink where they go; never null
   * @param max at most this many, {@code > 0}
   * @return how many were moved
   * @throws RuntimeException whatever the sink throws
   */
  public int drainTo(MetricSink sink, int max) {
    Checks.nonNull(sink, "sink");
    Checks.positive(max, "max");
    int moved = 0;
    while (moved < max) {
      MetricSample s = buffer.poll();
      if (s == null) {
        break;
      }
      used.decrementAndGet();
      moved++;
      sink.accept(s);
    }
    return moved;
  }

  /**
   * Samples waiting in the buffer.
   *
   * @return the count
   */
  public int buffered() {
    return used.get();
  }

  /**
   * Each source's watermark: the start of the next window it will be asked for.
   *
   * @return an immutable map by source id; never null
   */
  public Map<String, Instant> watermarks() {
    synchronized (pollLock) {
      TreeMap<String, Instant> out = new TreeMap<>();
      sources.forEach((id, s) -> out.put(id, s.watermark));
      return java.util.Collections.unmodifiableMap(out);
    }
  }

  /**
   * Schedules poll-then-drain at a fixed delay on the host's scheduler. Failures are logged and the schedule
   * continues; the reports go to {@code reports}.
   *
   * @param scheduler the host's scheduler; never null
   * @param period the delay between the end of one run and the start of the next; {@code > 0}
   * @param sink where drained samples go; never null
   * @param reports receives each poll's report; never null
   * @return the scheduled task, for cancellation; never null
   */
  public ScheduledFuture<?> schedule(
      ScheduledExecutorService scheduler, Duration period, MetricSink sink,
      java.util.function.Consumer<CollectionReport> reports) {
    Checks.nonNull(scheduler, "scheduler");
    Checks.positive(period, "period");
    Checks.nonNull(sink, "sink");
    Checks.nonNull(reports, "reports");
    return scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            reports.accept(poll());
            drainTo(sink, Integer.MAX_VALUE);
          } catch (RuntimeException e) {
            LOG.warn("metrics collection run failed", e);
          }
        },
        0, period.toNanos(), TimeUnit.NANOSECONDS);
  }

  private SourceReport pollOne(SourceState state, Instant now) {
    Instant from = state.watermark;
    if (!now.isAfter(from)) {
      return new SourceReport(state.source.id(), from, now, 0, 0, 0, 0, Map.of(), List.of(), Optional.empty(), 0);
    }
    List<RawSample> raw;
    String dialect;
    try {
      dialect = state.source.dialect();
      raw = new ArrayList<>(state.source.fetch(from, now));
    } catch (RuntimeException e) {
      LOG.debug("source '{}' failed", state.source.id(), e);
      return failed(state, from, now, e.toString());
    }
    raw.sort(ORDER);
    Map<MetricNormalizer.Status, Integer> outcomes = new EnumMap<>(MetricNormalizer.Status.class);
    List<String> reasons = new ArrayList<>();
    int buffered = 0;
    int deferred = 0;
    int skipped = 0;
    Instant next = now;
    int takenAtNext = 0;
    long fromMillis = from.toEpochMilli();
    for (int i = 0; i < raw.size(); i++) {
      RawSample r = raw.get(i);
      if (r.epochMillis() == fromMillis && skipped < state.takenAtWatermark) {
        skipped++;
        continue;
      }
      if (!reserve()) {
        deferred = raw.size() - i;
        next = Instant.ofEpochMilli(r.epochMillis());
        for (int j = i - 1; j >= 0 && raw.get(j).epochMillis() == r.epochMillis(); j--) {
          takenAtNext++;
        }
        break;
      }
      MetricNormalizer.Outcome o;
      try {
        o = normalizer.normalize(dialect, r);
      } catch (RuntimeException e) {
        used.decrementAndGet();
        throw e;
      }
      if (o.sample().isPresent()) {
        buffer.add(o.sample().get());
        buffered++;
      } else {
        used.decrementAndGet();
      }
      if (o.status() != MetricNormalizer.Status.ACCEPTED) {
        if (!o.status().producesSample()) {
          outcomes.merge(o.status(), 1, Integer::sum);
        }
        if (reasons.size() < MAX_REASONS) {
          reasons.add(o.status() + ": " + o.reason());
        }
      }
    }
    if (next.isBefore(from)) {
      next = from;
    }
    state.watermark = next;
    state.takenAtWatermark = takenAtNext;
    state.consecutiveFailures = 0;
    if (deferred > 0) {
      LOG.debug("source '{}': buffer full, {} samples deferred to the next poll", state.source.id(), deferred);
    }
    return new SourceReport(state.source.id(), from, now, raw.size(), buffered, deferred, skipped, outcomes, reasons,
        Optional.empty(), 0);
  }

  private boolean reserve() {
    while (true) {
      int u = used.get();
      if (u >= capacity) {
        return false;
      }
      if (used.compareAndSet(u, u + 1)) {
        return true;
      }
    }
  }

  private SourceReport failed(SourceState state, Instant from, Instant now, String error) {
    state.consecutiveFailures++;
    return new SourceReport(state.source.id(), from, now, 0, 0, 0, 0, Map.of(), List.of(), Optional.of(error),
        state.consecutiveFailures);
  }

  /**
   * Builds a collector. Not thread-safe; {@link #build()} may run more than once (each collector gets its own
   * buffer and watermarks).
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final List<MetricsSource> sources = new ArrayList<>();
    private MetricNormalizer normalizer;
    private InstantSource clock;
    private Executor executor = Runnable::run;
    private int bufferCapacity = 100_000;
    private Duration initialLookback = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * Adds a source.
     *
     * @param source the source; never null
     * @return this builder
     * @throws IllegalArgumentException if another source has the same id
     */
    public Builder source(MetricsSource source) {
      Checks.nonNull(source, "source");
      for (MetricsSource s : sources) {
        if (s.id().equals(source.id())) {
          throw new IllegalArgumentException("source id must be unique, got '" + source.id() + "' twice");
        }
      }
      sources.add(source);
      return this;
    }

    /**
     * Adds sources.
     *
     * @param values the sources; never null
     * @return this builder
     */
    public Builder sources(Collection<? extends MetricsSource> values) {
      for (MetricsSource s : List.copyOf(values)) {
        source(s);
      }
      return this;
    }

    /**
     * The normalizer; defaults to {@link MetricNormalizer#create()}.
     *
     * @param value the normalizer; never null
     * @return this builder
     */
    public Builder normalizer(MetricNormalizer value) {
      this.normalizer = Checks.nonNull(value, "normalizer");
      return this;
    }

    /**
     * The clock; required.
     *
     * @param value the clock; never null
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      this.clock = Checks.nonNull(value, "clock");
      return this;
    }

    /**
     * Where source fetches run; defaults to the polling thread.
     *
     * @param value the executor; never null
     * @return this builder
     */
    public Builder executor(Executor value) {
      this.executor = Checks.nonNull(value, "executor");
      return this;
    }

    /**
     * The buffer's capacity in samples; default 100,000.
     *
     * @param value the capacity, {@code > 0}
     * @return this builder
     */
    public Builder bufferCapacity(int value) {
      this.bufferCapacity = Checks.positive(value, "bufferCapacity");
      return this;
    }

    /**
     * How far back the first poll of each source reaches; default 5 minutes.
     *
     * @param value the look-back, {@code >= 0}
     * @return this builder
     */
    public Builder initialLookback(Duration value) {
      this.initialLookback = Checks.nonNegative(value, "initialLookback");
      return this;
    }

    /**
     * Builds the collector.
     *
     * @return a new collector; never null
     * @throws io.stratus.InvalidConfigurationException if no clock was set
     */
    public MetricsCollector build() {
      if (clock == null) {
        throw new io.stratus.InvalidConfigurationException(
            "MetricsCollector needs a clock: call clock(InstantSource), e.g. InstantSource.system()");
      }
      if (normalizer == null) {
        normalizer = MetricNormalizer.create();
      }
      return new MetricsCollector(this);
    }
  }
}
