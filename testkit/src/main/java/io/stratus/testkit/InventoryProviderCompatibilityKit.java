package io.stratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.ResourceDemand;
import io.stratus.model.VirtualMachine;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link InventoryProvider} must meet. Extend it and return a fresh provider holding at least one
 * running machine from {@link #createProvider()}.
 * Not thread-safe itself (JUnit creates one instance per test method).
 *
 * <p>It checks the id, that the snapshot is immutable, non-empty and free of duplicate ids, that every machine's
 * allocation fits its capacity and its histories are ordered oldest first, that a snapshot does not change when the
 * next one is taken, and that concurrent reads return valid snapshots.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class InventoryProviderCompatibilityKit {
  /** The provider under test, created before each test. */
  protected InventoryProvider provider;

  /** Creates the kit. */
  protected InventoryProviderCompatibilityKit() {}

  /**
   * Creates the provider under test; called before every test.
   *
   * @return a provider with at least one running machine; never null
   */
  protected abstract InventoryProvider createProvider();

  /** Creates {@link #provider}. */
  @BeforeEach
  void createProviderUnderTest() {
    provider = createProvider();
    assertThat(provider).as("createProvider()").isNotNull();
  }

  @Test
  void id_isNonBlankAndRegistrable() {
    assertThat(provider.id()).as("id()").isNotBlank();
    assertThat(provider.description()).as("description()").isNotNull();
    assertThat(ProviderRegistry.empty(InventoryProvider.class).register(provider).require(provider.id()))
        .isSameAs(provider);
  }

  @Test
  void runningVms_isNonEmptyWithUniqueIds() {
    List<VirtualMachine> vms = provider.runningVms();
    assertThat(vms).as("runningVms()").isNotEmpty().doesNotContainNull();
    assertThat(vms.stream().map(VirtualMachine::id)).as("machine ids").doesNotHaveDuplicates();
  }

  @Test
  void runningVms_allocationFitsCapacityAndFreeIsTheRest() {
    for (VirtualMachine vm : provider.runningVms()) {
      ResourceDemand capacity = vm.instanceType().capacity();
      assertThat(vm.allocated().fitsIn(capacity)).as("allocation of %s fits its capacity", vm.id()).isTrue();
      assertThat(vm.free().plus(vm.allocated()).fitsIn(capacity)).as("free + allocated of %s", vm.id()).isTrue();
      assertThat(vm.region().provider()).as("provider of %s", vm.id()).isEqualTo(vm.instanceType().provider());
      assertThat(vm.hourlyPrice().isNegative()).as("price of %s", vm.id()).isFalse();
    }
  }

  @Test
  void runningVms_historiesAreOldestFirst() {
    for (VirtualMachine vm : provider.runningVms()) {
      for (int i = 1; i < vm.performanceHistory().size(); i++) {
        assertThat(vm.performanceHistory().get(i).at())
            .as("performance history of %s is oldest first", vm.id())
            .isAfterOrEqualTo(vm.performanceHistory().get(i - 1).at());
      }
      for (int i = 1; i < vm.costHistory().size(); i++) {
        assertThat(vm.costHistory().get(i).start())
            .as("cost history of %s is oldest first", vm.id())
            .isAfterOrEqualTo(vm.costHistory().get(i - 1).start());
      }
    }
  }

  @Test
  void runningVms_isAnImmutableSnapshot() {
    List<VirtualMachine> first = provider.runningVms();
    List<VirtualMachine> copy = List.copyOf(first);
    provider.runningVms();
    assertThat(first).as("an earlier snapshot does not change").isEqualTo(copy);
    assertThatThrownBy(() -> first.add(copy.get(0))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.remove(0)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void concurrentReads_returnValidSnapshots() throws Exception {
    InventoryProvider fresh = createProvider();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<VirtualMachine>>> tasks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        tasks.add(fresh::runningVms);
      }
      for (Future<List<VirtualMachine>> f : pool.invokeAll(tasks)) {
        List<VirtualMachine> vms = f.get();
        assertThat(vms).isNotNull().doesNotContainNull();
        assertThat(vms.stream().map(VirtualMachine::id)).doesNotHaveDuplicates();
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
