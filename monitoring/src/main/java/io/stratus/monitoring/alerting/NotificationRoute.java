package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.spi.Notification.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Sends the notifications whose labels match to some channels: label equalities, a lowest severity, optional quiet
 * hours and an optional escalation to more channels when a firing alert stays unacknowledged. Routes are tried in
 * order; the first that matches takes the notification unless it says {@linkplain #continueMatching() continue}.
 * Notifications no route takes go to every channel.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NotificationRoute {
  private final String name;
  private final Map<String, String> match;
  private final Severity minSeverity;
  private final List<String> channels;
  private final boolean continueMatching;
  private final QuietHours quietHours;
  private final Duration escalateAfter;
  private final List<String> escalationChannels;

  private NotificationRoute(Builder b) {
    this.name = b.name;
    this.match = Map.copyOf(b.match);
    this.minSeverity = b.minSeverity;
    this.channels = List.copyOf(b.channels);
    this.continueMatching = b.continueMatching;
    this.quietHours = b.quietHours;
    this.escalateAfter = b.escalateAfter;
    this.escalationChannels = List.copyOf(b.escalationChannels);
  }

  /**
   * A builder.
   *
   * @param name the route's name, used in errors and logs; not blank
   * @return a builder; never null
   */
  public static Builder builder(String name) {
    return new Builder(Checks.nonBlank(name, "route.name"));
  }

  /**
   * Whether this route takes a notification with these labels and severity.
   *
   * @param labels the labels; never null
   * @param severity the severity; never null
   * @return true if every label equality holds and the severity is high enough
   */
  public boolean matches(Map<String, String> labels, Severity severity) {
    if (severity.compareTo(minSeverity) < 0) {
      return false;
    }
    for (Map.Entry<String, String> e : match.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The name.
   *
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * The label equalities.
   *
   * @return an immutable map; never null
   */
  public Map<String, String> match() {
    return match;
  }

  /**
   * The lowest severity taken.
   *
   * @return the severity; never null
   */
  public Severity minSeverity() {
    return minSeverity;
  }

  /**
   * The channel ids notifications go to.
   *
   * @return an immutable, non-empty list; never null
   */
  public List<String> channels() {
    return channels;
  }

  /**
   * Whether later routes are tried after this one matched.
   *
   * @return true to continue
   */
  public boolean continueMatching() {
    return continueMatching;
  }

  /**
   * The quiet hours.
   *
   * @return the quiet hours, empty for none
   */
  public Optional<QuietHours> quietHours() {
    return Optional.ofNullable(quietHours);
  }

  /**
   * How long a firing alert may stay unacknowledged before it is escalated.
   *
   * @return the delay, empty for no escalation
   */
  public Optional<Duration> escalateAfter() {
    return Optional.ofNullable(escalateAfter);
  }

  /**
   * The channel ids an escalation goes to.
   *
   * @return an immutable list, empty when there is no escalation; never null
   */
  public List<String> escalationChannels() {
    return escalationChannels;
  }

  @Override
  public String toString() {
    return "NotificationRoute[" + name + ", match=" + match + ", minSeverity=" + minSeverity + ", channels="
        + channels + (quietHours != null ? ", quietHours=" + quietHours : "")
        + (escalateAfter != null ? ", escalateAfter=" + escalateAfter + " to " + escalationChannels : "") + "]";
  }

  /**
   * Builds a {@link NotificationRoute}. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String name;
    private final Map<String, String> match = new LinkedHashMap<>();
    private Severity minSeverity = Severity.INFO;
    private final List<String> channels = new ArrayList<>();
    private boolean continueMatching;
    private QuietHours quietHours;
    private Duration escalateAfter;
    private final List<String> escalationChannels = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Adds a label equality.
     *
     * @param label the label; not blank
     * @param value the value; never null
     * @return this builder
     */
    public Builder match(String label, String value) {
      match.put(Checks.nonBlank(label, "route.match label"), Checks.nonNull(value, "route.match value"));
      return this;
    }

    /**
     * The lowest severity taken; default {@code INFO}.
     *
     * @param value the severity; never null
     * @return this builder
     */
    public Builder minSeverity(Severity value) {
      this.minSeverity = Checks.nonNull(value, "route.minSeverity");
      return this;
    }

    /**
     * The channel ids to send to; at least one is required.
     *
     * @param ids channel ids; never null
     * @return this builder
     */
    public Builder channels(Collection<String> ids) {
      for (String id : List.copyOf(ids)) {
        channels.add(Checks.nonBlank(id, "route.channels[]"));
      }
      return this;
    }

    /**
     * Whether later routes are tried after this one matched; default false.
     *
     * @param value true to continue
     * @return this builder
     */
    public Builder continueMatching(boolean value) {
      this.continueMatching = value;
      return this;
    }

    /**
     * Quiet hours; default none.
     *
     * @param value the quiet hours; never null
     * @return this builder
     */
    public Builder quietHours(QuietHours value) {
      this.quietHours = Checks.nonNull(value, "route.quietHours");
      return this;
    }

    /**
     * Escalates a firing alert that is still unacknowledged {@code after} it fired to more channels, once per alert
     * instance. Escalations ignore quiet hours.
     *
     * @param after the delay; positive
     * @param ids the channel ids; never null, not empty
     * @return this builder
     * @throws IllegalArgumentException if the list is empty
     */
    public Builder escalate(Duration after, Collection<String> ids) {
      this.escalateAfter = Checks.positive(after, "route.escalation.after");
      List<String> copy = List.copyOf(ids);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("route '" + name + "': escalation.channels must not be empty");
      }
      escalationChannels.clear();
      for (String id : copy) {
        escalationChannels.add(Checks.nonBlank(id, "route.escalation.channels[]"));
      }
      return this;
    }

    /**
     * Builds the route.
     *
     * @return a new route; never null
     * @throws IllegalArgumentException if no channel was given
     */
    public NotificationRoute build() {
      if (channels.isEmpty()) {
        throw new IllegalArgumentException("route '" + name + "': channels must not be empty");
      }
      return new NotificationRoute(this);
    }
  }
}
