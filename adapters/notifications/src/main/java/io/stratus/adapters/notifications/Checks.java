package io.stratus.adapters.notifications;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Argument checks whose messages name the parameter, the value and the rule (never a secret's value). */
final class Checks {
  private Checks() {}

  static String id(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("channel id must not be blank, got '" + id + "'");
    }
    return id;
  }

  /** Checks an http(s) URL; the message shows only its scheme and host, as the path may be the secret. */
  static URI httpUrl(URI url, String field) {
    Objects.requireNonNull(url, field);
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException(field + " must be an absolute http or https URL, got scheme '" + scheme
          + "' and host '" + url.getHost() + "' (rest not shown)");
    }
    return url;
  }

  static Duration positive(Duration d, String field) {
    Objects.requireNonNull(d, field);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(field + " must be positive, got " + d);
    }
    return d;
  }

  static int positive(int v, String field) {
    if (v < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + v);
    }
    return v;
  }

  static String nonBlank(String s, String field) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, got '" + s + "'");
    }
    return s;
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
