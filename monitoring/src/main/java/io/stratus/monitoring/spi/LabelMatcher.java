package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;

/**
 * A condition on one label, with Prometheus semantics: a missing label matches as the empty string, and regular
 * expressions must match the whole value.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LabelMatcher {
  /** The comparison. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Op {
    /** Equal: {@code =}. */
    EQ("="),
    /** Not equal: {@code !=}. */
    NEQ("!="),
    /** Matches the regular expression: {@code =~}. */
    REGEX("=~"),
    /** Does not match the regular expression: {@code !~}. */
    NOT_REGEX("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /**
     * The operator as written in a selector.
     *
     * @return the symbol; never null
     */
    public String symbol() {
      return symbol;
    }
  }

  private final String label;
  private final Op op;
  private final String value;
  private final Pattern pattern;

  private LabelMatcher(String label, Op op, String value) {
    this.label = Checks.nonNull(label, "labelMatcher.label");
    if (!SeriesId.isValidLabelName(label)) {
      throw new IllegalArgumentException("labelMatcher.label must match [a-zA-Z_][a-zA-Z0-9_]*, got '" + label + "'");
    }
    this.op = Checks.nonNull(op, "labelMatcher.op");
    this.value = Checks.nonNull(value, "labelMatcher.value");
    if (op == Op.REGEX || op == Op.NOT_REGEX) {
      try {
        this.pattern = Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("labelMatcher.value must be a valid regular expression, got '" + value
            + "': " + e.getDescription(), e);
      }
    } else {
      this.pattern = null;
    }
  }

  /**
   * A matcher.
   *
   * @param label the label name
   * @param op the comparison
   * @param value the value or regular expression
   * @return the matcher; never null
   * @throws IllegalArgumentException if the label name or the regular expression is malformed
   */
  public static LabelMatcher of(String label, Op op, String value) {
    return new LabelMatcher(label, op, value);
  }

  /**
   * {@code label = value}.
   *
   * @param label the label name
   * @param value the value
   * @return the matcher; never null
   */
  public static LabelMatcher eq(String label, String value) {
    return new LabelMatcher(label, Op.EQ, value);
  }

  /**
   * {@code label != value}.
   *
   * @param label the label name
   * @param value the value
   * @return the matcher; never null
   */
  public static LabelMatcher neq(String label, String value) {
    return new LabelMatcher(label, Op.NEQ, value);
  }

  /**
   * {@code label =~ regex}.
   *
   * @param label the label name
   * @param regex the regular expression, matched against the whole value
   * @return the matcher; never null
   */
  public static LabelMatcher regex(String label, String regex) {
    return new LabelMatcher(label, Op.REGEX, regex);
  }

  /**
   * {@code label !~ regex}.
   *
   * @param label the label name
   * @param regex the regular expression
   * @return the matcher; never null
   */
  public static LabelMatcher notRegex(String label, String regex) {
    return new LabelMatcher(label, Op.NOT_REGEX, regex);
  }

  /**
   * The label name.
   *
   * @return the name; never null
   */
  public String label() {
    return label;
  }

  /**
   * The comparison.
   *
   * @return the operator; never null
   */
  public Op op() {
    return op;
  }

  /**
   * The value or regular expression.
   *
   * @return the value; never null
   */
  public String value() {
    return value;
  }

  /**
   * Tests one label value.
   *
   * @param actual the series' value, or null when it lacks the label (treated as empty)
   * @return whether it matches
   */
  public boolean matches(String actual) {
    String v = actual == null ? "" : actual;
    switch (op) {
      case EQ:
        return v.equals(value);
      case NEQ:
        return !v.equals(value);
      case REGEX:
        return pattern.matcher(v).matches();
      default:
        return !pattern.matcher(v).matches();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelMatcher m && m.label.equals(label) && m.op == op && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, op, value);
  }

  @Override
  public String toString() {
    return label + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
