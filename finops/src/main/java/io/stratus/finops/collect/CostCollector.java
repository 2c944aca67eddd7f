package io.stratus.finops.collect;

import io.stratus.finops.spi.WatermarkStore;
import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.query.WriteResult;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.BillingSource;
import io.stratus.finops.spi.Watermark;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls cost records from {@link BillingSource}s into a {@link CostStore}, incrementally. For each source and each
 * billing period it lists, the collector fetches what changed since the stored watermark, writes the batch to the store
 * (replacing a re-issued period, or the restated lines of an upsert batch), and only then stores the batch's watermark.
 * A failure before the watermark is stored leaves it where it was, so the next run fetches the batch again; since
 * writes replace what they restate, re-running never double-counts.
 *
 * <p>Thread-safe if its store, watermark store and sources are; {@link #collect()} runs on the caller's thread and
 * starts no threads. Runs should not overlap for the same source (the host schedules them).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostCollector {
  private static final Logger LOG = LoggerFactory.getLogger(CostCollector.class);

  private final List<BillingSource> sources;
  private final CostStore store;
  private final WatermarkStore watermarks;
  private final InstantSource clock;

  private CostCollector(List<BillingSource> sources, CostStore store, WatermarkStore watermarks, InstantSource clock) {
    this.sources = List.copyOf(sources);
    this.store = store;
    this.watermarks = watermarks;
    this.clock = clock;
  }

  /**
   * A collector.
   *
   * @param sources the sources, each with a unique id; never null
   * @param store where records go; never null
   * @param watermarks where watermarks go; never null
   * @param clock the current time, passed to {@link BillingSource#billingPeriods}; never null
   * @return the collector; never null
   * @throws IllegalArgumentException if two sources share an id
   */
  public static CostCollector create(
      List<? extends BillingSource> sources, CostStore store, WatermarkStore watermarks, InstantSource clock) {
    Objects.requireNonNull(sources, "sources");
    List<String> ids = new ArrayList<>();
    for (BillingSource s : sources) {
      String id = Objects.requireNonNull(s, "source").id();
      if (ids.contains(id)) {
        throw new IllegalArgumentException("sources must have unique ids, got '" + id + "' twice");
      }
      ids.add(id);
    }
    return new CostCollector(
        new ArrayList<>(sources),
        Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(watermarks, "watermarks"),
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Pulls every source once. A failing source or period is reported and skipped; the others go on.
   *
   * @return what was pulled; never null
   */
  public CollectionReport collect() {
    List<CollectionReport.Pull> pulls = new ArrayList<>();
    List<CollectionReport.Failure> failures = new ArrayList<>();
    for (BillingSource source : sources) {
      List<BillingPeriod> periods;
      try {
        periods = source.billingPeriods(clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("billing source '{}' could not list its billing periods", source.id(), e);
        failures.add(new CollectionReport.Failure(source.id(), String.valueOf(e.getMessage())));
        continue;
      }
      for (BillingPeriod period : periods) {
        pulls.add(pull(source, period));
      }
    }
    return new CollectionReport(pulls, failures);
  }

  private CollectionReport.Pull pull(BillingSource source, BillingPeriod period) {
    String id = source.id();
    Watermark before = watermarks.get(id, period).orElse(Watermark.INITIAL);
    BillingBatch batch;
    try {
      batch = source.fetch(period, before);
      if (batch == null || !batch.period().equals(period)) {
        throw new ProviderException(
            id, "fetch(" + period + ") returned " + (batch == null ? "null" : "a batch for " + batch.period()), null);
      }
    } catch (RuntimeException e) {
      LOG.warn("billing source '{}' failed to deliver period {}", id, period, e);
      return new CollectionReport.Pull(
          id, period, null, 0, 0, before, before, Optional.of(String.valueOf(e.getMessage())));
    }
    if (batch.isEmpty() && batch.watermark().equals(before)) {
      return new CollectionReport.Pull(id, period, batch.mode(), 0, 0, before, before, Optional.empty());
    }
    WriteResult written;
    try {
      written = store.write(id, period, batch.mode(), batch.records());
    } catch (RuntimeException e) {
      LOG.warn("cost store refused the batch of '{}' for {}; watermark stays at '{}'", id, period, before, e);
      return new CollectionReport.Pull(
          id, period, batch.mode(), 0, 0, before, before, Optional.of("store: " + e.getMessage()));
    }
    watermarks.put(id, period, batch.watermark());
    return new CollectionReport.Pull(
        id, period, batch.mode(), written.added(), written.removed(), before, batch.watermark(), Optional.empty());
  }
}
