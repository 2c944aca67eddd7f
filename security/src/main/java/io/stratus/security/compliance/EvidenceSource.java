package io.stratus.security.compliance;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * Gathers one kind of evidence as of an instant. The built-in sources are in {@link EvidenceSources}; a host adds
 * its own (a ticketing system's change approvals, a vulnerability scanner's findings) by implementing this and
 * naming the kind in its {@link Control}s. Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EvidenceSource {

  /**
   * The kind of evidence this source gathers, e.g. {@link EvidenceKinds#ACCESS_REVIEW}.
   *
   * @return the kind; never null
   */
  String kind();

  /**
   * Gathers the evidence.
   *
   * @param asOf the instant the report is made as of; never null
   * @return the evidence, of {@link #kind()}; never null
   */
  Evidence collect(Instant asOf);
}
