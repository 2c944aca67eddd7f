package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeliveryObservabilityTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final TestClock clock = TestClock.create();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TestReceiver receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = new TestReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private double deliveries(String outcome) {
    return registry.get("stratus.webhooks.deliveries").tag("outcome", outcome).counter().count();
  }

  @Test
  void deliverDue_countsOutcomesPerRoundAndTracesEachDelivery() {
    WebhookDispatcher d = WebhookDispatcher.builder(Outbox.inMemory(), clock).maxAttempts(2)
        .backoff(Duration.ofSeconds(1), 2, Duration.ofMinutes(1)).jitter(0, new Random(1))
        .requestTimeout(Duration.ofSeconds(5)).meterRegistry(registry).openTelemetry(OTEL.getOpenTelemetry()).build();
    d.subscribe(Subscription.toAll("sub", receiver.uri(), WebhookSecret.generate(new SecureRandom())));
    receiver.then(TestReceiver.Reply.of(503));
    receiver.then(TestReceiver.Reply.of(200));
    receiver.then(TestReceiver.Reply.of(500));
    d.publishAll(List.of(event("a"), event("b")));

    d.deliverDue();
    clock.advance(Duration.ofSeconds(5));
    d.deliverDue();

    // round 1: one 503 (retry) and one 200; round 2: the retry gets a 500 and gives up at its second attempt
    assertThat(deliveries("delivered")).isEqualTo(1);
    assertThat(deliveries("retry")).isEqualTo(1);
    assertThat(deliveries("dead")).isEqualTo(1);
    List<SpanData> rounds = OTEL.getSpans();
    assertThat(rounds).extracting(SpanData::getName).containsExactly("stratus.webhooks.deliver",
        "stratus.webhooks.deliver");
    assertThat(rounds.get(0).getAttributes().get(AttributeKey.longKey("stratus.deliveries.sent"))).isEqualTo(2);
    List<EventData> events = rounds.get(0).getEvents();
    assertThat(events).extracting(e -> e.getAttributes().get(AttributeKey.stringKey("stratus.outcome")))
        .containsExactlyInAnyOrder("retry", "delivered");
    assertThat(events).extracting(e -> e.getAttributes().get(AttributeKey.stringKey("stratus.event.id")))
        .containsExactlyInAnyOrder("a", "b");
    assertThat(rounds.get(1).getEvents()).singleElement()
        .satisfies(e -> assertThat(e.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
            .isEqualTo(500));
  }

  private static StratusEvent event(String id) {
    return Events.healthChanged(id, SampleEvents.SOURCE, Instant.parse("2026-01-01T00:00:00Z"), "db", "up", "down",
        "", Map.of("team", "core"));
  }
}
