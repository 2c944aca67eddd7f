package io.stratus.adapters.webhooks;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes events to subscriptions and delivers them at least once, signed per Standard Webhooks, from a durable {@link
 * Outbox}.
 *
 * <p>{@link #publish} serializes the event (CloudEvents JSON), routes it to every matching subscription and returns
 * once the outbox holds it durably; that return is the acknowledgement. {@link #deliverDue()} sends every delivery that
 * is due at the injected clock's time, concurrently, and records each outcome: 2xx delivers; 410 dead-letters at once;
 * anything else (other statuses, timeouts, connection and protocol errors) schedules a retry after an exponential
 * backoff with jitter (Resilience4j {@link IntervalFunction}), or after the receiver's {@code Retry-After} on 429 and
 * 503 if that is later (capped), until the attempts are used up and the delivery is dead-lettered. A Resilience4j
 * {@link CircuitBreaker} per subscription stops sending to a failing endpoint; its due deliveries are postponed
 * without counting an attempt. Every request of a delivery carries the same {@code webhook-id}, the event id, so
 * receivers de-duplicate retries and replays.
 *
 * <p>The dispatcher starts no threads and never sleeps: the host calls {@link #deliverDue()} when {@link
 * #nextDueAt()} says (from a scheduler of its own, or a loop); tests drive it with a controllable clock. HTTP goes
 * through {@link HttpClient}, on the host's {@link Executor} if one is given.
 *
 * <p>Thread-safe: publishing may happen from any thread while a round runs; rounds run one at a time.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WebhookDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int DETAIL_BYTES = 200;

  private final Outbox outbox;
  private final InstantSource clock;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final int batchSize;
  private final Duration maxRetryAfter;
  private final RetryConfig retry;
  private final CircuitBreakerConfig breakerConfig;
  private final SubscriptionStore subscriptions;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final ReentrantLock round = new ReentrantLock();
  private final Tracer tracer;
  private final DeliveryTelemetry telemetry;

  private WebhookDispatcher(Builder b) {
    this.tracer = b.openTelemetry.getTracer("io.stratus.adapters.webhooks");
    this.telemetry = new DeliveryTelemetry(b.meterRegistry);
    this.outbox = b.outbox;
    this.subscriptions = b.subscriptionStore != null ? b.subscriptionStore : SubscriptionStore.inMemory();
    this.clock = b.clock;
    this.requestTimeout = b.requestTimeout;
    this.batchSize = b.batchSize;
    this.maxRetryAfter = b.maxRetryAfter;
    HttpClient client = b.httpClient;
    if (client == null) {
      HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(b.requestTimeout)
          .followRedirects(HttpClient.Redirect.NEVER);
      if (b.executor != null) {
        hb.executor(b.executor);
      }
      client = hb.build();
    }
    this.http = client;
    IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(b.initialBackoff, b.multiplier, b.maxBackoff);
    RandomGenerator random = b.random;
    double jitter = b.jitter;
    Duration cap = b.maxRetryAfter;
    IntervalBiFunction<HttpOutcome> interval = (attempt, result) -> {
      long base = backoff.apply(attempt);
      long millis = jitter == 0 ? base : Math.round(base * (1 - jitter + 2 * jitter * random.nextDouble()));
      Duration retryAfter = result.isRight() ? result.get().retryAfter() : null;
      if (retryAfter != null) {
        millis = Math.max(millis, Math.min(retryAfter.toMillis(), cap.toMillis()));
      }
      return millis;
    };
    this.retry = RetryConfig.<HttpOutcome>custom()
        .maxAttempts(b.maxAttempts)
        .intervalBiFunction(interval)
        .retryOnResult(o -> !o.delivered() && !o.permanent())
        .build();
    this.breakerConfig = CircuitBreakerConfig.custom()
        .clock(clock.withZone(ZoneOffset.UTC))
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(b.breakerWindow)
        .minimumNumberOfCalls(b.breakerWindow)
        .failureRateThreshold(b.breakerFailureRate)
        .waitDurationInOpenState(b.breakerOpenFor)
        .permittedNumberOfCallsInHalfOpenState(1)
        .build();
  }

  /**
   * Starts a builder.
   *
   * @param outbox where deliveries are kept; never null
   * @param clock the time used for scheduling, timestamps and circuit breaking; never null
   * @return a builder with the defaults listed on its setters; never null
   */
  public static Builder builder(Outbox outbox, InstantSource clock) {
    return new Builder(outbox, clock);
  }

  /**
   * Adds or replaces a subscription (by id) in the {@linkplain Builder#subscriptionStore subscription store}, e.g. to
   * start or complete a secret rotation. Hosts that share a store and may race use {@link
   * SubscriptionStore#update} (compare-and-set on the version) on the store instead.
   *
   * @param subscription the subscription; never null
   * @return what is now stored, with its version; never null
   */
  public StoredSubscription subscribe(Subscription subscription) {
    return subscriptions.save(subscription);
  }

  /**
   * Removes a subscription. Its pending deliveries are dead-lettered when they come due.
   *
   * @param subscriptionId the id; never null
   * @return true if it existed
   */
  public boolean unsubscribe(String subscriptionId) {
    breakers.remove(subscriptionId);
    return subscriptions.delete(subscriptionId);
  }

  /**
   * The current subscriptions, read from the subscription store, ordered by id.
   *
   * @return a snapshot; never null
   */
  public List<Subscription> subscriptions() {
    return subscriptions.list().stream().map(StoredSubscription::subscription).toList();
  }

  /**
   * Accepts an event: routes it and makes it durable for every matching subscription before returning.
   *
   * @param event the event; never null
   * @return the acknowledgement; never null
   * @throws OutboxException if the event could not be made durable (it was not accepted; publish it again)
   */
  public PublishReceipt publish(StratusEvent event) {
    return publishAll(List.of(event)).get(0);
  }

  /**
   * Accepts several events with one durable write (one fsync for the file outbox).
   *
   * @param events the events; never null
   * @return one acknowledgement per event, in order; never null
   * @throws OutboxException if the events could not be made durable (none was accepted)
   */
  public List<PublishReceipt> publishAll(List<StratusEvent> events) {
    Instant now = clock.instant();
    List<OutboxEntry> entries = new ArrayList<>();
    List<List<String>> routed = new ArrayList<>(events.size());
    List<Subscription> current = subscriptions();
    for (StratusEvent event : events) {
      byte[] body = EventCodec.toJson(event);
      List<String> ids = new ArrayList<>();
      for (Subscription s : current) {
        if (s.matches(event)) {
          ids.add(s.id());
          entries.add(OutboxEntry.pending(new DeliveryKey(event.id(), s.id()), body, now));
        }
      }
      ids.sort(null);
      routed.add(ids);
      if (ids.isEmpty()) {
        LOG.debug("event {} of type {} matched no subscription", event.id(), event.type());
      }
    }
    java.util.Set<DeliveryKey> added = new java.util.HashSet<>(outbox.enqueue(entries));
    List<PublishReceipt> receipts = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      String eventId = events.get(i).id();
      List<String> ids = routed.get(i);
      int fresh = (int) ids.stream().filter(s -> added.contains(new DeliveryKey(eventId, s))).count();
      receipts.add(new PublishReceipt(eventId, ids, fresh));
    }
    return receipts;
  }

  /**
   * When the next delivery is due, so the host knows when to call {@link #deliverDue()} again.
   *
   * @return the time, or empty if nothing is pending
   */
  public Optional<Instant> nextDueAt() {
    return outbox.nextDue();
  }

  /**
   * Sends every delivery due now (up to the batch size), waits for the responses and records the outcomes.
   *
   * @return what the round did; never null
   * @throws OutboxException if an outcome cannot be recorded (the delivery will be repeated)
   */
  public DeliveryRound deliverDue() {
    round.lock();
    Span span = tracer.spanBuilder("stratus.webhooks.deliver").startSpan();
    Scope scope = span.makeCurrent();
    try {
      DeliveryRound r = runRound(span);
      telemetry.round(span, r);
      return r;
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      scope.close();
      span.end();
      round.unlock();
    }
  }

  private DeliveryRound runRound(Span span) {
    Instant now = clock.instant();
    List<OutboxEntry> due = outbox.due(now, batchSize);
    Map<String, Subscription> byId = new java.util.HashMap<>();
    if (!due.isEmpty()) {
      subscriptions().forEach(s -> byId.put(s.id(), s));
    }
    List<OutboxEntry> sending = new ArrayList<>(due.size());
    List<CompletableFuture<HttpOutcome>> responses = new ArrayList<>(due.size());
    int dead = 0;
    int postponed = 0;
    for (OutboxEntry e : due) {
      Subscription sub = byId.get(e.key().subscriptionId());
      if (sub == null) {
        outbox.record(new DeliveryAttempt(e.key(), e.attempts() + 1, now, DeliveryAttempt.Outcome.DEAD, 0,
            "subscription " + e.key().subscriptionId() + " no longer exists; not sent", now));
        dead++;
        continue;
      }
      CircuitBreaker breaker = breakers.computeIfAbsent(sub.id(), id -> CircuitBreaker.of(id, breakerConfig));
      if (!breaker.tryAcquirePermission()) {
        // open: wait out the open state; half-open with the probe in flight: due again right after this round
        outbox.postpone(e.key(), breaker.getState() == CircuitBreaker.State.OPEN
            ? now.plusMillis(breakerConfig.getWaitIntervalFunctionInOpenState().apply(1)) : now);
        postponed++;
        continue;
      }
      sending.add(e);
      responses.add(send(sub, e, now));
    }
    int delivered = 0;
    int retried = 0;
    for (int i = 0; i < sending.size(); i++) {
      OutboxEntry e = sending.get(i);
      HttpOutcome outcome = responses.get(i).join();
      Instant at = clock.instant();
      CircuitBreaker breaker = breakers.get(e.key().subscriptionId());
      long elapsed = Duration.between(now, at).toNanos();
      if (breaker != null) {
        if (outcome.delivered() || outcome.permanent()) {
          breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        } else {
          breaker.onError(elapsed, TimeUnit.NANOSECONDS, new DeliveryFailure(outcome.detail()));
        }
      }
      int attempt = e.attempts() + 1;
      DeliveryAttempt record;
      if (outcome.delivered()) {
        record = new DeliveryAttempt(e.key(), attempt, at, DeliveryAttempt.Outcome.DELIVERED, outcome.statusCode(),
            outcome.detail(), at);
      } else if (!retry.<HttpOutcome>getResultPredicate().test(outcome) || attempt >= retry.getMaxAttempts()) {
        String why = outcome.permanent() ? "endpoint gone: " : "gave up after " + attempt + " attempt(s): ";
        record = new DeliveryAttempt(e.key(), attempt, at, DeliveryAttempt.Outcome.DEAD, outcome.statusCode(),
            why + outcome.detail(), at);
      } else {
        long wait = retry.<HttpOutcome>getIntervalBiFunction().apply(attempt, Either.right(outcome));
        record = new DeliveryAttempt(e.key(), attempt, at, DeliveryAttempt.Outcome.RETRY, outcome.statusCode(),
            outcome.detail(), at.plusMillis(wait));
      }
      try {
        outbox.record(record);
      } catch (LeaseExpiredException lost) {
        // another dispatcher owns the delivery now and records its outcome; this round's result is dropped
        LOG.atWarn().setMessage("webhook delivery outcome not recorded: the claim expired")
            .addKeyValue("eventId", e.key().eventId()).addKeyValue("subscription", e.key().subscriptionId())
            .addKeyValue("detail", lost.getMessage()).log();
        continue;
      }
      switch (record.outcome()) {
        case DELIVERED -> delivered++;
        case RETRY -> retried++;
        case DEAD -> dead++;
      }
      if (span.isRecording()) {
        span.addEvent("delivery", Attributes.of(DeliveryTelemetry.EVENT_ID, e.key().eventId(),
            DeliveryTelemetry.SUBSCRIPTION, e.key().subscriptionId(), DeliveryTelemetry.OUTCOME,
            record.outcome().name().toLowerCase(java.util.Locale.ROOT), DeliveryTelemetry.STATUS,
            (long) outcome.statusCode()));
      }
      if (record.outcome() == DeliveryAttempt.Outcome.DEAD) {
        LOG.atWarn().setMessage("webhook delivery gave up").addKeyValue("eventId", e.key().eventId())
            .addKeyValue("subscription", e.key().subscriptionId()).addKeyValue("attempt", attempt)
            .addKeyValue("status", outcome.statusCode()).addKeyValue("detail", outcome.detail()).log();
      }
    }
    return new DeliveryRound(sending.size(), delivered, retried, dead, postponed);
  }

  private CompletableFuture<HttpOutcome> send(Subscription sub, OutboxEntry e, Instant now) {
    byte[] body = e.body();
    long ts = now.getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(sub.endpoint())
        .timeout(requestTimeout)
        .header("content-type", EventCodec.CONTENT_TYPE)
        .header("user-agent", "stratus-webhooks/0.1")
        .header(WebhookSigner.ID_HEADER, e.key().eventId())
        .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(ts))
        .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signatureHeader(sub.secrets(), e.key().eventId(), ts,
            body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    CompletableFuture<HttpResponse<InputStream>> response;
    try {
      response = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (RuntimeException ex) {
      return CompletableFuture.completedFuture(new HttpOutcome(0, null, describe(ex)));
    }
    return response.handle((r, ex) -> ex != null ? new HttpOutcome(0, null, describe(ex)) : outcome(r, now));
  }

  private HttpOutcome outcome(HttpResponse<InputStream> r, Instant now) {
    String excerpt;
    try (InputStream in = r.body()) {
      excerpt = new String(in.readNBytes(DETAIL_BYTES), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    } catch (IOException ex) {
      excerpt = "(body unreadable: " + ex + ")";
    }
    int status = r.statusCode();
    if (status < 100 || status > 599) {
      return new HttpOutcome(0, null, "invalid HTTP status " + status);
    }
    Duration retryAfter = null;
    if (status == 429 || status == 503) {
      retryAfter = r.headers().firstValue("retry-after").map(v -> retryAfter(v, now)).orElse(null);
    }
    return new HttpOutcome(status, retryAfter, "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt));
  }

  /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); null if it does not parse. */
  static @Nullable Duration retryAfter(String value, Instant now) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static String describe(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  /**
   * The deliveries of an event, for confirmation.
   *
   * @param eventId the event id; never null
   * @return one entry per routed subscription, empty if unknown or compacted away; never null
   */
  public List<OutboxEntry> status(String eventId) {
    return outbox.entries(eventId);
  }

  /**
   * The delivery log of one delivery.
   *
   * @param key the delivery; never null
   * @return its attempts in order; never null
   */
  public List<DeliveryAttempt> deliveryLog(DeliveryKey key) {
    return outbox.attempts(key);
  }

  /**
   * The dead-letter store.
   *
   * @return a snapshot of dead deliveries; never null
   */
  public List<OutboxEntry> deadLetters() {
    return outbox.deadLetters();
  }

  /**
   * Sends a dead letter again: it becomes pending, due now, with a fresh attempt budget and the same event id.
   *
   * @param key the delivery; never null
   * @throws IllegalStateException if it is not in the dead-letter store
   */
  public void replay(DeliveryKey key) {
    outbox.replay(key, clock.instant());
  }

  /**
   * Replays every dead letter of a subscription.
   *
   * @param subscriptionId the subscription; never null
   * @return how many were replayed
   */
  public int replayDeadLetters(String subscriptionId) {
    int n = 0;
    for (OutboxEntry e : outbox.deadLetters()) {
      if (e.key().subscriptionId().equals(subscriptionId)) {
        replay(e.key());
        n++;
      }
    }
    return n;
  }

  /**
   * Whether a subscription's circuit breaker currently stops deliveries.
   *
   * @param subscriptionId the subscription; never null
   * @return true if open (or half-open and busy), false if closed or not yet used
   */
  public boolean circuitOpen(String subscriptionId) {
    CircuitBreaker b = breakers.get(subscriptionId);
    return b != null && b.getState() != CircuitBreaker.State.CLOSED;
  }

  /** A failed delivery as the circuit breaker records it. */
  static final class DeliveryFailure extends IOException {
    private static final long serialVersionUID = 1L;

    DeliveryFailure(String detail) {
      super(detail);
    }
  }

  /**
   * Configures a {@link WebhookDispatcher}. Setters check their argument at once.
   *
   * <p>Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final Outbox outbox;
    private final InstantSource clock;
    private @Nullable HttpClient httpClient;
    private @Nullable Executor executor;
    private Duration requestTimeout = Duration.ofSeconds(15);
    private int maxAttempts = 10;
    private Duration initialBackoff = Duration.ofSeconds(5);
    private double multiplier = 2.0;
    private Duration maxBackoff = Duration.ofHours(2);
    private double jitter = 0.2;
    private RandomGenerator random = new SecureRandom();
    private Duration maxRetryAfter = Duration.ofHours(1);
    private int batchSize = 256;
    private int breakerWindow = 20;
    private float breakerFailureRate = 50;
    private Duration breakerOpenFor = Duration.ofSeconds(30);
    private @Nullable MeterRegistry meterRegistry;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private @Nullable SubscriptionStore subscriptionStore;

    private Builder(Outbox outbox, InstantSource clock) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Uses the host's HTTP client instead of building one.
     *
     * @param client the client; never null
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "httpClient");
      return this;
    }

    /**
     * Runs the built HTTP client on the host's executor (ignored with {@link #httpClient}).
     *
     * @param executor the executor; never null
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * How long one request may take, connection included (default 15 s).
     *
     * @param timeout positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Attempts before a delivery is dead-lettered (default 10).
     *
     * @param attempts at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, got " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Exponential backoff: the first retry waits {@code initial}, each next one {@code multiplier} times longer, at
     * most {@code max} (defaults 5 s, 2, 2 h).
     *
     * @param initial positive; never null
     * @param multiplier at least 1
     * @param max at least initial; never null
     * @return this builder
     * @throws IllegalArgumentException if a value breaks its rule
     */
    public Builder backoff(Duration initial, double multiplier, Duration max) {
      positive(initial, "initialBackoff");
      if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("backoff multiplier must be finite and >= 1, got " + multiplier);
      }
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("maxBackoff " + max + " must be >= initialBackoff " + initial);
      }
      this.initialBackoff = initial;
      this.multiplier = multiplier;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Jitter: each backoff is scaled by a uniform factor in {@code [1 - jitter, 1 + jitter]} (default 0.2, from a
     * {@link SecureRandom}).
     *
     * @param jitter in [0, 1)
     * @param random the source of the factor; pass a seeded one for reproducible schedules; never null
     * @return this builder
     * @throws IllegalArgumentException if jitter is outside [0, 1)
     */
    public Builder jitter(double jitter, RandomGenerator random) {
      if (!(jitter >= 0 && jitter < 1)) {
        throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
      }
      this.jitter = jitter;
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The longest {@code Retry-After} honoured (default 1 h); longer ones are capped.
     *
     * @param max not negative; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRetryAfter(Duration max) {
      if (max.isNegative()) {
        throw new IllegalArgumentException("maxRetryAfter must not be negative, got " + max);
      }
      this.maxRetryAfter = max;
      return this;
    }

    /**
     * The most deliveries one round sends (default 256).
     *
     * @param size positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder batchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("batchSize must be positive, got " + size);
      }
      this.batchSize = size;
      return this;
    }

    /**
     * The circuit breaker of each subscription: it opens when at least {@code failureRatePercent} of the last {@code
     * window} attempts failed, and lets one probe through after {@code openFor} (defaults 20, 50 %, 30 s).
     *
     * @param window attempts considered, at least 1
     * @param failureRatePercent in (0, 100]
     * @param openFor positive; never null
     * @return this builder
     * @throws IllegalArgumentException if a value breaks its rule
     */
    public Builder circuitBreaker(int window, float failureRatePercent, Duration openFor) {
      if (window < 1) {
        throw new IllegalArgumentException("circuit breaker window must be >= 1, got " + window);
      }
      if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
        throw new IllegalArgumentException("failureRatePercent must be in (0, 100], got " + failureRatePercent);
      }
      this.breakerWindow = window;
      this.breakerFailureRate = failureRatePercent;
      this.breakerOpenFor = positive(openFor, "openFor");
      return this;
    }

    /**
     * Counts deliveries in the host's registry (default: none): {@code stratus.webhooks.deliveries} with {@code
     * outcome=delivered|retry|dead|postponed}, added to once per round.
     *
     * @param registry the registry; never null
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
      return this;
    }

    /**
     * Traces delivery rounds with the host's OpenTelemetry (default: no-op): a span {@code stratus.webhooks.deliver}
     * per round with its counts, and an event per delivery with the event id, subscription, outcome and HTTP status.
     *
     * @param openTelemetry the instance; never null
     * @return this builder
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /**
     * Keeps subscriptions in the host's store (default: a new {@link SubscriptionStore#inMemory()} per built
     * dispatcher). Routing reads the store once per {@link WebhookDispatcher#publishAll} call and once per delivery
     * round, so dispatchers sharing a durable store see each other's subscriptions from their next call on.
     *
     * @param store the store; never null; the host closes it
     * @return this builder
     */
    public Builder subscriptionStore(SubscriptionStore store) {
      this.subscriptionStore = Objects.requireNonNull(store, "subscriptionStore");
      return this;
    }

    /**
     * Builds the dispatcher.
     *
     * @return a new dispatcher over the configured subscription store (empty by default); never null
     */
    public WebhookDispatcher build() {
      return new WebhookDispatcher(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
