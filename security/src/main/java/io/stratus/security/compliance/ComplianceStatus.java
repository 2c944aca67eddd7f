package io.stratus.security.compliance;

import org.apiguardian.api.API;

/**
 * The status of a piece of evidence or of a control. Immutable.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ComplianceStatus {
  /** The evidence shows the control operating. */
  PASS,
  /** The evidence shows a gap; the reasons say which. */
  FAIL,
  /** Stratus has no (or not enough) evidence: a person must review it. */
  MANUAL
}
