package io.stratus.reporting;

import java.util.Objects;
import java.util.regex.Pattern;

/** Checks ids that become HTML anchors and JSON keys. Stateless. */
final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}");

  private Ids() {}

  static String check(String id, String field) {
    Objects.requireNonNull(id, field);
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(field + " must match [A-Za-z][A-Za-z0-9-]{0,63}, got '" + id + "'");
    }
    return id;
  }
}
