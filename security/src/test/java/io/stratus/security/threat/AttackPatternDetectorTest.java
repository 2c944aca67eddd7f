package io.stratus.security.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.InMemoryApiKeyStore;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AttackPatternDetectorTest {
  static final Instant T0 = Instant.parse("2026-03-04T12:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  private final ApiKeys keys = ApiKeys.create(store, now::get);
  private final AttackPatternDetector detector = AttackPatternDetector.create(AttackRule.parse("""
      # enumeration: 5 distinct denials in a minute
      enumeration threshold=5 window=PT1M severity=MEDIUM
      revoked-key-use
      mfa-failures-then-new-source threshold=3 window=PT10M severity=CRITICAL
      """), Optional.of(store));

  static AuditEvent denied(int seconds, String principal, String permission) {
    return AuditEvent.builder().at(T0.plusSeconds(seconds)).actor(principal).action("authz.check")
        .resource(permission).origin("10.0.0.5").outcome(AuditEvent.Outcome.DENIED).build();
  }

  @Test
  void manyDistinctDenials_isEnumeration_repeatsOfOneResourceAreNot() {
    List<Incident> found = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      found.addAll(detector.observe(denied(i, "mallory", "cost:read")));
    }
    assertThat(found).isEmpty();
    for (int i = 0; i < 8; i++) {
      found.addAll(detector.observe(denied(20 + i, "mallory", "budget:read:team-" + i)));
    }
    assertThat(found).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(Incident.Kind.ENUMERATION);
      assertThat(i.severity()).isEqualTo(Incident.Severity.MEDIUM);
      assertThat(i.evidence()).containsEntry("distinctDenied", "5");
    });
  }

  @Test
  void revokedKeyPresented_isReportedOncePerWindow() {
    IssuedApiKey k = keys.issue("billing-svc", Set.of(Permission.parse("cost:read")), Duration.ofDays(30));
    String id = k.record().id();
    AuditEvent use = SecurityEvents.apiKeyAuthentication(T0.plusSeconds(10), id, "billing-svc", "203.0.113.5",
        AuditEvent.Outcome.FAILURE);
    assertThat(detector.observe(use)).as("not revoked yet").isEmpty();
    now.set(T0.plusSeconds(20));
    keys.revoke(id);
    List<Incident> found = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      found.addAll(detector.observe(SecurityEvents.apiKeyRequest(T0.plusSeconds(30 + i), id, "billing-svc",
          "203.0.113.5", Permission.parse("cost:read"), AuditEvent.Outcome.DENIED)));
    }
    assertThat(found).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(Incident.Kind.REVOKED_KEY_USE);
      assertThat(i.apiKeyId()).isEqualTo(id);
      assertThat(i.source()).isEqualTo("203.0.113.5");
      assertThat(i.evidence()).containsEntry("revokedAt", T0.plusSeconds(20).toString());
    });
    assertThat(detector.observe(SecurityEvents.apiKeyAuthentication(T0.plus(Duration.ofHours(2)), id, "billing-svc",
        "203.0.113.5", AuditEvent.Outcome.FAILURE))).as("a new window").hasSize(1);
  }

  @Test
  void mfaFailuresThenSuccessFromANewSource_isReported_fromAKnownSourceItIsNot() {
    detector.observe(SecurityEvents.authentication(T0, "alice", "mfa", "10.0.0.7", AuditEvent.Outcome.SUCCESS));
    for (int i = 1; i <= 3; i++) {
      detector.observe(SecurityEvents.authentication(T0.plusSeconds(i), "alice", "mfa", "10.0.0.7",
          AuditEvent.Outcome.FAILURE));
    }
    assertThat(detector.observe(SecurityEvents.authentication(T0.plusSeconds(5), "alice", "mfa", "10.0.0.7",
        AuditEvent.Outcome.SUCCESS))).as("known source").isEmpty();
    for (int i = 10; i < 14; i++) {
      detector.observe(SecurityEvents.authentication(T0.plusSeconds(i), "alice", "mfa", "203.0.113.9",
          AuditEvent.Outcome.FAILURE));
    }
    // The password step from the new source succeeding first does not make the source known.
    detector.observe(SecurityEvents.authentication(T0.plusSeconds(14), "alice", "password", "203.0.113.9",
        AuditEvent.Outcome.SUCCESS));
    assertThat(detector.observe(SecurityEvents.authentication(T0.plusSeconds(15), "alice", "mfa", "203.0.113.9",
        AuditEvent.Outcome.SUCCESS))).singleElement().satisfies(i -> {
          assertThat(i.kind()).isEqualTo(Incident.Kind.MFA_FAILURES_THEN_NEW_SOURCE);
          assertThat(i.severity()).isEqualTo(Incident.Severity.CRITICAL);
          assertThat(i.evidence()).containsEntry("failures", "4").containsEntry("knownSources", "[10.0.0.7]");
        });
  }

  @Test
  void ruleText_errorsNameLineFieldValueAndRule() {
    assertThat(AttackRule.parse("enumeration\n\n# x\nrevoked-key-use window=PT2H"))
        .containsExactly(AttackRule.of(AttackRule.Type.ENUMERATION), new AttackRule(AttackRule.Type.REVOKED_KEY_USE,
            1, Duration.ofHours(2), Incident.Severity.HIGH));
    assertThatThrownBy(() -> AttackRule.parse("enumeration\nport-scan threshold=3"))
        .isInstanceOfSatisfying(InvalidRuleException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.field()).isEqualTo("rule");
        }).hasMessageStartingWith("attack rule line 2: rule 'port-scan' is invalid: must be one of");
    assertThatThrownBy(() -> AttackRule.parse("enumeration threshold=1"))
        .hasMessage("attack rule line 1: threshold '1' is invalid: must be an integer of at least 2");
    assertThatThrownBy(() -> AttackRule.parse("enumeration window=5m"))
        .hasMessageContaining("window '5m' is invalid: must be a positive ISO-8601 duration");
    assertThatThrownBy(() -> AttackRule.parse("enumeration severity=high"))
        .hasMessageContaining("severity 'high' is invalid");
    assertThatThrownBy(() -> AttackRule.parse("enumeration window=PT1M window=PT2M"))
        .hasMessageContaining("window 'PT2M' is invalid: is given more than once");
    assertThatThrownBy(() -> AttackRule.parse("enumeration limit=3"))
        .hasMessageContaining("parameter 'limit=3' is invalid");
  }

  @Test
  void revokedKeyRuleWithoutAStore_isRefusedAtCreation() {
    assertThatThrownBy(() -> AttackPatternDetector.create(AttackRule.defaults(), Optional.empty()))
        .hasMessageContaining("rule revoked-key-use needs an API key store");
  }
}
