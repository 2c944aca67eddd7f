package io.stratus.adapters.aws;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.stratus.ProviderException;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs remote calls under the {@link AwsResilience} policy: rate limiter and circuit breaker per service, retry with
 * exponential random backoff (Resilience4j's policy objects), one deadline over each call's attempts and waits, and the
 * shared provider call meters and spans ({@link ProviderCallTelemetry}). Time is the injected clock throughout (the
 * rate limiters' permits, the breakers' open state, attempt latency, the deadline) and every wait goes through the
 * injected sleeper. Thread-safe.
 */
final class Calls {
  private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
  /** Throttling error codes of the APIs used, besides those the SDK already recognizes. */
  private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
      "TooManyRequestsException", "RequestThrottled", "RequestThrottledException", "SlowDown", "LimitExceededException");

  private final String providerId;
  private final AwsResilience policy;
  private final RetryConfig retry;
  private final Map<AwsService, CircuitBreaker> breakers = new EnumMap<>(AwsService.class);
  private final Map<AwsService, RateLimiter> limiters = new EnumMap<>(AwsService.class);
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
        .recordException(Calls::isTransient)
        .clock(clock.withZone(ZoneOffset.UTC))
        .build();
    for (AwsService s : AwsService.values()) {
      breakers.put(s, CircuitBreaker.of(providerId + "-" + s.endpointPrefix(), breakerConfig));
      // The limiter's time is the injected clock, and it only reserves: the wait goes through the sleeper.
      limiters.put(s, RateLimiter.of(providerId + "-" + s.endpointPrefix(), RateLimiterConfig.custom()
          .limitForPeriod(policy.ratePerSecond(s))
          .limitRefreshPeriod(Duration.ofSeconds(1))
          .timeoutDuration(policy.maxRateLimitWait())
          .build(), () -> epochNanos(clock.instant())));
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
    Instant deadline = clock.instant().plus(policy.callDeadline());
    SdkException last = null;
    for (int attempt = 1; ; attempt++) {
      waitForPermit(service, api, deadline, attempt - 1, last, traced);
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
        if (clock.instant().plusMillis(backoff).isAfter(deadline)) {
          throw new ProviderException(providerId, api + " failed (" + outcome.tag() + ") after " + attempt
              + " attempt" + (attempt == 1 ? "" : "s") + "; the next attempt in " + Duration.ofMillis(backoff)
              + " would pass the call deadline of " + policy.callDeadline() + ": " + e.getMessage(), e);
        }
        LOG.debug("{} {} attempt {} failed ({}), retrying in {} ms", service, api, attempt, outcome.tag(), backoff);
        sleep(Duration.ofMillis(backoff), api);
        last = e;
      }
    }
  }

  /**
   * Takes a permit of the service's rate limiter, waiting for it through the sleeper, or fails when there is none
   * within the longest permit wait or before the call's deadline. A permit reserved but then not waited for (the
   * deadline is nearer than the longest permit wait) is lost: the limiter errs on the slow side.
   */
  private void waitForPermit(AwsService service, String api, Instant deadline, int failedSoFar,
      @Nullable SdkException last, ProviderCallTelemetry.Call traced) {
    long nanos = java.util.Objects.requireNonNull(limiters.get(service)).reservePermission();
    if (nanos < 0 || clock.instant().plusNanos(nanos).isAfter(deadline)) {
      traced.refused(Outcome.RATE_LIMITED);
      String message = api + ": no permit of the local rate limit of " + service + " (" + policy.ratePerSecond(service)
          + "/s) before the call deadline of " + policy.callDeadline()
          + (failedSoFar == 0 ? "" : " after " + failedSoFar + " failed attempt" + (failedSoFar == 1 ? "" : "s"))
          + (nanos < 0 ? " (none within the longest permit wait of " + policy.maxRateLimitWait() + ")"
              : " (the next one in " + Duration.ofNanos(nanos) + ")");
      throw last == null ? Failures.of(providerId, message)
          : new ProviderException(providerId, message + ": " + last.getMessage(), last);
    }
    if (nanos > 0) {
      LOG.debug("{} {} waits {} for a rate-limit permit", service, api, Duration.ofNanos(nanos));
      sleep(Duration.ofNanos(nanos), api);
    }
  }

  /** An instant as nanoseconds since the epoch: the rate limiters' time, on the injected clock. */
  static long epochNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  private void sleep(Duration d, String api) {
    try {
      policy.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(providerId, api + ": interrupted while waiting " + d, e);
    }
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

  private static boolean isThrottling(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.isThrottlingException() || e.statusCode() == 429 || (code != null && THROTTLING.contains(code));
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
