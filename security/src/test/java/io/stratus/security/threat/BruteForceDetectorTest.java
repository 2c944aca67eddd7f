package io.stratus.security.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.audit.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulated attacks replayed as audit events on a virtual clock. */
class BruteForceDetectorTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final BruteForceDetector detector = BruteForceDetector.create(5, 3, Duration.ofMinutes(1));

  private static AuditEvent login(int secondsAfterT0, String principal, String source, AuditEvent.Outcome outcome) {
    return SecurityEvents.authentication(T0.plusSeconds(secondsAfterT0), principal, "password", source, outcome);
  }

  @Test
  void bruteForceOnOnePrincipal_raisesOnceWithEvidence() {
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      incidents.addAll(detector.observe(login(i * 5, "alice", "198.51.100." + i, AuditEvent.Outcome.FAILURE)));
    }
    assertThat(incidents).singleElement().satisfies(inc -> {
      assertThat(inc.kind()).isEqualTo(Incident.Kind.BRUTE_FORCE);
      assertThat(inc.severity()).isEqualTo(Incident.Severity.HIGH);
      assertThat(inc.principal()).isEqualTo("alice");
      assertThat(inc.subject()).isEqualTo("principal:alice");
      assertThat(inc.evidence()).containsEntry("failures", "5").containsEntry("lastSource", "198.51.100.4");
      assertThat(inc.at()).isEqualTo(T0.plusSeconds(20));
    });
    assertThat(detector.isFlagged("alice")).isTrue();
  }

  @Test
  void slowFailuresOutsideTheWindow_raiseNothing() {
    for (int i = 0; i < 20; i++) {
      assertThat(detector.observe(login(i * 20, "bob", "", AuditEvent.Outcome.FAILURE))).isEmpty();
    }
  }

  @Test
  void credentialStuffingFromOneSource_namesTheSource() {
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      incidents.addAll(detector.observe(login(i, "user" + i, "203.0.113.9", AuditEvent.Outcome.DENIED)));
    }
    assertThat(incidents).singleElement().satisfies(inc -> {
      assertThat(inc.kind()).isEqualTo(Incident.Kind.CREDENTIAL_STUFFING);
      assertThat(inc.source()).isEqualTo("203.0.113.9");
      assertThat(inc.principal()).isEmpty();
      assertThat(inc.evidence()).containsEntry("principals", "5");
    });
  }

  @Test
  void successesAndOtherActions_areIgnored_andAFlagClearsWhenTheWindowEmpties() {
    for (int i = 0; i < 10; i++) {
      assertThat(detector.observe(login(i, "carol", "", AuditEvent.Outcome.SUCCESS))).isEmpty();
      assertThat(detector.observe(AuditEvent.builder().at(T0.plusSeconds(i)).actor("carol").action("budget.change")
          .resource("b").outcome(AuditEvent.Outcome.FAILURE).build())).isEmpty();
    }
    for (int i = 0; i < 5; i++) {
      detector.observe(login(100 + i, "carol", "", AuditEvent.Outcome.FAILURE));
    }
    assertThat(detector.isFlagged("carol")).isTrue();
    detector.observe(login(400, "carol", "", AuditEvent.Outcome.FAILURE));
    assertThat(detector.isFlagged("carol")).isFalse();
  }

  /** The per-principal and per-source maps grew without bound (one entry per actor ever seen). */
  @Test
  void manyDistinctActorsOverTime_memoryStaysBounded_idleActorsEvictedByEventTime() {
    BruteForceDetector small = BruteForceDetector.create(5, 3, Duration.ofMinutes(1), a -> a.startsWith("authn."),
        50);
    for (int i = 0; i < 10_000; i++) {
      small.observe(login(i, "user" + i, "192.0.2." + (i % 250), AuditEvent.Outcome.FAILURE));
    }
    // One failure per second: only the last minute's actors are still relevant; the cap also holds.
    assertThat(small.tracked()).isLessThanOrEqualTo(2 * 50);
    detector.observe(login(0, "dave", "192.0.2.1", AuditEvent.Outcome.FAILURE));
    detector.observe(login(3600, "erin", "192.0.2.2", AuditEvent.Outcome.FAILURE));
    assertThat(detector.tracked()).as("dave and his source were idle for an hour of event time").isEqualTo(2);
  }

  @Test
  void evictedActorsStillDetectLaterAttacks() {
    BruteForceDetector small = BruteForceDetector.create(3, 2, Duration.ofMinutes(1), a -> a.startsWith("authn."),
        2);
    List<Incident> found = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      small.observe(login(i, "noise" + i, "", AuditEvent.Outcome.FAILURE));
      found.addAll(small.observe(login(i, "target", "", AuditEvent.Outcome.FAILURE)));
    }
    assertThat(found).extracting(Incident::principal).containsExactly("target");
  }

  @Test
  void badParameters_nameTheRule() {
    assertThatThrownBy(() -> BruteForceDetector.create(1, 3, Duration.ofMinutes(1)))
        .hasMessageContaining("maxFailures 1 must be at least 2");
    assertThatThrownBy(() -> BruteForceDetector.create(5, 3, Duration.ZERO))
        .hasMessageContaining("window PT0S must be positive");
    assertThatThrownBy(() -> BruteForceDetector.create(5, 3, Duration.ofMinutes(1), a -> true, 0))
        .hasMessageContaining("maxTracked 0 must be at least 1");
  }
}
