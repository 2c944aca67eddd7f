package io.stratus.scheduler.catalog;

import io.stratus.model.VirtualMachine;
import io.stratus.spi.InventoryProvider;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * An {@link InventoryProvider} that keeps the fleet in memory: the embedded default for hosts that track their running
 * machines themselves (or have none yet). The host adds, replaces and removes machines; schedulers read snapshots.
 * Thread-safe.
 *
 * <p>{@link #runningVms()} returns an immutable snapshot ordered by machine id; {@link #update} is atomic
 * per machine. Not registered with {@link java.util.ServiceLoader}: create it and hand it to the component that needs
 * an inventory, or register it in a {@link io.stratus.spi.ProviderRegistry} by hand.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InMemoryInventory implements InventoryProvider {
  /** The id of instances made with the no-arg constructor, {@value}. */
  public static final String DEFAULT_ID = "in-memory";

  private final String id;
  private final ConcurrentSkipListMap<String, VirtualMachine> vms = new ConcurrentSkipListMap<>();

  /** An empty inventory with id {@value #DEFAULT_ID}. */
  public InMemoryInventory() {
    this(DEFAULT_ID);
  }

  /**
   * An empty inventory.
   *
   * @param id the provider id; not blank
   * @throws IllegalArgumentException if the id is blank
   */
  public InMemoryInventory(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, got '" + id + "'");
    }
    this.id = id;
  }

  /**
   * An inventory holding the given machines.
   *
   * @param machines the machines, with distinct ids; never null
   * @return a new inventory with id {@value #DEFAULT_ID}; never null
   * @throws IllegalArgumentException if two machines share an id
   */
  public static InMemoryInventory of(Collection<VirtualMachine> machines) {
    InMemoryInventory inventory = new InMemoryInventory();
    for (VirtualMachine vm : Objects.requireNonNull(machines, "machines")) {
      Objects.requireNonNull(vm, "machines must not contain null");
      if (inventory.vms.putIfAbsent(vm.id(), vm) != null) {
        throw new IllegalArgumentException("machines must have distinct ids, '" + vm.id() + "' appears twice");
      }
    }
    return inventory;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "in-memory inventory '" + id + "' (" + vms.size() + " machines)";
  }

  /**
   * Adds a machine, or replaces the machine with the same id.
   *
   * @param vm the machine; never null
   * @return the machine it replaced, empty if it is new
   */
  public Optional<VirtualMachine> put(VirtualMachine vm) {
    Objects.requireNonNull(vm, "vm");
    return Optional.ofNullable(vms.put(vm.id(), vm));
  }

  /**
   * Atomically replaces a machine by a function of itself, e.g. to record a new allocation.
   *
   * @param vmId the machine's id; never null
   * @param change returns the new machine with the same id; never null, must not return null
   * @return the new machine, empty if no machine has the id
   * @throws IllegalArgumentException if the function changes the id
   */
  public Optional<VirtualMachine> update(String vmId, UnaryOperator<VirtualMachine> change) {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(change, "change");
    return Optional.ofNullable(
        vms.computeIfPresent(
            vmId,
            (k, old) -> {
              VirtualMachine updated = Objects.requireNonNull(change.apply(old), "change returned null");
              if (!updated.id().equals(k)) {
                throw new IllegalArgumentException(
                    "change must keep the machine id '" + k + "', got '" + updated.id() + "'");
              }
              return updated;
            }));
  }

  /**
   * Removes a machine.
   *
   * @param vmId the machine's id; never null
   * @return the removed machine, empty if none had the id
   */
  public Optional<VirtualMachine> remove(String vmId) {
    return Optional.ofNullable(vms.remove(Objects.requireNonNull(vmId, "vmId")));
  }

  /**
   * Looks a machine up.
   *
   * @param vmId the machine's id; never null
   * @return the machine, empty if none has the id
   */
  public Optional<VirtualMachine> find(String vmId) {
    return Optional.ofNullable(vms.get(Objects.requireNonNull(vmId, "vmId")));
  }

  /**
   * A snapshot of the machines, ordered by id.
   *
   * @return an immutable list; never null
   */
  @Override
  public List<VirtualMachine> runningVms() {
    return List.copyOf(vms.values());
  }
}
