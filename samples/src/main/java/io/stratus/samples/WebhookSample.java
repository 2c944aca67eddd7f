package io.stratus.samples;

import com.sun.net.httpserver.HttpServer;
import io.stratus.adapters.webhooks.EventCodec;
import io.stratus.adapters.webhooks.EventType;
import io.stratus.adapters.webhooks.Events;
import io.stratus.adapters.webhooks.FileOutbox;
import io.stratus.adapters.webhooks.OutboxEntry;
import io.stratus.adapters.webhooks.PublishReceipt;
import io.stratus.adapters.webhooks.StratusEvent;
import io.stratus.adapters.webhooks.Subscription;
import io.stratus.adapters.webhooks.WebhookDispatcher;
import io.stratus.adapters.webhooks.WebhookSecret;
import io.stratus.adapters.webhooks.WebhookVerifier;
import io.stratus.model.Money;
import io.stratus.spi.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * Sends signed Stratus events to a webhook receiver: the sample starts its own receiver on loopback (the JDK HTTP
 * server) that verifies every Standard Webhooks signature and answers its first request with {@code 503 Retry-After:
 * 1}; the host side opens a file outbox, subscribes the receiver to budget and alert events of team {@code search},
 * publishes three events (one is filtered out), and delivers until nothing is pending, honouring the Retry-After.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.WebhookSample}. Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WebhookSample {

  private WebhookSample() {}

  /**
   * What the receiver saw.
   *
   * @param receipts the publish acknowledgements, in order
   * @param received the verified event ids the receiver accepted, in arrival order
   * @param requests every request the receiver got, failed ones included
   * @param confirmed the delivery state of every published event, by event id
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(List<PublishReceipt> receipts, List<String> received, int requests,
      Map<String, List<OutboxEntry.State>> confirmed) {}

  /**
   * Runs the sample and prints what happens.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the sample.
   *
   * @param out where to print; never null
   * @return what was published and received; never null
   */
  public static Result run(PrintStream out) {
    try {
      return runIn(Files.createTempDirectory("stratus-webhooks"), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Result runIn(Path dir, PrintStream out) throws IOException {
    InstantSource clock = InstantSource.system();
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    // --- the receiver's side: verify, then answer (first request: 503 Retry-After 1) ---
    WebhookVerifier verifier = WebhookVerifier.create(List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE, clock);
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger requests = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(pool);
    server.createContext("/stratus-events", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      int n = requests.incrementAndGet();
      int status;
      try {
        String id = verifier.verify(exchange.getRequestHeaders(), body);
        if (n == 1) {
          exchange.getResponseHeaders().add("Retry-After", "1");
          status = 503;
        } else {
          StratusEvent event = EventCodec.fromJson(body);
          received.add(id);
          out.printf("receiver: verified %s %s labels=%s%n", id, event.type().ceType(), event.labels());
          status = 204;
        }
      } catch (WebhookVerifier.VerificationException e) {
        out.println("receiver: rejected (" + e.reason() + "): " + e.getMessage());
        status = 401;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stratus-events");
    // --- the host's side: a durable outbox, a subscription, publish, deliver ---
    Path journal = dir.resolve("webhooks.journal");
    try (FileOutbox outbox = FileOutbox.open(journal)) {
      WebhookDispatcher dispatcher = WebhookDispatcher.builder(outbox, clock)
          .backoff(Duration.ofMillis(200), 2, Duration.ofSeconds(5))
          .build();
      dispatcher.subscribe(new Subscription("finops-hook", endpoint,
          Set.of(EventType.BUDGET_THRESHOLD, EventType.ALERT), Map.of("team", "search"), List.of(secret)));
      URI source = URI.create("/stratus/sample");
      Instant now = clock.instant();
      List<PublishReceipt> receipts = dispatcher.publishAll(List.of(
          Events.budgetThreshold("budget-search-2026-05-80", source, now, "search-monthly", 80, "forecast",
              Money.of("8120.00", "USD"), Money.of("10000.00", "USD"), Map.of("team", "search")),
          Events.alert(source, new Notification("cpu-high:search-7", Notification.Severity.WARNING,
              "CPU above 90% on search-7", "15 minutes above threshold", Map.of("team", "search"), now), false),
          Events.healthChanged("health-ads-db", source, now, "ads-db", "up", "down", "no answer",
              Map.of("team", "ads"))));
      for (PublishReceipt r : receipts) {
        out.printf("host: %s acknowledged (durable in %s) for %s%n", r.eventId(), journal.getFileName(),
            r.subscriptionIds().isEmpty() ? "no subscription" : r.subscriptionIds());
      }
      while (dispatcher.nextDueAt().isPresent()) {
        var round = dispatcher.deliverDue();
        out.printf("host: round sent=%d delivered=%d retried=%d%n", round.sent(), round.delivered(), round.retried());
        Instant next = dispatcher.nextDueAt().orElse(clock.instant());
        long wait = Duration.between(clock.instant(), next).toMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
      }
      Map<String, List<OutboxEntry.State>> confirmed = new java.util.LinkedHashMap<>();
      for (PublishReceipt r : receipts) {
        confirmed.put(r.eventId(), dispatcher.status(r.eventId()).stream().map(OutboxEntry::state).toList());
        out.printf("host: %s -> %s%n", r.eventId(), confirmed.get(r.eventId()));
      }
      return new Result(receipts, List.copyOf(received), requests.get(), confirmed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
