package io.stratus.scheduler.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.stratus.InvalidConfigurationException;
import io.stratus.scheduler.FilterPlugin;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PricingProvider;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import io.stratus.scheduler.core.placement.PlacementListener;
import io.stratus.scheduler.core.placement.PlacementSolver;
import org.apiguardian.api.API;

/**
 * What every scheduler's builder shares: where prices, running machines and performance history come from, how long
 * a price snapshot is cached, the clock, the executor for background refreshes, and the host's extra filters.
 *
 * <p>Not thread-safe. Setters check their argument at once; {@code build()} checks the whole and may be called more
 * than once.
 *
 * @param <B> the concrete builder
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class SchedulerBuilder<B extends SchedulerBuilder<B>> {
  private final List<PricingProvider> pricing = new ArrayList<>();
  private InventoryProvider inventory;
  private boolean failOnUnpricedMachines;
  private PerformanceHistoryProvider history;
  private OfferQuery offerQuery = OfferQuery.all();
  private Duration cacheTtl = Duration.ofMinutes(15);
  private Duration refreshAfter = Duration.ofMinutes(5);
  private InstantSource clock = InstantSource.system();
  private Executor executor = Runnable::run;
  private final List<FilterPlugin> filters = new ArrayList<>();
  private long seed;
  private long placementSteps = -1;
  private Duration placementBudget;
  private LongSupplier nanoTicker;
  private PlacementListener placementListener;
  private MeterRegistry meterRegistry;
  private OpenTelemetry openTelemetry = OpenTelemetry.noop();
  private DecisionTracing decisionTracing = DecisionTracing.NONE;

  SchedulerBuilder() {}

  abstract B self();

  /**
   * Adds a price source (at least one is required). Offers priced by several sources keep the most recent price.
   * Each source must have its own {@link PricingProvider#id() id}.
   *
   * @param provider the source, e.g. the bundled catalog; never null
   * @return this builder
   * @throws InvalidConfigurationException if a source with the same id was already added
   */
  public B pricing(PricingProvider provider) {
    Objects.requireNonNull(provider, "pricing provider must not be null");
    for (PricingProvider p : pricing) {
      if (p.id().equals(provider.id())) {
        throw new InvalidConfigurationException("pricing provider id '" + provider.id() + "' given twice ("
            + p.getClass().getName() + " and " + provider.getClass().getName() + "): every price source needs its own id; add each"
            + " provider once");
      }
    }
    pricing.add(provider);
    return self();
  }

  /**
   * Adds price sources, e.g. {@code ProviderRegistry.load(PricingProvider.class).all()}.
   *
   * @param providers the sources; never null, no null elements
   * @return this builder
   * @throws InvalidConfigurationException if two sources (here or added before) share an id
   */
  public B pricing(Collection<? extends PricingProvider> providers) {
    Objects.requireNonNull(providers, "pricing providers must not be null");
    for (PricingProvider p : providers) {
      pricing(p);
    }
    return self();
  }

  /**
   * Sets the source of running machines whose free capacity is preferred over new instances (default: none).
   *
   * <p>When the inventory read its fleet but could not price some machines (it throws
   * {@link io.stratus.spi.PriceUnavailableException}, e.g. for a custom GCP machine type), decisions go on with the
   * priced machines and report the others; see {@link #failOnUnpricedMachines(boolean)}.
   *
   * @param provider the source; never null
   * @return this builder
   */
  public B inventory(InventoryProvider provider) {
    this.inventory = Objects.requireNonNull(provider, "inventory provider must not be null");
    return self();
  }

  /**
   * Sets what happens when the {@link #inventory(InventoryProvider) inventory} read its fleet but could not price
   * some running machines ({@link io.stratus.spi.PriceUnavailableException}).
   *
   * <p>By default ({@code false}) every decision (single, batch and Pareto front) is made on the priced machines and
   * the offers. The unpriced machines are never chosen, and never silently dropped: each decision's explanation counts
   * them as considered and rejected under the reason {@code "unknown price: <the provider's reason>"} and names them
   * in a note, the meter {@code stratus.scheduler.candidates.filtered} counts them under the reason
   * {@code unknown_price}, and the change is logged at WARN when the set of unpriced machines changes.
   *
   * <p>With {@code true}, reading the snapshot fails instead: {@code schedule}, {@code placeAll} and
   * {@code paretoFront} throw the inventory's {@code PriceUnavailableException} until every machine has a price (a
   * host that must not place anything on a partial view of its fleet).
   *
   * @param fail whether one unpriced running machine fails every decision; default {@code false}
   * @return this builder
   */
  public B failOnUnpricedMachines(boolean fail) {
    this.failOnUnpricedMachines = fail;
    return self();
  }

  /**
   * Sets the source of observed performance (default: none, so documented estimates are used).
   *
   * @param provider the source; never null
   * @return this builder
   */
  public B performanceHistory(PerformanceHistoryProvider provider) {
    this.history = Objects.requireNonNull(provider, "performance history provider must not be null");
    return self();
  }

  /**
   * Narrows the offers read from the price sources (default: all).
   *
   * @param query the query; never null
   * @return this builder
   */
  public B offerQuery(OfferQuery query) {
    this.offerQuery = Objects.requireNonNull(query, "offerQuery must not be null");
    return self();
  }

  /**
   * Sets how long a price-and-inventory snapshot may be used at most (default 15 minutes).
   *
   * @param ttl positive; never null
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public B cacheTtl(Duration ttl) {
    this.cacheTtl = positive(ttl, "cacheTtl");
    return self();
  }

  /**
   * Sets after how long a snapshot is refreshed on the next read while the old one keeps serving (default 5 minutes).
   *
   * @param interval positive and shorter than the TTL; never null
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public B refreshAfter(Duration interval) {
    this.refreshAfter = positive(interval, "refreshAfter");
    return self();
  }

  /**
   * Sets the clock that times the cache and stamps snapshots (default: the system clock).
   *
   * @param clock the clock, e.g. a simulation's virtual clock; never null
   * @return this builder
   */
  public B clock(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    return self();
  }

  /**
   * Sets where snapshot refreshes run (default: on the calling thread, so no thread is ever started).
   *
   * @param executor the host's executor; never null
   * @return this builder
   */
  public B executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor must not be null");
    return self();
  }

  /**
   * Adds a filter that runs after the built-in ones (which cannot be removed).
   *
   * @param filter the filter; never null
   * @return this builder
   */
  public B filter(FilterPlugin filter) {
    filters.add(Objects.requireNonNull(filter, "filter must not be null"));
    return self();
  }

  /**
   * Sets the seed of batch placement (default 0); the same seed and inputs give the same plan.
   *
   * @param seed any value
   * @return this builder
   */
  public B seed(long seed) {
    this.seed = seed;
    return self();
  }

  /**
   * Bounds batch placement's search by a number of steps (default {@value
   * PlacementSolver#DEFAULT_MAX_STEPS} when no time budget is set). The search also stops by itself when its plan is
   * within 0.5% of the lower bound or stops improving, so the default suits interactive use. A run bounded by steps
   * alone is deterministic.
   *
   * @param steps {@code >= 0}; 0 keeps the better of the greedy and the packing construction's plans
   * @return this builder
   * @throws IllegalArgumentException if negative
   */
  public B placementSteps(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("placementSteps must be >= 0, got " + steps);
    }
    this.placementSteps = steps;
    return self();
  }

  /**
   * Bounds batch placement by a time budget measured with the host's nano ticker (default: no budget, steps only),
   * counted from the start of {@code placeAll}. The ticker may be a wall clock ({@code System::nanoTime}) or a CPU
   * clock (for example {@code ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime}, which does not charge
   * the plan for time other processes take on a loaded machine). The set-up (filters, candidate reduction, greedy
   * plan, construction and bound) always completes; the budget bounds the search after it. With both limits set, the
   * search stops at whichever comes first; a time-bounded plan depends on the speed of the machine, so use steps
   * where plans must be reproducible.
   *
   * @param budget not negative; never null
   * @param nanoTicker a monotonic nanosecond source such as {@code System::nanoTime} or a thread's CPU time; never
   *     null
   * @return this builder
   * @throws IllegalArgumentException if the budget is negative
   */
  public B placementTimeBudget(Duration budget, LongSupplier nanoTicker) {
    Objects.requireNonNull(budget, "placementTimeBudget must not be null");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("placementTimeBudget must be >= 0, got " + budget);
    }
    this.placementBudget = budget;
    this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker must not be null");
    return self();
  }

  /**
   * Receives batch placement's progress (an anytime search): the best plan's cost so far, the greedy baseline, the
   * lower bound and the gap, after the start, on improvements and at the end; the listener can stop the search, which
   * then returns its best plan so far. Default: none.
   *
   * @param listener called on the thread that runs {@code placeAll}; its exceptions are logged and ignored; never
   *     null
   * @return this builder
   */
  public B placementListener(PlacementListener listener) {
    this.placementListener = Objects.requireNonNull(listener, "placementListener must not be null");
    return self();
  }

  /**
   * Reports the scheduler's meters to the host's registry (default: none, so nothing is registered or timed):
   * {@code stratus.scheduler.decisions}, {@code stratus.scheduler.latency}, {@code
   * stratus.scheduler.candidates.filtered} by reason, {@code stratus.scheduler.prices.fetched} and {@code
   * stratus.scheduler.prices.cached} (see docs/observability.md). The meters are registered when the scheduler is
   * built.
   *
   * @param registry the host's registry, e.g. a Prometheus registry; never null
   * @return this builder
   */
  public B meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry must not be null");
    return self();
  }

  /**
   * Traces decisions, batch placements and price reads with the host's OpenTelemetry (default: {@link
   * OpenTelemetry#noop()}): spans {@code stratus.scheduler.schedule}, {@code stratus.scheduler.place_all} and
   * {@code stratus.scheduler.prices.fetch}, with the workload id, the chosen provider and region and the candidate
   * counts as attributes.
   *
   * @param openTelemetry the host's instance, e.g. {@code GlobalOpenTelemetry.get()}; never null
   * @return this builder
   */
  public B openTelemetry(OpenTelemetry openTelemetry) {
    this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry must not be null");
    return self();
  }

  /**
   * Sets how single decisions are traced (default {@link DecisionTracing#NONE}: meters only, because one span costs
   * more than 5 % of a decision): {@link DecisionTracing#SPAN} gives each decision a span of its own, for debugging;
   * {@link DecisionTracing#EVENT} records each decision as an event on the caller's current span instead. Batch
   * placements and price reads are spans in every mode.
   *
   * @param tracing the mode; never null
   * @return this builder
   */
  public B decisionTracing(DecisionTracing tracing) {
    this.decisionTracing = Objects.requireNonNull(tracing, "decisionTracing must not be null");
    return self();
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name + " must not be null");
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + d);
    }
    return d;
  }

  Engine engine(Scoring scoring, String scheduler) {
    if (pricing.isEmpty()) {
      throw new InvalidConfigurationException(
          "no pricing provider: call pricing(provider), e.g. pricing(BundledCatalog.load()) or"
              + " pricing(ProviderRegistry.load(PricingProvider.class).all())");
    }
    if (refreshAfter.compareTo(cacheTtl) >= 0) {
      throw new IllegalArgumentException(
          "refreshAfter must be shorter than cacheTtl " + cacheTtl + ", got " + refreshAfter);
    }
    SchedulerTelemetry telemetry = SchedulerTelemetry.create(scheduler, meterRegistry, openTelemetry,
        decisionTracing);
    SnapshotSource source = new SnapshotSource(
        pricing, offerQuery, inventory, history, cacheTtl, refreshAfter, clock, executor, telemetry,
        failOnUnpricedMachines);
    long budget = placementBudget == null ? -1 : saturatedNanos(placementBudget);
    BatchSettings batch = new BatchSettings(seed, placementSteps, budget, nanoTicker, placementListener);
    return new Engine(source, filters, scoring, batch, telemetry);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }
}
