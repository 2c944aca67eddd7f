package io.stratus.benchmarks.scheduler;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the cost of watching a decision goes: each piece of what the scheduler's telemetry does per decision, alone,
 * in the calling thread's CPU time and bytes allocated per operation (the meters' clock reads and timer, a counter
 * increment, an always-sampled SDK root span bare and with the scheduler's seven attributes, a context switch, the
 * seven attributes of a decision event built with the API's builder, an event added with attributes built beforehand,
 * and an unsampled root span). The SDK is set up as in {@link ObservabilityOverheadBenchmark}: a batch span processor
 * with a discarding exporter. Each piece runs 200,000 times to warm up, then 200,000 times measured, three rounds;
 * prints one line per piece and round.
 *
 * <p>Run (after {@code ./mvnw -B -q package -pl benchmarks -am -DskipTests}):
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.scheduler.ObservabilityCostBreakdown 2>/dev/null
 * }</pre>
 */
public final class ObservabilityCostBreakdown {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final AttributeKey<String> SCHEDULER = AttributeKey.stringKey("stratus.scheduler");
  private static final AttributeKey<String> WORKLOAD = AttributeKey.stringKey("stratus.workload.id");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("stratus.outcome");
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("cloud.provider");
  private static final AttributeKey<String> REGION = AttributeKey.stringKey("cloud.region");
  private static final AttributeKey<Long> CONSIDERED = AttributeKey.longKey("stratus.candidates.considered");
  private static final AttributeKey<Long> FEASIBLE = AttributeKey.longKey("stratus.candidates.feasible");
  private static final int OPS = 200_000;

  private static long sink;
  private static int next;

  private ObservabilityCostBreakdown() {}

  /**
   * Runs the measurement.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    OpenTelemetrySdk sampled = sdk(Sampler.parentBased(Sampler.alwaysOn()));
    OpenTelemetrySdk unsampled = sdk(Sampler.parentBased(Sampler.alwaysOff()));
    try {
      run(sampled.getTracer("breakdown"), unsampled.getTracer("breakdown"));
    } finally {
      sampled.close();
      unsampled.close();
    }
  }

  private static OpenTelemetrySdk sdk(Sampler sampler) {
    return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().setSampler(sampler)
        .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build()).build()).build();
  }

  private static void run(Tracer tracer, Tracer unsampled) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Clock clock = registry.config().clock();
    Timer timer = Timer.builder("latency").register(registry);
    Counter counter = Counter.builder("decisions").register(registry);
    String[] ids = new String[64];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "workload-" + i;
    }
    Attributes prebuilt = decision(ids[0]);
    Span host = tracer.spanBuilder("host").startSpan();
    Span[] eventHost = {tracer.spanBuilder("host").startSpan()};
    Map<String, Runnable> pieces = new LinkedHashMap<>();
    pieces.put("System.nanoTime()", () -> sink += System.nanoTime());
    pieces.put("System.currentTimeMillis()", () -> sink += System.currentTimeMillis());
    pieces.put("timer: two clock reads + record", () -> {
      long start = clock.monotonicTime();
      timer.record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
    });
    pieces.put("counter increment", counter::increment);
    pieces.put("makeCurrent + close", () -> {
      Scope scope = host.makeCurrent();
      scope.close();
    });
    pieces.put("sampled root span, no attributes", () -> tracer.spanBuilder("decision").startSpan().end());
    pieces.put("sampled root span, 7 attributes, current", () -> {
      Span span = tracer.spanBuilder("decision").setAttribute(SCHEDULER, "cost-aware")
          .setAttribute(WORKLOAD, ids[next++ & 63]).startSpan();
      Scope scope = span.makeCurrent();
      scope.close();
      span.setAttribute(OUTCOME, "placed");
      span.setAttribute(CONSIDERED, 10_000L);
      span.setAttribute(FEASIBLE, 4_000L);
      span.setAttribute(PROVIDER, "aws");
      span.setAttribute(REGION, "us-east-1");
      span.end();
    });
    pieces.put("unsampled root span, 2 attributes, current", () -> {
      Span span = unsampled.spanBuilder("decision").setAttribute(SCHEDULER, "cost-aware")
          .setAttribute(WORKLOAD, ids[next++ & 63]).startSpan();
      Scope scope = span.makeCurrent();
      scope.close();
      span.end();
    });
    pieces.put("Attributes.builder(), 7 attributes", () -> sink += decision(ids[next++ & 63]).size());
    pieces.put("Attributes.of(), 2 attributes", () -> sink += Attributes.of(OUTCOME, "placed", WORKLOAD,
        ids[next++ & 63]).size());
    pieces.put("Attributes.of(), 6 attributes", () -> sink += Attributes.of(PROVIDER, "aws", REGION, "us-east-1",
        FEASIBLE, 4_000L, OUTCOME, "placed", SCHEDULER, "cost-aware", WORKLOAD, ids[next++ & 63]).size());
    pieces.put("addEvent, attributes built beforehand", () -> {
      if ((++next & 127) == 0) {
        eventHost[0].end();
        eventHost[0] = tracer.spanBuilder("host").startSpan();
      }
      eventHost[0].addEvent("stratus.scheduler.decision", prebuilt);
    });
    for (int round = 1; round <= 3; round++) {
      for (Map.Entry<String, Runnable> piece : pieces.entrySet()) {
        Runnable op = piece.getValue();
        for (int i = 0; i < OPS; i++) {
          op.run();
        }
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < OPS; i++) {
          op.run();
        }
        double ns = (THREADS.getCurrentThreadCpuTime() - cpu) / (double) OPS;
        double allocated = (THREADS.getCurrentThreadAllocatedBytes() - bytes) / (double) OPS;
        System.out.printf(Locale.ROOT, "round %d  %-45s %8.1f CPU ns/op %6.0f B/op%n", round, piece.getKey(), ns,
            allocated);
      }
    }
    host.end();
    eventHost[0].end();
    System.out.printf(Locale.ROOT, "(sink %d)%n", sink);
  }

  private static Attributes decision(String workload) {
    return Attributes.builder().put(SCHEDULER, "cost-aware").put(WORKLOAD, workload).put(OUTCOME, "placed")
        .put(CONSIDERED, 10_000L).put(FEASIBLE, 4_000L).put(PROVIDER, "aws").put(REGION, "us-east-1").build();
  }
}
