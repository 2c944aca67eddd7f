package io.stratus.security.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.audit.AuditEntry;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditVerification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulated attacks replayed as audit events on a virtual clock. */
class BruteForceDetectorTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final List<AuditEvent> audited = new ArrayList<>();
  private final AuditLog log = new AuditLog() {
    @Override
    public AuditEntry append(AuditEvent event) {
      audited.add(event);
      return new AuditEntry(audited.size(), event, "0".repeat(64), "0".repeat(64));
    }

    @Override
    public AuditVerification verify() {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public long exportJsonLines(Appendable out) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public void close() {}
  };
  private final Lockout lockout = new Lockout();
  private final BruteForceDetector detector = BruteForceDetector.create(5, 3, Duration.ofMinutes(1), lockout, log);

  private static AuditEvent login(int secondsAfterT0, String principal, String source, AuditEvent.Outcome outcome) {
    return AuditEvent.builder().at(T0.plusSeconds(secondsAfterT0)).actor(principal).action("authn.password")
        .resource("principal:" + principal).origin(source).outcome(outcome).build();
  }

  @Test
  void bruteForceOnOnePrincipal_locksItOnceAndAuditsIncidentAndResponse() {
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      incidents.addAll(detector.observe(login(i * 5, "alice", "198.51.100." + i, AuditEvent.Outcome.FAILURE)));
    }
    assertThat(incidents).singleElement().satisfies(inc -> {
      assertThat(inc.kind()).isEqualTo(Incident.Kind.BRUTE_FORCE);
      assertThat(inc.subject()).isEqualTo("alice");
      assertThat(inc.failures()).isEqualTo(5);
      assertThat(inc.at()).isEqualTo(T0.plusSeconds(20));
    });
    assertThat(lockout.isPrincipalLocked("alice")).isTrue();
    assertThat(audited).extracting(AuditEvent::action).containsExactly("threat.incident", "threat.response");
    assertThat(audited.get(1).resource()).isEqualTo("principal:alice");
    assertThat(audited.get(1).after()).contains("locked");
  }

  @Test
  void slowFailuresOutsideTheWindow_raiseNothing() {
    for (int i = 0; i < 20; i++) {
      assertThat(detector.observe(login(i * 20, "bob", "", AuditEvent.Outcome.FAILURE))).isEmpty();
    }
    assertThat(lockout.isPrincipalLocked("bob")).isFalse();
    assertThat(audited).isEmpty();
  }

  @Test
  void credentialStuffingFromOneSource_blocksTheSource() {
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      incidents.addAll(detector.observe(login(i, "user" + i, "203.0.113.9", AuditEvent.Outcome.DENIED)));
    }
    assertThat(incidents).singleElement().satisfies(inc -> {
      assertThat(inc.kind()).isEqualTo(Incident.Kind.CREDENTIAL_STUFFING);
      assertThat(inc.subject()).isEqualTo("203.0.113.9");
      assertThat(inc.distinctPrincipals()).isEqualTo(5);
    });
    assertThat(lockout.isSourceBlocked("203.0.113.9")).isTrue();
    assertThat(lockout.isPrincipalLocked("user0")).isFalse();
  }

  @Test
  void successesAndOtherActions_areIgnored_andAFlagClearsWhenTheWindowEmpties() {
    for (int i = 0; i < 10; i++) {
      detector.observe(login(i, "carol", "", AuditEvent.Outcome.SUCCESS));
      detector.observe(AuditEvent.builder().at(T0.plusSeconds(i)).actor("carol").action("budget.change")
          .resource("b").outcome(AuditEvent.Outcome.FAILURE).build());
    }
    assertThat(audited).isEmpty();
    for (int i = 0; i < 5; i++) {
      detector.observe(login(100 + i, "carol", "", AuditEvent.Outcome.FAILURE));
    }
    assertThat(detector.isFlagged("carol")).isTrue();
    detector.observe(login(400, "carol", "", AuditEvent.Outcome.FAILURE));
    assertThat(detector.isFlagged("carol")).isFalse();
    assertThat(lockout.unlockPrincipal("carol")).isTrue();
  }

  @Test
  void badParameters_nameTheRule() {
    assertThatThrownBy(() -> BruteForceDetector.create(1, 3, Duration.ofMinutes(1), lockout, log))
        .hasMessageContaining("maxFailures 1 must be at least 2");
    assertThatThrownBy(() -> BruteForceDetector.create(5, 3, Duration.ZERO, lockout, log))
        .hasMessageContaining("window PT0S must be positive");
  }
}
