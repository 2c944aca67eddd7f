package io.stratus.adapters.webhooks;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Random;

/**
 * The process {@link CrashRecoveryTest} kills: publishes events to a file outbox, printing {@code ACK <id>} once each
 * publish returned (the event is durable), and delivers them to a flaky receiver until nothing is pending; then prints
 * {@code DONE}. Arguments: journal, endpoint, secret, first event number, count.
 */
public final class CrashWorker {

  private CrashWorker() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path journal = Path.of(args[0]);
    URI endpoint = URI.create(args[1]);
    WebhookSecret secret = WebhookSecret.parse(args[2]);
    int first = Integer.parseInt(args[3]);
    int count = Integer.parseInt(args[4]);
    InstantSource clock = InstantSource.system();
    try (FileOutbox outbox = FileOutbox.open(journal)) {
      out.println("RECOVERED pending=" + outbox.due(Instant.MAX, Integer.MAX_VALUE).size());
      WebhookDispatcher dispatcher = WebhookDispatcher.builder(outbox, clock)
          .backoff(Duration.ofMillis(20), 1.5, Duration.ofMillis(300))
          .jitter(0.2, new Random(first))
          .maxAttempts(10_000)
          .requestTimeout(Duration.ofSeconds(5))
          .circuitBreaker(50, 95, Duration.ofMillis(100))
          .batchSize(4)
          .build();
      dispatcher.subscribe(Subscription.toAll("crash-test", endpoint, secret));
      for (int i = first; i < first + count; i++) {
        String id = "crash-" + i;
        dispatcher.publish(Events.security(id, URI.create("/crash-worker"), clock.instant(), "test.crash", null,
            "success", "event " + i, Map.of("n", Integer.toString(i))));
        out.println("ACK " + id);
        if (i % 8 == 0) { // fewer sends than publishes: a backlog builds up
          dispatcher.deliverDue();
        }
      }
      while (true) {
        DeliveryRound round = dispatcher.deliverDue();
        var next = dispatcher.nextDueAt();
        if (next.isEmpty()) {
          break;
        }
        if (round.idle()) {
          long wait = Math.max(1, Math.min(50, Duration.between(clock.instant(), next.get()).toMillis()));
          Thread.sleep(wait);
        }
      }
      out.println("DONE");
    }
  }
}
