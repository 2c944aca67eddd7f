package io.stratus.security.authz;

import java.util.Objects;
import java.util.regex.Pattern;

/** Shared checks on the identifiers of the access model. Stateless. */
final class Names {
  static final String WILDCARD = "*";
  private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

  private Names() {}

  /** A lower-case name such as a resource type, an action or a role: {@code [a-z][a-z0-9-]*}, at most 63 chars. */
  static String segment(String field, String value, boolean wildcardAllowed) {
    Objects.requireNonNull(value, field);
    if (wildcardAllowed && value.equals(WILDCARD)) {
      return value;
    }
    if (!SEGMENT.matcher(value).matches()) {
      throw new InvalidPolicyException(field, value, "must match [a-z][a-z0-9-]* (at most 63 characters)"
          + (wildcardAllowed ? " or be the whole-segment wildcard '*'" : ""));
    }
    return value;
  }

  /** An identifier such as an organization, team, project, instance or principal id. */
  static String id(String field, String value, boolean wildcardAllowed) {
    Objects.requireNonNull(value, field);
    if (wildcardAllowed && value.equals(WILDCARD)) {
      return value;
    }
    if (!ID.matcher(value).matches()) {
      throw new InvalidPolicyException(field, value, "must match [A-Za-z0-9][A-Za-z0-9._@-]* (at most 128 characters)"
          + (wildcardAllowed ? " or be the whole-segment wildcard '*'" : ""));
    }
    return value;
  }
}
