package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.LabelMatcher;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Mutes target alerts while a source alert fires, e.g. a {@code RegionDown} alert mutes the VM alerts of the same
 * region: source {@code alertname="RegionDown"}, target {@code alertname=~"Vm.*"}, equal {@code [region]}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source matchers a firing alert must satisfy to inhibit
 * @param target matchers an alert must satisfy to be inhibited
 * @param equal labels that must have equal values on source and target
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record InhibitRule(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the source or target has no matcher
   */
  public InhibitRule {
    source = List.copyOf(Checks.nonNull(source, "inhibitRule.source"));
    target = List.copyOf(Checks.nonNull(target, "inhibitRule.target"));
    equal = List.copyOf(Checks.nonNull(equal, "inhibitRule.equal"));
    if (source.isEmpty() || target.isEmpty()) {
      throw new IllegalArgumentException("inhibitRule.source and target need at least one matcher each");
    }
  }

  /**
   * Whether {@code sourceLabels} (of a firing alert) inhibits {@code targetLabels}.
   *
   * @param sourceLabels the firing alert's labels; never null
   * @param targetLabels the candidate's labels; never null
   * @return true if it is muted
   */
  public boolean inhibits(Map<String, String> sourceLabels, Map<String, String> targetLabels) {
    if (!all(source, sourceLabels) || !all(target, targetLabels)) {
      return false;
    }
    for (String l : equal) {
      if (!Objects.equals(sourceLabels.get(l), targetLabels.get(l))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a firing alert's labels satisfy the source matchers.
   *
   * @param labels the labels; never null
   * @return whether it can inhibit others
   */
  public boolean matchesSource(Map<String, String> labels) {
    return all(source, labels);
  }

  private static boolean all(List<LabelMatcher> ms, Map<String, String> labels) {
    for (LabelMatcher m : ms) {
      if (!m.matches(labels.get(m.label()))) {
        return false;
      }
    }
    return true;
  }
}
