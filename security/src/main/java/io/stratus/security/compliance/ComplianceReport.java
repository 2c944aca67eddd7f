package io.stratus.security.compliance;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The status of every control of one framework as of an instant, with its evidence. Rendering-neutral: the host (or
 * the {@code stratus compliance} command) turns it into HTML, Markdown or JSON. Immutable value.
 *
 * @param framework the framework; never null
 * @param asOf when the evidence was gathered (from the assessor's clock); never null
 * @param controls one result per control, in catalog order; never null
 * @param evidence every piece of evidence gathered, once each, by kind order of first use; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ComplianceReport(Framework framework, Instant asOf, List<ControlResult> controls,
    List<Evidence> evidence) {
  /** Validates and copies. */
  public ComplianceReport {
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(asOf, "asOf");
    controls = List.copyOf(controls);
    evidence = List.copyOf(evidence);
  }

  /**
   * How many controls have each status.
   *
   * @return a count for every status (zero included); never null
   */
  public Map<ComplianceStatus, Integer> counts() {
    Map<ComplianceStatus, Integer> out = new EnumMap<>(ComplianceStatus.class);
    for (ComplianceStatus s : ComplianceStatus.values()) {
      out.put(s, 0);
    }
    controls.forEach(c -> out.merge(c.status(), 1, Integer::sum));
    return out;
  }
}
