package io.stratus.monitoring.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stratus.InvalidConfigurationException;
import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.LabelMatcher;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.spi.Notification.Severity;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Alert rules and notification routes as configuration, read from JSON or YAML text. The SDK reads no files: the
 * host passes the text. Every problem is reported at once, each naming its path, value and rule, e.g. {@code
 * rules[0] (rule 'HighCpu').condition.above: 'high' is not a number}.
 *
 * <p>Format (YAML shown; JSON has the same shape):
 *
 * <pre>{@code
 * rules:
 *   - name: HighCpu                          # becomes the alertname label
 *     signal: metric                         # metric (default), cost, budget or anomaly
 *     select: 'cpu.utilization{region="eu"}' # a series selector
 *     condition: {above: 90, clear: 80}      # or {below: 10, clear: 20}, {risingFasterThan: 0.5}, {absentFor: 10m}
 *     for: 5m                                # 30s, 5m, 2h, 1d or ISO-8601 (PT5M); default 0
 *     keepFiringFor: 0s
 *     severity: critical                     # info, warning (default) or critical
 *     labels: {team: infra}
 * routes:
 *   - name: infra-pager
 *     match: {team: infra}
 *     minSeverity: warning
 *     channels: [slack]
 *     continue: false
 *     quietHours: {zone: Europe/Paris, from: "22:00", to: "07:00", days: [MON, TUE, WED, THU, FRI], bypassAtLeast: critical}
 *     escalation: {after: 30m, channels: [pagerduty]}
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AlertConfig {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final List<AlertRule> rules;
  private final List<NotificationRoute> routes;

  private AlertConfig(List<AlertRule> rules, List<NotificationRoute> routes) {
    this.rules = List.copyOf(rules);
    this.routes = List.copyOf(routes);
  }

  /**
   * Reads a JSON configuration.
   *
   * @param json the text; never null
   * @return the configuration; never null
   * @throws InvalidConfigurationException listing every problem, or if the text is not JSON
   */
  public static AlertConfig fromJson(String json) {
    return read(new ObjectMapper(), Checks.nonNull(json, "json"), "JSON");
  }

  /**
   * Reads a YAML configuration.
   *
   * @param yaml the text; never null
   * @return the configuration; never null
   * @throws InvalidConfigurationException listing every problem, or if the text is not YAML
   */
  public static AlertConfig fromYaml(String yaml) {
    return read(new YAMLMapper(), Checks.nonNull(yaml, "yaml"), "YAML");
  }

  /**
   * The rules, in the order given.
   *
   * @return an immutable list; never null
   */
  public List<AlertRule> rules() {
    return rules;
  }

  /**
   * The routes, in the order given.
   *
   * @return an immutable list; never null
   */
  public List<NotificationRoute> routes() {
    return routes;
  }

  private static AlertConfig read(ObjectMapper mapper, String text, String format) {
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigurationException("alert configuration is not valid " + format + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }
    Reader r = new Reader();
    List<AlertRule> rules = new ArrayList<>();
    List<NotificationRoute> routes = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = mapper.createObjectNode();
    }
    if (!root.isObject()) {
      r.problem("(root)", root, "must be an object with 'rules' and 'routes'");
    } else {
      r.unknown("(root)", root, Set.of("rules", "routes"));
      JsonNode rulesNode = root.path("rules");
      if (!rulesNode.isMissingNode() && !rulesNode.isArray()) {
        r.problem("rules", rulesNode, "must be a list");
      } else {
        int i = 0;
        for (JsonNode n : rulesNode) {
          AlertRule rule = r.rule(n, i++);
          if (rule != null) {
            if (rules.stream().anyMatch(x -> x.name().equals(rule.name()))) {
              r.problems.add("rules[" + (i - 1) + "].name: '" + rule.name() + "' is used by an earlier rule; names "
                  + "must be unique");
            } else {
              rules.add(rule);
            }
          }
        }
      }
      JsonNode routesNode = root.path("routes");
      if (!routesNode.isMissingNode() && !routesNode.isArray()) {
        r.problem("routes", routesNode, "must be a list");
      } else {
        int i = 0;
        for (JsonNode n : routesNode) {
          NotificationRoute route = r.route(n, i++);
          if (route != null) {
            if (routes.stream().anyMatch(x -> x.name().equals(route.name()))) {
              r.problems.add("routes[" + (i - 1) + "].name: '" + route.name() + "' is used by an earlier route; "
                  + "names must be unique");
            } else {
              routes.add(route);
            }
          }
        }
      }
    }
    if (!r.problems.isEmpty()) {
      throw new InvalidConfigurationException("alert configuration has " + r.problems.size() + " problem(s): "
          + String.join("; ", r.problems));
    }
    return new AlertConfig(rules, routes);
  }

  /** Walks the tree, collecting problems. */
  private static final class Reader {
    final List<String> problems = new ArrayList<>();

    void problem(String path, JsonNode value, String rule) {
      problems.add(path + ": " + (value == null || value.isMissingNode() ? "missing" : "'" + text(value) + "'")
          + " " + rule);
    }

    static String text(JsonNode n) {
      return n.isValueNode() ? n.asText() : n.toString();
    }

    void unknown(String path, JsonNode obj, Set<String> known) {
      for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!known.contains(f)) {
          problems.add(path + "." + f + ": unknown field; expected one of " + known.stream().sorted().toList());
        }
      }
    }

    String string(JsonNode n, String path, boolean required) {
      if (n.isMissingNode() || n.isNull()) {
        if (required) {
          problems.add(path + ": missing; it is required");
        }
        return null;
      }
      if (!n.isTextual() || n.asText().isBlank()) {
        problem(path, n, "must be a non-blank string");
        return null;
      }
      return n.asText();
    }

    Double number(JsonNode n, String path) {
      if (n.isNumber()) {
        double d = n.asDouble();
        if (Double.isFinite(d)) {
          return d;
        }
      }
      problem(path, n, "is not a finite number");
      return null;
    }

    Duration duration(JsonNode n, String path, boolean allowZero) {
      String s = string(n, path, false);
      if (s == null) {
        return null;
      }
      Duration d = null;
      Matcher m = SHORT_DURATION.matcher(s.trim());
      if (m.matches()) {
        long v = Long.parseLong(m.group(1));
        d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(v);
          case "s" -> Duration.ofSeconds(v);
          case "m" -> Duration.ofMinutes(v);
          case "h" -> Duration.ofHours(v);
          default -> Duration.ofDays(v);
        };
      } else {
        try {
          d = Duration.parse(s.trim());
        } catch (DateTimeException e) {
          problem(path, n, "is not a duration (30s, 5m, 2h, 1d or ISO-8601 such as PT5M)");
          return null;
        }
      }
      if (d.isNegative() || (!allowZero && d.isZero())) {
        problem(path, n, allowZero ? "must not be negative" : "must be positive");
        return null;
      }
      return d;
    }

    <E extends Enum<E>> E enumValue(JsonNode n, String path, Class<E> type, E dflt) {
      if (n.isMissingNode() || n.isNull()) {
        return dflt;
      }
      String s = string(n, path, false);
      if (s == null) {
        return null;
      }
      try {
        return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        List<String> allowed = new ArrayList<>();
        for (E c : type.getEnumConstants()) {
          allowed.add(c.name().toLowerCase(Locale.ROOT));
        }
        problem(path, n, "is not one of " + allowed);
        return null;
      }
    }

    List<String> strings(JsonNode n, String path) {
      List<String> out = new ArrayList<>();
      if (!n.isArray() || n.isEmpty()) {
        problem(path, n, "must be a non-empty list of strings");
        return out;
      }
      int i = 0;
      for (JsonNode e : n) {
        String s = string(e, path + "[" + i++ + "]", true);
        if (s != null) {
          out.add(s);
        }
      }
      return out;
    }

    <T> T guarded(String path, JsonNode n, Function<JsonNode, T> f) {
      try {
        return f.apply(n);
      } catch (IllegalArgumentException e) {
        problem(path, n, "is rejected: " + e.getMessage());
        return null;
      }
    }

    AlertRule rule(JsonNode n, int index) {
      String at = "rules[" + index + "]";
      if (!n.isObject()) {
        problem(at, n, "must be an object");
        return null;
      }
      String name = string(n.path("name"), at + ".name", true);
      String p = name == null ? at : at + " (rule '" + name + "')";
      int before = problems.size();
      unknown(p, n, Set.of("name", "signal", "select", "condition", "for", "keepFiringFor", "severity", "labels"));
      SignalKind kind = enumValue(n.path("signal"), p + ".signal", SignalKind.class, SignalKind.METRIC);
      String select = string(n.path("select"), p + ".select", true);
      SeriesSelector selector = select == null ? null : guarded(p + ".select", n.path("select"), x -> {
        SeriesSelector s = SeriesSelector.parse(select);
        if (kind == null || kind == SignalKind.METRIC) {
          return s;
        }
        List<LabelMatcher> matchers = new ArrayList<>(s.matchers());
        matchers.add(LabelMatcher.eq(SignalKind.LABEL, kind.labelValue()));
        return s.metric().isPresent() ? SeriesSelector.of(s.metric().get(), matchers.toArray(new LabelMatcher[0]))
            : SeriesSelector.anyMetric(matchers);
      });
      Condition condition = condition(n.path("condition"), p + ".condition");
      Duration forDuration = n.has("for") ? duration(n.path("for"), p + ".for", true) : Duration.ZERO;
      Duration keep = n.has("keepFiringFor") ? duration(n.path("keepFiringFor"), p + ".keepFiringFor", true)
          : Duration.ZERO;
      Severity severity = enumValue(n.path("severity"), p + ".severity", Severity.class, Severity.WARNING);
      JsonNode labels = n.path("labels");
      if (!labels.isMissingNode() && !labels.isObject()) {
        problem(p + ".labels", labels, "must be a map of strings");
      }
      if (problems.size() > before || name == null || selector == null || condition == null
          || forDuration == null || keep == null || severity == null) {
        return null;
      }
      return guarded(p, n, x -> {
        AlertRule.Builder b = AlertRule.builder(name, selector).condition(condition).forDuration(forDuration)
            .keepFiringFor(keep).severity(severity);
        for (Iterator<String> it = labels.fieldNames(); it.hasNext(); ) {
          String k = it.next();
          b.label(k, text(labels.get(k)));
        }
        return b.build();
      });
    }

    Condition condition(JsonNode n, String p) {
      if (!n.isObject()) {
        problem(p, n, "must be an object: {above: x, clear: y}, {below: x, clear: y}, {risingFasterThan: x} or "
            + "{absentFor: 10m}");
        return null;
      }
      unknown(p, n, Set.of("above", "below", "clear", "risingFasterThan", "absentFor"));
      int kinds = (n.has("above") ? 1 : 0) + (n.has("below") ? 1 : 0) + (n.has("risingFasterThan") ? 1 : 0)
          + (n.has("absentFor") ? 1 : 0);
      if (kinds != 1) {
        problem(p, n, "must have exactly one of above, below, risingFasterThan, absentFor");
        return null;
      }
      if (n.has("above") || n.has("below")) {
        boolean above = n.has("above");
        String key = above ? "above" : "below";
        Double level = number(n.path(key), p + "." + key);
        Double clear = n.has("clear") ? number(n.path("clear"), p + ".clear") : level;
        if (level == null || clear == null) {
          return null;
        }
        return guarded(p + ".clear", n.path("clear"),
            x -> new Condition.Threshold(above ? Condition.Direction.ABOVE : Condition.Direction.BELOW, level, clear));
      }
      if (n.has("clear")) {
        problem(p + ".clear", n.path("clear"), "applies only to above or below");
        return null;
      }
      if (n.has("risingFasterThan")) {
        Double rate = number(n.path("risingFasterThan"), p + ".risingFasterThan");
        return rate == null ? null : guarded(p + ".risingFasterThan", n.path("risingFasterThan"),
            x -> new Condition.RateOfChange(Condition.Direction.ABOVE, rate));
      }
      Duration after = duration(n.path("absentFor"), p + ".absentFor", false);
      return after == null ? null : new Condition.Absent(after);
    }

    NotificationRoute route(JsonNode n, int index) {
      String at = "routes[" + index + "]";
      if (!n.isObject()) {
        problem(at, n, "must be an object");
        return null;
      }
      String name = string(n.path("name"), at + ".name", true);
      String p = name == null ? at : at + " (route '" + name + "')";
      int before = problems.size();
      unknown(p, n, Set.of("name", "match", "minSeverity", "channels", "continue", "quietHours", "escalation"));
      NotificationRoute.Builder b = NotificationRoute.builder(name == null ? "?" : name);
      JsonNode match = n.path("match");
      if (!match.isMissingNode()) {
        if (!match.isObject()) {
          problem(p + ".match", match, "must be a map of label to value");
        } else {
          for (Iterator<String> it = match.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            b.match(k, text(match.get(k)));
          }
        }
      }
      Severity min = enumValue(n.path("minSeverity"), p + ".minSeverity", Severity.class, Severity.INFO);
      if (min != null) {
        b.minSeverity(min);
      }
      b.channels(strings(n.path("channels"), p + ".channels"));
      JsonNode cont = n.path("continue");
      if (!cont.isMissingNode()) {
        if (cont.isBoolean()) {
          b.continueMatching(cont.asBoolean());
        } else {
          problem(p + ".continue", cont, "must be true or false");
        }
      }
      JsonNode quiet = n.path("quietHours");
      if (!quiet.isMissingNode()) {
        QuietHours q = quietHours(quiet, p + ".quietHours");
        if (q != null) {
          b.quietHours(q);
        }
      }
      JsonNode esc = n.path("escalation");
      if (!esc.isMissingNode()) {
        if (!esc.isObject()) {
          problem(p + ".escalation", esc, "must be an object {after: 30m, channels: [...]}");
        } else {
          unknown(p + ".escalation", esc, Set.of("after", "channels"));
          Duration after = esc.has("after") ? duration(esc.path("after"), p + ".escalation.after", false) : null;
          if (!esc.has("after")) {
            problems.add(p + ".escalation.after: missing; it is required");
          }
          List<String> ids = strings(esc.path("channels"), p + ".escalation.channels");
          if (after != null && !ids.isEmpty()) {
            b.escalate(after, ids);
          }
        }
      }
      if (problems.size() > before || name == null) {
        return null;
      }
      return guarded(p, n, x -> b.build());
    }

    QuietHours quietHours(JsonNode n, String p) {
      if (!n.isObject()) {
        problem(p, n, "must be an object {zone, from, to, days, bypassAtLeast}");
        return null;
      }
      unknown(p, n, Set.of("zone", "from", "to", "days", "bypassAtLeast"));
      String zoneText = string(n.path("zone"), p + ".zone", true);
      ZoneId zone = null;
      if (zoneText != null) {
        try {
          zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
          problem(p + ".zone", n.path("zone"), "is not a time zone id (e.g. Europe/Paris, UTC)");
        }
      }
      LocalTime from = time(n.path("from"), p + ".from");
      LocalTime to = time(n.path("to"), p + ".to");
      Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
      if (n.has("days")) {
        days = EnumSet.noneOf(DayOfWeek.class);
        int i = 0;
        for (String d : strings(n.path("days"), p + ".days")) {
          DayOfWeek day = dayOfWeek(d);
          if (day == null) {
            problem(p + ".days[" + i + "]", n.path("days").path(i), "is not a day (MON..SUN or MONDAY..SUNDAY)");
          } else {
            days.add(day);
          }
          i++;
        }
      }
      Severity bypass = enumValue(n.path("bypassAtLeast"), p + ".bypassAtLeast", Severity.class, Severity.CRITICAL);
      if (zone == null || from == null || to == null || days.isEmpty() || bypass == null) {
        return null;
      }
      return new QuietHours(zone, from, to, days, bypass);
    }

    private static DayOfWeek dayOfWeek(String s) {
      String u = s.trim().toUpperCase(Locale.ROOT);
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d.name().equals(u) || d.name().substring(0, 3).equals(u)) {
          return d;
        }
      }
      return null;
    }

    LocalTime time(JsonNode n, String path) {
      String s = string(n, path, true);
      if (s == null) {
        return null;
      }
      try {
        return LocalTime.parse(s.trim());
      } catch (DateTimeException e) {
        problem(path, n, "is not a local time HH:mm");
        return null;
      }
    }
  }
}
