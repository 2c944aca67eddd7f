package io.stratus.security.compliance;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A control's status in a {@link ComplianceReport}, with the evidence it rests on and the reasons for a fail or a
 * manual review. Immutable value.
 *
 * @param control the control; never null
 * @param status fail if any evidence fails; manual if evidence is missing or undecided, or the control has none;
 *     pass otherwise; never null
 * @param evidence the evidence gathered for the control's kinds, in the control's order; never null
 * @param reasons why it failed or needs review; empty for a pass; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ControlResult(Control control, ComplianceStatus status, List<Evidence> evidence, List<String> reasons) {
  /** Validates and copies. */
  public ControlResult {
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(status, "status");
    evidence = List.copyOf(evidence);
    reasons = List.copyOf(reasons);
  }
}
