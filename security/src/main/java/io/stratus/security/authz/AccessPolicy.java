package io.stratus.security.authz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Role-based access control with scopes: tenants (organizations), roles with inheritance, and bindings of principals
 * to roles at a scope. {@link #check} answers "may this principal do this action on this resource?": the request is
 * allowed only if some rule of a role bound to the principal at the resource's scope or an enclosing one (directly or
 * inherited) allows it, and no such rule denies it; deny overrides allow. The decision names the deciding rule.
 *
 * <p>Thread-safe: tenants, roles and bindings can be added and removed at run time while other threads check; every
 * check sees one consistent snapshot (copy on write).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AccessPolicy {

  private record Binding(String role, Scope scope) {}

  private record State(Set<String> tenants, Map<String, Role> roles, Map<String, List<Binding>> bindings) {}

  private volatile State state = new State(Set.of(), Map.of(), Map.of());

  private AccessPolicy() {}

  /**
   * An empty policy: no tenants, no roles, so everything is denied.
   *
   * @return a new policy; never null
   */
  public static AccessPolicy create() {
    return new AccessPolicy();
  }

  /**
   * Adds a tenant (organization); scopes of bindings must belong to a known tenant. Adding it again does nothing.
   *
   * @param organization the organization id; never null
   * @throws InvalidPolicyException if the id is malformed
   */
  public synchronized void addTenant(String organization) {
    Names.id("organization", organization, false);
    Set<String> tenants = new HashSet<>(state.tenants);
    tenants.add(organization);
    state = new State(Set.copyOf(tenants), state.roles, state.bindings);
  }

  /**
   * The known tenants.
   *
   * @return an immutable snapshot; never null
   */
  public Set<String> tenants() {
    return state.tenants;
  }

  /**
   * Defines or replaces a role. Its parents must already be defined, and the role graph must stay acyclic.
   *
   * @param role the role; never null
   * @throws InvalidPolicyException if a parent role is unknown
   * @throws RoleCycleException if (re)defining it would make inheritance cyclic; the policy is then unchanged
   */
  public synchronized void defineRole(Role role) {
    Objects.requireNonNull(role, "role");
    Map<String, Role> roles = new LinkedHashMap<>(state.roles);
    for (String parent : new TreeSet<>(role.parents())) {
      if (!roles.containsKey(parent)) {
        throw new InvalidPolicyException("parent role of " + role.name(), parent,
            "must be defined before the roles that inherit from it");
      }
    }
    roles.put(role.name(), role);
    findCycle(role.name(), roles, new ArrayList<>()).ifPresent(cycle -> {
      throw new RoleCycleException(role.name(), cycle);
    });
    state = new State(state.tenants, Map.copyOf(roles), state.bindings);
  }

  private static Optional<List<String>> findCycle(String name, Map<String, Role> roles, List<String> path) {
    int at = path.indexOf(name);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(name);
      return Optional.of(cycle);
    }
    Role role = roles.get(name);
    if (role == null) {
      return Optional.empty();
    }
    path.add(name);
    for (String parent : new TreeSet<>(role.parents())) {
      Optional<List<String>> found = findCycle(parent, roles, path);
      if (found.isPresent()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    return Optional.empty();
  }

  /**
   * Looks a role up.
   *
   * @param name the role name; never null
   * @return the role, or empty if undefined
   */
  public Optional<Role> role(String name) {
    return Optional.ofNullable(state.roles.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * Every binding, sorted by principal id, then role name, then scope (for access reviews).
   *
   * @return an immutable snapshot; never null
   */
  public List<RoleBinding> bindings() {
    List<RoleBinding> out = new ArrayList<>();
    state.bindings.forEach((principal, list) -> list.forEach(b -> out.add(new RoleBinding(principal, b.role,
        b.scope))));
    out.sort(java.util.Comparator.comparing(RoleBinding::principalId).thenComparing(RoleBinding::role)
        .thenComparing(b -> b.scope().toString()));
    return List.copyOf(out);
  }

  /**
   * The bindings of one principal, sorted by role name, then scope: what it holds, for reviews and for detectors
   * that judge whether a principal holds what it grants. Reads one consistent snapshot of the policy (safe while other
   * threads bind and unbind); later changes do not show in the returned list.
   *
   * @param principalId the principal's id; never null
   * @return an immutable snapshot, empty if the principal holds nothing; never null
   */
  public List<RoleBinding> bindingsOf(String principalId) {
    List<Binding> mine = state.bindings.getOrDefault(Objects.requireNonNull(principalId, "principalId"), List.of());
    List<RoleBinding> out = new ArrayList<>(mine.size());
    mine.forEach(b -> out.add(new RoleBinding(principalId, b.role, b.scope)));
    out.sort(java.util.Comparator.comparing(RoleBinding::role).thenComparing(b -> b.scope().toString()));
    return List.copyOf(out);
  }

  /**
   * The roles a role inherits from, itself first, then its ancestors breadth first, each once.
   *
   * @param role the role's name; never null
   * @return an immutable list, empty if the role is undefined; never null
   */
  public List<String> inheritedRoles(String role) {
    State s = state;
    if (!s.roles.containsKey(Objects.requireNonNull(role, "role"))) {
      return List.of();
    }
    return List.copyOf(inherited(role, s.roles));
  }

  /**
   * The permissions a role allows, its ancestors' included (deny rules are not listed).
   *
   * @param role the role's name; never null
   * @return the allowed permissions in rule order, or an empty set if the role is undefined; never null
   */
  public Set<Permission> allowedBy(String role) {
    State s = state;
    if (!s.roles.containsKey(Objects.requireNonNull(role, "role"))) {
      return Set.of();
    }
    Set<Permission> out = new java.util.LinkedHashSet<>();
    for (String r : inherited(role, s.roles)) {
      for (Rule rule : s.roles.get(r).rules()) {
        if (rule.effect() == Rule.Effect.ALLOW) {
          out.add(rule.permission());
        }
      }
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * Binds a principal to a role at a scope; the role's rules then apply to that scope and everything inside it.
   *
   * @param principalId the principal's id; never null
   * @param role the role name; never null
   * @param scope the scope; never null
   * @throws InvalidPolicyException if the role or the scope's tenant is unknown
   */
  public synchronized void bind(String principalId, String role, Scope scope) {
    Names.id("principal id", principalId, false);
    Objects.requireNonNull(scope, "scope");
    if (!state.roles.containsKey(Objects.requireNonNull(role, "role"))) {
      throw new InvalidPolicyException("role", role, "must be defined before it is bound");
    }
    if (!state.tenants.contains(scope.organization())) {
      throw new InvalidPolicyException("scope organization", scope.organization(),
          "must be a tenant added with addTenant before roles are bound in it");
    }
    Map<String, List<Binding>> bindings = new HashMap<>(state.bindings);
    List<Binding> mine = new ArrayList<>(bindings.getOrDefault(principalId, List.of()));
    Binding b = new Binding(role, scope);
    if (!mine.contains(b)) {
      mine.add(b);
    }
    bindings.put(principalId, List.copyOf(mine));
    state = new State(state.tenants, state.roles, Map.copyOf(bindings));
  }

  /**
   * Removes a binding made by {@link #bind}.
   *
   * @param principalId the principal's id; never null
   * @param role the role name; never null
   * @param scope the scope; never null
   * @return true if the binding existed
   */
  public synchronized boolean unbind(String principalId, String role, Scope scope) {
    List<Binding> mine = new ArrayList<>(state.bindings.getOrDefault(principalId, List.of()));
    boolean removed = mine.remove(new Binding(role, scope));
    if (removed) {
      Map<String, List<Binding>> bindings = new HashMap<>(state.bindings);
      bindings.put(principalId, List.copyOf(mine));
      state = new State(state.tenants, state.roles, Map.copyOf(bindings));
    }
    return removed;
  }

  /**
   * Decides whether a principal may perform an action on a resource. Deny overrides allow; with no applicable allow
   * rule the answer is deny. Deterministic for a given policy snapshot.
   *
   * @param principal who acts; never null
   * @param action the action, e.g. {@code change}; never null
   * @param resource the target; never null
   * @return the decision with its reason; never null
   * @throws InvalidPolicyException if the action is malformed
   */
  public Decision check(Principal principal, String action, Resource resource) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(resource, "resource");
    Permission requested = new Permission(resource.type(), Names.segment("action", action, false),
        resource.instance());
    State s = state;
    Decision allow = null;
    for (Binding binding : s.bindings.getOrDefault(principal.id(), List.of())) {
      if (!binding.scope.contains(resource.scope())) {
        continue;
      }
      for (String roleName : inherited(binding.role, s.roles)) {
        for (Rule rule : s.roles.get(roleName).rules()) {
          if (!rule.permission().implies(requested)) {
            continue;
          }
          if (rule.effect() == Rule.Effect.DENY) {
            return new Decision(false, requested, resource, rule, roleName, binding.scope);
          }
          if (allow == null) {
            allow = new Decision(true, requested, resource, rule, roleName, binding.scope);
          }
        }
      }
    }
    return allow != null ? allow : Decision.noRule(requested, resource);
  }

  /** The role and its ancestors, breadth first, each once. */
  private static List<String> inherited(String role, Map<String, Role> roles) {
    List<String> out = new ArrayList<>();
    out.add(role);
    for (int i = 0; i < out.size(); i++) {
      for (String parent : new TreeSet<>(roles.get(out.get(i)).parents())) {
        if (!out.contains(parent)) {
          out.add(parent);
        }
      }
    }
    return out;
  }
}
