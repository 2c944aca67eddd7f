package io.stratus.security.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.authz.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyMisuseDetectorTest {
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  static final String KEY = "0123456789abcdef";

  private final ApiKeyMisuseDetector detector = ApiKeyMisuseDetector.builder().learningPeriod(Duration.ofHours(1))
      .geoLocator(Geo.TABLE).rateBaseline(Duration.ofMinutes(1), 120, 30).rateSensitivity(4.0, 30).build();

  static AuditEvent request(Instant at, String source, String permission) {
    return SecurityEvents.apiKeyRequest(at, KEY, "billing-svc", source, Permission.parse(permission),
        AuditEvent.Outcome.SUCCESS);
  }

  /** Three hours of ordinary use: 3 to 7 requests a minute from the service's own network. */
  static List<Incident> ordinaryUse(ThreatDetector d, int minutes) {
    List<Incident> found = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      int n = 3 + (m * 7) % 5;
      for (int r = 0; r < n; r++) {
        Instant at = T0.plusSeconds(m * 60L + r * 7L);
        found.addAll(d.observe(request(at, "10.0.0." + (1 + r % 3), r % 2 == 0 ? "cost:read" : "workload:place")));
      }
    }
    return found;
  }

  @Test
  void ordinaryUse_raisesNothing() {
    assertThat(ordinaryUse(detector, 180)).isEmpty();
  }

  @Test
  void stolenKeyFromAnotherCountryAtHighRate_newLocationAtOnce_rateWhenTheBucketCloses() {
    ordinaryUse(detector, 180);
    Instant attack = T0.plusSeconds(181 * 60);
    List<Incident> first = detector.observe(request(attack, "203.0.113.50", "cost:read"));
    assertThat(first).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(Incident.Kind.API_KEY_NEW_LOCATION);
      assertThat(i.severity()).isEqualTo(Incident.Severity.HIGH);
      assertThat(i.apiKeyId()).isEqualTo(KEY);
      assertThat(i.principal()).isEqualTo("billing-svc");
      assertThat(i.evidence()).containsEntry("location", "country:BR").containsEntry("knownLocations",
          "[country:DE]");
    });
    List<Incident> later = new ArrayList<>();
    for (int r = 1; r < 200; r++) {
      later.addAll(detector.observe(request(attack.plusMillis(r * 250L), "203.0.113.50", "cost:read")));
    }
    assertThat(later).as("the location is learned once reported").isEmpty();
    List<Incident> closed = detector.flush(attack.plusSeconds(60));
    assertThat(closed).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(Incident.Kind.API_KEY_UNUSUAL_RATE);
      assertThat(i.evidence()).containsEntry("requests", "200");
      assertThat(Double.parseDouble(i.evidence().get("baselineMean"))).isBetween(1.0, 8.0);
    });
  }

  /** Closing the thief's burst bucket with the owner's next request must not blame the owner's source. */
  @Test
  void burstClosedByTheOwnersNextRequest_namesTheBurstsSource_andTheKeysOwner() {
    ordinaryUse(detector, 180);
    Instant attack = T0.plusSeconds(181 * 60);
    for (int r = 0; r < 100; r++) {
      detector.observe(request(attack.plusMillis(r * 500L), "203.0.113.50", "cost:read"));
    }
    List<Incident> found = detector.observe(SecurityEvents.apiKeyRequest(attack.plusSeconds(70), KEY, "billing-svc",
        "10.0.0.1", Permission.parse("cost:read"), AuditEvent.Outcome.SUCCESS));
    assertThat(found).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(Incident.Kind.API_KEY_UNUSUAL_RATE);
      assertThat(i.source()).isEqualTo("203.0.113.50");
      assertThat(i.principal()).isEqualTo("billing-svc");
      assertThat(i.evidence()).containsEntry("topSources", "[203.0.113.50=100]");
    });
  }

  @Test
  void learningPeriod_learnsLocationsAndEndpoints_afterwardsNewOnesAreReportedOnce() {
    detector.observe(request(T0, "192.0.2.7", "cost:read"));
    assertThat(detector.observe(request(T0.plusSeconds(60), "198.51.100.7", "budget:change")))
        .as("still learning").isEmpty();
    Instant after = T0.plus(Duration.ofHours(2));
    assertThat(detector.observe(request(after, "192.0.2.8", "cost:read"))).isEmpty();
    List<Incident> found = detector.observe(request(after.plusSeconds(1), "192.0.2.8", "spend:approve:q3"));
    assertThat(found).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(Incident.Kind.API_KEY_NEW_ENDPOINT);
      assertThat(i.evidence()).containsEntry("endpoint", "spend:approve")
          .containsEntry("permission", "spend:approve:q3");
    });
    assertThat(detector.observe(request(after.plusSeconds(2), "192.0.2.8", "spend:approve:q4"))).isEmpty();
  }

  @Test
  void withoutLocator_theNetworkIsTheLocation() {
    ApiKeyMisuseDetector byNetwork = ApiKeyMisuseDetector.builder().learningPeriod(Duration.ZERO).build();
    assertThat(byNetwork.observe(request(T0, "192.0.2.7", "cost:read")))
        .extracting(Incident::kind).contains(Incident.Kind.API_KEY_NEW_LOCATION);
    assertThat(byNetwork.observe(request(T0.plusSeconds(1), "192.0.2.200", "cost:read"))).isEmpty();
    assertThat(byNetwork.observe(request(T0.plusSeconds(2), "2001:db8:1:2::9", "cost:read")))
        .singleElement().satisfies(i -> assertThat(i.evidence()).containsEntry("location", "net:2001:db8:1::/48"));
  }

  @Test
  void manyKeys_memoryStaysBounded() {
    ApiKeyMisuseDetector small = ApiKeyMisuseDetector.builder().memory(10, Duration.ofHours(1)).build();
    for (int k = 0; k < 100; k++) {
      small.observe(SecurityEvents.apiKeyRequest(T0.plusSeconds(k), String.format("%016x", k), "svc", "192.0.2.1",
          Permission.parse("cost:read"), AuditEvent.Outcome.SUCCESS));
    }
    assertThat(small.tracked()).isEqualTo(10);
    small.flush(T0.plus(Duration.ofHours(2)));
    assertThat(small.tracked()).isZero();
  }

  @Test
  void malformedRequestEvent_isATypedError() {
    AuditEvent bad = AuditEvent.builder().at(T0).actor("svc").action("apikey.request").resource("apikey:xyz:cost:read")
        .outcome(AuditEvent.Outcome.SUCCESS).build();
    assertThatThrownBy(() -> detector.observe(bad)).isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("resource 'apikey:xyz:cost:read'").hasMessageContaining("16 lower-case hex digits");
  }

  @Test
  void badSettings_nameTheRule() {
    assertThatThrownBy(() -> ApiKeyMisuseDetector.builder().rateBaseline(Duration.ofMinutes(1), 2, 30))
        .hasMessageContaining("baselineBuckets 2 must be at least 3");
    assertThatThrownBy(() -> ApiKeyMisuseDetector.builder().rateSensitivity(Double.NaN, 3))
        .hasMessageContaining("bandWidth NaN must be positive and finite");
  }
}
