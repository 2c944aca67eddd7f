package io.stratus.security.compliance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one {@link EvidenceSource} found: a status, a one-line summary, the facts behind it (in order) and, when it
 * is not a pass, the reasons. Immutable value.
 *
 * @param kind the evidence kind, e.g. {@link EvidenceKinds#KEY_ROTATION}; never null
 * @param status pass, fail, or manual (the source could not decide); never null
 * @param summary one line; never null
 * @param facts named observations in a stable order, e.g. {@code "current key" -> "local-3, 12 days old"}; never
 *     null
 * @param findings why it failed or needs review, one sentence each; empty for a pass; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Evidence(String kind, ComplianceStatus status, String summary, Map<String, String> facts,
    List<String> findings) {
  /**
   * Validates and copies (keeping the order of the facts).
   *
   * @throws IllegalArgumentException if the kind or summary is blank, or a non-pass has no finding
   */
  public Evidence {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(facts, "facts")));
    findings = List.copyOf(findings);
    if (kind.isBlank() || summary.isBlank()) {
      throw new IllegalArgumentException("evidence kind '" + kind + "' and summary '" + summary
          + "' must not be blank");
    }
    if (status != ComplianceStatus.PASS && findings.isEmpty()) {
      throw new IllegalArgumentException("evidence '" + kind + "' with status " + status
          + " must give at least one finding");
    }
  }
}
