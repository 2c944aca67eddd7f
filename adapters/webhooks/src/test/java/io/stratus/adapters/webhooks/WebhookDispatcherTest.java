package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {

  private static final WebhookSecret SECRET = WebhookSecret.generate(new SecureRandom());

  private final TestClock clock = TestClock.create();
  private TestReceiver receiver;
  private Outbox outbox;

  @BeforeEach
  void start() throws IOException {
    receiver = new TestReceiver();
    outbox = Outbox.inMemory();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private WebhookDispatcher.Builder builder() {
    return WebhookDispatcher.builder(outbox, clock)
        .backoff(Duration.ofSeconds(1), 2, Duration.ofMinutes(10))
        .jitter(0, new Random(1))
        .requestTimeout(Duration.ofSeconds(5));
  }

  private WebhookDispatcher dispatcher(int maxAttempts) {
    WebhookDispatcher d = builder().maxAttempts(maxAttempts).build();
    d.subscribe(Subscription.toAll("sub", receiver.uri(), SECRET));
    return d;
  }

  private WebhookVerifier verifier() {
    return WebhookVerifier.create(List.of(SECRET), Duration.ofMinutes(5), clock);
  }

  private static StratusEvent event(String id) {
    return Events.healthChanged(id, SampleEvents.SOURCE, Instant.parse("2026-01-01T00:00:00Z"), "db", "up", "down",
        "", Map.of("team", "core"));
  }

  @Test
  void publishAndDeliver_signedCloudEventsRoutedByFilters_confirmed() {
    WebhookDispatcher d = builder().build();
    d.subscribe(Subscription.toAll("all", receiver.uri(), SECRET));
    d.subscribe(new Subscription("budgets", receiver.uri(), Set.of(EventType.BUDGET_THRESHOLD), Map.of(),
        List.of(SECRET)));
    d.subscribe(new Subscription("other-team", receiver.uri(), Set.of(), Map.of("team", "other"), List.of(SECRET)));
    List<PublishReceipt> receipts = d.publishAll(SampleEvents.all());
    assertThat(receipts.get(3).subscriptionIds()).containsExactly("all", "budgets");
    assertThat(receipts.get(0).subscriptionIds()).containsExactly("all");
    DeliveryRound round = d.deliverDue();
    int expected = SampleEvents.all().size() + 1;
    assertThat(round).isEqualTo(new DeliveryRound(expected, expected, 0, 0, 0));
    assertThat(d.nextDueAt()).isEmpty();
    for (TestReceiver.Request r : receiver.requests()) {
      String id = verifier().verify(r.headers(), r.body());
      assertThat(r.header("content-type")).isEqualTo("application/cloudevents+json");
      assertThat(EventCodec.fromJson(r.body()).id()).isEqualTo(id);
    }
    assertThat(d.status("e-4")).extracting(OutboxEntry::state)
        .containsOnly(OutboxEntry.State.DELIVERED).hasSize(2);
  }

  @Test
  void publish_sameEventTwice_isAcceptedOnceAndDeliveredOnce() {
    WebhookDispatcher d = dispatcher(3);
    assertThat(d.publish(event("x")).newlyAccepted()).isEqualTo(1);
    assertThat(d.publish(event("x")).newlyAccepted()).isZero();
    d.deliverDue();
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void serviceUnavailable_withRetryAfterSeconds_isHonoured() {
    receiver.then(new TestReceiver.Reply(503, Map.of("Retry-After", "120"), 0));
    WebhookDispatcher d = dispatcher(5);
    d.publish(event("x"));
    assertThat(d.deliverDue().retried()).isEqualTo(1);
    Instant start = clock.instant();
    assertThat(d.nextDueAt()).contains(start.plusSeconds(120));
    clock.advance(Duration.ofSeconds(119));
    assertThat(d.deliverDue().sent()).as("not before Retry-After").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(d.deliverDue().delivered()).isEqualTo(1);
    List<TestReceiver.Request> reqs = receiver.requests();
    assertThat(reqs).hasSize(2);
    assertThat(reqs.get(0).header("webhook-id")).isEqualTo(reqs.get(1).header("webhook-id")).isEqualTo("x");
    assertThat(Long.parseLong(reqs.get(1).header("webhook-timestamp")))
        .isEqualTo(Long.parseLong(reqs.get(0).header("webhook-timestamp")) + 120);
    assertThat(d.deliveryLog(new DeliveryKey("x", "sub"))).extracting(DeliveryAttempt::statusCode)
        .containsExactly(503, 204);
  }

  @Test
  void tooManyRequests_withRetryAfterHttpDate_isHonoured_andCapped() {
    String in90s = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(90).atOffset(ZoneOffset.UTC));
    receiver.then(new TestReceiver.Reply(429, Map.of("Retry-After", in90s), 0),
        new TestReceiver.Reply(429, Map.of("Retry-After", "999999"), 0));
    WebhookDispatcher d = builder().maxRetryAfter(Duration.ofMinutes(30)).build();
    d.subscribe(Subscription.toAll("sub", receiver.uri(), SECRET));
    d.publish(event("x"));
    d.deliverDue();
    assertThat(d.nextDueAt()).contains(clock.instant().plusSeconds(90));
    clock.advance(Duration.ofSeconds(90));
    d.deliverDue();
    assertThat(d.nextDueAt()).as("capped at maxRetryAfter").contains(clock.instant().plus(Duration.ofMinutes(30)));
  }

  @Test
  void serverErrors_backOffExponentially_thenDeadLetter_thenReplayDelivers() {
    receiver.always(TestReceiver.Reply.of(500));
    WebhookDispatcher d = dispatcher(3);
    d.publish(event("x"));
    Instant t0 = clock.instant();
    d.deliverDue();
    assertThat(d.nextDueAt()).contains(t0.plusSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    d.deliverDue();
    assertThat(d.nextDueAt()).contains(t0.plusSeconds(3));
    clock.advance(Duration.ofSeconds(2));
    assertThat(d.deliverDue().dead()).isEqualTo(1);
    assertThat(d.nextDueAt()).isEmpty();
    assertThat(d.deadLetters()).singleElement().satisfies(e -> {
      assertThat(e.attempts()).isEqualTo(3);
      assertThat(e.lastError()).contains("gave up after 3").contains("HTTP 500");
    });
    receiver.always(TestReceiver.Reply.of(200));
    assertThat(d.replayDeadLetters("sub")).isEqualTo(1);
    assertThat(d.deliverDue().delivered()).isEqualTo(1);
    assertThat(receiver.requests()).extracting(r -> r.header("webhook-id")).containsOnly("x").hasSize(4);
    assertThat(d.status("x")).singleElement().extracting(OutboxEntry::state).isEqualTo(OutboxEntry.State.DELIVERED);
  }

  @Test
  void jitter_keepsEachBackoffWithinItsBand() {
    receiver.always(TestReceiver.Reply.of(500));
    WebhookDispatcher d = builder().jitter(0.5, new Random(42)).maxAttempts(20).build();
    d.subscribe(Subscription.toAll("sub", receiver.uri(), SECRET));
    d.publish(event("x"));
    for (int attempt = 1; attempt <= 5; attempt++) {
      Instant before = clock.instant();
      d.deliverDue();
      Duration wait = Duration.between(before, d.nextDueAt().orElseThrow());
      long base = 1000L << (attempt - 1);
      assertThat(wait.toMillis()).as("attempt %d", attempt).isBetween(base / 2, base * 3 / 2);
      clock.set(d.nextDueAt().orElseThrow());
    }
  }

  @Test
  void gone_deadLettersAtOnce() {
    receiver.then(TestReceiver.Reply.of(410));
    WebhookDispatcher d = dispatcher(5);
    d.publish(event("x"));
    assertThat(d.deliverDue().dead()).isEqualTo(1);
    assertThat(d.deadLetters().get(0).lastError()).contains("endpoint gone");
  }

  @Test
  void timeout_isRetriedWithoutStatus() {
    receiver.then(new TestReceiver.Reply(200, Map.of(), 1500));
    WebhookDispatcher d = builder().requestTimeout(Duration.ofMillis(300)).build();
    d.subscribe(Subscription.toAll("sub", receiver.uri(), SECRET));
    d.publish(event("x"));
    assertThat(d.deliverDue().retried()).isEqualTo(1);
    DeliveryAttempt a = d.deliveryLog(new DeliveryKey("x", "sub")).get(0);
    assertThat(a.statusCode()).isZero();
    assertThat(a.detail()).contains("Timeout");
  }

  @Test
  void malformedResponse_isRetriedWithoutStatus() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (Socket s = raw.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
          in.read(new byte[8192]);
          out.write("this is not HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException ignored) {
          // the client hung up
        }
      });
      t.start();
      WebhookDispatcher d = builder().build();
      d.subscribe(Subscription.toAll("sub", URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/"), SECRET));
      d.publish(event("x"));
      assertThat(d.deliverDue().retried()).isEqualTo(1);
      DeliveryAttempt a = d.deliveryLog(new DeliveryKey("x", "sub")).get(0);
      assertThat(a.statusCode()).isZero();
      assertThat(a.detail()).isNotBlank();
      t.join(10_000);
    }
  }

  @Test
  void connectionRefused_isRetried() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    WebhookDispatcher d = builder().build();
    d.subscribe(Subscription.toAll("sub", URI.create("http://127.0.0.1:" + port + "/"), SECRET));
    d.publish(event("x"));
    assertThat(d.deliverDue().retried()).isEqualTo(1);
    assertThat(d.deliveryLog(new DeliveryKey("x", "sub")).get(0).detail()).contains("ConnectException");
  }

  @Test
  void circuitBreaker_opensOnFailures_postponesWithoutSpendingAttempts_thenProbes() {
    receiver.always(TestReceiver.Reply.of(500));
    WebhookDispatcher d = builder().maxAttempts(10).circuitBreaker(4, 50, Duration.ofSeconds(60))
        .backoff(Duration.ofSeconds(1), 1, Duration.ofSeconds(1)).build();
    d.subscribe(Subscription.toAll("sub", receiver.uri(), SECRET));
    for (int i = 0; i < 4; i++) {
      d.publish(event("e" + i));
    }
    assertThat(d.deliverDue().sent()).isEqualTo(4);
    assertThat(d.circuitOpen("sub")).isTrue();
    clock.advance(Duration.ofSeconds(1));
    DeliveryRound r = d.deliverDue();
    assertThat(r.sent()).isZero();
    assertThat(r.postponed()).isEqualTo(4);
    assertThat(receiver.requests()).hasSize(4);
    assertThat(d.status("e0").get(0).attempts()).as("postponing spends no attempt").isEqualTo(1);
    receiver.always(TestReceiver.Reply.of(200));
    clock.advance(Duration.ofSeconds(60));
    DeliveryRound probe = d.deliverDue();
    assertThat(probe.sent()).as("half-open: one probe").isEqualTo(1);
    assertThat(d.circuitOpen("sub")).isFalse();
    assertThat(d.deliverDue().delivered()).isEqualTo(3);
  }

  @Test
  void removedSubscription_deadLettersItsDeliveries() {
    WebhookDispatcher d = dispatcher(3);
    d.publish(event("x"));
    assertThat(d.unsubscribe("sub")).isTrue();
    assertThat(d.deliverDue().dead()).isEqualTo(1);
    assertThat(d.deadLetters().get(0).lastError()).contains("no longer exists");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void rotation_receiverWithOnlyTheNewSecretAccepts() {
    WebhookSecret next = WebhookSecret.generate(new SecureRandom());
    WebhookDispatcher d = dispatcher(3);
    d.subscribe(d.subscriptions().get(0).rotate(next));
    d.publish(event("x"));
    d.deliverDue();
    TestReceiver.Request r = receiver.requests().get(0);
    assertThat(WebhookVerifier.create(List.of(next), Duration.ofMinutes(5), clock).verify(r.headers(), r.body()))
        .isEqualTo("x");
    assertThat(verifier().verify(r.headers(), r.body())).isEqualTo("x");
  }

  @Test
  void retryAfter_parsesSecondsAndHttpDates_ignoresGarbage() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(WebhookDispatcher.retryAfter("30", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(WebhookDispatcher.retryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now)).isEqualTo(Duration.ofMinutes(1));
    assertThat(WebhookDispatcher.retryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).isEqualTo(Duration.ZERO);
    assertThat(WebhookDispatcher.retryAfter("soon", now)).isNull();
    assertThat(WebhookDispatcher.retryAfter("-5", now)).isNull();
  }

  @Test
  void builder_rejectsBadSettings() {
    assertThatThrownBy(() -> builder().maxAttempts(0)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> builder().jitter(1, new Random(1))).hasMessageContaining("jitter");
    assertThatThrownBy(() -> builder().backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> builder().requestTimeout(Duration.ZERO)).hasMessageContaining("requestTimeout");
  }
}
