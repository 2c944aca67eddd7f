package io.stratus.adapters.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.stratus.ProviderException;
import io.stratus.monitoring.provider.CallPacer;
import io.stratus.monitoring.provider.PageTokens;
import io.stratus.monitoring.provider.ProviderCallTelemetry;
import io.stratus.monitoring.provider.ProviderCallTelemetry.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every remote call of one adapter instance under the resilience policy that {@link AzureConfig} documents, and
 * sends REST requests through azure-core pipelines that carry no {@code RetryPolicy} (so these attempts are the only
 * ones). Meters and spans are the shared {@link ProviderCallTelemetry}'s. Thread-safe.
 */
final class AzureCalls {
  private static final Logger LOG = LoggerFactory.getLogger(AzureCalls.class);
  static final ObjectMapper JSON = new ObjectMapper();
  /** The region of calls that are not about one region (Resource Manager, Cost Management, Blob Storage). */
  static final String GLOBAL = "global";
  private static final int MAX_BODY_IN_MESSAGE = 300;

  /** What went wrong in one attempt, with its meter outcome. */
  enum Failure {
    THROTTLED(true, Outcome.THROTTLED),
    SERVER_ERROR(true, Outcome.SERVER_ERROR),
    TIMEOUT(true, Outcome.TIMEOUT),
    IO_ERROR(true, Outcome.IO_ERROR),
    CLIENT_ERROR(false, Outcome.CLIENT_ERROR),
    MALFORMED(false, Outcome.MALFORMED),
    ERROR(false, Outcome.ERROR);

    final boolean retryable;
    final Outcome outcome;

    Failure(boolean retryable, Outcome outcome) {
      this.retryable = retryable;
      this.outcome = outcome;
    }

    String outcome() {
      return outcome.tag();
    }
  }

  /** A response body that does not have the documented shape. Not retried. */
  static final class MalformedResponseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  private final String providerId;
  private final AzureConfig config;
  private final ProviderCallTelemetry telemetry;
  private final Map<AzureApi, Retry> retries = new EnumMap<>(AzureApi.class);
  private final Map<AzureApi, CircuitBreaker> breakers = new EnumMap<>(AzureApi.class);
  private final Map<AzureApi, CallPacer> pacers = new EnumMap<>(AzureApi.class);
  private final HttpClient httpClient;
  private final HttpPipeline anonymous;
  private final HttpPipeline management;
  private final Supplier<TokenCredential> credential;
  private @Nullable TokenCredential defaultCredential;

