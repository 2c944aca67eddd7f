package io.stratus.security.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AccessPolicyProperties {
  private static final List<String> TYPES = List.of("cost", "budget", "*");
  private static final List<String> ACTIONS = List.of("read", "change", "*");
  private static final List<String> INSTANCES = List.of("b1", "b2", "*");
  private static final List<String> SCOPES = List.of("acme", "acme/t1", "acme/t1/p1", "acme/t2");

  record Spec(List<List<Rule>> roleRules, List<Integer> parentOf, List<int[]> bindings) {}

  @Provide
  Arbitrary<Spec> specs() {
    Arbitrary<Rule> rule = Combinators.combine(Arbitraries.of(Rule.Effect.values()), Arbitraries.of(TYPES),
        Arbitraries.of(ACTIONS), Arbitraries.of(INSTANCES))
        .as((e, t, a, i) -> new Rule(e, new Permission(t, a, i)));
    Arbitrary<List<List<Rule>>> roles = rule.list().ofMaxSize(3).list().ofMinSize(1).ofMaxSize(5);
    return roles.flatMap(rs -> Combinators.combine(
        Arbitraries.integers().between(-1, 4).list().ofSize(rs.size()),
        Combinators.combine(Arbitraries.integers().between(0, rs.size() - 1), Arbitraries.integers().between(0, 3))
            .as((r, s) -> new int[] {r, s}).list().ofMaxSize(4))
        .as((parents, binds) -> new Spec(rs, parents, binds)));
  }

  private static AccessPolicy build(Spec spec) {
    AccessPolicy p = AccessPolicy.create();
    p.addTenant("acme");
    for (int i = 0; i < spec.roleRules.size(); i++) {
      int parent = spec.parentOf.get(i);
      Set<String> parents = parent >= 0 && parent < i ? Set.of("r" + parent) : Set.of();
      p.defineRole(new Role("r" + i, spec.roleRules.get(i), parents));
    }
    for (int[] b : spec.bindings) {
      p.bind("u", "r" + b[0], Scope.parse(SCOPES.get(b[1])));
    }
    return p;
  }

  /** Independent oracle: every rule reachable through a binding whose scope contains the target. */
  private static List<Rule> applicable(Spec spec, Permission requested, Scope target) {
    List<Rule> out = new ArrayList<>();
    for (int[] b : spec.bindings) {
      if (!Scope.parse(SCOPES.get(b[1])).contains(target)) {
        continue;
      }
      Set<Integer> seen = new HashSet<>();
      for (int r = b[0]; r >= 0 && seen.add(r); r = spec.parentOf.get(r) < r ? spec.parentOf.get(r) : -1) {
        for (Rule rule : spec.roleRules.get(r)) {
          if (rule.permission().implies(requested)) {
            out.add(rule);
          }
        }
      }
    }
    return out;
  }

  @Property
  void allowedOnlyWithAGrantingRule_andDenyAlwaysWins(@ForAll("specs") Spec spec,
      @ForAll("concreteTypes") String type, @ForAll("concreteActions") String action,
      @ForAll("concreteInstances") String instance, @ForAll("scopeIndex") int scope) {
    AccessPolicy p = build(spec);
    Scope target = Scope.parse(SCOPES.get(scope));
    Decision d = p.check(Principal.user("u"), action, Resource.of(type, instance, target));
    List<Rule> rules = applicable(spec, d.requested(), target);
    boolean anyDeny = rules.stream().anyMatch(r -> r.effect() == Rule.Effect.DENY);
    boolean anyAllow = rules.stream().anyMatch(r -> r.effect() == Rule.Effect.ALLOW);
    assertThat(d.allowed()).isEqualTo(anyAllow && !anyDeny);
    if (d.allowed()) {
      Rule r = d.rule().orElseThrow();
      assertThat(r.effect()).isEqualTo(Rule.Effect.ALLOW);
      assertThat(r.permission().implies(d.requested())).isTrue();
    }
    if (anyDeny) {
      assertThat(d.rule().orElseThrow().effect()).isEqualTo(Rule.Effect.DENY);
    }
  }

  @Property
  void emptyPolicy_deniesEverything(@ForAll("concreteTypes") String type, @ForAll("concreteActions") String action) {
    assertThat(AccessPolicy.create().check(Principal.user("u"), action, Resource.of(type, Scope.organization("o")))
        .allowed()).isFalse();
  }

  @Property
  void fuzzedPermissionStrings_parseOrFailNamingTheValue(@ForAll("fuzz") String text) {
    try {
      Permission p = Permission.parse(text);
      assertThat(Permission.parse(p.toString())).isEqualTo(p);
    } catch (InvalidPolicyException e) {
      assertThat(e.getMessage()).startsWith("permission '" + text + "' is invalid: ");
      assertThat(e.value()).isEqualTo(text);
    }
  }

  @Property
  void fuzzedRules_errorNamesTheRuleAndRole(@ForAll("fuzz") String text) {
    try {
      Role.of("r", Set.of(), text);
    } catch (InvalidPolicyException e) {
      assertThat(e.field()).isEqualTo("rule 1 of role r");
      assertThat(e.getMessage()).contains("'" + text + "'");
    }
    assertThatThrownBy(() -> Permission.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Provide
  Arbitrary<String> fuzz() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("ab*:!-_.@/ Z9\u00e9\n").ofMaxLength(20),
        Arbitraries.strings().ofMaxLength(12));
  }

  @Provide
  Arbitrary<String> concreteTypes() {
    return Arbitraries.of("cost", "budget");
  }

  @Provide
  Arbitrary<String> concreteActions() {
    return Arbitraries.of("read", "change");
  }

  @Provide
  Arbitrary<String> concreteInstances() {
    return Arbitraries.of("b1", "b2", "*");
  }

  @Provide
  Arbitrary<Integer> scopeIndex() {
    return Arbitraries.integers().between(0, SCOPES.size() - 1);
  }
}
