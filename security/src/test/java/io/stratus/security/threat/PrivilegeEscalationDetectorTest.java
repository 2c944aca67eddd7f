package io.stratus.security.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.authz.AccessPolicy;
import io.stratus.security.authz.Decision;
import io.stratus.security.authz.Principal;
import io.stratus.security.authz.Resource;
import io.stratus.security.authz.Role;
import io.stratus.security.authz.Scope;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrivilegeEscalationDetectorTest {
  /** A Tuesday, 10:00 UTC. */
  static final Instant T0 = Instant.parse("2026-03-03T10:00:00Z");

  private final PrivilegeEscalationDetector detector = PrivilegeEscalationDetector.builder()
      .learningPeriod(Duration.ZERO).holding("iam-admin", List.of("admin", "role:*"))
      .holding("lead", List.of("operator")).trustedGrantors(List.of("provisioner")).build();

  static AuditEvent check(Instant at, String principal, String permission, boolean allowed) {
    return AuditEvent.builder().at(at).actor(principal).action("authz.check").resource(permission)
        .origin("10.0.0.1").outcome(allowed ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.DENIED).build();
  }

  @Test
  void selfGrantOfAnUnheldRole_isCritical_butHeldOrTrustedGrantsAreNot() {
    assertThat(detector.observe(SecurityEvents.grant(T0, "mallory", "mallory", "admin", "10.0.0.66")))
        .singleElement().satisfies(i -> {
          assertThat(i.kind()).isEqualTo(Incident.Kind.SELF_GRANT);
          assertThat(i.severity()).isEqualTo(Incident.Severity.CRITICAL);
          assertThat(i.principal()).isEqualTo("mallory");
          assertThat(i.evidence()).containsEntry("granted", "admin");
        });
    assertThat(detector.observe(SecurityEvents.grant(T0, "lead", "lead", "operator", ""))).isEmpty();
    assertThat(detector.observe(SecurityEvents.grant(T0, "lead", "intern", "operator", ""))).isEmpty();
    assertThat(detector.observe(SecurityEvents.grant(T0, "provisioner", "bob", "admin", ""))).isEmpty();
    assertThat(detector.observe(SecurityEvents.grant(T0, "iam-admin", "bob", "role:grant", ""))).isEmpty();
  }

  @Test
  void peerGrantOfWhatTheGrantorDoesNotHold_isHigh_andTheGranteeThenHoldsIt() {
    assertThat(detector.observe(SecurityEvents.grant(T0, "lead", "intern", "admin", "")))
        .extracting(Incident::kind, Incident::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Incident.Kind.UNHELD_GRANT, Incident.Severity.HIGH));
    assertThat(detector.observe(SecurityEvents.grant(T0, "intern", "friend", "admin", "")))
        .as("the stream granted intern the role, so intern holds it").isEmpty();
    assertThat(detector.observe(SecurityEvents.grant(T0, "lead", "intern", "budget:change:q3", "")))
        .extracting(Incident::kind).containsExactly(Incident.Kind.UNHELD_GRANT);
  }

  @Test
  void grantOutsideEveryChangeWindow_isReported() {
    PrivilegeEscalationDetector windowed = PrivilegeEscalationDetector.builder().learningPeriod(Duration.ZERO)
        .holding("lead", List.of("operator"))
        .changeWindow(new ChangeWindow(Set.of(DayOfWeek.TUESDAY), LocalTime.of(9, 0), LocalTime.of(17, 0),
            ZoneOffset.UTC)).build();
    assertThat(windowed.observe(SecurityEvents.grant(T0, "lead", "a", "operator", ""))).isEmpty();
    assertThat(windowed.observe(SecurityEvents.grant(T0.plus(Duration.ofHours(12)), "lead", "b", "operator", "")))
        .singleElement().satisfies(i -> {
          assertThat(i.kind()).isEqualTo(Incident.Kind.GRANT_OUTSIDE_CHANGE_WINDOW);
          assertThat(i.severity()).isEqualTo(Incident.Severity.MEDIUM);
        });
  }

  @Test
  void firstUseOfAnAdminPermission_isReportedOncePerPrincipal_afterLearning() {
    PrivilegeEscalationDetector learning = PrivilegeEscalationDetector.builder().learningPeriod(Duration.ofDays(1))
        .build();
    assertThat(learning.observe(check(T0, "ops", "role:grant", true))).isEmpty();
    Instant later = T0.plus(Duration.ofDays(2));
    assertThat(learning.observe(check(later, "ops", "policy:change", true))).as("ops used admin while learning")
        .isEmpty();
    assertThat(learning.observe(check(later, "dev", "cost:read", true))).isEmpty();
    assertThat(learning.observe(check(later, "dev", "policy:change", false))).as("denied is not a use").isEmpty();
    assertThat(learning.observe(check(later.plusSeconds(1), "dev", "audit:export", true)))
        .extracting(Incident::kind).containsExactly(Incident.Kind.FIRST_ADMIN_USE);
    assertThat(learning.observe(check(later.plusSeconds(2), "dev", "role:grant", true))).isEmpty();
  }

  @Test
  void denyThenPolicyChangeThenAllow_isAFlip_onlyWithinTheFlipWindow() {
    AccessPolicy policy = AccessPolicy.create();
    policy.addTenant("acme");
    policy.defineRole(Role.of("viewer", Set.of(), "cost:read"));
    policy.defineRole(Role.of("approver", Set.of(), "spend:approve"));
    policy.bind("dev", "viewer", Scope.organization("acme"));
    Principal dev = Principal.user("dev");
    Resource spend = Resource.of("spend", Scope.organization("acme"));
    Decision before = policy.check(dev, "approve", spend);
    assertThat(before.allowed()).isFalse();
    assertThat(detector.observe(SecurityEvents.accessDecision(T0, "dev", "10.0.0.1", before))).isEmpty();
    policy.bind("dev", "approver", Scope.organization("acme"));
    assertThat(detector.observe(SecurityEvents.policyChange(T0.plusSeconds(30), "lead", "binding:dev/approver", "")))
        .isEmpty();
    Decision after = policy.check(dev, "approve", spend);
    assertThat(detector.observe(SecurityEvents.accessDecision(T0.plusSeconds(90), "dev", "10.0.0.1", after)))
        .singleElement().satisfies(i -> {
          assertThat(i.kind()).isEqualTo(Incident.Kind.DENY_ALLOW_FLIP);
          assertThat(i.evidence()).containsEntry("permission", "spend:approve").containsEntry("changedBy", "lead")
              .containsEntry("changed", "binding:dev/approver");
        });
    // Slow: denied, changed, allowed an hour later.
    detector.observe(check(T0.plusSeconds(100), "ops", "budget:change", false));
    detector.observe(SecurityEvents.grant(T0.plusSeconds(110), "iam-admin", "ops", "role:grant", ""));
    assertThat(detector.observe(check(T0.plusSeconds(3700), "ops", "budget:change", true))).isEmpty();
  }

  private static AccessPolicy orgPolicy() {
    AccessPolicy policy = AccessPolicy.create();
    policy.addTenant("acme");
    policy.defineRole(Role.of("viewer", Set.of(), "cost:read"));
    policy.defineRole(Role.of("operator", Set.of("viewer"), "workload:place", "budget:*"));
    policy.defineRole(Role.of("admin", Set.of("operator"), "role:*"));
    return policy;
  }

  @Test
  void withThePolicy_holdingsComeFromItsBindings_notFromTheStream() {
    AccessPolicy policy = orgPolicy();
    policy.bind("lead", "operator", Scope.organization("acme"));
    PrivilegeEscalationDetector byPolicy = PrivilegeEscalationDetector.builder().accessPolicy(policy).build();
    PrivilegeEscalationDetector byStream = PrivilegeEscalationDetector.builder().build();
    // lead holds operator, the viewer it inherits and budget:change through the policy; nothing was declared
    for (String granted : List.of("operator", "viewer", "budget:change", "cost:read")) {
      assertThat(byPolicy.observe(SecurityEvents.grant(T0, "lead", "intern", granted, ""))).as(granted).isEmpty();
      assertThat(byStream.observe(SecurityEvents.grant(T0, "lead", "intern", granted, ""))).as(granted)
          .extracting(Incident::kind).containsExactly(Incident.Kind.UNHELD_GRANT);
    }
    assertThat(byPolicy.observe(SecurityEvents.grant(T0, "lead", "intern", "admin", "")))
        .extracting(Incident::kind).containsExactly(Incident.Kind.UNHELD_GRANT);
    assertThat(byPolicy.observe(SecurityEvents.grant(T0, "lead", "intern", "role:grant", "")))
        .extracting(Incident::kind).containsExactly(Incident.Kind.UNHELD_GRANT);
  }

  @Test
  void withThePolicy_aRevocationCountsAtOnce_thoughTheStreamGrantedTheRole() {
    AccessPolicy policy = orgPolicy();
    policy.bind("root", "admin", Scope.organization("acme"));
    policy.bind("ops", "admin", Scope.organization("acme"));
    PrivilegeEscalationDetector d = PrivilegeEscalationDetector.builder().accessPolicy(policy).build();
    assertThat(d.observe(SecurityEvents.grant(T0, "root", "ops", "admin", ""))).isEmpty();
    assertThat(d.observe(SecurityEvents.grant(T0.plusSeconds(1), "ops", "dev", "admin", ""))).isEmpty();
    policy.unbind("ops", "admin", Scope.organization("acme"));
    assertThat(d.observe(SecurityEvents.grant(T0.plusSeconds(2), "ops", "dev", "admin", "")))
        .extracting(Incident::kind).containsExactly(Incident.Kind.UNHELD_GRANT);
  }

  @Test
  void withThePolicy_aSelfGrantAlreadyAppliedToThePolicy_isStillCritical_butAStrongerRoleCovers() {
    AccessPolicy policy = orgPolicy();
    PrivilegeEscalationDetector d = PrivilegeEscalationDetector.builder().accessPolicy(policy).build();
    // mallory bound herself to admin, and the grant was audited afterwards
    policy.bind("mallory", "admin", Scope.organization("acme"));
    assertThat(d.observe(SecurityEvents.grant(T0, "mallory", "mallory", "admin", "")))
        .extracting(Incident::kind).containsExactly(Incident.Kind.SELF_GRANT);
    // an admin re-granting itself a role its own role inherits holds it already
    policy.bind("root", "admin", Scope.organization("acme"));
    policy.bind("root", "viewer", Scope.organization("acme"));
    assertThat(d.observe(SecurityEvents.grant(T0, "root", "root", "viewer", ""))).isEmpty();
  }

  @Test
  void malformedGrant_isATypedErrorNamingTheRule() {
    AuditEvent bad = AuditEvent.builder().at(T0).actor("lead").action("authz.grant").resource("grant:bob:Admin!")
        .outcome(AuditEvent.Outcome.SUCCESS).build();
    assertThatThrownBy(() -> detector.observe(bad)).isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("granted role 'Admin!' must match");
    assertThatThrownBy(() -> SecurityEvents.grant(T0, "lead", "bob", "x:y:z:w", ""))
        .isInstanceOf(MalformedEventException.class);
  }
}