  AzureCalls(String providerId, AzureConfig config) {
    this.providerId = providerId;
    this.config = config;
    this.telemetry = ProviderCallTelemetry.create(providerId, config.meterRegistry().orElse(null),
        config.openTelemetry());
    this.credential = this::credential;
    // The backoff; a longer Retry-After is waited instead (CallPacer.awaitRetry).
    IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
        config.initialBackoff(), 2.0, 0.5, config.maxBackoff());
    for (AzureApi api : AzureApi.values()) {
      String name = providerId + "-" + api.tag();
      retries.put(api, Retry.of(name, RetryConfig.custom()
          .maxAttempts(config.maxAttempts())
          .intervalFunction(backoff)
          .retryOnException(t -> classify(t).retryable)
          .build()));
      breakers.put(api, CircuitBreaker.of(name, CircuitBreakerConfig.custom()
          .slidingWindowSize(10)
          .minimumNumberOfCalls(10)
          .failureRateThreshold(50)
          .permittedNumberOfCallsInHalfOpenState(2)
          .waitDurationInOpenState(config.circuitOpenDuration())
          // Throttling is not an outage: 429s are retried after Retry-After but never open the circuit.
          .recordException(t -> {
            Failure f = classify(t);
            return f == Failure.SERVER_ERROR || f == Failure.TIMEOUT || f == Failure.IO_ERROR;
          })
          .clock(new InstantClock(config))
          .build()));
      AzureConfig.RateLimit limit = config.rateLimit(api);
      pacers.put(api, CallPacer.builder(providerId, name, config.clock(), config.sleeper())
          .limit(limit.permits(), limit.period())
          .callDeadline(config.callDeadline())
          .build());
    }
    Duration t = config.attemptTimeout();
    this.httpClient = new NettyAsyncHttpClientBuilder()
        .connectTimeout(t).responseTimeout(t).readTimeout(t).writeTimeout(t).build();
    HttpPipelinePolicy userAgent = new UserAgentPolicy("stratus-azure");
    this.anonymous = new HttpPipelineBuilder().httpClient(httpClient).policies(userAgent).build();
    this.management = new HttpPipelineBuilder().httpClient(httpClient)
        .policies(userAgent, new TokenPolicy(credential, config.managementEndpoint() + "/.default", config.clock()))
        .build();
  }

  /** The host's credential, else one {@code DefaultAzureCredential} created on first use. */
  synchronized TokenCredential credential() {
    if (config.credential().isPresent()) {
      return config.credential().get();
    }
    if (defaultCredential == null) {
      defaultCredential = new DefaultAzureCredentialBuilder().build();
    }
    return defaultCredential;
  }

  /** A pipeline for Blob Storage: bearer token for storage, a date header, no retry policy of the SDK's. */
  HttpPipeline storagePipeline() {
    return new HttpPipelineBuilder().httpClient(httpClient)
        .policies(new UserAgentPolicy("stratus-azure"), new AddDatePolicy(),
            new TokenPolicy(credential, "https://storage.azure.com/.default", config.clock()))
        .build();
  }

  /** The circuit breaker of an API (tests look at its state). */
  CircuitBreaker breaker(AzureApi api) {
    return Objects.requireNonNull(breakers.get(api));
  }

  /** GET a JSON document from the Retail Prices API (anonymous); see {@link #execute} for the arguments. */
  JsonNode getPublic(AzureApi api, String region, String operation, String detail, String url) {
    return execute(api, region, operation, detail, () -> json(send(anonymous, HttpMethod.GET, url, null), url));
  }

  /** GET a JSON document from Azure Resource Manager (bearer token); a global call. */
  JsonNode getManagement(AzureApi api, String operation, String detail, String url) {
    return execute(api, GLOBAL, operation, detail, () -> json(send(management, HttpMethod.GET, url, null), url));
  }

  /** POST a JSON body to Azure Resource Manager (bearer token) and read the JSON answer; a global call. */
  JsonNode postManagement(AzureApi api, String operation, String detail, String url, String body) {
    return execute(api, GLOBAL, operation, detail,
        () -> json(send(management, HttpMethod.POST, url, body), url));
  }

  /**
   * Checks that a paging link points at the endpoint the adapter was configured with, so a token is never sent
   * elsewhere.
   */
  String sameOrigin(String link, URI endpoint, AzureApi api) {
    URI next;
    try {
      next = URI.create(link);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(providerId, api.tag() + ": malformed paging link '" + link + "'", e);
    }
    if (!endpoint.getHost().equalsIgnoreCase(String.valueOf(next.getHost()))
        || !endpoint.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))) {
      throw failure(providerId, api.tag() + ": paging link points at " + next.getScheme() + "://"
          + next.getHost() + ", not at the configured endpoint " + endpoint.getHost() + "; refusing to follow it");
    }
    return link;
  }

  /**
   * The URL of the next page of a listing: null at its end (no link, or an empty one); else the link, checked to
   * stay on the configured endpoint ({@link #sameOrigin}) and not to repeat one the listing already followed.
   *
   * @throws ProviderException if the link points elsewhere or repeats
   */
  @Nullable String nextPage(@Nullable JsonNode link, PageTokens tokens, URI endpoint, AzureApi api) {
    String text = link == null || link.isNull() ? null : link.asText();
    return text != null && tokens.more(text) ? sameOrigin(text, endpoint, api) : null;
  }

  /** A provider failure without an underlying exception (ProviderException documents its cause as nullable). */
  @SuppressWarnings("NullAway")
  static ProviderException failure(String providerId, String message) {
    return new ProviderException(providerId, message, null);
  }

  /** An HTTP error carrying the response, so retries can read its status and headers. */
  @SuppressWarnings("NullAway")
  private static HttpResponseException httpFailure(String message, HttpResponse response) {
    return new HttpResponseException(message, response, null);
  }

  private static String send(HttpPipeline pipeline, HttpMethod method, String url, @Nullable String body) {
    HttpRequest request = new HttpRequest(method, url);
    request.setHeader(HttpHeaderName.ACCEPT, "application/json");
    if (body != null) {
      request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
      request.setBody(body);
    }
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
      if (response.getStatusCode() >= 400) {
        throw httpFailure("HTTP " + response.getStatusCode() + " from " + redact(url) + ": " + excerpt(text),
            response);
      }
      return text;
    }
  }

  private static JsonNode json(String text, String url) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new MalformedResponseException("expected a JSON object from " + redact(url) + ", got: "
            + excerpt(text), null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException("malformed JSON from " + redact(url) + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  /** The URL without its query (which may hold filters, never secrets, but keeps messages short). */
  static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  static String excerpt(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "…";
  }

  /**
   * Runs one remote call: a rate-limit permit before each attempt (its wait through the sleeper), circuit breaker,
   * attempts with backoff and {@code Retry-After}, and one deadline over all the attempts and waits; traced as one
   * {@code stratus.provider.request} span with its retries.
   *
   * @param api the API (the meters' {@code api} tag)
   * @param region the region the call is about, or {@link #GLOBAL}
   * @param operation the operation, a bounded name (e.g. {@code virtualMachines.list}): the span's operation
   * @param detail what else messages should say (e.g. {@code page 2}); may be empty
   * @throws ProviderException when the call fails for good, saying how and after how many attempts
   */
  <T> T execute(AzureApi api, String region, String operation, String detail, Supplier<T> attempt) {
    String described = detail.isEmpty() ? operation : operation + " " + detail;
    return telemetry.call(api.tag(), region, operation, traced -> attempts(api, described, attempt, traced));
  }

  private <T> T attempts(AzureApi api, String operation, Supplier<T> attempt, ProviderCallTelemetry.Call traced) {
    Retry.AsyncContext<T> retry = Objects.requireNonNull(retries.get(api)).asyncContext();
    CircuitBreaker breaker = Objects.requireNonNull(breakers.get(api));
    CallPacer pacer = Objects.requireNonNull(pacers.get(api));
    String who = api.tag() + " " + operation;
    Instant deadline = pacer.deadline();
    RuntimeException last = null;
    for (int n = 1; ; n++) {
      pacer.acquire(who, deadline, n - 1, last, traced);
      if (!breaker.tryAcquirePermission()) {
        traced.refused(Outcome.CIRCUIT_OPEN);
        throw new ProviderException(providerId, api.tag() + " " + operation + ": circuit open after repeated"
            + " failures of the " + api.tag() + " API; calls resume after " + config.circuitOpenDuration(),
            CallNotPermittedException.createCallNotPermittedException(breaker));
      }
      Instant start = config.clock().instant();
      try {
        T result = attempt.get();
        Duration took = Duration.between(start, config.clock().instant());
        breaker.onSuccess(took.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        traced.attempt(Outcome.SUCCESS, took);
        retry.onComplete();
        return result;
      } catch (RuntimeException e) {
        Duration took = Duration.between(start, config.clock().instant());
        breaker.onError(took.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS, e);
        Failure failure = classify(e);
        traced.attempt(failure.outcome, took);
        long wait = retry.onError(e);
        if (wait < 0) {
          throw new ProviderException(providerId, api.tag() + " " + operation + " failed ("
              + failure.outcome() + (failure.retryable ? ", gave up after " + n + " attempt(s)" : ", not retried")
              + "): " + e.getMessage(), e);
        }
        pacer.awaitRetry(who, "failed (" + failure.outcome() + " after " + n + " attempt(s))",
            Duration.ofMillis(wait), retryAfter(e), deadline, e);
        last = e;
      }
    }
  }

  static Failure classify(Throwable t) {
    if (t instanceof MalformedResponseException) {
      return Failure.MALFORMED;
    }
    if (t instanceof HttpResponseException h && h.getResponse() != null) {
      int status = h.getResponse().getStatusCode();
      if (status == 429) {
        return Failure.THROTTLED;
      }
      if (status == 408) {
        return Failure.TIMEOUT;
      }
      return status >= 500 ? Failure.SERVER_ERROR : Failure.CLIENT_ERROR;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TimeoutException || c instanceof java.net.http.HttpTimeoutException
          || c instanceof java.net.SocketTimeoutException || c.getClass().getSimpleName().contains("Timeout")) {
        return Failure.TIMEOUT;
      }
      if (c instanceof IOException || c instanceof UncheckedIOException) {
        return Failure.IO_ERROR;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return Failure.ERROR;
  }

  /**
   * How long the server asked to wait: the largest of {@code retry-after-ms}, {@code x-ms-retry-after-ms}, {@code
   * Retry-After} (seconds or an HTTP date) and Cost Management's {@code x-ms-ratelimit-microsoft.costmanagement-
   * *-retry-after} (seconds); zero when none.
   */
  Duration retryAfter(Throwable t) {
    if (!(t instanceof HttpResponseException h) || h.getResponse() == null) {
      return Duration.ZERO;
    }
    HttpHeaders headers = h.getResponse().getHeaders();
    long millis = 0;
    for (HttpHeader header : headers) {
      String name = header.getName().toLowerCase(Locale.ROOT);
      String value = header.getValue().trim();
      try {
        if (name.equals("retry-after-ms") || name.equals("x-ms-retry-after-ms")) {
          millis = Math.max(millis, Long.parseLong(value));
        } else if (name.equals("retry-after")
            || (name.startsWith("x-ms-ratelimit-") && name.endsWith("-retry-after"))) {
          millis = Math.max(millis, secondsOrDate(value));
        }
      } catch (NumberFormatException e) {
        LOG.debug("ignoring unparsable {} header '{}'", header.getName(), value);
      }
    }
    return Duration.ofMillis(Math.max(0, millis));
  }

  private long secondsOrDate(String value) {
    return CallPacer.retryAfter(value, config.clock().instant()).orElseThrow(
        () -> new NumberFormatException("neither seconds nor an HTTP date")).toMillis();
  }

  /** The injected clock as a {@link Clock}, for the circuit breaker's open-state timer. */
  private static final class InstantClock extends Clock {
    private final AzureConfig config;

    InstantClock(AzureConfig config) {
      this.config = config;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return config.clock().instant();
    }
  }
}
