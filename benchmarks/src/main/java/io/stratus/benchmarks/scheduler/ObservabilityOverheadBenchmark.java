package io.stratus.benchmarks.scheduler;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.query.CostScope;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.scheduler.core.DecisionTracing;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of watching: the single-decision benchmark (cost-aware scheduler, 10,000 catalog candidates, the
 * {@link SchedulingBenchmark} workload mix) and the cost anomaly detector (one {@link CostAnomalyMonitor} judging a
 * daily cost stream with weekly seasonality, noise, spikes and level shifts, one bucket per operation), each with
 * observability off (no registry, {@code OpenTelemetry.noop()}) and on (a {@link SimpleMeterRegistry} and an
 * OpenTelemetry SDK that samples every span into a batch processor with a discarding exporter), in the same run.
 * The {@code event} arm is {@code on} with the scheduler's {@code DecisionTracing.EVENT}: each decision runs inside a
 * host span (one per 128 decisions, the SDK's default event limit, made current around every decision as a host's
 * request handler would) and is recorded as an event on it; the host span's cost is charged to the arm. The
 * {@code nested} arm is {@code on} inside the same host spans (each decision's span is a child, as in a host's
 * request), the {@code sampled} arm is {@code on} with a {@code parentbased_traceidratio} sampler at 10 % (the
 * other 90 % of the decisions get non-recording spans), the {@code none} arm is {@code on} with the scheduler's
 * {@code DecisionTracing.NONE} (single decisions not traced; meters only, the SDK installed), and the {@code bare} arm is {@code off} with the benchmark
 * itself wrapping each decision in an attribute-less, always-sampled SDK root span: the SDK's own floor.
 *
 * <p>Run (after {@code ./mvnw -B -q package -pl benchmarks -am -DskipTests}):
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'ObservabilityOverheadBenchmark' -f 2 -wi 3 -i 5 -t 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ObservabilityOverheadBenchmark {
  /**
   * {@code off}: no registry, no-op tracing; {@code metrics}: a SimpleMeterRegistry, no-op tracing; {@code on}: a
   * SimpleMeterRegistry and an always-sampling OTel SDK; {@code nested}: as {@code on}, inside host spans;
   * {@code event}: as {@code nested}, decisions as events on the host span; {@code sampled}: as {@code on}, 10 % of
   * the decisions sampled; {@code none}: as {@code on}, single decisions not traced; {@code bare}: as {@code off},
   * each decision inside a bare SDK span the benchmark starts.
   */
  @Param({"off", "metrics", "on", "nested", "event", "sampled", "none", "bare"})
  public String observability;

  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final int STREAM = 1 << 16;

  private CostAwareScheduler scheduler;
  private Workload[] workloads;
  private int next;
  private CostAnomalyMonitor monitor;
  private BigDecimal[] costs;
  private long day;
  private OpenTelemetrySdk sdk;
  private SimpleMeterRegistry registry;
  private Tracer host;
  private Span hostSpan;
  private int hostDecisions;
  private Tracer bare;

  @Setup(Level.Trial)
  public void setUp() {
    boolean on = !observability.equals("off") && !observability.equals("bare");
    boolean traced = on && !observability.equals("metrics");
    OpenTelemetry otel = OpenTelemetry.noop();
    if (on) {
      registry = new SimpleMeterRegistry();
    }
    if (traced || observability.equals("bare")) {
      sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
          .setSampler(observability.equals("sampled") ? Sampler.parentBased(Sampler.traceIdRatioBased(0.1))
              : Sampler.parentBased(Sampler.alwaysOn()))
          .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build()).build()).build();
    }
    if (traced) {
      otel = sdk;
    } else if (sdk != null) {
      bare = sdk.getTracer("bare");
    }
    CostAwareScheduler.Builder b = CostAwareScheduler.builder()
        .pricing(new SchedulingBenchmark.FixedPricing(SchedulingBenchmark.sample(10_000), BundledCatalog.load()))
        .cacheTtl(Duration.ofDays(1)).refreshAfter(Duration.ofHours(1)).openTelemetry(otel);
    if (observability.equals("none")) {
      b.decisionTracing(DecisionTracing.NONE);
    }
    if (observability.equals("event") || observability.equals("nested")) {
      if (observability.equals("event")) {
        b.decisionTracing(DecisionTracing.EVENT);
      }
      host = otel.getTracer("host");
      hostSpan = host.spanBuilder("host.request").startSpan();
    }
    CostAnomalyMonitor.Builder m = CostAnomalyMonitor.builder("total", CostScope.total()).openTelemetry(otel);
    if (on) {
      b.meterRegistry(registry);
      m.meterRegistry(registry);
    }
    scheduler = b.build();
    workloads = SchedulingBenchmark.mix();
    monitor = m.build();
    costs = stream();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (hostSpan != null) {
      hostSpan.end();
    }
    if (sdk != null) {
      sdk.close();
    }
  }

  /** Daily cost: level 1,000, weekly cycle, noise, a spike about every 90 days and a level shift every 400. */
  private static BigDecimal[] stream() {
    SplittableRandom rnd = new SplittableRandom(7);
    BigDecimal[] out = new BigDecimal[STREAM];
    double level = 1000;
    for (int d = 0; d < STREAM; d++) {
      if (d % 400 == 399) {
        level *= 1.3;
      }
      double v = level * (1 + 0.2 * Math.sin(2 * Math.PI * d / 7)) + rnd.nextGaussian() * 20;
      if (rnd.nextInt(90) == 0) {
        v *= 3;
      }
      out[d] = BigDecimal.valueOf(Math.round(Math.max(0, v) * 100), 2);
    }
    return out;
  }

  @Benchmark
  public Decision schedule() {
    Workload w = workloads[next];
    next = (next + 1) & (workloads.length - 1);
    if (bare != null) {
      Span span = bare.spanBuilder("bare").startSpan();
      try {
        return scheduler.schedule(w);
      } finally {
        span.end();
      }
    }
    if (hostSpan == null) {
      return scheduler.schedule(w);
    }
    if (++hostDecisions == 128) {
      hostSpan.end();
      hostSpan = host.spanBuilder("host.request").startSpan();
      hostDecisions = 0;
    }
    io.opentelemetry.context.Scope scope = hostSpan.makeCurrent();
    try {
      return scheduler.schedule(w);
    } finally {
      scope.close();
    }
  }

  @Benchmark
  public Optional<CostAnomaly> detect() {
    long d = day++;
    return monitor.observe(START.plus(Duration.ofDays(d)), costs[(int) (d & (STREAM - 1))]);
  }
}
