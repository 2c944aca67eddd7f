package io.stratus.model;

import org.apiguardian.api.API;

/**
 * How sensitive a workload's data is, from least to most. Compliance rules may require stricter placement for higher
 * classes.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum DataClassification {
  /** Public data. */
  PUBLIC,
  /** Internal data, not for publication. */
  INTERNAL,
  /** Confidential business data. */
  CONFIDENTIAL,
  /** Regulated or personal data (health, payment, personal data under GDPR). */
  RESTRICTED
}
