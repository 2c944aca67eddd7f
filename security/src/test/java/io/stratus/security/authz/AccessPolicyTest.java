package io.stratus.security.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private final Scope acme = Scope.organization("acme");
  private final Scope teamA = acme.child("team-a");
  private final Scope projX = teamA.child("proj-x");

  private AccessPolicy policy() {
    AccessPolicy p = AccessPolicy.create();
    p.addTenant("acme");
    p.defineRole(Role.of("viewer", Set.of(), "cost:read"));
    p.defineRole(Role.of("operator", Set.of("viewer"), "workload:place", "budget:*"));
    p.defineRole(Role.of("restricted-operator", Set.of("operator"), "!budget:change"));
    return p;
  }

  @Test
  void check_inheritedAllow_namesRuleRoleAndScope() {
    AccessPolicy p = policy();
    p.bind("alice", "operator", teamA);
    Decision d = p.check(Principal.user("alice"), "read", Resource.of("cost", projX));
    assertThat(d.allowed()).isTrue();
    assertThat(d.role()).contains("viewer");
    assertThat(d.reason()).isEqualTo("allowed cost:read on acme/team-a/proj-x by rule 'allow cost:read' of role viewer"
        + " bound at acme/team-a");
  }

  @Test
  void check_outsideBindingScope_denied() {
    AccessPolicy p = policy();
    p.bind("alice", "operator", teamA);
    Decision d = p.check(Principal.user("alice"), "read", Resource.of("cost", acme.child("team-b")));
    assertThat(d.allowed()).isFalse();
    assertThat(d.rule()).isEmpty();
    assertThat(d.reason()).contains("no rule grants it");
  }

  @Test
  void check_denyInChildRole_overridesInheritedAllow() {
    AccessPolicy p = policy();
    p.bind("bob", "restricted-operator", acme);
    Decision d = p.check(Principal.user("bob"), "change", Resource.of("budget", "monthly", projX));
    assertThat(d.allowed()).isFalse();
    assertThat(d.rule()).contains(Rule.deny("budget:change"));
    assertThat(p.check(Principal.user("bob"), "place", Resource.of("workload", projX)).allowed()).isTrue();
  }

  @Test
  void check_denyFromAnotherBinding_overridesAllow() {
    AccessPolicy p = policy();
    p.defineRole(Role.of("no-spend", Set.of(), "!spend:*"));
    p.defineRole(Role.of("admin", Set.of(), "*:*"));
    p.bind("carol", "admin", acme);
    p.bind("carol", "no-spend", projX);
    assertThat(p.check(Principal.user("carol"), "approve", Resource.of("spend", teamA)).allowed()).isTrue();
    assertThat(p.check(Principal.user("carol"), "approve", Resource.of("spend", projX)).allowed()).isFalse();
  }

  @Test
  void check_instanceGrant_doesNotGrantTheWholeType() {
    AccessPolicy p = policy();
    p.defineRole(Role.of("one-budget", Set.of(), "budget:change:b1"));
    p.bind("dave", "one-budget", acme);
    assertThat(p.check(Principal.user("dave"), "change", Resource.of("budget", "b1", acme)).allowed()).isTrue();
    assertThat(p.check(Principal.user("dave"), "change", Resource.of("budget", "b2", acme)).allowed()).isFalse();
    assertThat(p.check(Principal.user("dave"), "change", Resource.of("budget", acme)).allowed()).isFalse();
  }

  @Test
  void defineRole_cycleThroughRedefinition_throwsTypedErrorAndKeepsPolicy() {
    AccessPolicy p = policy();
    assertThatThrownBy(() -> p.defineRole(Role.of("viewer", Set.of("restricted-operator"), "cost:read")))
        .isInstanceOfSatisfying(RoleCycleException.class, e -> assertThat(e.cycle())
            .containsExactly("viewer", "restricted-operator", "operator", "viewer"))
        .hasMessageContaining("viewer -> restricted-operator -> operator -> viewer");
    assertThat(p.role("viewer").orElseThrow().parents()).isEmpty();
  }

  @Test
  void defineRole_selfParent_isCycle() {
    assertThatThrownBy(() -> Role.of("x", Set.of("x"))).isInstanceOf(RoleCycleException.class);
  }

  @Test
  void defineRole_unknownParent_namesIt() {
    assertThatThrownBy(() -> AccessPolicy.create().defineRole(Role.of("x", Set.of("ghost"))))
        .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("'ghost'");
  }

  @Test
  void bind_unknownTenantOrRole_refused() {
    AccessPolicy p = policy();
    assertThatThrownBy(() -> p.bind("a", "viewer", Scope.organization("other")))
        .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("'other'");
    assertThatThrownBy(() -> p.bind("a", "ghost", acme))
        .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("'ghost'");
  }

  @Test
  void tenantAddedAtRunTime_canBeBoundAndUnbound() {
    AccessPolicy p = policy();
    p.addTenant("globex");
    Scope g = Scope.parse("globex/ops");
    p.bind("erin", "viewer", g);
    assertThat(p.check(Principal.user("erin"), "read", Resource.of("cost", g)).allowed()).isTrue();
    assertThat(p.unbind("erin", "viewer", g)).isTrue();
    assertThat(p.check(Principal.user("erin"), "read", Resource.of("cost", g)).allowed()).isFalse();
  }

  @Test
  void guard_deniedOperation_throwsAccessDenied() {
    AccessPolicy p = policy();
    p.bind("svc", "viewer", acme);
    AccessGuard guard = AccessGuard.of(p);
    Principal svc = Principal.serviceAccount("svc");
    assertThat(guard.require(svc, SdkPermissions.READ_COST_DATA, teamA).allowed()).isTrue();
    assertThatThrownBy(() -> guard.require(svc, SdkPermissions.APPROVE_SPEND, teamA))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
          assertThat(e.principalId()).isEqualTo("svc");
          assertThat(e.decision().allowed()).isFalse();
        })
        .hasMessage("service_account svc is denied spend:approve on acme/team-a: no rule grants it");
  }

  @Test
  void permission_parseAndPrint_roundTrip() {
    assertThat(Permission.parse("budget:change:b-1").toString()).isEqualTo("budget:change:b-1");
    assertThat(Permission.parse("budget:change:*")).isEqualTo(Permission.parse("budget:change"));
  }

  @Test
  void permission_malformed_namesValueAndRule() {
    assertThatThrownBy(() -> Permission.parse("budget"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("permission 'budget' is invalid: must have the form resource:action[:instance]");
    assertThatThrownBy(() -> Permission.parse("bud*:read"))
        .hasMessageStartingWith("permission 'bud*:read' is invalid: permission resource 'bud*' is invalid");
    assertThatThrownBy(() -> Role.of("r", Set.of(), "cost:read", "Cost:Read"))
        .isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
          assertThat(e.field()).isEqualTo("rule 2 of role r");
          assertThat(e.value()).isEqualTo("Cost:Read");
        });
  }

  @Test
  void scope_malformed_named() {
    assertThatThrownBy(() -> Scope.parse("a/b/c/d")).hasMessageContaining("'a/b/c/d'");
    assertThatThrownBy(() -> Scope.parse("a//c")).hasMessageContaining("scope team ''");
  }

  @Test
  void bindingsOf_listsOnePrincipalsBindingsSorted_asAnImmutableSnapshot() {
    AccessPolicy p = AccessPolicy.create();
    p.addTenant("acme");
    p.defineRole(Role.of("viewer", Set.of(), "cost:read"));
    p.defineRole(Role.of("operator", Set.of("viewer"), "workload:place"));
    p.bind("alice", "viewer", acme);
    p.bind("alice", "operator", teamA);
    p.bind("bob", "viewer", acme);
    List<RoleBinding> alice = p.bindingsOf("alice");
    assertThat(alice).containsExactly(new RoleBinding("alice", "operator", teamA),
        new RoleBinding("alice", "viewer", acme));
    p.unbind("alice", "viewer", acme);
    assertThat(alice).hasSize(2);
    assertThat(p.bindingsOf("alice")).extracting(RoleBinding::role).containsExactly("operator");
    assertThat(p.bindingsOf("nobody")).isEmpty();
    assertThatThrownBy(() -> alice.add(alice.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(p.inheritedRoles("operator")).containsExactly("operator", "viewer");
    assertThat(p.inheritedRoles("undefined")).isEmpty();
  }
}
