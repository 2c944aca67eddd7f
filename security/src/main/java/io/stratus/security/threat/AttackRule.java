package io.stratus.security.threat;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A rule for a known attack pattern, run by {@link AttackPatternDetector}. Immutable value.
 *
 * <ul>
 *   <li>{@link Type#ENUMERATION}: one principal denied on at least {@code threshold} distinct permissions (with their
 *       instances) within {@code window}; reported once until the count drops below the threshold.
 *   <li>{@link Type#REVOKED_KEY_USE}: a revoked API key presented ({@code authn.apikey} or {@code apikey.request});
 *       reported once per key per {@code window}; {@code threshold} is unused (1).
 *   <li>{@link Type#MFA_FAILURES_THEN_NEW_SOURCE}: at least {@code threshold} failed MFA challenges ({@code
 *       authn.mfa}) of one principal within {@code window}, then a successful one from a source the principal never
 *       completed MFA from.
 * </ul>
 *
 * @param type the pattern; never null
 * @param threshold the count the pattern needs; at least 1 (at least 2 for enumeration)
 * @param window the period counted over; positive; never null
 * @param severity the severity of its incidents; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AttackRule(Type type, int threshold, Duration window, Incident.Severity severity) {

  /** The known patterns; the text name is the constant's name in lower case with dashes. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Type {
    /** Many distinct denied resources: {@code enumeration}. */
    ENUMERATION(20, Duration.ofMinutes(5)),
    /** A revoked key presented: {@code revoked-key-use}. */
    REVOKED_KEY_USE(1, Duration.ofHours(1)),
    /** MFA failures then a success from a new source: {@code mfa-failures-then-new-source}. */
    MFA_FAILURES_THEN_NEW_SOURCE(3, Duration.ofMinutes(10));

    private final int defaultThreshold;
    private final Duration defaultWindow;

    Type(int defaultThreshold, Duration defaultWindow) {
      this.defaultThreshold = defaultThreshold;
      this.defaultWindow = defaultWindow;
    }

    /**
     * The rule's name in rule texts.
     *
     * @return e.g. {@code revoked-key-use}; never null
     */
    public String textName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    int minThreshold() {
      return this == ENUMERATION ? 2 : 1;
    }
  }

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException naming the component that breaks its rule
   */
  public AttackRule {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(severity, "severity");
    if (threshold < type.minThreshold()) {
      throw new IllegalArgumentException("threshold " + threshold + " of rule " + type.textName() + " must be at least "
          + type.minThreshold());
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window " + window + " of rule " + type.textName() + " must be positive");
    }
  }

  /**
   * A rule with its type's default threshold and window and severity {@code HIGH}: enumeration of 20 within 5
   * minutes, revoked-key use reported once an hour, 3 MFA failures within 10 minutes.
   *
   * @param type the pattern; never null
   * @return the rule; never null
   */
  public static AttackRule of(Type type) {
    return new AttackRule(type, type.defaultThreshold, type.defaultWindow, Incident.Severity.HIGH);
  }

  /**
   * Every known pattern with its defaults.
   *
   * @return the rules; never null
   */
  public static List<AttackRule> defaults() {
    return List.of(of(Type.ENUMERATION), of(Type.REVOKED_KEY_USE), of(Type.MFA_FAILURES_THEN_NEW_SOURCE));
  }

  /**
   * Parses rules, one per line: the rule's name, then optional {@code threshold=N}, {@code window=<ISO-8601
   * duration>} and {@code severity=LOW|MEDIUM|HIGH|CRITICAL}, separated by spaces, e.g. {@code enumeration
   * threshold=30 window=PT10M severity=CRITICAL}. Blank lines and lines starting with {@code #} are skipped; omitted
   * parameters take the type's defaults ({@link #of(Type)}).
   *
   * @param text the rules; never null
   * @return the rules in order; never null
   * @throws InvalidRuleException naming the line, field, value and rule of the first bad line
   */
  public static List<AttackRule> parse(String text) {
    List<AttackRule> out = new ArrayList<>();
    String[] lines = Objects.requireNonNull(text, "text").split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        out.add(parseLine(i + 1, line));
      }
    }
    return List.copyOf(out);
  }

  private static AttackRule parseLine(int number, String line) {
    String[] words = line.split("\\s+");
    Type type = null;
    for (Type t : Type.values()) {
      if (t.textName().equals(words[0])) {
        type = t;
      }
    }
    if (type == null) {
      throw new InvalidRuleException(number, "rule", words[0], "must be one of enumeration, revoked-key-use,"
          + " mfa-failures-then-new-source");
    }
    AttackRule d = of(type);
    int threshold = d.threshold();
    Duration window = d.window();
    Incident.Severity severity = d.severity();
    Set<String> seen = new HashSet<>();
    for (int w = 1; w < words.length; w++) {
      int eq = words[w].indexOf('=');
      String key = eq < 0 ? words[w] : words[w].substring(0, eq);
      String value = eq < 0 ? "" : words[w].substring(eq + 1);
      if (eq < 0 || !Set.of("threshold", "window", "severity").contains(key)) {
        throw new InvalidRuleException(number, "parameter", words[w],
            "must be threshold=<integer>, window=<ISO-8601 duration> or severity=<LOW|MEDIUM|HIGH|CRITICAL>");
      }
      if (!seen.add(key)) {
        throw new InvalidRuleException(number, key, value, "is given more than once");
      }
      switch (key) {
        case "threshold" -> threshold = threshold(number, type, value);
        case "window" -> window = window(number, value);
        default -> severity = severity(number, value);
      }
    }
    return new AttackRule(type, threshold, window, severity);
  }

  private static int threshold(int number, Type type, String value) {
    int v;
    try {
      v = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      v = Integer.MIN_VALUE;
    }
    if (v < type.minThreshold()) {
      throw new InvalidRuleException(number, "threshold", value, "must be an integer of at least "
          + type.minThreshold());
    }
    return v;
  }

  private static Duration window(int number, String value) {
    Duration d;
    try {
      d = Duration.parse(value);
    } catch (DateTimeParseException e) {
      d = null;
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new InvalidRuleException(number, "window", value, "must be a positive ISO-8601 duration such as PT5M");
    }
    return d;
  }

  private static Incident.Severity severity(int number, String value) {
    for (Incident.Severity s : Incident.Severity.values()) {
      if (s.name().equals(value)) {
        return s;
      }
    }
    throw new InvalidRuleException(number, "severity", value, "must be LOW, MEDIUM, HIGH or CRITICAL");
  }
}
