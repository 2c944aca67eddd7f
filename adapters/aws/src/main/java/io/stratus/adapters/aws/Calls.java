package io.stratus.adapters.aws;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.stratus.ProviderException;
import io.stratus.monitoring.provider.CallPacer;
import io.stratus.monitoring.provider.ProviderCallTelemetry;
import io.stratus.monitoring.provider.ProviderCallTelemetry.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs remote calls under the {@link AwsResilience} policy: rate limiter ({@link CallPacer}) and circuit breaker per
 * service, retry with exponential random backoff (Resilience4j's policy objects) or after a longer {@code Retry-After},
 * one deadline over each call's attempts and waits, and the shared provider call meters and spans ({@link
 * ProviderCallTelemetry}). Throttling is retried but the breakers ignore it. Time is the injected clock throughout (the
 * rate limiters' permits, the breakers' open state, attempt latency, the deadline) and every wait goes through the
 * injected sleeper. Thread-safe.
 */
final class Calls {
  /**
   * Throttling error codes of the APIs used that the SDK's own list ({@link AwsServiceException#isThrottlingException})
   * lacks: Cost Explorer's {@code LimitExceededException} ("You made too many calls in a short period of time").
   */
  private static final Set<String> MORE_THROTTLING = Set.of("LimitExceededException");

  private final String providerId;
  private final AwsResilience policy;
  private final RetryConfig retry;
  private final Map<AwsService, CircuitBreaker> breakers = new EnumMap<>(AwsService.class);
  private final Map<AwsService, CallPacer> pacers = new EnumMap<>(AwsService.class);
  private final InstantSource clock;
  private final ProviderCallTelemetry telemetry;

