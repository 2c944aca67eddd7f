package io.stratus.benchmarks.simulation;

import io.stratus.finops.collect.CollectionReport;
import io.stratus.finops.collect.CostCollector;
import io.stratus.finops.spi.WatermarkStore;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.CostStore;
import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.collect.MetricsCollector;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.environment.SimulatedBillingSource;
import io.stratus.simulation.environment.SimulatedMetricsSource;
import io.stratus.simulation.environment.UsageRecord;
import io.stratus.simulation.scenario.FleetSimulation;
import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.simulation.scenario.SchedulerKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluation: a month of a 10,000-VM multi-cloud fleet with the cost-aware scheduler, FinOps and monitoring attached.
 *
 * <p>Six regions on AWS, GCP and Azure; two workloads sized so that about {@code --vms} machines run at once after
 * the first days: long-running services (on-demand only, exponential lifetimes, mean 48 h) for 70 % of the fleet and
 * batch jobs (spot allowed, log-normal, median 12 h) for 30 %; every arrival and every re-placement after a spot
 * interruption or an instance failure (0.0005 per machine-hour) is a decision of the real {@code CostAwareScheduler}
 * on the simulated environment's prices. Then the run's FOCUS billing goes through finops' {@code CostCollector} into
 * a {@code CostStore}, and hourly CPU and memory samples of every machine (default; {@code --step PT5M} for
 * five-minute samples) go through monitoring's {@code MetricsCollector} into an {@code InMemoryMetricStore}, one
 * simulated day per poll ({@code --metrics collector}), or appended per series straight into the store (default,
 * {@code --metrics store}).
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.simulation.FleetMonthBenchmark [--vms 10000]
 *     [--days 30] [--step PT1H] [--seed 42] [--metrics store|collector]
 * </pre>
 *
 * <p>Prints wall and CPU time per phase (CPU = this thread's CPU time; the process CPU including GC and JIT threads
 * is printed as well), the peak heap, and the counts: events, decisions, machines, peak concurrent machines, cost
 * records and metric points.
 */
public final class FleetMonthBenchmark {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  private FleetMonthBenchmark() {}

  /**
   * Entry point.
   *
   * @param args {@code --vms N --days D --step ISO-duration --seed S}, all optional
   */
  public static void main(String[] args) {
    int vms = 10_000;
    int days = 30;
    Duration step = Duration.ofHours(1);
    long seed = 42;
    boolean viaCollector = false;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--vms":
          vms = Integer.parseInt(args[i + 1]);
          break;
        case "--days":
          days = Integer.parseInt(args[i + 1]);
          break;
        case "--step":
          step = Duration.parse(args[i + 1]);
          break;
        case "--seed":
          seed = Long.parseLong(args[i + 1]);
          break;
        case "--metrics":
          viaCollector = args[i + 1].equals("collector");
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    BundledCatalog catalog = new BundledCatalog();
    catalog.offers(io.stratus.spi.OfferQuery.all()); // load the catalog before timing
    ScenarioSpec spec = ScenarioSpec.parse(scenario(vms, days, seed), "fleet-month");
    try (HeapMonitor heap = new HeapMonitor()) {
      heap.start();
      long w0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      long p0 = os.getProcessCpuTime();

      FleetSimulation.Outcome outcome = FleetSimulation.run(spec, SchedulerKind.COST_AWARE, catalog);
      long w1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      RunResult r = outcome.result();
      List<UsageRecord> usage = outcome.usage();
      System.out.printf(Locale.ROOT, "simulate: %.1f s wall, %.1f s CPU; %d jobs, %d machines (peak %d at once), "
          + "%d events, %d decisions, %d interruptions, %d failures, %d migrations, cost $%.2f %s%n",
          (w1 - w0) / 1e9, (c1 - c0) / 1e9, r.jobs(), usage.size(), peakConcurrent(usage), outcome.events(),
          outcome.decisions(), r.interruptions(), r.instanceFailures(), r.migrations(), r.cost(),
          r.costByProvider());

      Instant end = START.plus(Duration.ofDays(days));
      CostStore costs = CostStore.inMemory();
      CollectionReport pulled = CostCollector.create(List.of(SimulatedBillingSource.of("simulated", () -> usage)),
          costs, WatermarkStore.inMemory(), InstantSource.fixed(end)).collect();
      if (!pulled.isComplete()) {
        throw new IllegalStateException("billing collection failed: " + pulled.failures());
      }
      BigDecimal billed = costs.query(CostQuery.builder().build()).total(Currency.getInstance("USD"));
      long w2 = System.nanoTime();
      long c2 = threads.getCurrentThreadCpuTime();
      System.out.printf(Locale.ROOT, "finops: %.1f s wall, %.1f s CPU; %d cost records, billed $%.2f%n",
          (w2 - w1) / 1e9, (c2 - c1) / 1e9, costs.size(), billed);

      InMemoryMetricStore store = InMemoryMetricStore.create();
      SimulatedMetricsSource.UtilizationModel model = SimulatedMetricsSource.UtilizationModel.diurnal(0.3);
      long points = viaCollector ? viaCollector(usage, step, model, store, end) : direct(usage, step, model, store);
      long w3 = System.nanoTime();
      long c3 = threads.getCurrentThreadCpuTime();
      long p3 = os.getProcessCpuTime();
      System.out.printf(Locale.ROOT, "monitoring: %.1f s wall, %.1f s CPU; %d metric points (%s samples, %s), "
          + "store holds %d points in %d series%n", (w3 - w2) / 1e9, (c3 - c2) / 1e9, points, step,
          viaCollector ? "through MetricsCollector" : "appended per series", store.stats().points(),
          store.stats().series());
      System.out.printf(Locale.ROOT, "total: %.1f s wall, %.1f s thread CPU, %.1f s process CPU (incl. GC/JIT), "
          + "peak heap used %.0f MiB, peak after GC %.0f MiB, %d GCs%n", (w3 - w0) / 1e9, (c3 - c0) / 1e9,
          (p3 - p0) / 1e9, heap.peakUsedMiB(), heap.peakAfterGcMiB(), heap.gcCount());
    }
  }

