package io.stratus.samples.server;

import com.sun.net.httpserver.HttpServer;
import io.stratus.adapters.webhooks.EventCodec;
import io.stratus.adapters.webhooks.StratusEvent;
import io.stratus.adapters.webhooks.WebhookSecret;
import io.stratus.adapters.webhooks.WebhookVerifier;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusCsvWriter;
import io.stratus.model.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test inputs: a FOCUS billing file, a small scenario, a clock at the data's "now", a verifying webhook receiver. */
final class Fixtures {
  /** The data's "now": costs run up to the day before. */
  static final Instant NOW = Instant.parse("2026-06-21T09:00:00Z");

  private Fixtures() {}

  /** Polls a condition every 50 ms until it holds; fails after the limit (a safety net, not a timing assertion). */
  static void await(Duration limit, java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + limit);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** A clock that reads {@link #NOW} at the test's start and then runs with the wall clock. */
  static InstantSource clock() {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOW));
  }

  /**
   * Daily AWS cost of two teams from 2026-03-01 to the day before {@link #NOW}: payments 70 a day (EC2), search 300
   * a day (EC2), as a FOCUS 1.0 CSV written by the finops module's writer.
   */
  static String focusCsv() {
    StringBuilder out = new StringBuilder();
    try (FocusCsvWriter w = FocusCsvWriter.create(out)) {
      for (Instant day = Instant.parse("2026-03-01T00:00:00Z"); day.isBefore(Instant.parse("2026-06-21T00:00:00Z"));
          day = day.plus(Duration.ofDays(1))) {
        w.write(record(day, "payments", "70.00"));
        w.write(record(day, "search", "300.00"));
      }
    }
    return out.toString();
  }

  private static CostRecord record(Instant day, String team, String cost) {
    BigDecimal amount = new BigDecimal(cost).setScale(2, RoundingMode.HALF_EVEN);
    return CostRecord.builder()
        .allCosts(amount)
        .billingCurrency(Money.USD)
        .chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED)
        .chargePeriod(day, day.plus(Duration.ofDays(1)))
        .billingPeriod(BillingPeriod.of(YearMonth.from(day.atZone(ZoneOffset.UTC))))
        .providerName("AWS")
        .billingAccountId("999999999999")
        .subAccountId("111111111111")
        .serviceName("Amazon EC2")
        .serviceCategory("Compute")
        .resourceId(team + "-ec2")
        .tag("team", team)
        .build();
  }

  /** A scenario of a few simulated hours on two clouds, two schedulers, two replications. */
  static final String SCENARIO = """
      {
        "name": "api-small",
        "start": "2026-01-05T00:00:00Z",
        "duration": "PT3H",
        "seed": 7,
        "replications": 2,
        "schedulers": ["cost-aware", "first-fit"],
        "environment": {"providers": ["aws", "gcp"], "regions": ["aws:us-east-1", "gcp:us-central1"]},
        "workloads": [
          {"name": "batch", "arrivals": {"type": "constant", "perHour": 4},
           "duration": {"type": "exponential", "mean": "PT1H"}, "teams": {"data": 1}}
        ]
      }
      """;

  /** A loopback webhook receiver that verifies every delivery and keeps the verified events. */
  static final class Receiver implements AutoCloseable {
    final List<StratusEvent> events = new CopyOnWriteArrayList<>();
    final List<String> rejected = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final InstantSource clock;
    private volatile WebhookVerifier verifier;

    Receiver(InstantSource clock) {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/hook", exchange -> {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        int status = 204;
        WebhookVerifier v = verifier;
        if (v == null) {
          status = 503;
        } else {
          try {
            v.verify(exchange.getRequestHeaders(), body);
            events.add(EventCodec.fromJson(body));
          } catch (WebhookVerifier.VerificationException e) {
            rejected.add(e.getMessage());
            status = 401;
          }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
      this.clock = clock;
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    void trust(String secret) {
      verifier = WebhookVerifier.create(List.of(WebhookSecret.parse(secret)), WebhookVerifier.DEFAULT_TOLERANCE,
          clock);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
