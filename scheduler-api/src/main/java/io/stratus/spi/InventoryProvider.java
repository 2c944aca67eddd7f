package io.stratus.spi;

import io.stratus.model.VirtualMachine;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Source of the running fleet: every machine with its allocation (and so its free capacity), price and history.
 * Implemented by the simulator, by an in-memory inventory the host fills, and by hosts over their own fleet records.
 *
 * <p><b>Unknown prices.</b> A machine's {@link VirtualMachine#hourlyPrice() price} is the price of its own purchase
 * option in its region, as the provider's {@link PricingProvider} would offer it. An implementation never makes one
 * up: not 0 (a scheduler would take the machine for free capacity), not another option's price, not a label beside a
 * placeholder. When some running machines have no known price, {@link #runningVms()} throws a
 * {@link PriceUnavailableException} that carries the priced machines and, for each unpriced one, its id and the
 * reason; the host decides whether to go on without them. This is the inventory side of the rule
 * {@link PricingProvider#offers} follows: an unknown price is never offered.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface InventoryProvider extends StratusProvider {
  /**
   * A snapshot of the running machines.
   *
   * @return an immutable list, every machine with its real price; never null
   * @throws PriceUnavailableException if some running machines have no known price (it carries the priced rest)
   * @throws io.stratus.ProviderException if the inventory cannot be read
   */
  List<VirtualMachine> runningVms();
}
