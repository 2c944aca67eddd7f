package io.stratus.monitoring.alerting;

import io.stratus.InvalidConfigurationException;
import io.stratus.spi.Notification.Severity;
import io.stratus.spi.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the channels of a notification from the {@link NotificationRoute}s, with the quiet-hours hold per channel.
 * Immutable and thread-safe.
 */
final class Router {
  /** An escalation that is due. */
  record Escalation(String route, Duration after, Map<String, Instant> channels) {}

  private final List<NotificationRoute> routes;
  private final List<String> allChannels = new ArrayList<>();

  Router(List<NotificationRoute> routes, List<NotificationChannel> channels) {
    this.routes = List.copyOf(routes);
    for (NotificationChannel c : channels) {
      allChannels.add(c.id());
    }
  }

  /** Fails when a route names a channel that is not registered, listing every such reference. */
  static void validate(List<NotificationRoute> routes, List<NotificationChannel> channels) {
    Set<String> ids = new HashSet<>();
    channels.forEach(c -> ids.add(c.id()));
    List<String> problems = new ArrayList<>();
    for (NotificationRoute r : routes) {
      for (String id : r.channels()) {
        if (!ids.contains(id)) {
          problems.add("route '" + r.name() + "': channels has '" + id + "', which is not a registered channel");
        }
      }
      for (String id : r.escalationChannels()) {
        if (!ids.contains(id)) {
          problems.add("route '" + r.name() + "': escalation.channels has '" + id
              + "', which is not a registered channel");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException("AlertEngine routes reference unknown channels (registered: "
          + ids.stream().sorted().toList() + "): " + String.join("; ", problems));
    }
  }

  /** Channel id to the instant it is held until (null: deliver now), for a notification. */
  Map<String, Instant> route(Map<String, String> labels, Severity severity, Instant now) {
    Map<String, Instant> out = new LinkedHashMap<>();
    boolean taken = false;
    for (NotificationRoute r : routes) {
      if (!r.matches(labels, severity)) {
        continue;
      }
      taken = true;
      Instant hold = r.quietHours().flatMap(q -> q.holdUntil(severity, now)).orElse(null);
      for (String id : r.channels()) {
        if (!out.containsKey(id) || (out.get(id) != null && (hold == null || hold.isBefore(out.get(id))))) {
          out.put(id, hold);
        }
      }
      if (!r.continueMatching()) {
        break;
      }
    }
    if (!taken) {
      for (String id : allChannels) {
        out.put(id, null);
      }
    }
    return out;
  }

  /** The escalation due for an alert fired at {@code firedAt}: the first matching route that escalates. */
  Optional<Escalation> escalation(Map<String, String> labels, Severity severity, Instant firedAt, Instant now) {
    for (NotificationRoute r : routes) {
      if (!r.matches(labels, severity)) {
        continue;
      }
      if (r.escalateAfter().isPresent()) {
        Duration after = r.escalateAfter().get();
        if (now.isBefore(firedAt.plus(after))) {
          return Optional.empty();
        }
        Map<String, Instant> channels = new LinkedHashMap<>();
        r.escalationChannels().forEach(id -> channels.put(id, null));
        return Optional.of(new Escalation(r.name(), after, channels));
      }
      if (!r.continueMatching()) {
        break;
      }
    }
    return Optional.empty();
  }
}
