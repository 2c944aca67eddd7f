package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * How alerts are batched into notifications. Alerts with equal values of the {@code groupBy} labels form a group (or,
 * when {@code incidentGrouping} is set, alerts of the same incident); a group's first notification waits {@code groupWait}
 * to collect its peers, later changes go out at most every {@code groupInterval}, and a still-firing, unacknowledged
 * group is repeated every {@code repeatInterval}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param groupBy label names that define a group; empty means one group per alert fingerprint
 * @param incidentGrouping group by correlated incident instead of labels
 * @param groupWait wait before a new group's first notification
 * @param groupInterval minimum time between notifications of a group's changes
 * @param repeatInterval time after which an unchanged firing group is notified again
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GroupingPolicy(
    List<String> groupBy, boolean incidentGrouping, Duration groupWait, Duration groupInterval, Duration repeatInterval) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a duration is negative or the repeat interval is zero
   */
  public GroupingPolicy {
    groupBy = List.copyOf(Checks.nonNull(groupBy, "groupingPolicy.groupBy"));
    Checks.nonNegative(groupWait, "groupingPolicy.groupWait");
    Checks.nonNegative(groupInterval, "groupingPolicy.groupInterval");
    Checks.positive(repeatInterval, "groupingPolicy.repeatInterval");
  }

  /**
   * No grouping: every alert is notified on its own as soon as it changes; repeats every 4 hours.
   *
   * @return the policy; never null
   */
  public static GroupingPolicy none() {
    return new GroupingPolicy(List.of(), false, Duration.ZERO, Duration.ZERO, Duration.ofHours(4));
  }

  /**
   * Groups by labels with Alertmanager's default timings (wait 30 s, interval 5 min, repeat 4 h).
   *
   * @param labels the label names
   * @return the policy; never null
   */
  public static GroupingPolicy byLabels(String... labels) {
    return new GroupingPolicy(List.of(labels), false, Duration.ofSeconds(30), Duration.ofMinutes(5),
        Duration.ofHours(4));
  }

  /**
   * Groups by correlated incident with Alertmanager's default timings.
   *
   * @return the policy; never null
   */
  public static GroupingPolicy byIncident() {
    return new GroupingPolicy(List.of(), true, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));
  }
}
