package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Which series a query reads: an optional exact metric name and label matchers that must all hold. Written like a
 * Prometheus selector, e.g. {@code cpu.utilization{region="eu-west-1",resource=~"vm-.*",env!="test"}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SeriesSelector {
  private final Optional<String> metric;
  private final List<LabelMatcher> matchers;

  private SeriesSelector(Optional<String> metric, List<LabelMatcher> matchers) {
    this.metric = metric;
    this.matchers = List.copyOf(matchers);
  }

  /**
   * Every series of one metric, narrowed by matchers.
   *
   * @param metric the exact metric name; never null
   * @param matchers conditions that must all hold
   * @return the selector; never null
   */
  public static SeriesSelector of(String metric, LabelMatcher... matchers) {
    SeriesId.of(Checks.nonNull(metric, "selector.metric"), java.util.Map.of());
    return new SeriesSelector(Optional.of(metric), List.of(matchers));
  }

  /**
   * Series of any metric that satisfy the matchers.
   *
   * @param matchers conditions that must all hold
   * @return the selector; never null
   */
  public static SeriesSelector anyMetric(List<LabelMatcher> matchers) {
    return new SeriesSelector(Optional.empty(), Checks.nonNull(matchers, "selector.matchers"));
  }

  /**
   * Parses {@code name{label op "value", ...}}; the name or the braces may be left out, but not both.
   *
   * @param text the selector; never null
   * @return the selector; never null
   * @throws IllegalArgumentException if it does not parse, naming the position
   */
  public static SeriesSelector parse(String text) {
    Checks.nonNull(text, "selector");
    String s = text.strip();
    int brace = s.indexOf('{');
    String name = (brace < 0 ? s : s.substring(0, brace)).strip();
    List<LabelMatcher> matchers = new ArrayList<>();
    if (brace >= 0) {
      if (!s.endsWith("}")) {
        throw new IllegalArgumentException("selector must end with '}', got '" + text + "'");
      }
      int i = brace + 1;
      int end = s.length() - 1;
      while (true) {
        i = skipSpaces(s, i, end);
        if (i >= end) {
          break;
        }
        int start = i;
        while (i < end && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        String label = s.substring(start, i);
        i = skipSpaces(s, i, end);
        LabelMatcher.Op op;
        if (s.startsWith("=~", i)) {
          op = LabelMatcher.Op.REGEX;
        } else if (s.startsWith("!~", i)) {
          op = LabelMatcher.Op.NOT_REGEX;
        } else if (s.startsWith("!=", i)) {
          op = LabelMatcher.Op.NEQ;
        } else if (s.startsWith("=", i)) {
          op = LabelMatcher.Op.EQ;
        } else {
          throw new IllegalArgumentException("selector expects =, !=, =~ or !~ at position " + i + " of '" + text
              + "'");
        }
        i = skipSpaces(s, i + op.symbol().length(), end);
        if (i >= end || s.charAt(i) != '"') {
          throw new IllegalArgumentException("selector expects a quoted value at position " + i + " of '" + text
              + "'");
        }
        StringBuilder value = new StringBuilder();
        i++;
        while (i < end && s.charAt(i) != '"') {
          char c = s.charAt(i);
          if (c == '\\' && i + 1 < end) {
            i++;
            c = s.charAt(i);
          }
          value.append(c);
          i++;
        }
        if (i >= end) {
          throw new IllegalArgumentException("selector has an unterminated value in '" + text + "'");
        }
        matchers.add(LabelMatcher.of(label, op, value.toString()));
        i = skipSpaces(s, i + 1, end);
        if (i < end) {
          if (s.charAt(i) != ',') {
            throw new IllegalArgumentException("selector expects ',' or '}' at position " + i + " of '" + text
                + "'");
          }
          i++;
        }
      }
    }
    if (name.isEmpty()) {
      if (matchers.isEmpty()) {
        throw new IllegalArgumentException("selector needs a metric name or at least one matcher, got '" + text
            + "'");
      }
      return anyMetric(matchers);
    }
    return of(name, matchers.toArray(new LabelMatcher[0]));
  }

  private static int skipSpaces(String s, int i, int end) {
    while (i < end && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * The metric name, if the selector names one.
   *
   * @return the name, empty for any metric
   */
  public Optional<String> metric() {
    return metric;
  }

  /**
   * The matchers.
   *
   * @return an immutable list; never null
   */
  public List<LabelMatcher> matchers() {
    return matchers;
  }

  /**
   * Whether a series is selected.
   *
   * @param id the series; never null
   * @return true if the name matches and every matcher holds
   */
  public boolean matches(SeriesId id) {
    if (metric.isPresent() && !metric.get().equals(id.metric())) {
      return false;
    }
    for (LabelMatcher m : matchers) {
      if (!m.matches(id.labels().get(m.label()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesSelector s && s.metric.equals(metric) && s.matchers.equals(matchers);
  }

  @Override
  public int hashCode() {
    return metric.hashCode() * 31 + matchers.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(metric.orElse("")).append('{');
    for (int i = 0; i < matchers.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(matchers.get(i));
    }
    return sb.append('}').toString();
  }
}