  /** Monitoring's collector pipeline: the simulator's metrics source, normalizer, buffer, store; one poll a day. */
  private static long viaCollector(List<UsageRecord> usage, Duration step,
      SimulatedMetricsSource.UtilizationModel model, InMemoryMetricStore store, Instant end) {
    AtomicReference<Instant> now = new AtomicReference<>(START);
    MetricsCollector collector = MetricsCollector.builder()
        .source(SimulatedMetricsSource.of("simulated", () -> usage, step, model))
        .clock(now::get).initialLookback(Duration.ofMillis(1)).bufferCapacity(4_000_000).build();
    long points = 0;
    while (now.get().isBefore(end)) {
      now.set(now.get().plus(Duration.ofDays(1)));
      collector.poll();
      int moved;
      while ((moved = collector.drainTo(store::accept, 1_000_000)) > 0) {
        points += moved;
      }
    }
    return points;
  }

  /**
   * The same samples (same utilization model, same step) appended straight to the store, one batch per series: the
   * path a host that simulates its own fleet would take.
   */
  private static long direct(List<UsageRecord> usage, Duration step,
      SimulatedMetricsSource.UtilizationModel model, InMemoryMetricStore store) {
    long stepMillis = step.toMillis();
    long points = 0;
    for (UsageRecord m : usage) {
      long start = m.start().toEpochMilli();
      long first = Math.floorDiv(start + stepMillis - 1, stepMillis) * stepMillis;
      long stop = m.end().toEpochMilli();
      if (first >= stop) {
        continue;
      }
      int count = (int) ((stop - 1 - first) / stepMillis + 1);
      long[] times = new long[count];
      double[] cpu = new double[count];
      double[] mem = new double[count];
      for (int k = 0; k < count; k++) {
        long t = first + k * stepMillis;
        Instant at = Instant.ofEpochMilli(t);
        times[k] = t;
        cpu[k] = 100 * model.cpu(m, at);
        mem[k] = 100 * model.memory(m, at);
      }
      Map<String, String> labels = Map.of("resource", m.vmId(), "provider", m.provider().id(), "region",
          m.regionId(), "instance_type", m.instanceTypeId(), "team", m.labels().getOrDefault("team", "none"));
      points += store.appendAll(SeriesId.of(MetricVocabulary.CPU_UTILIZATION, labels), times, cpu);
      points += store.appendAll(SeriesId.of(MetricVocabulary.MEMORY_UTILIZATION, labels), times, mem);
    }
    return points;
  }

  private static int peakConcurrent(List<UsageRecord> usage) {
    List<long[]> edges = new ArrayList<>(2 * usage.size());
    for (UsageRecord u : usage) {
      edges.add(new long[] {u.start().toEpochMilli(), 1});
      edges.add(new long[] {u.end().toEpochMilli(), -1});
    }
    edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int cur = 0;
    int peak = 0;
    for (long[] e : edges) {
      cur += (int) e[1];
      peak = Math.max(peak, cur);
    }
    return peak;
  }

  /** Services: 70 % of the fleet, mean life 48 h; batch: 30 %, mean ~13.6 h (log-normal, median 12 h, sigma 0.5). */
  static String scenario(int vms, int days, long seed) {
    double servicesPerHour = 0.7 * vms / 48.0;
    double batchPerHour = 0.3 * vms / (12.0 * Math.exp(0.5 * 0.5 / 2));
    return String.format(Locale.ROOT, """
        {
          "name": "fleet-month",
          "start": "%s",
          "duration": "P%dD",
          "seed": %d,
          "schedulers": ["cost-aware"],
          "sloAllowance": "PT30M",
          "environment": {
            "providers": ["aws", "gcp", "azure"],
            "regions": ["aws:us-east-1", "aws:eu-west-1", "gcp:us-central1", "gcp:europe-west1",
                        "azure:eastus", "azure:westeurope"],
            "defaultVcpuQuota": 1000000,
            "instanceFailuresPerHour": 0.0005,
            "spotInterruptionMultiplier": 1
          },
          "workloads": [
            {"name": "services", "workloadClass": "web", "spotAllowed": false,
             "arrivals": {"type": "constant", "perHour": %.3f},
             "vcpus": {"2": 0.5, "4": 0.3, "8": 0.2}, "duration": {"type": "exponential", "mean": "PT48H"},
             "teams": {"payments": 2, "search": 2, "checkout": 1}},
            {"name": "batch", "workloadClass": "batch", "spotAllowed": true,
             "arrivals": {"type": "constant", "perHour": %.3f},
             "vcpus": {"4": 0.5, "8": 0.3, "16": 0.2},
             "duration": {"type": "lognormal", "median": "PT12H", "sigma": 0.5},
             "teams": {"data": 2, "ml": 1}}
          ]
        }
        """, START, days, seed, servicesPerHour, batchPerHour);
  }
}
