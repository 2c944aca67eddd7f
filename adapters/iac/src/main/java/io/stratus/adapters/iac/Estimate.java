package io.stratus.adapters.iac;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The monthly cost estimate of one plan or template: each priced resource before and after the change, the resources
 * it could not price (with the reason), and the resource types it does not price at all (counted by type). The
 * totals cover the priced resources only; when {@link #unpriced()} is not empty they are a lower bound.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the file the estimate was read from, as given
 * @param format the kind of file
 * @param currency the currency of every amount
 * @param resources the priced resources, in file order
 * @param unpriced resources or parts of resources that could not be priced, in file order
 * @param unsupported resource types outside the estimate's scope (networking, databases, ...) with how many of each
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonPropertyOrder({"source", "format", "currency", "monthlyBefore", "monthlyAfter", "monthlyDelta", "resources",
    "unpriced", "unsupported"})
public record Estimate(
    String source,
    IacFormat format,
    Currency currency,
    List<ResourceEstimate> resources,
    List<UnpricedResource> unpriced,
    Map<String, Integer> unsupported) {
  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException if a resource is priced in another currency or a count is not positive
   * @throws NullPointerException if a component is null
   */
  public Estimate {
    Objects.requireNonNull(source, "estimate.source");
    Objects.requireNonNull(format, "estimate.format");
    Objects.requireNonNull(currency, "estimate.currency");
    resources = List.copyOf(Objects.requireNonNull(resources, "estimate.resources"));
    unpriced = List.copyOf(Objects.requireNonNull(unpriced, "estimate.unpriced"));
    for (ResourceEstimate r : resources) {
      if (!r.monthlyDelta().currency().equals(currency)) {
        throw new IllegalArgumentException("estimate.resources: " + r.address() + " is priced in "
            + r.monthlyDelta().currency() + ", the estimate in " + currency);
      }
    }
    for (Map.Entry<String, Integer> e : unsupported.entrySet()) {
      if (e.getValue() <= 0) {
        throw new IllegalArgumentException("estimate.unsupported[" + e.getKey() + "] = " + e.getValue()
            + ": must be > 0");
      }
    }
    unsupported = java.util.Collections.unmodifiableMap(new TreeMap<>(unsupported));
  }

  /**
   * The monthly cost before the change.
   *
   * @return the sum over priced resources; never null
   */
  @JsonProperty("monthlyBefore")
  public Money monthlyBefore() {
    Money sum = Money.zero(currency);
    for (ResourceEstimate r : resources) {
      if (r.before() != null) {
        sum = sum.plus(r.before().monthly());
      }
    }
    return sum;
  }

  /**
   * The monthly cost after the change.
   *
   * @return the sum over priced resources; never null
   */
  @JsonProperty("monthlyAfter")
  public Money monthlyAfter() {
    Money sum = Money.zero(currency);
    for (ResourceEstimate r : resources) {
      if (r.after() != null) {
        sum = sum.plus(r.after().monthly());
      }
    }
    return sum;
  }

  /**
   * After minus before.
   *
   * @return the change of the monthly cost; never null
   */
  @JsonProperty("monthlyDelta")
  public Money monthlyDelta() {
    return monthlyAfter().minus(monthlyBefore());
  }

  /**
   * The change in percent of the cost before.
   *
   * @return the change, rounded to two decimals; empty when the cost before is zero
   */
  public Optional<BigDecimal> percentChange() {
    BigDecimal before = monthlyBefore().amount();
    if (before.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(monthlyDelta().amount().multiply(BigDecimal.valueOf(100))
        .divide(before, 2, RoundingMode.HALF_EVEN));
  }

  /**
   * The change from a base estimate to this one, as a pull request sees it: each resource's cost before is its cost
   * after in {@code base}, its cost after is its cost after here. Resources only in the base are deleted, resources
   * only here are created; resources unpriced in either are unpriced.
   *
   * @param base the estimate of the base branch; never null
   * @return a new estimate with this one's source and format; never null
   * @throws IllegalArgumentException if the currencies differ
   */
  public Estimate comparedTo(Estimate base) {
    Objects.requireNonNull(base, "base");
    if (!base.currency.equals(currency)) {
      throw new IllegalArgumentException("cannot compare an estimate in " + currency + " with one in "
          + base.currency);
    }
    Map<String, ResourceEstimate> old = new LinkedHashMap<>();
    base.resources.forEach(r -> old.put(r.address(), r));
    Set<String> unpricedHere = unpriced.stream().map(UnpricedResource::address).collect(Collectors.toSet());
    List<UnpricedResource> unpricedAll = new ArrayList<>(unpriced);
    for (UnpricedResource u : base.unpriced) {
      if (!unpricedHere.contains(u.address())) {
        unpricedAll.add(new UnpricedResource(u.address(), u.type(), "in the base: " + u.reason()));
      }
    }
    Set<String> unpricedAny = unpricedAll.stream().map(UnpricedResource::address).collect(Collectors.toSet());
    List<ResourceEstimate> merged = new ArrayList<>();
    for (ResourceEstimate r : resources) {
      ResourceEstimate was = old.remove(r.address());
      if (unpricedAny.contains(r.address())) {
        continue;
      }
      MonthlyCost before = was == null ? null : was.after();
      MonthlyCost after = r.after();
      if (before == null && after == null) {
        continue;
      }
      merged.add(new ResourceEstimate(r.address(), r.type(), action(before, after), before, after, r.notes()));
    }
    for (ResourceEstimate was : old.values()) {
      if (was.after() != null && !unpricedAny.contains(was.address())) {
        merged.add(new ResourceEstimate(was.address(), was.type(), "delete", was.after(), null, was.notes()));
      }
    }
    Map<String, Integer> types = new TreeMap<>(base.unsupported);
    unsupported.forEach((k, v) -> types.merge(k, v, Math::max));
    return new Estimate(source, format, currency, merged, unpricedAll, types);
  }

  private static String action(@Nullable MonthlyCost before, @Nullable MonthlyCost after) {
    if (before == null) {
      return "create";
    }
    if (after == null) {
      return "delete";
    }
    return before.equals(after) ? "no-op" : "update";
  }
}
