package io.stratus.scheduler.core;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PricingProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price-and-inventory snapshot, cached with Caffeine: expires after the TTL, refreshed after the refresh interval
 * (the stale snapshot keeps serving while the refresh runs on the host's executor). Time comes from the injected
 * {@link InstantSource}. Each build starts from the last snapshot built, so that a refresh in which only prices
 * changed copies those prices into the previous layout instead of laying every candidate out again (see {@link
 * Snapshot#build(Snapshot, Instant, List, OfferQuery, InventoryProvider, PerformanceHistoryProvider)}). Thread-safe.
 */
final class SnapshotSource implements Supplier<Snapshot> {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotSource.class);
  private static final Integer KEY = 0;

  private final LoadingCache<Integer, Snapshot> cache;
  private volatile Snapshot last;

  SnapshotSource(
      List<PricingProvider> pricing,
      OfferQuery query,
      InventoryProvider inventory,
      PerformanceHistoryProvider history,
      Duration ttl,
      Duration refreshAfter,
      InstantSource clock,
      Executor executor) {
    List<PricingProvider> providers = List.copyOf(pricing);
    Ticker ticker =
        () -> {
          Instant now = clock.instant();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(executor)
            .expireAfterWrite(ttl)
            .refreshAfterWrite(refreshAfter)
            .maximumSize(1)
            .build(
                key -> {
                  Snapshot previous = last;
                  Snapshot s = Snapshot.build(previous, clock.instant(), providers, query, inventory, history);
                  last = s;
                  LOG.debug("price snapshot: {} candidates in {} regions{}", s.n, s.regions.length,
                      previous != null && s.regions == previous.regions ? " (prices updated in place)" : "");
                  return s;
                });
  }

  @Override
  public Snapshot get() {
    return cache.get(KEY);
  }
}
