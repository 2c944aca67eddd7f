package io.stratus.adapters.webhooks;

import io.stratus.model.Money;
import io.stratus.spi.Notification;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One or more sample events of every type, as a host would publish them. */
final class SampleEvents {

  static final URI SOURCE = URI.create("/stratus/test");
  static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

  private SampleEvents() {}

  static List<StratusEvent> all() {
    Map<String, String> team = Map.of("team", "search", "env", "prod");
    return List.of(
        Events.workloadPlaced("e-1", SOURCE, T, "wl-1", "aws", "eu-west-1", "m5.large", Money.of("0.096", "USD"),
            team),
        Events.workloadUnschedulable("e-2", SOURCE, T, "wl-2", List.of("no offer in jurisdiction EU with 64 GiB"),
            Map.of()),
        Events.costIngested("e-3", SOURCE, T, "aws-cur", Instant.parse("2026-02-01T00:00:00Z"),
            Instant.parse("2026-03-01T00:00:00Z"), 12_345, Money.of("98765.43", "USD"), team),
        Events.budgetThreshold("e-4", SOURCE, T, "budget-search", 80, "forecast", Money.of("8100.00", "EUR"),
            Money.of("10000.00", "EUR"), team),
        Events.anomalyDetected("e-5", SOURCE, T, "cost:team=search", T.minusSeconds(3600), 412.5, 120.0, 0.97, team),
        Events.alert(SOURCE, new Notification("cpu-high:web-1", Notification.Severity.CRITICAL, "CPU above 95%",
            "web-1 CPU 97% for 10 min", team, T), false),
        Events.healthChanged("e-7", SOURCE, T, "pricing-provider:aws", "up", "degraded", "3 of 10 calls failed",
            team),
        Events.security("e-8", SOURCE, T, "apikey.revoked", "alice@example.com", "success", "key k-12 revoked",
            Map.of("tenant", "acme")),
        Events.security("e-9", SOURCE, T, "auth.login", null, "failure", "", Map.of()));
  }
}
