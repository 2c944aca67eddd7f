package io.stratus.monitoring.provider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Meters and spans of one provider's remote calls, the same for every provider so that dashboards and alerts work
 * across clouds. A provider creates one instance and runs each logical call (all its attempts) through {@link #call},
 * which hands its attempt loop a {@link Call} to record each attempt on:
 *
 * <pre>{@code
 * Reservations r = telemetry.call("ec2", "us-east-1", "DescribeInstances", call -> {
 *   ... each attempt: call.attempt(outcome, latency); a refused attempt: call.refused(outcome) ...
 *   return answer;
 * });
 * }</pre>
 *
 * <p>Meters (registered in the host's registry; none without one): {@code stratus.provider.requests}, a counter of
 * attempts tagged {@code provider}, {@code api} and {@code outcome} (the {@link Outcome}s: {@code success}, {@code
 * throttled}, {@code server_error}, {@code client_error}, {@code timeout}, {@code io_error}, {@code malformed},
 * {@code error}, and, for attempts refused locally without a request, {@code circuit_open} and {@code
 * rate_limited}); and {@code stratus.provider.latency}, a timer of the attempts that were sent, tagged {@code
 * provider} and {@code api}. Failures are the requests whose outcome is not {@code success}; throttles are {@code
 * outcome=throttled}.
 *
 * <p>Spans (the host's OpenTelemetry; the API's no-op spans without one): one {@code stratus.provider.request} span of
 * kind CLIENT per logical call, current while the call runs, with the attributes {@code stratus.provider}, {@code
 * stratus.provider.api}, {@code stratus.provider.operation} and {@code cloud.region} (built once per api, region
 * and operation, never per call), and at its end {@code stratus.outcome} (the last attempt's outcome) and {@code
 * stratus.provider.attempts}. A failed call marks the span {@code ERROR} and records the exception. Instrumentation
 * scope: {@code io.stratus.provider.<provider>}.
 *
 * <p>Thread-safe; a {@link Call} belongs to the thread that started it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProviderCallTelemetry {
  /** Counter name of the provider attempts. */
  public static final String REQUESTS = "stratus.provider.requests";
  /** Timer name of the provider attempts that were sent. */
  public static final String LATENCY = "stratus.provider.latency";
  /** Span name of a provider call. */
  public static final String SPAN = "stratus.provider.request";

  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("stratus.provider");
  static final AttributeKey<String> API_NAME = AttributeKey.stringKey("stratus.provider.api");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("stratus.provider.operation");
  static final AttributeKey<String> REGION = AttributeKey.stringKey("cloud.region");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("stratus.outcome");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("stratus.provider.attempts");

  /** What one attempt came to; the meter tag is the lower-case name. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Outcome {
    /** The provider answered. */
    SUCCESS,
    /** The provider throttled the call (HTTP 429, a throttling error code, {@code RESOURCE_EXHAUSTED}). */
    THROTTLED,
    /** The provider failed (HTTP 5xx, {@code UNAVAILABLE}). */
    SERVER_ERROR,
    /** The provider refused the request as wrong (HTTP 4xx other than 408 and 429). */
    CLIENT_ERROR,
    /** The attempt timed out. */
    TIMEOUT,
    /** The connection failed. */
    IO_ERROR,
    /** The answer did not have the documented shape. */
    MALFORMED,
    /** Any other failure. */
    ERROR,
    /** Not sent: the provider's circuit breaker is open. */
    CIRCUIT_OPEN,
    /** Not sent: no permit of the local rate limiter in time. */
    RATE_LIMITED;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /**
     * The meter tag and span attribute value.
     *
     * @return the lower-case name; never null
     */
    public String tag() {
      return tag;
    }
  }

  private final String provider;
  private final @Nullable MeterRegistry registry;
  private final Tracer tracer;
  private final Map<String, Meters> meters = new ConcurrentHashMap<>();
  private final Map<Target, Attributes> attributes = new ConcurrentHashMap<>();

  private ProviderCallTelemetry(String provider, @Nullable MeterRegistry registry, OpenTelemetry openTelemetry) {
    this.provider = provider;
    this.registry = registry;
    this.tracer = openTelemetry.getTracer("io.stratus.provider." + provider);
  }

  /**
   * Telemetry for one provider.
   *
   * @param provider the provider's id, e.g. {@code aws}; never null or blank
   * @param registry the host's registry; null for no meters
   * @param openTelemetry the host's OpenTelemetry, e.g. {@link OpenTelemetry#noop()}; never null
   * @return a new instance; never null
   * @throws IllegalArgumentException if {@code provider} is blank
   */
  public static ProviderCallTelemetry create(
      String provider, @Nullable MeterRegistry registry, OpenTelemetry openTelemetry) {
    Objects.requireNonNull(provider, "provider");
    if (provider.isBlank()) {
      throw new IllegalArgumentException("provider must not be blank, got '" + provider + "'");
    }
    return new ProviderCallTelemetry(provider, registry, Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * The provider id this instance reports.
   *
   * @return the id; never null
   */
  public String provider() {
    return provider;
  }

  /**
   * Runs a logical call: {@link #start starts} it, runs the attempts, and ends it as {@link Call#succeeded()} when
   * they return or {@link Call#failed(Throwable)} when they throw (the exception is rethrown as it is).
   *
   * @param <T> what the call returns
   * @param api the provider API or service, a bounded name (e.g. {@code ec2}, {@code billing}); never null
   * @param region the region the call is about, or {@code global}; never null
   * @param operation the API operation, a bounded name without ids or page numbers; never null
   * @param attempts the attempt loop, recording each attempt on the call it is given; never null
   * @return what {@code attempts} returned
   */
  public <T> T call(String api, String region, String operation, Function<Call, T> attempts) {
    Objects.requireNonNull(attempts, "attempts");
    Call call = start(api, region, operation);
    try {
      T result = attempts.apply(call);
      call.succeeded();
      return result;
    } catch (RuntimeException | Error e) {
      call.failed(e);
      throw e;
    }
  }

  /**
   * Starts a logical call: opens its span and makes it current on this thread until the call ends. Prefer
   * {@link #call}, which ends it.
   *
   * @param api the provider API or service, a bounded name (e.g. {@code ec2}, {@code billing}); never null
   * @param region the region the call is about, or {@code global}; never null
   * @param operation the API operation, a bounded name without ids or page numbers (e.g. {@code
   *     DescribeInstances}); never null
   * @return the call; never null. End it with {@link Call#succeeded()} or {@link Call#failed(Throwable)}
   */
  public Call start(String api, String region, String operation) {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(operation, "operation");
    Meters m = meters.computeIfAbsent(api, this::meters);
    Attributes attrs = attributes.computeIfAbsent(new Target(api, region, operation),
        t -> Attributes.of(PROVIDER, provider, API_NAME, t.api(), OPERATION, t.operation(), REGION, t.region()));
    Span span = tracer.spanBuilder(SPAN).setSpanKind(SpanKind.CLIENT).setAllAttributes(attrs).startSpan();
    return new Call(m, span, span.makeCurrent());
  }

  private Meters meters(String api) {
    MeterRegistry r = registry;
    if (r == null) {
      return Meters.NONE;
    }
    Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      counters.put(o, Counter.builder(REQUESTS).description("attempts of a provider's remote calls, by outcome")
          .tag("provider", provider).tag("api", api).tag("outcome", o.tag()).register(r));
    }
    Timer latency = Timer.builder(LATENCY).description("time of one attempt of a provider's remote call")
        .tag("provider", provider).tag("api", api).register(r);
    return new Meters(counters, latency);
  }

  private record Target(String api, String region, String operation) {}

  private record Meters(@Nullable Map<Outcome, Counter> counters, @Nullable Timer latency) {
    static final Meters NONE = new Meters(null, null);

    void count(Outcome o) {
      Map<Outcome, Counter> c = counters;
      if (c != null) {
        Objects.requireNonNull(c.get(o)).increment();
      }
    }

    void time(Duration d) {
      Timer t = latency;
      if (t != null && !d.isNegative()) {
        t.record(d);
      }
    }
  }

  /**
   * One logical call of a provider: its attempts and its span. Not thread-safe: it belongs to the thread that
   * started it, and ends once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Call {
    private final Meters meters;
    private final Span span;
    private final Scope scope;
    private int attempts;
    private @Nullable Outcome last;
    private boolean ended;

    private Call(Meters meters, Span span, Scope scope) {
      this.meters = meters;
      this.span = span;
      this.scope = scope;
    }

    /**
     * Records an attempt that was sent: counts it by outcome and times it.
     *
     * @param outcome what it came to; never null
     * @param latency how long it took; never null (a negative one is not timed)
     */
    public void attempt(Outcome outcome, Duration latency) {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(latency, "latency");
      attempts++;
      last = outcome;
      meters.count(outcome);
      meters.time(latency);
    }

    /**
     * Records an attempt refused locally, without a request: counted, not timed.
     *
     * @param outcome {@link Outcome#CIRCUIT_OPEN} or {@link Outcome#RATE_LIMITED}; never null
     * @throws IllegalArgumentException for another outcome
     */
    public void refused(Outcome outcome) {
      if (outcome != Outcome.CIRCUIT_OPEN && outcome != Outcome.RATE_LIMITED) {
        throw new IllegalArgumentException("outcome of a refused attempt must be CIRCUIT_OPEN or RATE_LIMITED, got "
            + outcome);
      }
      last = outcome;
      meters.count(outcome);
    }

    /**
     * How many attempts were sent so far.
     *
     * @return the count; at least 0
     */
    public int attempts() {
      return attempts;
    }

    /** Ends the call as a success. Later calls of this method or {@link #failed} do nothing. */
    public void succeeded() {
      end(null);
    }

    /**
     * Ends the call as a failure: the span is marked {@code ERROR} and records the exception. Later calls of this
     * method or {@link #succeeded} do nothing.
     *
     * @param failure what the caller sees; never null
     */
    public void failed(Throwable failure) {
      end(Objects.requireNonNull(failure, "failure"));
    }

    private void end(@Nullable Throwable failure) {
      if (ended) {
        return;
      }
      ended = true;
      try {
        Outcome o = last;
        span.setAttribute(ATTEMPTS, (long) attempts);
        span.setAttribute(OUTCOME, o == null ? (failure == null ? Outcome.SUCCESS.tag() : Outcome.ERROR.tag())
            : o.tag());
        if (failure != null) {
          span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
          span.recordException(failure);
        }
      } finally {
        scope.close();
        span.end();
      }
    }
  }
}
