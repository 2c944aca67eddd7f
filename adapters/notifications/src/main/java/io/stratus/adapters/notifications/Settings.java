package io.stratus.adapters.notifications;

import io.stratus.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Reads a factory's settings map, collecting every problem; secret values are never echoed. Not thread-safe (one per
 * {@code create} call).
 */
final class Settings {
  private final String type;
  private final String channelId;
  private final Map<String, String> values;
  private final Set<String> secrets;
  private final List<String> problems = new ArrayList<>();

  Settings(String type, String channelId, Map<String, String> values, Set<String> known, Set<String> secrets) {
    this.type = type;
    this.channelId = channelId;
    this.values = Map.copyOf(values);
    this.secrets = secrets;
    Set<String> all = new TreeSet<>(known);
    all.addAll(Set.of("timeout", "rateLimit.perPeriod", "rateLimit.period"));
    for (String k : new TreeSet<>(values.keySet())) {
      if (!all.contains(k)) {
        problems.add(k + ": unknown setting; known: " + all);
      }
    }
  }

  private String shown(String key) {
    return secrets.contains(key) ? "(secret, not shown)" : "'" + values.get(key) + "'";
  }

  String required(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      problems.add(key + ": missing; it is required");
      return null;
    }
    return v;
  }

  String optional(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? null : v;
  }

  URI url(String key, boolean required) {
    String v = required ? required(key) : optional(key);
    if (v == null) {
      return null;
    }
    try {
      return Checks.httpUrl(new URI(v.trim()), key);
    } catch (URISyntaxException | IllegalArgumentException e) {
      problems.add(key + ": " + shown(key) + " is not an absolute http or https URL");
      return null;
    }
  }

  Integer integer(String key, int min, int max, boolean required) {
    String v = required ? required(key) : optional(key);
    if (v == null) {
      return null;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(key + ": " + shown(key) + " must be an integer in " + min + ".." + max);
    return null;
  }

  Duration duration(String key) {
    String v = optional(key);
    if (v == null) {
      return null;
    }
    try {
      Duration d = Duration.parse(v.trim());
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (DateTimeException e) {
      // reported below
    }
    problems.add(key + ": " + shown(key) + " must be a positive ISO-8601 duration such as PT10S");
    return null;
  }

  Boolean bool(String key) {
    String v = optional(key);
    if (v == null) {
      return null;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.valueOf(v);
    }
    problems.add(key + ": " + shown(key) + " must be true or false");
    return null;
  }

  MessageTemplate template(String key) {
    String v = optional(key);
    if (v == null) {
      return null;
    }
    try {
      return MessageTemplate.of(v);
    } catch (IllegalArgumentException e) {
      problems.add(key + ": " + e.getMessage());
      return null;
    }
  }

  /** Applies a builder step, turning its IllegalArgumentException into a problem. */
  void apply(String key, Runnable step) {
    try {
      step.run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      problems.add(key + ": " + e.getMessage());
    }
  }

  /**
   * Reads the common timeout and rate-limit settings into the builder (when there is one; problems are collected
   * either way), then throws if anything was wrong.
   *
   * @return the builder, not null once this returns
   */
  <B> B finish(B builder, BiConsumer<B, Duration> timeout, RateLimitSetter<B> rateLimit) {
    Duration t = duration("timeout");
    if (t != null && builder != null) {
      timeout.accept(builder, t);
    }
    Integer per = integer("rateLimit.perPeriod", 1, Integer.MAX_VALUE, false);
    Duration period = duration("rateLimit.period");
    if (per != null) {
      if (builder != null) {
        rateLimit.set(builder, per, period == null ? Duration.ofSeconds(1) : period);
      }
    } else if (period != null) {
      problems.add("rateLimit.period: set without rateLimit.perPeriod");
    }
    check();
    return builder;
  }

  /** Sets a rate limit on a builder. */
  interface RateLimitSetter<B> {
    void set(B builder, int perPeriod, Duration period);
  }

  /** Throws if anything was wrong. */
  void check() {
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(type + " notification channel '" + channelId + "' has "
          + problems.size() + " setting problem(s): " + String.join("; ", problems));
    }
  }
}
