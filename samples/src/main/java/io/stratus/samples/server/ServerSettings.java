package io.stratus.samples.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reference server's settings from environment variables (the only place that reads them): {@code STRATUS_BIND}
 * (default {@code 127.0.0.1}), {@code STRATUS_PORT} (8080), {@code STRATUS_DATA_DIR} (the webhook outbox; default
 * {@code ./stratus-data}), {@code STRATUS_ADMIN_KEY} (a {@code strk_} key for the admin principal; one is issued and
 * printed when absent), {@code STRATUS_ALERT_RULES} (a YAML file), {@code STRATUS_SHUTDOWN_GRACE} (ISO 8601, PT10S)
 * and {@code STRATUS_READINESS_DRAIN} (PT0S). Immutable.
 */
record ServerSettings(InetAddress bindAddress, int port, Path dataDirectory, Optional<String> adminKey,
    Optional<Path> alertRules, Duration shutdownGrace, Duration readinessDrain) {

  static ServerSettings from(Function<String, String> env) {
    String bind = or(env, "STRATUS_BIND", "127.0.0.1");
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("STRATUS_BIND must be an address or host name, got '" + bind + "'", e);
    }
    String portText = or(env, "STRATUS_PORT", "8080");
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("STRATUS_PORT must be an integer 0 to 65535, got '" + portText + "'", e);
    }
    return new ServerSettings(address, port, Path.of(or(env, "STRATUS_DATA_DIR", "stratus-data")),
        Optional.ofNullable(env.apply("STRATUS_ADMIN_KEY")).filter(s -> !s.isBlank()),
        Optional.ofNullable(env.apply("STRATUS_ALERT_RULES")).filter(s -> !s.isBlank()).map(Path::of),
        duration(env, "STRATUS_SHUTDOWN_GRACE", "PT10S"), duration(env, "STRATUS_READINESS_DRAIN", "PT0S"));
  }

  private static String or(Function<String, String> env, String name, String fallback) {
    String v = env.apply(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static Duration duration(Function<String, String> env, String name, String fallback) {
    String text = or(env, name, fallback);
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be an ISO 8601 duration such as PT10S, got '" + text + "'", e);
    }
  }
}
