package io.stratus.spi;

import io.stratus.ProviderException;
import io.stratus.model.VirtualMachine;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * An {@link InventoryProvider} read its fleet but could not price some of the running machines. Providers never make
 * up a price (a price of 0 would make an unpriced machine the cheapest one), so {@link InventoryProvider#runningVms()}
 * throws this instead of returning a fleet that is incomplete or wrongly priced. It carries both halves of the
 * answer: {@link #pricedVms()}, every other running machine with its real price, and {@link #unpriced()}, each
 * unpriced machine's id with the reason. A host that can work without the unpriced machines uses the priced ones
 * knowingly:
 *
 * <pre>{@code
 * List<VirtualMachine> fleet;
 * try {
 *   fleet = inventory.runningVms();
 * } catch (PriceUnavailableException e) {
 *   fleet = e.pricedVms();   // e.unpriced() says which machines are missing, and why
 * }
 * }</pre>
 *
 * <p>Immutable once thrown. The machine lists are not serialized with the exception.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PriceUnavailableException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final transient List<VirtualMachine> pricedVms;
  private final transient Map<String, String> unpriced;

  /**
   * Creates the exception.
   *
   * @param providerId id of the inventory provider; never null
   * @param pricedVms the running machines that were priced; never null, may be empty
   * @param unpriced machine id to the reason its price is unknown (e.g. {@code "no ON_DEMAND price for
   *     n2-custom-6-20480 in gcp:europe-west1"}); never null or empty
   * @throws IllegalArgumentException if {@code unpriced} is empty
   * @throws NullPointerException if an argument or element is null
   */
  @SuppressWarnings("NullAway") // ProviderException documents a null cause as allowed
  public PriceUnavailableException(
      String providerId, List<VirtualMachine> pricedVms, Map<String, String> unpriced) {
    super(providerId, message(pricedVms, unpriced), null);
    this.pricedVms = List.copyOf(pricedVms);
    this.unpriced = Collections.unmodifiableMap(new TreeMap<>(unpriced));
  }

  private static String message(List<VirtualMachine> pricedVms, Map<String, String> unpriced) {
    Objects.requireNonNull(pricedVms, "pricedVms");
    Objects.requireNonNull(unpriced, "unpriced");
    if (unpriced.isEmpty()) {
      throw new IllegalArgumentException("unpriced must name at least one machine, got {}");
    }
    return "no price for " + unpriced.size() + " running machine(s) " + new TreeMap<>(unpriced) + "; the "
        + pricedVms.size() + " priced machine(s) are in pricedVms()";
  }

  /**
   * The running machines that have a price: the fleet without the {@link #unpriced()} ones.
   *
   * @return an immutable list; never null, may be empty
   */
  public List<VirtualMachine> pricedVms() {
    return pricedVms;
  }

  /**
   * The running machines without a price, by id, each with the reason.
   *
   * @return an immutable map sorted by machine id; never null or empty
   */
  public Map<String, String> unpriced() {
    return unpriced;
  }
}
