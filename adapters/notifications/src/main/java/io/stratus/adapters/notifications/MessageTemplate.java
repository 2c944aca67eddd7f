package io.stratus.adapters.notifications;

import io.stratus.spi.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A text template for a notification, with {@code {{placeholder}}} fields: {@code title}, {@code body}, {@code
 * severity}, {@code severityLower}, {@code status}, {@code key}, {@code at}, {@code labels} (as {@code k=v, ...}) and
 * {@code label:NAME} (one label's value, empty if absent). Unknown placeholders are rejected when the template is
 * made. The rendered text is plain; each channel escapes it for its format.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MessageTemplate {
  private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([a-zA-Z]+(?::[^}\\s]+)?)\\s*}}");
  private static final List<String> NAMES =
      List.of("title", "body", "severity", "severityLower", "status", "key", "at", "labels");

  private final String pattern;

  private MessageTemplate(String pattern) {
    this.pattern = pattern;
  }

  /**
   * Parses a template.
   *
   * @param pattern the template text; never null
   * @return the template; never null
   * @throws IllegalArgumentException naming the first unknown placeholder
   */
  public static MessageTemplate of(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    Matcher m = FIELD.matcher(pattern);
    List<String> unknown = new ArrayList<>();
    while (m.find()) {
      String f = m.group(1);
      if (!NAMES.contains(f) && !f.startsWith("label:")) {
        unknown.add(f);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("template has unknown placeholder(s) " + unknown + "; known: " + NAMES
          + " and label:NAME, in '" + pattern + "'");
    }
    return new MessageTemplate(pattern);
  }

  /**
   * Renders the template for a notification.
   *
   * @param n the notification; never null
   * @return the text; never null
   */
  public String render(Notification n) {
    Objects.requireNonNull(n, "notification");
    Matcher m = FIELD.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), n)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String value(String field, Notification n) {
    if (field.startsWith("label:")) {
      return n.labels().getOrDefault(field.substring("label:".length()), "");
    }
    return switch (field) {
      case "title" -> n.title();
      case "body" -> n.body();
      case "severity" -> n.severity().name();
      case "severityLower" -> n.severity().name().toLowerCase(Locale.ROOT);
      case "status" -> n.status().name();
      case "key" -> n.key();
      case "at" -> n.at().toString();
      default -> labels(n.labels());
    };
  }

  private static String labels(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "MessageTemplate[" + pattern + "]";
  }
}
