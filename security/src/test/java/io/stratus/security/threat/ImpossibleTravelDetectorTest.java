package io.stratus.security.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.audit.AuditEvent;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImpossibleTravelDetectorTest {
  static final Instant T0 = Instant.parse("2026-03-03T06:00:00Z");

  private final ImpossibleTravelDetector detector = ImpossibleTravelDetector.create(Geo.TABLE);

  static AuditEvent login(Instant at, String principal, String source) {
    return SecurityEvents.authentication(at, principal, "password", source, AuditEvent.Outcome.SUCCESS);
  }

  @Test
  void berlinThenNewYorkWithinAnHour_isImpossibleTravel() {
    assertThat(detector.observe(login(T0, "alice", "10.1.2.3"))).isEmpty();
    assertThat(detector.observe(login(T0.plus(Duration.ofMinutes(50)), "alice", "192.0.2.10")))
        .singleElement().satisfies(i -> {
          assertThat(i.kind()).isEqualTo(Incident.Kind.IMPOSSIBLE_TRAVEL);
          assertThat(i.principal()).isEqualTo("alice");
          assertThat(i.source()).isEqualTo("192.0.2.10");
          assertThat(i.evidence()).containsEntry("fromCountry", "DE").containsEntry("toCountry", "US")
              .containsEntry("from", "10.1.2.3");
          // Berlin to New York is about 6 385 km; in 50 minutes that is about 7 660 km/h.
          assertThat(Double.parseDouble(i.evidence().get("distanceKm"))).isBetween(6300.0, 6450.0);
          assertThat(Double.parseDouble(i.evidence().get("speedKmh"))).isBetween(7500.0, 7800.0);
        });
  }

  @Test
  void aPlausibleFlight_orANearbyCity_isNotReported() {
    detector.observe(login(T0, "bob", "10.1.2.3"));
    assertThat(detector.observe(login(T0.plus(Duration.ofHours(9)), "bob", "192.0.2.10"))).isEmpty();
    // Berlin to Munich (about 500 km) in 20 minutes exceeds 1000 km/h.
    detector.observe(login(T0, "carol", "10.1.2.3"));
    assertThat(detector.observe(login(T0.plus(Duration.ofMinutes(20)), "carol", "10.9.1.1")))
        .extracting(Incident::kind).containsExactly(Incident.Kind.IMPOSSIBLE_TRAVEL);
    // Within the geolocation error: 100 km never counts, whatever the time.
    ImpossibleTravelDetector tolerant = ImpossibleTravelDetector.create(Geo.TABLE, 1000, 600, 10, Duration.ofDays(1));
    tolerant.observe(login(T0, "dave", "10.1.2.3"));
    assertThat(tolerant.observe(login(T0, "dave", "10.9.1.1"))).isEmpty();
  }

  @Test
  void unknownLocation_noFinding_counted_lastKnownPlaceKept() {
    detector.observe(login(T0, "erin", "10.1.2.3"));
    assertThat(detector.observe(login(T0.plusSeconds(60), "erin", "100.64.0.1"))).isEmpty();
    assertThat(detector.observe(login(T0.plusSeconds(90), "erin", "not-an-ip"))).isEmpty();
    assertThat(detector.unlocated()).isEqualTo(2);
    assertThat(detector.observe(login(T0.plusSeconds(120), "erin", "198.51.100.1")))
        .extracting(Incident::kind).containsExactly(Incident.Kind.IMPOSSIBLE_TRAVEL);
  }

  @Test
  void failedAuthentications_andOtherEvents_areIgnored() {
    detector.observe(login(T0, "frank", "10.1.2.3"));
    assertThat(detector.observe(SecurityEvents.authentication(T0.plusSeconds(1), "frank", "password", "192.0.2.1",
        AuditEvent.Outcome.FAILURE))).isEmpty();
    assertThat(detector.unlocated()).isZero();
  }

  @Test
  void memoryIsBounded() {
    ImpossibleTravelDetector small = ImpossibleTravelDetector.create(Geo.TABLE, 1000, 200, 5, Duration.ofHours(1));
    for (int i = 0; i < 50; i++) {
      small.observe(login(T0.plusSeconds(i), "user" + i, "10.1.2.3"));
    }
    assertThat(small.tracked()).isEqualTo(5);
  }

  @Test
  void badSettings_nameTheRule() {
    assertThatThrownBy(() -> ImpossibleTravelDetector.create(Geo.TABLE, 0, 200, 5, Duration.ofHours(1)))
        .hasMessageContaining("maxSpeedKmh 0.0 must be positive and finite");
  }

  @Test
  void geoTable_longestPrefixWins_andBadLinesAreTypedErrors() {
    assertThat(Geo.TABLE.locate("10.9.3.4")).hasValueSatisfying(l -> assertThat(l.point().latitude()).isEqualTo(48.14));
    assertThat(Geo.TABLE.locate("10.8.3.4")).hasValueSatisfying(l -> assertThat(l.point().latitude()).isEqualTo(52.52));
    assertThat(Geo.TABLE.locate("2001:db8::1")).hasValueSatisfying(l -> assertThat(l.country()).isEqualTo("GB"));
    assertThat(Geo.TABLE.locate("example.com")).isEmpty();
    assertThatThrownBy(() -> TableGeoLocator.parse("t", new StringReader("# ok\n10.0.0.0/33,1,2,DE\n")))
        .isInstanceOfSatisfying(GeoTableFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.field()).isEqualTo("network");
        })
        .hasMessage("t:2: network '10.0.0.0/33' is invalid: the prefix must be an integer in [0, 32]");
    assertThatThrownBy(() -> TableGeoLocator.parse("t", new StringReader("10.0.0.0/8,91,2,DE")))
        .hasMessageContaining("latitude '91' is invalid");
    assertThatThrownBy(() -> TableGeoLocator.parse("t", new StringReader("10.0.0.0/8,1,2,de")))
        .hasMessageContaining("country 'de' is invalid");
    assertThatThrownBy(() -> TableGeoLocator.parse("t", new StringReader("host.example/8,1,2,DE")))
        .hasMessageContaining("not an IP literal");
  }
}
