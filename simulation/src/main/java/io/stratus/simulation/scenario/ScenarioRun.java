package io.stratus.simulation.scenario;

import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Scheduler;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.scheduler.core.EnhancedScheduler;
import io.stratus.scheduler.core.PerformanceScheduler;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import io.stratus.InvalidConfigurationException;
import io.stratus.simulation.environment.Commitment;
import io.stratus.simulation.environment.CommitmentCharge;
import io.stratus.simulation.environment.EnvironmentEvent;
import io.stratus.simulation.environment.EnvironmentSimulator;
import io.stratus.simulation.environment.LaunchResult;
import io.stratus.simulation.environment.UsageRecord;
import io.stratus.simulation.workload.GeneratedJob;
import io.stratus.simulation.workload.WorkloadGenerator;
import io.stratus.simulation.workload.WorkloadSpec;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * One run of a scenario with one scheduler and one replication. Each job arrives, is placed by the scheduler on a
 * new machine (the chosen instance type, region and purchase option), runs for its duration once the machine is
 * running, and the machine is terminated. A job whose machine is interrupted or fails is re-placed for its remaining
 * work (a migration); a refused launch is retried after 1, 2, 4 ... 64 minutes, up to 10 times, then the job fails.
 */
final class ScenarioRun {
  private static final int MAX_RETRIES = 10;
  private static final OfferQuery OFFERS =
      OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND, PurchaseOption.SPOT));
  private static final Duration SNAPSHOT_TTL = Duration.ofMinutes(30);
  private static final Duration SNAPSHOT_REFRESH = Duration.ofMinutes(15);
  private static final long RETRY_NANOS = Duration.ofMinutes(1).toNanos();
  /** Simulated time between two cancellation checks of the engine loop (placements are checked one by one). */
  private static final long SLICE_NANOS = Duration.ofHours(1).toNanos();

  private final ScenarioSpec spec;
  private final SchedulerKind kind;
  private final int replication;
  private final PricingProvider catalog;
  private final UnaryOperator<Workload> requirements;
  private BooleanSupplier cancelled = () -> false;

  private SimulationEngine engine;
  private EnvironmentSimulator env;
  private Scheduler scheduler;
  private List<Offer> baselineOffers;
  private List<String> regionOrder;
  private int roundRobin;
  private final List<GeneratedJob> jobs = new ArrayList<>();
  private int[] state; // 0 waiting, 1 running, 2 finished, 3 failed
  private long[] remainingNanos;
  private long[] startedNanos;
  private long[] endNanos;
  private int[] retries;
  private boolean[] unreachable;
  private final Map<String, Integer> vmJob = new HashMap<>();
  private final Map<Integer, String> jobVm = new HashMap<>();
  private final Map<Integer, Long> runningFrom = new HashMap<>();
  private int interruptions;
  private int failures;
  private int migrations;
  private int rejected;
  private int placeKind;
  private int doneKind;
  private long decisions;

  ScenarioRun(ScenarioSpec spec, SchedulerKind kind, int replication, PricingProvider catalog) {
    this(spec, kind, replication, catalog, UnaryOperator.identity());
  }

  /** A run whose workloads get extra placement requirements (the baselines honour their compliance part). */
  ScenarioRun(ScenarioSpec spec, SchedulerKind kind, int replication, PricingProvider catalog,
      UnaryOperator<Workload> requirements) {
    this.spec = spec;
    this.kind = kind;
    this.replication = replication;
    this.catalog = catalog;
    this.requirements = requirements;
  }

  /** Makes the run stop with a {@link ScenarioCancelledException} once the condition holds; returns this run. */
  ScenarioRun cancelWhen(BooleanSupplier condition) {
    this.cancelled = condition;
    return this;
  }

  private boolean stopRequested() {
    return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
  }

  private void checkCancelled() {
    if (stopRequested()) {
      throw new ScenarioCancelledException("scenario '" + spec.name() + "' (" + kind.id() + ", replication "
          + replication + ") was cancelled at simulated " + Duration.ofNanos(engine == null ? 0 : engine.nowNanos())
          + (Thread.currentThread().isInterrupted() ? " (its thread was interrupted)" : ""));
    }
  }

  RunResult run() {
    checkCancelled();
    RandomStreams streams = RandomStreams.of(spec.seed()).forReplication(replication);
    engine = SimulationEngine.create(spec.start());
    EnvironmentSimulator.Builder b = EnvironmentSimulator.builder(catalog, engine, streams)
        .providers(spec.providers)
        .regionIds(spec.regions)
        .defaultVcpuQuota(spec.defaultVcpuQuota)
        .instanceFailuresPerHour(spec.instanceFailuresPerHour)
        .spotInterruptionMultiplier(spec.spotInterruptionMultiplier)
        .outageRates(spec.outageRates[0], spec.outageRates[1], spec.outageRates[2], spec.outageMeanDuration)
        .networkFaultRates(spec.networkRates[0], spec.networkRates[1], spec.networkRates[2], spec.networkRates[3],
            spec.networkMeanDuration)
        .listener(this::onEnvironmentEvent);
    env = b.build();
    for (ScenarioSpec.Outage o : spec.outages) {
      env.scheduleOutage(o.scope(), o.target(), o.start(), o.length());
    }
    for (ScenarioSpec.NetworkFault f : spec.networkFaults) {
      try {
        if (f.extraMillis() > 0) {
          env.scheduleLatencySpike(f.a(), f.b(), f.start(), f.length(), f.extraMillis());
        } else {
          env.schedulePartition(f.a(), f.b(), f.start(), f.length());
        }
      } catch (IllegalArgumentException ex) {
        throw new InvalidConfigurationException("scenario '" + spec.name() + "': " + ex.getMessage());
      }
    }
    env.drawOutages(spec.duration());
    for (Commitment c : spec.commitments) {
      try {
        env.purchase(c);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException("scenario '" + spec.name() + "': " + e.getMessage());
      }
    }
    scheduler = buildScheduler();

    for (WorkloadSpec w : spec.workloads()) {
      jobs.addAll(WorkloadGenerator.of(w).generate(spec.start(), spec.duration(), streams));
    }
    jobs.sort(Comparator.comparing(GeneratedJob::arrival).thenComparing(GeneratedJob::id));
    int n = jobs.size();
    state = new int[n];
    remainingNanos = new long[n];
    startedNanos = new long[n];
    endNanos = new long[n];
    retries = new int[n];
    unreachable = new boolean[n];
    placeKind = engine.register((e, job, a) -> place(job));
    doneKind = engine.register((e, job, a) -> complete(job, a));
    for (int i = 0; i < n; i++) {
      remainingNanos[i] = jobNanos(jobs.get(i));
      endNanos[i] = -1;
      startedNanos[i] = -1;
      engine.schedule(Duration.between(spec.start(), jobs.get(i).arrival()).toNanos(), placeKind, i, 0);
    }
    checkCancelled();
    // in slices, so that a cancellation is seen even when no job is placed for a long time
    long end = spec.duration().toNanos();
    while (engine.nowNanos() < end) {
      engine.runUntil(engine.nowNanos() + Math.min(SLICE_NANOS, end - engine.nowNanos()));
      checkCancelled();
    }
    return summarize(streams.seed());
  }

  /** Events the run's engine fired, after {@link #run()}. */
  long eventsProcessed() {
    return engine.eventsProcessed();
  }

  /** Placement decisions asked of the scheduler (or made by the baseline), after {@link #run()}. */
  long decisions() {
    return decisions;
  }

  /** The billed usage of every machine of the run, after {@link #run()}. */
  List<io.stratus.simulation.environment.UsageRecord> usage() {
    return env.usage();
  }

  private Scheduler buildScheduler() {
    switch (kind) {
      case COST_AWARE:
        return CostAwareScheduler.builder().pricing(env.pricingProvider())
            .performanceHistory(env.performanceHistoryProvider()).clock(engine.clock())
            .offerQuery(OFFERS).cacheTtl(SNAPSHOT_TTL).refreshAfter(SNAPSHOT_REFRESH).build();
      case PERFORMANCE:
        return PerformanceScheduler.builder().pricing(env.pricingProvider())
            .performanceHistory(env.performanceHistoryProvider()).clock(engine.clock())
            .offerQuery(OFFERS).cacheTtl(SNAPSHOT_TTL).refreshAfter(SNAPSHOT_REFRESH).build();
      case ENHANCED:
        return EnhancedScheduler.builder().pricing(env.pricingProvider())
            .performanceHistory(env.performanceHistoryProvider()).clock(engine.clock())
            .offerQuery(OFFERS).cacheTtl(SNAPSHOT_TTL).refreshAfter(SNAPSHOT_REFRESH).build();
      default:
        baselineOffers = env.pricingProvider().offers(
            OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)));
        regionOrder = new ArrayList<>(new java.util.TreeSet<>(
            baselineOffers.stream().map(o -> o.region().id()).toList()));
        return null;
    }
  }

  private void place(int j) {
    if (stopRequested()) {
      engine.stop(); // run() sees the request after the engine returns
      return;
    }
    if (state[j] >= 2) {
      return;
    }
    GeneratedJob job = jobs.get(j);
    String[] choice = choose(job, j);
    if (choice == null) {
      fail(j);
      return;
    }
    Map<String, String> labels = Map.of("team", job.team(), "workload", job.workload(),
        EnvironmentSimulator.WORKLOAD_CLASS_LABEL, spec.workloadClass(job.workload()), "job", job.id());
    LaunchResult r = env.launch(choice[0], choice[1], null, PurchaseOption.valueOf(choice[2]), labels);
    if (!r.accepted()) {
      rejected++;
      if (++retries[j] > MAX_RETRIES) {
        fail(j);
      } else {
        engine.scheduleAfter(RETRY_NANOS << Math.min(retries[j] - 1, 6), placeKind, j, 0);
      }
      return;
    }
    vmJob.put(r.vmId(), j);
    jobVm.put(j, r.vmId());
  }

  /** Returns {instanceTypeId, regionId, purchaseOption} or null when nothing fits. */
  private String[] choose(GeneratedJob job, int j) {
    ResourceDemand demand = ResourceDemand.of(job.vcpus(), job.memoryGib());
    decisions++;
    Workload w = Workload.builder(job.id())
        .demand(demand)
        .expectedDuration(Duration.ofNanos(Math.max(1, remainingNanos[j])))
        .workloadClass(spec.workloadClass(job.workload()))
        .labels(Map.of("team", job.team(), "workload", job.workload()))
        .cost(CostConstraints.builder().spotAllowed(spec.spotAllowed(job.workload(), job.id())).build())
        .build();
    w = Objects.requireNonNull(requirements.apply(w), "requirements returned null");
    ComplianceRequirements compliance = w.compliance();
    if (scheduler != null) {
      Decision d = scheduler.schedule(w);
      if (!d.isPlaced() || d.candidate().isEmpty()) {
        return null;
      }
      Candidate c = d.candidate().get();
      return new String[] {c.instanceType().id(), c.region().id(), c.purchaseOption().name()};
    }
    if (kind == SchedulerKind.FIRST_FIT) {
      for (Offer o : baselineOffers) {
        if (demand.fitsIn(o.instanceType().capacity()) && compliance.permits(o.region())) {
          return new String[] {o.instanceType().id(), o.region().id(), PurchaseOption.ON_DEMAND.name()};
        }
      }
      return null;
    }
    for (int k = 0; k < regionOrder.size(); k++) {
      String region = regionOrder.get((roundRobin + k) % regionOrder.size());
      Offer best = null;
      for (Offer o : baselineOffers) {
        InstanceType t = o.instanceType();
        if (o.region().id().equals(region) && demand.fitsIn(t.capacity()) && compliance.permits(o.region())
            && (best == null || t.vcpus() < best.instanceType().vcpus()
                || (t.vcpus() == best.instanceType().vcpus() && t.memoryGib() < best.instanceType().memoryGib()))) {
          best = o;
        }
      }
      if (best != null) {
        roundRobin = (roundRobin + k + 1) % regionOrder.size();
        return new String[] {best.instanceType().id(), region, PurchaseOption.ON_DEMAND.name()};
      }
    }
    return null;
  }

  private void onEnvironmentEvent(EnvironmentEvent e) {
    if (e.type() == EnvironmentEvent.Type.PARTITION_STARTED) {
      // jobs on machines cut off from the users violate their SLO
      for (Map.Entry<Integer, String> en : jobVm.entrySet()) {
        if (state[en.getKey()] == 1 && !env.isReachable(en.getValue())) {
          unreachable[en.getKey()] = true;
        }
      }
      return;
    }
    Integer j = vmJob.get(e.vmId());
    if (j == null) {
      return;
    }
    switch (e.type()) {
      case VM_RUNNING:
        if (!env.isReachable(e.vmId())) {
          unreachable[j] = true;
        }
        state[j] = 1;
        if (startedNanos[j] < 0) {
          startedNanos[j] = engine.nowNanos();
        }
        runningFrom.put(j, engine.nowNanos());
        engine.scheduleAfter(remainingNanos[j], doneKind, j, engine.nowNanos());
        break;
      case SPOT_INTERRUPTED:
      case VM_FAILED:
        vmJob.remove(e.vmId());
        jobVm.remove(j);
        if (e.type() == EnvironmentEvent.Type.SPOT_INTERRUPTED) {
          interruptions++;
        } else {
          failures++;
        }
        if (state[j] == 1) {
          long ran = engine.nowNanos() - runningSince(j);
          remainingNanos[j] = Math.max(0, remainingNanos[j] - ran);
        }
        state[j] = 0;
        runningFrom.remove(j);
        migrations++;
        engine.scheduleAfter(0, placeKind, j, 0);
        break;
      default:
        break;
    }
  }

  private long runningSince(int j) {
    Long t = runningFrom.get(j);
    return t == null ? -1 : t;
  }

  private void complete(int j, long startedAt) {
    // a stale completion (the machine was lost meanwhile) has an older start than the current one
    if (state[j] != 1 || runningSince(j) != startedAt) {
      return;
    }
    state[j] = 2;
    endNanos[j] = engine.nowNanos();
    runningFrom.remove(j);
    String vm = jobVm.remove(j);
    if (vm != null) {
      vmJob.remove(vm);
      env.terminate(vm);
    }
  }

  private void fail(int j) {
    state[j] = 3;
    endNanos[j] = engine.nowNanos();
  }

  /**
   * A job's work in nanoseconds, capped so that it cannot overflow the engine's clock: a sampled duration may exceed
   * the 292 years a {@code long} of nanoseconds holds (a heavy log-normal tail), and such a job cannot end within
   * the run anyway.
   */
  private long jobNanos(GeneratedJob job) {
    long cap = Long.MAX_VALUE - spec.duration().toNanos();
    Duration d = job.duration();
    return d.compareTo(Duration.ofNanos(cap)) >= 0 ? cap : d.toNanos();
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  private RunResult summarize(long seed) {
    int finished = 0;
    int failed = 0;
    int running = 0;
    int slo = 0;
    long allowance = spec.sloAllowance().toNanos();
    long now = engine.nowNanos();
    for (int j = 0; j < jobs.size(); j++) {
      GeneratedJob job = jobs.get(j);
      long deadline = saturatedAdd(java.time.Duration.between(spec.start(), job.arrival()).toNanos() + jobNanos(job),
          allowance);
      if (state[j] == 2) {
        finished++;
        slo += endNanos[j] > deadline || unreachable[j] ? 1 : 0;
      } else if (state[j] == 3) {
        failed++;
        slo++;
      } else {
        running++;
        slo += now > deadline || unreachable[j] ? 1 : 0;
      }
    }
    BigDecimal cost = BigDecimal.ZERO;
    Map<String, BigDecimal> byProvider = new TreeMap<>();
    for (UsageRecord u : env.usage()) {
      cost = cost.add(u.cost());
      byProvider.merge(u.provider().id(), u.cost(), BigDecimal::add);
    }
    // commitments: covered time costs the amortized commitment instead of on demand; unused commitment counts too
    for (CommitmentCharge c : env.commitmentCharges()) {
      BigDecimal delta = c.kind() == CommitmentCharge.Kind.USED ? c.effectiveCost().subtract(c.onDemandCost())
          : c.kind() == CommitmentCharge.Kind.UNUSED ? c.effectiveCost() : BigDecimal.ZERO;
      cost = cost.add(delta);
      byProvider.merge(c.commitment().provider().id(), delta, BigDecimal::add);
    }
    return new RunResult(spec.name(), kind, replication, seed, jobs.size(), finished, failed, running, slo,
        interruptions, failures, migrations, rejected, cost, byProvider);
  }
}
