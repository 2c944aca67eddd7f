package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.spi.Notification.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A rule that turns series into alerts: which series, the condition, how long it must hold before the alert fires
 * ({@code for}), how long it must be clear before the alert resolves ({@code keepFiringFor}, time hysteresis), the
 * severity and extra labels.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String, SeriesSelector)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AlertRule {
  private final String name;
  private final SeriesSelector selector;
  private final Condition condition;
  private final Duration forDuration;
  private final Duration keepFiringFor;
  private final Severity severity;
  private final Map<String, String> labels;

  private AlertRule(Builder b) {
    this.name = b.name;
    this.selector = b.selector;
    this.condition = b.condition;
    this.forDuration = b.forDuration;
    this.keepFiringFor = b.keepFiringFor;
    this.severity = b.severity;
    this.labels = Map.copyOf(b.labels);
  }

  /**
   * A builder.
   *
   * @param name the alert name, a valid metric-style name (it becomes the {@code alertname} label)
   * @param selector which series the rule watches
   * @return a builder; never null
   * @throws IllegalArgumentException if the name is malformed
   */
  public static Builder builder(String name, SeriesSelector selector) {
    return new Builder(name, selector);
  }

  /**
   * The alert name.
   *
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * Which series it watches.
   *
   * @return the selector; never null
   */
  public SeriesSelector selector() {
    return selector;
  }

  /**
   * The condition.
   *
   * @return the condition; never null
   */
  public Condition condition() {
    return condition;
  }

  /**
   * How long the condition must hold before the alert fires.
   *
   * @return the duration, {@code >= 0}; never null
   */
  public Duration forDuration() {
    return forDuration;
  }

  /**
   * How long the condition must be clear before a firing alert resolves.
   *
   * @return the duration, {@code >= 0}; never null
   */
  public Duration keepFiringFor() {
    return keepFiringFor;
  }

  /**
   * The severity.
   *
   * @return the severity; never null
   */
  public Severity severity() {
    return severity;
  }

  /**
   * Extra labels added to every alert of the rule.
   *
   * @return an immutable map; never null
   */
  public Map<String, String> labels() {
    return labels;
  }

  @Override
  public String toString() {
    return "AlertRule[" + name + " " + selector + " " + condition + " for " + forDuration + "]";
  }

  /**
   * Builds a rule. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String name;
    private final SeriesSelector selector;
    private Condition condition;
    private Duration forDuration = Duration.ZERO;
    private Duration keepFiringFor = Duration.ZERO;
    private Severity severity = Severity.WARNING;
    private final Map<String, String> labels = new TreeMap<>();

    private Builder(String name, SeriesSelector selector) {
      SeriesId.of(Checks.nonNull(name, "alertRule.name"), Map.of());
      this.name = name;
      this.selector = Checks.nonNull(selector, "alertRule.selector");
    }

    /**
     * The condition; required.
     *
     * @param value the condition; never null
     * @return this builder
     */
    public Builder condition(Condition value) {
      this.condition = Checks.nonNull(value, "alertRule.condition");
      return this;
    }

    /**
     * How long the condition must hold before firing; default 0 (fire at once).
     *
     * @param value the duration, {@code >= 0}
     * @return this builder
     */
    public Builder forDuration(Duration value) {
      this.forDuration = Checks.nonNegative(value, "alertRule.forDuration");
      return this;
    }

    /**
     * How long the condition must be clear before resolving; default 0.
     *
     * @param value the duration, {@code >= 0}
     * @return this builder
     */
    public Builder keepFiringFor(Duration value) {
      this.keepFiringFor = Checks.nonNegative(value, "alertRule.keepFiringFor");
      return this;
    }

    /**
     * The severity; default {@link Severity#WARNING}.
     *
     * @param value the severity; never null
     * @return this builder
     */
    public Builder severity(Severity value) {
      this.severity = Checks.nonNull(value, "alertRule.severity");
      return this;
    }

    /**
     * Adds a label to every alert of the rule.
     *
     * @param key a valid label name other than {@code alertname}
     * @param value the value; never null
     * @return this builder
     * @throws IllegalArgumentException if the name is malformed or reserved
     */
    public Builder label(String key, String value) {
      if (!SeriesId.isValidLabelName(Checks.nonNull(key, "label key")) || key.equals(Alert.ALERTNAME)) {
        throw new IllegalArgumentException("label key must be a valid label name other than 'alertname', got '"
            + key + "'");
      }
      labels.put(key, Checks.nonNull(value, "label value of '" + key + "'"));
      return this;
    }

    /**
     * Builds the rule.
     *
     * @return a new rule; never null
     * @throws IllegalStateException if no condition was set
     */
    public AlertRule build() {
      if (condition == null) {
        throw new IllegalStateException("alertRule '" + name + "' needs a condition: call condition(...)");
      }
      return new AlertRule(this);
    }
  }
}
