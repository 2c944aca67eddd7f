package io.stratus.scheduler.core;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
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
 * Snapshot#build(Snapshot, Instant, List, OfferQuery, InventoryProvider, PerformanceHistoryProvider, boolean)}).
 * Running machines the inventory could not price are left out and reported, or fail the read when the host asked for
 * that. Thread-safe.
 */
final class SnapshotSource implements Supplier<Snapshot> {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotSource.class);
  private static final Integer KEY = 0;
  private static final AttributeKey<List<String>> PROVIDERS = AttributeKey.stringArrayKey("stratus.pricing.providers");

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
      Executor executor,
      SchedulerTelemetry telemetry,
      boolean failOnUnpriced) {
    List<PricingProvider> providers = List.copyOf(pricing);
    List<String> providerIds = providers.stream().map(PricingProvider::id).toList();
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
                  Span span = telemetry.tracer().spanBuilder("stratus.scheduler.prices.fetch")
                      .setAttribute(SchedulerTelemetry.SCHEDULER, telemetry.scheduler())
                      .setAttribute(PROVIDERS, providerIds)
                      .startSpan();
                  Scope scope = span.makeCurrent();
                  try {
                    Snapshot s = Snapshot.build(previous, clock.instant(), providers, query, inventory, history,
                        failOnUnpriced);
                    last = s;
                    telemetry.fetched(span, s.n, s.unpriced.count);
                    LOG.atDebug().setMessage("price snapshot built")
                        .addKeyValue("candidates", s.n)
                        .addKeyValue("regions", s.regions.length)
                        .addKeyValue("unpricedMachines", s.unpriced.count)
                        .addKeyValue("inPlace", previous != null && s.regions == previous.regions)
                        .log();
                    return s;
                  } catch (RuntimeException e) {
                    SchedulerTelemetry.failed(span, e);
                    throw e;
                  } finally {
                    scope.close();
                    span.end();
                  }
                });
  }

  @Override
  public Snapshot get() {
    return cache.get(KEY);
  }
}
