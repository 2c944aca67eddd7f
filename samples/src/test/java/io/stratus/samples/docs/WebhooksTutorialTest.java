package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.webhooks.EventType;
import io.stratus.adapters.webhooks.Events;
import io.stratus.adapters.webhooks.FileOutbox;
import io.stratus.adapters.webhooks.OutboxEntry;
import io.stratus.adapters.webhooks.PublishReceipt;
import io.stratus.adapters.webhooks.Subscription;
import io.stratus.adapters.webhooks.WebhookDispatcher;
import io.stratus.adapters.webhooks.WebhookSecret;
import io.stratus.adapters.webhooks.WebhookSigner;
import io.stratus.adapters.webhooks.WebhookVerifier;
import io.stratus.model.Money;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/tutorials/webhooks.md, run. */
class WebhooksTutorialTest {
  @TempDir
  Path dir;

  @Test
  void publishDurably_andVerifyOnTheReceiver() {
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-06-01T09:00:00Z"));
    // tag::publish[]
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    try (FileOutbox outbox = FileOutbox.open(dir.resolve("webhooks.journal"))) {
      WebhookDispatcher dispatcher = WebhookDispatcher.builder(outbox, clock).build();
      dispatcher.subscribe(new Subscription("finops-hook", URI.create("https://hooks.example.com/stratus"),
          Set.of(EventType.BUDGET_THRESHOLD), Map.of("team", "search"), List.of(secret)));
      PublishReceipt receipt = dispatcher.publish(Events.budgetThreshold("budget-search-2026-06-80",
          URI.create("/my-service"), clock.instant(), "search-monthly", 80, "actual",
          Money.of("8120.00", "USD"), Money.of("10000.00", "USD"), Map.of("team", "search")));
      // durable now; call dispatcher.deliverDue() whenever dispatcher.nextDueAt() says
      List<OutboxEntry> pending = dispatcher.status(receipt.eventId());
      // end::publish[]
      assertThat(receipt.subscriptionIds()).containsExactly("finops-hook");
      assertThat(pending).extracting(OutboxEntry::state).containsExactly(OutboxEntry.State.PENDING);
    }

    byte[] body = "{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);
    String id = "evt-1";
    long timestamp = clock.instant().getEpochSecond();
    Map<String, List<String>> headers = Map.of(
        WebhookSigner.ID_HEADER, List.of(id),
        WebhookSigner.TIMESTAMP_HEADER, List.of(Long.toString(timestamp)),
        WebhookSigner.SIGNATURE_HEADER, List.of(WebhookSigner.signatureHeader(List.of(secret), id, timestamp, body)));
    // tag::verify[]
    WebhookVerifier verifier = WebhookVerifier.create(List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE, clock);
    String eventId = verifier.verify(headers, body);   // throws VerificationException when forged or stale
    // de-duplicate on eventId: delivery is at least once
    // end::verify[]
    assertThat(eventId).isEqualTo(id);
  }
}
