package io.stratus.security.residency;

import io.stratus.model.Jurisdiction;
import io.stratus.model.Region;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.FilterPlugin;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Admits a destination only if it lies in at least one allowed jurisdiction (a region in Germany is in {@code EU} and
 * {@code EEA}, so an {@code EU}-only policy admits it); a destination with no declared jurisdiction is refused. Every
 * refusal is appended to the audit log (actor {@code residency-policy}, action {@code residency.check}, outcome
 * {@code DENIED}) before {@link ResidencyViolationException} is thrown. For placement, {@link #placementFilter()}
 * gives the scheduler a filter that applies the same rule to candidate regions.
 *
 * <p>Thread-safe if the audit log is (every {@link AuditLog} must be).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ResidencyPolicy {
  static final String ACTOR = "residency-policy";
  static final String ACTION = "residency.check";
  static final String PLACEMENT_ACTION = "residency.placement";

  private final Set<Jurisdiction> allowed;
  private final AuditLog audit;
  private final Clock clock;

  private ResidencyPolicy(Set<Jurisdiction> allowed, AuditLog audit, Clock clock) {
    this.allowed = allowed;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A policy allowing these jurisdictions.
   *
   * @param allowed the allowed jurisdictions, at least one; copied; never null
   * @param audit where refusals are recorded; never null
   * @param clock the host's clock, for the audit timestamps; never null
   * @return the policy; never null
   * @throws IllegalArgumentException if {@code allowed} is empty
   */
  public static ResidencyPolicy allowing(Collection<Jurisdiction> allowed, AuditLog audit, Clock clock) {
    Set<Jurisdiction> copy = Set.copyOf(allowed);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("residency policy allowed jurisdictions must not be empty (it would refuse"
          + " every destination)");
    }
    return new ResidencyPolicy(copy, Objects.requireNonNull(audit, "audit"), Objects.requireNonNull(clock, "clock"));
  }

  /** @return the allowed jurisdictions; never null */
  public Set<Jurisdiction> allowed() {
    return allowed;
  }

  /**
   * Whether the destination would be admitted; records nothing.
   *
   * @param destination the destination; never null
   * @return true if it lies in an allowed jurisdiction
   */
  public boolean admits(Destination destination) {
    return destination.jurisdictions().stream().anyMatch(allowed::contains);
  }

  /**
   * Checks a destination before data is sent there.
   *
   * @param destination the destination; never null
   * @return the destination, when admitted; never null
   * @throws ResidencyViolationException if it is outside every allowed jurisdiction (after auditing the refusal)
   * @throws io.stratus.security.audit.AuditLogException if the refusal cannot be audited (nothing is admitted)
   */
  public Destination check(Destination destination) {
    Objects.requireNonNull(destination, "destination");
    if (admits(destination)) {
      return destination;
    }
    ResidencyViolationException refusal = new ResidencyViolationException(destination, allowed);
    audit.append(AuditEvent.builder().at(clock.instant()).actor(ACTOR).action(ACTION)
        .resource(destination.kind().name().toLowerCase(Locale.ROOT) + ":" + destination.name())
        .origin(sorted(destination.jurisdictions()).toString()).outcome(AuditEvent.Outcome.DENIED)
        .build());
    throw refusal;
  }

  /**
   * A filter for the scheduler (add it with the scheduler builder's {@code filter(...)}): it rejects every candidate
   * whose region lies outside the allowed jurisdictions, with the reason {@code "region outside residency policy
   * allowing [EU]"}, and audits each refusal (action {@code residency.placement}, resource {@code
   * placement:<workload id>@<region id>}, origin the region's jurisdictions, outcome {@code DENIED}). The scheduler
   * shows the reason prefixed by the filter's name, {@code residency-policy: }. A scheduler may ask about one
   * candidate more than once (batch placement does); each refusing answer is audited.
   *
   * @return the filter; thread-safe; never null
   */
  public FilterPlugin placementFilter() {
    return new PlacementFilter();
  }

  /** Whether a region lies in an allowed jurisdiction. */
  boolean admits(Region region) {
    return region.jurisdictions().stream().anyMatch(allowed::contains);
  }

  private final class PlacementFilter implements FilterPlugin {
    private final String reason = "region outside residency policy allowing " + sorted(allowed);

    @Override
    public Optional<String> filter(Workload workload, Candidate candidate) {
      Region region = candidate.region();
      if (admits(region)) {
        return Optional.empty();
      }
      audit.append(AuditEvent.builder().at(clock.instant()).actor(ACTOR).action(PLACEMENT_ACTION)
          .resource("placement:" + workload.id() + "@" + region.id()).origin(sorted(region.jurisdictions()).toString())
          .outcome(AuditEvent.Outcome.DENIED).build());
      return Optional.of(reason);
    }

    @Override
    public String name() {
      return ACTOR;
    }
  }

  static List<String> sorted(Set<Jurisdiction> set) {
    return set.stream().map(Jurisdiction::code).sorted().toList();
  }
}
