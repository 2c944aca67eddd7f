package io.stratus.spi;

import io.stratus.model.VirtualMachine;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Source of the running fleet: every machine with its allocation (and so its free capacity), price and history.
 * Implemented by the simulator, by an in-memory inventory the host fills, and by hosts over their own fleet records.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface InventoryProvider extends StratusProvider {
  /**
   * A snapshot of the running machines.
   *
   * @return an immutable list; never null
   * @throws io.stratus.ProviderException if the inventory cannot be read
   */
  List<VirtualMachine> runningVms();
}