  Calls(String providerId, AwsResilience policy, InstantSource clock, ProviderCallTelemetry telemetry) {
    this.providerId = providerId;
    this.policy = policy;
    this.clock = clock;
    this.telemetry = telemetry;
    this.retry = RetryConfig.custom()
        .maxAttempts(policy.maxAttempts())
        .retryOnException(Calls::isTransient)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff().toMillis(),
            policy.multiplier(), policy.jitter(), policy.maxBackoff().toMillis()))
        .build();
    CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(policy.breakerWindow())
        .minimumNumberOfCalls(Math.max(1, Math.min(policy.breakerWindow(), 5)))
        .failureRateThreshold(policy.breakerFailureRatePercent())
        .waitDurationInOpenState(policy.breakerOpenFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        // Throttling is not an outage: it is retried (after the server's Retry-After) but the breaker ignores it.
        .recordException(t -> isTransient(t) && !isThrottling(t))
        .ignoreException(Calls::isThrottling)
        .clock(clock.withZone(ZoneOffset.UTC))
        .build();
    for (AwsService s : AwsService.values()) {
      breakers.put(s, CircuitBreaker.of(providerId + "-" + s.endpointPrefix(), breakerConfig));
      pacers.put(s, CallPacer.builder(providerId, providerId + "-" + s.endpointPrefix(), clock, policy.sleeper())
          .limit(policy.ratePerSecond(s), Duration.ofSeconds(1))
          .describedAs("of " + s + " (" + policy.ratePerSecond(s) + "/s)")
          .longestPermitWait(policy.maxRateLimitWait())
          .noPermitNote(" (none within the longest permit wait of " + policy.maxRateLimitWait() + ")")
          .callDeadline(policy.callDeadline())
          .build());
    }
  }

  /** The circuit breaker state of a service, for diagnostics and tests. */
  CircuitBreaker.State breakerState(AwsService service) {
    return java.util.Objects.requireNonNull(breakers.get(service)).getState();
  }

  /**
   * Runs one remote call, traced as one {@code stratus.provider.request} span with its retries.
   *
   * @param service the endpoint
   * @param region the region the call is about (the client's region), or {@code global}
   * @param api the operation name, e.g. {@code GetProducts}
   * @param call the SDK call
   * @return its result
   * @throws ProviderException when the call fails for good (a client error, retries exhausted, circuit open, no
   *     rate-limit permit within the longest permit wait or before the call deadline, a backoff past the deadline,
   *     interrupted)
   */
  <T> T call(AwsService service, String region, String api, Supplier<T> call) {
    return telemetry.call(service.endpointPrefix(), region, api, traced -> attempts(service, api, call, traced));
  }

  private <T> T attempts(AwsService service, String api, Supplier<T> call, ProviderCallTelemetry.Call traced) {
    CircuitBreaker breaker = java.util.Objects.requireNonNull(breakers.get(service));
    CallPacer pacer = java.util.Objects.requireNonNull(pacers.get(service));
    Instant deadline = pacer.deadline();
    SdkException last = null;
    for (int attempt = 1; ; attempt++) {
      pacer.acquire(api, deadline, attempt - 1, last, traced);
      if (!breaker.tryAcquirePermission()) {
        traced.refused(Outcome.CIRCUIT_OPEN);
        throw new ProviderException(providerId, api + ": the circuit breaker of " + service
            + " is open after repeated failures; calls resume after " + policy.breakerOpenFor(),
            CallNotPermittedException.createCallNotPermittedException(breaker));
      }
      Instant start = clock.instant();
      try {
        T result = call.get();
        Duration took = Duration.between(start, clock.instant());
        breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
        traced.attempt(Outcome.SUCCESS, took);
        return result;
      } catch (SdkException e) {
        Duration took = Duration.between(start, clock.instant());
        breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, e);
        Outcome outcome = outcome(e);
        traced.attempt(outcome, took);
        boolean retryable = retry.getExceptionPredicate().test(e);
        if (!retryable || attempt >= policy.maxAttempts()) {
          throw new ProviderException(providerId, api + " failed (" + outcome.tag() + ") after " + attempt
              + " attempt" + (attempt == 1 ? "" : "s") + ": " + e.getMessage(), e);
        }
        long backoff = retry.getIntervalBiFunction().apply(attempt, Either.left(e));
        pacer.awaitRetry(api, "failed (" + outcome.tag() + ") after " + attempt + " attempt"
            + (attempt == 1 ? "" : "s"), Duration.ofMillis(backoff), serverDelay(e), deadline, e);
        last = e;
      }
    }
  }

  /** The delay the server asked for in a {@code Retry-After} header (seconds or an HTTP date); zero when none. */
  private Duration serverDelay(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
        && s.awsErrorDetails().sdkHttpResponse() != null) {
      return s.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
          .flatMap(v -> CallPacer.retryAfter(v, clock.instant())).orElse(Duration.ZERO);
    }
    return Duration.ZERO;
  }

  static Outcome outcome(Throwable t) {
    if (t instanceof AwsServiceException e) {
      if (isThrottling(e)) {
        return Outcome.THROTTLED;
      }
      return e.statusCode() >= 500 ? Outcome.SERVER_ERROR : Outcome.CLIENT_ERROR;
    }
    if (t instanceof ApiCallAttemptTimeoutException || t instanceof ApiCallTimeoutException) {
      return Outcome.TIMEOUT;
    }
    return isTransient(t) ? Outcome.IO_ERROR : Outcome.CLIENT_ERROR;
  }

  /**
   * Whether a failure is throttling, by the SDK's own classification (HTTP 429, {@code ThrottlingException}, {@code
   * Throttling}, {@code RequestLimitExceeded}, {@code TooManyRequestsException}, {@code SlowDown} and the rest of its
   * list) plus Cost Explorer's {@code LimitExceededException}.
   */
  static boolean isThrottling(Throwable t) {
    if (!(t instanceof AwsServiceException e)) {
      return false;
    }
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.isThrottlingException() || (code != null && MORE_THROTTLING.contains(code));
  }

  /**
   * Whether a failure is worth another attempt: throttling, a 5xx, a timeout, or an I/O failure (but not a response
   * that could not be parsed).
   */
  static boolean isTransient(Throwable t) {
    if (t instanceof AwsServiceException e) {
      return isThrottling(e) || e.statusCode() >= 500;
    }
    if (t instanceof ApiCallAttemptTimeoutException || t instanceof ApiCallTimeoutException) {
      return true;
    }
    if (t instanceof SdkClientException) {
      for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
        if (c instanceof IOException && !c.getClass().getName().toLowerCase(Locale.ROOT).contains("json")) {
          return true;
        }
      }
    }
    return false;
  }
}
