package io.stratus.security.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a role binding or a resource lives: an organization (tenant), optionally a team in it, optionally a project
 * in that team. A binding at a scope applies to everything inside it. Written {@code org[/team[/project]]}. Immutable.
 *
 * @param path organization first, then team, then project; one to three ids; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Scope(List<String> path) {

  /**
   * Validates and copies the path.
   *
   * @throws InvalidPolicyException if the path is empty, longer than three, or has a malformed id
   */
  public Scope {
    Objects.requireNonNull(path, "path");
    if (path.isEmpty() || path.size() > 3) {
      throw new InvalidPolicyException("scope", String.join("/", path),
          "must be organization[/team[/project]] (one to three ids)");
    }
    String[] names = {"organization", "team", "project"};
    for (int i = 0; i < path.size(); i++) {
      Names.id("scope " + names[i], path.get(i), false);
    }
    path = List.copyOf(path);
  }

  /**
   * The scope of a whole organization.
   *
   * @param organization the organization id; never null
   * @return the scope; never null
   */
  public static Scope organization(String organization) {
    return new Scope(List.of(organization));
  }

  /**
   * Parses {@code org[/team[/project]]}.
   *
   * @param text the scope string; never null
   * @return the scope; never null
   * @throws InvalidPolicyException naming the string if it is malformed
   */
  public static Scope parse(String text) {
    Objects.requireNonNull(text, "scope");
    try {
      return new Scope(List.of(text.split("/", -1)));
    } catch (InvalidPolicyException e) {
      throw new InvalidPolicyException("scope", text, e.getMessage());
    }
  }

  /**
   * The child scope one level down (team inside an organization, project inside a team).
   *
   * @param id the child's id; never null
   * @return the child scope; never null
   * @throws InvalidPolicyException if this is already a project scope or the id is malformed
   */
  public Scope child(String id) {
    List<String> p = new ArrayList<>(path);
    p.add(id);
    return new Scope(p);
  }

  /**
   * The organization (tenant) this scope belongs to.
   *
   * @return the organization id; never null
   */
  public String organization() {
    return path.get(0);
  }

  /**
   * Whether {@code other} is this scope or lies inside it.
   *
   * @param other the scope to test; never null
   * @return true if this scope's path is a prefix of the other's
   */
  public boolean contains(Scope other) {
    return other.path.size() >= path.size() && other.path.subList(0, path.size()).equals(path);
  }

  @Override
  public String toString() {
    return String.join("/", path);
  }
}
