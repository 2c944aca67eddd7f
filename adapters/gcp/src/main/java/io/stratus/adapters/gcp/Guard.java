package io.stratus.adapters.gcp;

import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.BaseServiceException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.stratus.ProviderException;
import io.stratus.monitoring.provider.CallPacer;
import io.stratus.monitoring.provider.ProviderCallTelemetry;
import io.stratus.monitoring.provider.ProviderCallTelemetry.Outcome;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The resilience policy around every remote call of one {@link Api}: a rate limiter at the API's quota, a circuit
 * breaker, and retry with exponential backoff (doubling from the initial backoff, capped at the maximum) and
 * &plusmn;100 % jitter (each wait uniform in [0, 2 &times; the backoff]) on {@code RESOURCE_EXHAUSTED}, {@code
 * UNAVAILABLE} and {@code DEADLINE_EXCEEDED} (or their HTTP forms 429, 503/500/502 and 504/read timeout), after the
 * server's retry delay when it gives a longer one; throttling ({@code RESOURCE_EXHAUSTED}) never opens the breaker.
 * The client libraries' own retries are switched off (see {@link GcpAdapter}) so that this is the only policy; each
 * attempt's time limit is the client's call timeout, and one call deadline bounds the call with its attempts and waits
 * (a permit, a backoff or a server's delay that would end past it fails the call at once). Time is the injected clock
 * throughout (the rate limiter's permits, the breaker's open state, attempt latency, the deadline) and every wait goes
 * through the injected {@link io.stratus.spi.Sleeper} ({@link CallPacer}). Meters and spans are the shared {@link
 * ProviderCallTelemetry}'s (region {@code global}: these APIs are global). Thread-safe.
 */
final class Guard {
  /** The transient code of throttling. */
  private static final String THROTTLED = "RESOURCE_EXHAUSTED";
  /** BigQuery's reason for its short-term rate limits, which it answers with HTTP 403 (or 429). */
  private static final String RATE_LIMIT_REASON = "rateLimitExceeded";

  private final String providerId;
  private final Api api;
  private final InstantSource clock;
  private final ProviderCallTelemetry telemetry;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final CallPacer pacer;

  Guard(String providerId, Api api, GcpAdapter.Builder b, ProviderCallTelemetry telemetry) {
    this.providerId = providerId;
    this.api = api;
    this.clock = b.clock;
    this.telemetry = telemetry;
    this.retry =
        Retry.of(
            "gcp-" + api.tag(),
            RetryConfig.custom()
                .maxAttempts(b.maxAttempts)
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(b.initialBackoff, 2.0, 1.0, b.maxBackoff))
                .retryOnException(t -> transientCode(t).isPresent())
                .failAfterMaxAttempts(false)
                .build());
    this.breaker =
        CircuitBreaker.of(
            "gcp-" + api.tag(),
            CircuitBreakerConfig.custom()
                .clock(clock.withZone(ZoneOffset.UTC))
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.breakerWindow)
                .minimumNumberOfCalls(b.breakerWindow)
                .failureRateThreshold(50)
                .waitDurationInOpenState(b.breakerOpenFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                // Throttling is not an outage: retried (after the server's delay) but ignored by the breaker.
                .recordException(t -> transientCode(t).filter(c -> !c.equals(THROTTLED)).isPresent())
                .ignoreException(t -> transientCode(t).filter(THROTTLED::equals).isPresent())
                .build());
    Api.Limit limit = b.rateLimits.getOrDefault(api, new Api.Limit(api.permits, api.period));
    this.pacer =
        CallPacer.builder(providerId, "gcp-" + api.tag(), clock, b.sleeper)
            .limit(limit.permits(), limit.period())
            .noPermitNote(" (the next one is further away than that)")
            .callDeadline(b.callDeadline)
            .build();
  }

  /** The breaker, for tests and diagnostics. */
  CircuitBreaker breaker() {
    return breaker;
  }

  /**
   * Runs one remote call under the policy, traced as one {@code stratus.provider.request} span with its retries.
   *
   * @param operation the API method, a bounded name (e.g. {@code listSkus}): the span's operation
   * @param detail what else messages should say (e.g. {@code page 3}); may be empty
   * @throws ProviderException when the call fails for good: a non-transient error, retries exhausted, the breaker
   *     open, no rate-limit permit or no next attempt before the call deadline, or interruption
   */
  <T> T call(String operation, String detail, Supplier<T> call) {
    String described = detail.isEmpty() ? operation : operation + " " + detail;
    return telemetry.call(api.tag(), "global", operation, traced -> attempts(described, call, traced));
  }

  private <T> T attempts(String operation, Supplier<T> call, ProviderCallTelemetry.Call traced) {
    Retry.AsyncContext<T> context = retry.asyncContext();
    String who = api.host + " " + operation;
    Instant deadline = pacer.deadline();
    RuntimeException last = null;
    int attempt = 0;
    while (true) {
      attempt++;
      pacer.acquire(who, deadline, attempt - 1, last, traced);
      if (!breaker.tryAcquirePermission()) {
        traced.refused(Outcome.CIRCUIT_OPEN);
        throw new ProviderException(
            providerId,
            api.host + " " + operation + ": circuit breaker " + breaker.getName() + " is " + breaker.getState()
                + " after repeated transient failures; not calling",
            CallNotPermittedException.createCallNotPermittedException(breaker));
      }
      Instant start = clock.instant();
      try {
        T result = call.get();
        Duration took = Duration.between(start, clock.instant());
        breaker.onSuccess(took.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        context.onComplete();
        traced.attempt(Outcome.SUCCESS, took);
        return result;
      } catch (RuntimeException e) {
        Duration took = Duration.between(start, clock.instant());
        breaker.onError(took.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS, e);
        Optional<String> code = transientCode(e);
        traced.attempt(outcome(e), took);
        long delay = context.onError(e);
        if (delay < 0) {
          String why =
              code.isPresent()
                  ? "still " + code.get() + " after " + attempt + " attempt(s)"
                  : "failed (not retried: not a transient error)";
          throw new ProviderException(providerId, api.host + " " + operation + " " + why + ": " + e.getMessage(), e);
        }
        pacer.awaitRetry(who, "still " + code.orElse("failing") + " after " + attempt + " attempt(s)",
            Duration.ofMillis(delay), serverDelay(e), deadline, e);
        last = e;
      }
    }
  }

  /**
   * The delay the server asked for: a gRPC {@code google.rpc.RetryInfo} detail, else an HTTP {@code Retry-After}
   * header (seconds or an HTTP date; the BigQuery client keeps the response's headers); zero when none. The Compute
   * Engine REST client keeps neither, so its throttles wait the backoff.
   */
  Duration serverDelay(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApiException failure && failure.getErrorDetails() != null
          && failure.getErrorDetails().getRetryInfo() != null
          && failure.getErrorDetails().getRetryInfo().hasRetryDelay()) {
        com.google.protobuf.Duration d = failure.getErrorDetails().getRetryInfo().getRetryDelay();
        Duration delay = Duration.ofSeconds(d.getSeconds(), d.getNanos());
        return delay.isNegative() ? Duration.ZERO : delay;
      }
      if (c instanceof HttpResponseException http && http.getHeaders().getRetryAfter() != null) {
        return CallPacer.retryAfter(http.getHeaders().getRetryAfter(), clock.instant()).orElse(Duration.ZERO);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return Duration.ZERO;
  }

  /**
   * The meter outcome of a failed attempt: the transient codes as throttled / server error / timeout, other gRPC
   * statuses and HTTP 4xx as client errors, HTTP 5xx as server errors, anything else as an error.
   */
  static Outcome outcome(Throwable t) {
    Optional<String> code = transientCode(t);
    if (code.isPresent()) {
      switch (code.get()) {
        case "RESOURCE_EXHAUSTED":
          return Outcome.THROTTLED;
        case "DEADLINE_EXCEEDED":
          return Outcome.TIMEOUT;
        default:
          return Outcome.SERVER_ERROR;
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApiException api) {
        StatusCode.Code status = api.getStatusCode().getCode();
        return status == StatusCode.Code.INTERNAL || status == StatusCode.Code.UNKNOWN
            || status == StatusCode.Code.DATA_LOSS ? Outcome.SERVER_ERROR : Outcome.CLIENT_ERROR;
      }
      if (c instanceof BaseServiceException http && http.getCode() > 0) {
        return http.getCode() >= 500 ? Outcome.SERVER_ERROR : Outcome.CLIENT_ERROR;
      }
    }
    return Outcome.ERROR;
  }

  /**
   * The gRPC status name of a transient failure ({@code RESOURCE_EXHAUSTED}, {@code UNAVAILABLE},
   * {@code DEADLINE_EXCEEDED}), or empty for anything else. HTTP clients map 429 (and BigQuery's 403 with reason
   * {@code rateLimitExceeded}), 500/502/503 and 504 or a read timeout to those names.
   */
  static Optional<String> transientCode(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApiException api) {
        StatusCode.Code code = api.getStatusCode().getCode();
        switch (code) {
          case RESOURCE_EXHAUSTED:
          case UNAVAILABLE:
          case DEADLINE_EXCEEDED:
            return Optional.of(code.name());
          default:
            return Optional.empty();
        }
      }
      if (c instanceof BaseServiceException http) {
        int status = http.getCode();
        if (status == 429 || status == 403 && RATE_LIMIT_REASON.equals(http.getReason())) {
          return Optional.of("RESOURCE_EXHAUSTED");
        }
        if (status == 500 || status == 502 || status == 503) {
          return Optional.of("UNAVAILABLE");
        }
        if (status == 504) {
          return Optional.of("DEADLINE_EXCEEDED");
        }
        if (status > 0) {
          return Optional.empty();
        }
      }
      if (c instanceof SocketTimeoutException || c instanceof InterruptedIOException) {
        return Optional.of("DEADLINE_EXCEEDED");
      }
    }
    return Optional.empty();
  }
}
