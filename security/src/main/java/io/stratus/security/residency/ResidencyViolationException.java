package io.stratus.security.residency;

import io.stratus.StratusException;
import io.stratus.model.Jurisdiction;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A destination lies outside every allowed jurisdiction (or declares none); the refusal was written to the audit log.
 * Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ResidencyViolationException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final transient Destination destination;
  private final transient Set<Jurisdiction> allowed;

  ResidencyViolationException(Destination destination, Set<Jurisdiction> allowed) {
    super(destination.kind() + " '" + destination.name() + "' is in " + ResidencyPolicy.sorted(
        destination.jurisdictions()) + ", outside the allowed jurisdictions " + ResidencyPolicy.sorted(allowed)
        + (destination.jurisdictions().isEmpty() ? " (no jurisdiction declared)" : ""));
    this.destination = destination;
    this.allowed = allowed;
  }

  /** @return the refused destination; never null */
  public Destination destination() {
    return destination;
  }

  /** @return the jurisdictions the policy allows; never null */
  public Set<Jurisdiction> allowed() {
    return allowed;
  }
}
