package io.stratus.adapters.iac;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stratus.model.Money;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One priced resource: its monthly cost before and after the change and the notes on how it was priced.
 *
 * <p>Immutable and thread-safe.
 *
 * @param address the resource's address (Terraform address, CloudFormation logical id, ARM resource name)
 * @param type the resource type
 * @param action what the change does: {@code create}, {@code delete}, {@code update}, {@code replace} or
 *     {@code no-op}
 * @param before the cost before the change; null when the resource does not exist before
 * @param after the cost after the change; null when the resource does not exist after
 * @param notes assumptions made while pricing it (defaulted region, autoscaling average, licence not included);
 *     may be empty
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ResourceEstimate(
    String address,
    String type,
    String action,
    @Nullable MonthlyCost before,
    @Nullable MonthlyCost after,
    List<String> notes) {
  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException if both sides are null or their currencies differ
   * @throws NullPointerException if a required component is null
   */
  public ResourceEstimate {
    Objects.requireNonNull(address, "resourceEstimate.address");
    Objects.requireNonNull(type, "resourceEstimate.type");
    Objects.requireNonNull(action, "resourceEstimate.action");
    notes = List.copyOf(Objects.requireNonNull(notes, "resourceEstimate.notes"));
    if (before == null && after == null) {
      throw new IllegalArgumentException("resourceEstimate " + address + ": before and after are both null");
    }
    if (before != null && after != null
        && !before.monthly().currency().equals(after.monthly().currency())) {
      throw new IllegalArgumentException("resourceEstimate " + address + ": before and after are in different"
          + " currencies");
    }
  }

  /**
   * The monthly cost after minus before (a missing side counts as zero).
   *
   * @return the change; never null
   */
  @JsonProperty("monthlyDelta")
  public Money monthlyDelta() {
    if (before == null) {
      return Objects.requireNonNull(after).monthly();
    }
    Money old = before.monthly();
    return after == null ? Money.zero(old.currency()).minus(old) : after.monthly().minus(old);
  }
}
