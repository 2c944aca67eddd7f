package io.stratus.security.compliance;

import org.apiguardian.api.API;

/**
 * The kinds of evidence the built-in {@link EvidenceSources} gather, as named in the {@link ControlCatalog}. A host's
 * own {@link EvidenceSource} may use one of these (replacing the built-in) or a kind of its own. Constants only.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EvidenceKinds {
  /** Who holds which role, who is an administrator, which API keys went unused. */
  public static final String ACCESS_REVIEW = "access-review";
  /** Key-encryption key versions and their ages against a maximum age. */
  public static final String KEY_ROTATION = "key-rotation";
  /** Records stored encrypted against all records, per data set. */
  public static final String ENCRYPTION_COVERAGE = "encryption-coverage";
  /** The audit log's hash chain and signed checkpoints verify. */
  public static final String AUDIT_INTEGRITY = "audit-integrity";
  /** A residency policy restricts destinations and its refusals are audited. */
  public static final String RESIDENCY = "residency-enforcement";
  /** Security incidents are recorded and resolved in time. */
  public static final String INCIDENTS = "incident-records";
  /** Outgoing connections are limited to TLS 1.2/1.3 with AEAD suites. */
  public static final String TRANSPORT = "transport-security";

  private EvidenceKinds() {}
}
