package io.stratus.samples;

import com.sun.net.httpserver.HttpServer;
import io.stratus.monitoring.alerting.AlertConfig;
import io.stratus.monitoring.alerting.AlertEngine;
import io.stratus.monitoring.alerting.DeliveryPolicy;
import io.stratus.monitoring.alerting.DeliveryStats;
import io.stratus.monitoring.alerting.GroupingPolicy;
import io.stratus.monitoring.alerting.SignalKind;
import io.stratus.monitoring.spi.AlertHistoryQuery;
import io.stratus.monitoring.spi.AlertHistoryRecord;
import io.stratus.monitoring.spi.AuditEntry;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.spi.NotificationChannelFactory;
import io.stratus.spi.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * Alert management end to end, against receivers it serves itself on a local port: rules and routes from YAML, a CPU
 * metric and a cost signal that fire, Slack, PagerDuty and a signed webhook channel made through their {@link
 * NotificationChannelFactory}s, a webhook that answers 503 twice and is retried with backoff on the sample's own
 * clock, then acknowledgement, a comment and a resolution by hand in the alert history with its audit trail.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.AlertingSample}. Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AlertingSample {
  /** The sample's configuration: two rules and two routes. */
  static final String CONFIG = """
      rules:
        - name: HighCpu
          select: 'cpu.utilization'
          condition: {above: 90, clear: 80}
          for: 5m
          severity: critical
          labels: {team: infra}
        - name: DailySpend
          signal: cost
          select: daily_spend
          condition: {above: 1000}
          labels: {team: finance}
      routes:
        - name: infra
          match: {team: infra}
          channels: [slack, pager]
        - name: finance
          match: {team: finance}
          channels: [finance-hook]
      """;

  private AlertingSample() {}

  /**
   * What the sample did.
   *
   * @param requestsByReceiver HTTP requests each local receiver got ({@code slack}, {@code pagerduty}, {@code hook})
   * @param delivery the engine's delivery counters at the end
   * @param history the alert history, newest first
   * @param audit the audit trail of the CPU alert
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(Map<String, Integer> requestsByReceiver, DeliveryStats delivery,
      List<AlertHistoryRecord> history, List<AuditEntry> audit) {
    /**
     * Copies.
     *
     * @throws NullPointerException if a component is null
     */
    public Result {
      requestsByReceiver = Map.copyOf(requestsByReceiver);
      history = List.copyOf(history);
      audit = List.copyOf(audit);
    }
  }

  /**
   * Runs the sample and prints what happens to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /** A clock the sample moves by hand. */
  private static final class SampleClock implements InstantSource {
    private Instant now = Instant.parse("2026-06-03T09:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  /**
   * Runs the sample.
   *
   * @param out where the report goes; never null
   * @return what it did; never null
   */
  public static Result run(PrintStream out) {
    Map<String, Integer> requests = new ConcurrentHashMap<>();
    AtomicInteger hookCalls = new AtomicInteger();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      String receiver = exchange.getRequestURI().getPath().substring(1);
      requests.merge(receiver, 1, Integer::sum);
      int status = switch (receiver) {
        case "pagerduty" -> 202;
        case "hook" -> hookCalls.incrementAndGet() <= 2 ? 503 : 200;
        default -> 200;
      };
      byte[] body = (status == 503 ? "busy" : "ok").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(body);
      }
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      ProviderRegistry<NotificationChannelFactory> factories = ProviderRegistry.load(NotificationChannelFactory.class);
      SampleClock clock = new SampleClock();
      AlertEngine engine = AlertEngine.builder().clock(clock).config(AlertConfig.fromYaml(CONFIG))
          .grouping(GroupingPolicy.none())
          .channel(factories.require("slack").create("slack", Map.of("url", base + "/slack"), clock))
          .channel(factories.require("pagerduty").create("pager",
              Map.of("routingKey", "sample-routing-key", "endpoint", base + "/pagerduty"), clock))
          .channel(factories.require("webhook").create("finance-hook",
              Map.of("url", base + "/hook", "signingSecret", "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="), clock))
          .deliveryPolicy(DeliveryPolicy.builder().maxAttempts(4)
              .backoff(Duration.ofSeconds(30), 2, Duration.ofMinutes(5)).jitter(0).build())
          .build();

      SeriesId cpu = SeriesId.of("cpu.utilization", "resource", "vm-1", "region", "eu-west-1");
      for (int minute = 0; minute <= 6; minute++) {
        engine.accept(new MetricSample(cpu, clock.instant().toEpochMilli(), 96));
        engine.acceptSignal(SignalKind.COST, "daily_spend", Map.of("account", "prod"), 1_450);
        engine.tick();
        clock.advance(Duration.ofMinutes(1));
      }
      out.printf(Locale.ROOT, "after 6 minutes: %s%n", requests);
      // the finance webhook answered 503 twice; its retries go out at ticks after 30 s and then 60 s more
      for (int i = 0; i < 4; i++) {
        clock.advance(Duration.ofSeconds(30));
        engine.tick();
      }
      out.printf(Locale.ROOT, "after the retries: %s%n", requests);

      String fp = engine.alerts().stream().filter(a -> a.labels().get("alertname").equals("HighCpu")).findFirst()
          .orElseThrow().fingerprint();
      engine.acknowledge(fp, "alice");
      engine.comment(fp, "alice", "scaling out the pool");
      clock.advance(Duration.ofMinutes(10));
      engine.resolve(fp, "alice", "pool scaled out to 4 nodes");
      engine.tick();

      List<AlertHistoryRecord> history = engine.history(AlertHistoryQuery.builder().build());
      for (AlertHistoryRecord r : history) {
        out.printf(Locale.ROOT, "history: %s %s fired %s%s%n", r.labels().get("alertname"), r.state(), r.firedAt(),
            r.resolutionNote().map(n -> ", resolved by " + r.resolvedBy().orElse("?") + ": " + n).orElse(""));
      }
      List<AuditEntry> audit = engine.auditTrail(fp);
      for (AuditEntry a : audit) {
        out.printf(Locale.ROOT, "audit: %s %s %s %s%n", a.at(), a.actor(), a.action(), a.detail());
      }
      DeliveryStats stats = engine.deliveryStats();
      out.printf(Locale.ROOT, "delivered %d, failed attempts %d, retries %d, dead letters %d; receivers %s%n",
          stats.delivered(), stats.failedAttempts(), stats.retriesScheduled(), stats.deadLettered(), requests);
      return new Result(requests, stats, history, audit);
    } finally {
      server.stop(0);
    }
  }
}
