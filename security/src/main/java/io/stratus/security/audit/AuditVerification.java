package io.stratus.security.audit;

import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * The result of {@link AuditLog#verify()}: intact, or the first line (1-based) where the chain breaks and why.
 * Immutable value.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AuditVerification {
  private final long entriesVerified;
  private final long firstBadLine;
  private final String problem;

  private AuditVerification(long entriesVerified, long firstBadLine, String problem) {
    this.entriesVerified = entriesVerified;
    this.firstBadLine = firstBadLine;
    this.problem = problem;
  }

  static AuditVerification intact(long entries) {
    return new AuditVerification(entries, 0, null);
  }

  static AuditVerification broken(long entriesVerified, long line, String problem) {
    return new AuditVerification(entriesVerified, line, problem);
  }

  /** @return true if every entry and checkpoint checks out */
  public boolean intact() {
    return problem == null;
  }

  /** @return how many entries were verified before the first problem (all of them when intact) */
  public long entriesVerified() {
    return entriesVerified;
  }

  /** @return the 1-based line of the first altered, inserted or missing record, or empty when intact */
  public OptionalLong firstBadLine() {
    return problem == null ? OptionalLong.empty() : OptionalLong.of(firstBadLine);
  }

  /** @return what is wrong at that line, or empty when intact */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  @Override
  public String toString() {
    return problem == null ? "intact (" + entriesVerified + " entries)" : "broken at line " + firstBadLine + ": "
        + problem;
  }
}
