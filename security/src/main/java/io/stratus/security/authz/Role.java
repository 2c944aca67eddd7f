package io.stratus.security.authz;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A named set of rules that also inherits the rules of its parent roles. Immutable value.
 *
 * @param name the role name, {@code [a-z][a-z0-9-]*}; never null
 * @param rules the role's own rules, in order; never null
 * @param parents names of the roles it inherits from; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Role(String name, List<Rule> rules, Set<String> parents) {

  /**
   * Validates and copies the components.
   *
   * @throws InvalidPolicyException if a name is malformed or the role names itself as a parent
   */
  public Role {
    Names.segment("role name", name, false);
    rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    parents = Set.copyOf(Objects.requireNonNull(parents, "parents"));
    for (String parent : parents) {
      Names.segment("parent role name", parent, false);
      if (parent.equals(name)) {
        throw new RoleCycleException(name, List.of(name, name));
      }
    }
  }

  /**
   * A role from permission strings, prefixed {@code !} for deny rules, e.g. {@code "!budget:change"}.
   *
   * @param name the role name; never null
   * @param parents the parent role names; never null
   * @param rules the rules, {@code [!]resource:action[:instance]}; never null
   * @return the role; never null
   * @throws InvalidPolicyException naming the role and the rule if a rule is malformed
   */
  public static Role of(String name, Set<String> parents, String... rules) {
    Rule[] parsed = new Rule[rules.length];
    for (int i = 0; i < rules.length; i++) {
      String r = Objects.requireNonNull(rules[i], "rule");
      try {
        parsed[i] = r.startsWith("!") ? Rule.deny(r.substring(1)) : Rule.allow(r);
      } catch (InvalidPolicyException e) {
        throw new InvalidPolicyException("rule " + (i + 1) + " of role " + name, r, e.getMessage());
      }
    }
    return new Role(name, List.of(parsed), parents);
  }
}
