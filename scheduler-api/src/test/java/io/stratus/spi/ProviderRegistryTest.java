package io.stratus.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

  /** A test SPI with two providers listed in {@code META-INF/services}. */
  public interface Greeter extends StratusProvider {}

  /** A test SPI whose two listed providers share an id. */
  public interface Clashing extends StratusProvider {}

  /** A test SPI whose services file names a class that does not exist. */
  public interface Misconfigured extends StratusProvider {}

  /** A test SPI nobody provides. */
  public interface Unprovided extends StratusProvider {}

  /** Listed for {@link Greeter}. */
  public static final class English implements Greeter {
    @Override
    public String id() {
      return "en";
    }

    @Override
    public String description() {
      return "English greeter";
    }
  }

  /** Listed for {@link Greeter}. */
  public static final class French implements Greeter {
    @Override
    public String id() {
      return "fr";
    }
  }

  /** Listed for {@link Clashing}. */
  public static final class ClashA implements Clashing {
    @Override
    public String id() {
      return "same";
    }
  }

  /** Listed for {@link Clashing}. */
  public static final class ClashB implements Clashing {
    @Override
    public String id() {
      return "same";
    }
  }

  private record Named(String id) implements Greeter {}

  /** A test SPI with one real and one simulated provider listed in {@code META-INF/services}. */
  public interface Cloud extends StratusProvider {}

  /** Listed for {@link Cloud}: a real provider. */
  public static final class RealCloud implements Cloud {
    @Override
    public String id() {
      return "real";
    }
  }

  /** Listed for {@link Cloud}: a demo. */
  public static final class DemoCloud implements Cloud {
    @Override
    public String id() {
      return "demo";
    }

    @Override
    public boolean isSimulated() {
      return true;
    }
  }

  /** A test SPI whose only listed provider is simulated (like the inventory with stratus-simulation present). */
  public interface DemoOnly extends StratusProvider {}

  /** Listed for {@link DemoOnly}. */
  public static final class OnlyDemo implements DemoOnly {
    @Override
    public String id() {
      return "simulated";
    }

    @Override
    public boolean isSimulated() {
      return true;
    }
  }

  private record SimulatedCloud(String id) implements Cloud {
    @Override
    public boolean isSimulated() {
      return true;
    }
  }

  @Test
  void load_servicesFile_findsEveryProviderOrderedById() {
    ProviderRegistry<Greeter> registry = ProviderRegistry.load(Greeter.class);

    assertThat(registry.ids()).containsExactly("en", "fr");
    assertThat(registry.all()).extracting(StratusProvider::id).containsExactly("en", "fr");
    assertThat(registry.require("fr")).isInstanceOf(French.class);
  }

  @Test
  void load_explicitClassLoader_isUsed() {
    ProviderRegistry<Greeter> registry =
        ProviderRegistry.load(Greeter.class, ProviderRegistryTest.class.getClassLoader());

    assertThat(registry.find("en")).containsInstanceOf(English.class);
  }

  @Test
  void load_duplicateIdsOnClasspath_isRejectedNamingBothClasses() {
    assertThatThrownBy(() -> ProviderRegistry.load(Clashing.class))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("duplicate Clashing id 'same'")
        .hasMessageContaining(ClashA.class.getName())
        .hasMessageContaining(ClashB.class.getName())
        .hasMessageContaining("META-INF/services/" + Clashing.class.getName());
  }

  @Test
  void load_unloadableProvider_isRejectedWithFix() {
    assertThatThrownBy(() -> ProviderRegistry.load(Misconfigured.class))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("io.stratus.spi.NoSuchProvider")
        .hasMessageContaining("public no-arg constructor")
        .hasCauseInstanceOf(java.util.ServiceConfigurationError.class);
  }

  @Test
  void register_duplicateId_isRejected() {
    ProviderRegistry<Greeter> registry = ProviderRegistry.empty(Greeter.class).register(new Named("x"));

    assertThatThrownBy(() -> registry.register(new Named("x")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'x'");
    assertThat(registry.ids()).containsExactly("x");
  }

  @Test
  void register_blankId_isRejected() {
    ProviderRegistry<Greeter> registry = ProviderRegistry.empty(Greeter.class);

    assertThatThrownBy(() -> registry.register(new Named(" "))).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("blank id");
    assertThatThrownBy(() -> registry.register(new Named(null))).isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void single_none_explainsHowToFix() {
    ProviderRegistry<Unprovided> registry = ProviderRegistry.load(Unprovided.class);

    assertThat(registry.all()).isEmpty();
    assertThatThrownBy(registry::single)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no Unprovided found")
        .hasMessageContaining("register one by hand")
        .hasMessageContaining("META-INF/services/" + Unprovided.class.getName());
  }

  @Test
  void single_several_listsIdsAndFix() {
    ProviderRegistry<Greeter> registry = ProviderRegistry.load(Greeter.class);

    assertThatThrownBy(registry::single)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("several Greeters found [en, fr]")
        .hasMessageContaining("require(id)");
  }

  @Test
  void single_exactlyOne_returnsIt() {
    Named only = new Named("only");

    assertThat(ProviderRegistry.empty(Greeter.class).register(only).single()).isSameAs(only);
  }

  @Test
  void require_unknownId_listsRegisteredIds() {
    ProviderRegistry<Greeter> registry = ProviderRegistry.load(Greeter.class);

    assertThatThrownBy(() -> registry.require("de"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'de'")
        .hasMessageContaining("[en, fr]");
    assertThat(registry.find("de")).isEmpty();
  }

  @Test
  void listeners_seeAddsAndRemoves_andAFailingListenerIsSkipped() {
    List<ProviderRegistry.Event<Greeter>> seen = new CopyOnWriteArrayList<>();
    ProviderRegistry<Greeter> registry =
        ProviderRegistry.empty(Greeter.class)
            .addListener(
                e -> {
                  throw new IllegalStateException("listener bug");
                })
            .addListener(seen::add);
    Named a = new Named("a");

    registry.register(a);
    assertThat(registry.unregister("a")).contains(a);
    assertThat(registry.unregister("a")).isEmpty();

    assertThat(seen)
        .containsExactly(
            new ProviderRegistry.Event<>(ProviderRegistry.EventType.ADDED, a),
            new ProviderRegistry.Event<>(ProviderRegistry.EventType.REMOVED, a));
  }

  @Test
  void unregister_thenRegisterSameId_isAllowed() {
    ProviderRegistry<Greeter> registry = ProviderRegistry.empty(Greeter.class).register(new Named("a"));
    registry.unregister("a");

    registry.register(new Named("a"));

    assertThat(registry.ids()).containsExactly("a");
  }

  @Test
  void registerAll_duplicateInBatch_keepsEarlierOnes() {
    ProviderRegistry<Greeter> registry = ProviderRegistry.empty(Greeter.class);

    assertThatThrownBy(() -> registry.registerAll(List.of(new Named("a"), new Named("b"), new Named("a"))))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThat(registry.ids()).containsExactly("a", "b");
  }

  @Test
  void all_isImmutableSnapshot() {
    ProviderRegistry<Greeter> registry = ProviderRegistry.empty(Greeter.class).register(new Named("a"));
    List<Greeter> snapshot = registry.all();

    registry.register(new Named("b"));

    assertThat(snapshot).hasSize(1);
    assertThatThrownBy(() -> snapshot.add(new Named("c"))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void load_simulatedOnClasspath_allAndIdsReturnOnlyRealProviders() {
    ProviderRegistry<Cloud> registry = ProviderRegistry.load(Cloud.class);

    assertThat(registry.all()).extracting(StratusProvider::id).containsExactly("real");
    assertThat(registry.ids()).containsExactly("real");
    assertThat(registry.single()).isInstanceOf(RealCloud.class);
  }

  @Test
  void single_onlySimulatedOnClasspath_failsNamingTheOptIn() {
    ProviderRegistry<DemoOnly> registry = ProviderRegistry.load(DemoOnly.class);

    assertThat(registry.all()).isEmpty();
    assertThatThrownBy(registry::single)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no DemoOnly found")
        .hasMessageContaining("held back until includeSimulated(): [simulated]")
        .hasMessageContaining("includeSimulated() or require(id)");
  }

  @Test
  void includeSimulated_addsHeldBackProviders_andTellsListeners() {
    List<ProviderRegistry.Event<Cloud>> seen = new CopyOnWriteArrayList<>();
    ProviderRegistry<Cloud> registry = ProviderRegistry.load(Cloud.class).addListener(seen::add);

    assertThat(registry.includeSimulated()).isSameAs(registry);
    registry.includeSimulated();

    assertThat(registry.ids()).containsExactly("demo", "real");
    assertThat(seen).extracting(ProviderRegistry.Event::type).containsExactly(ProviderRegistry.EventType.ADDED);
    assertThat(seen.get(0).provider()).isInstanceOf(DemoCloud.class);
    assertThat(ProviderRegistry.load(DemoOnly.class).includeSimulated().single()).isInstanceOf(OnlyDemo.class);
  }

  @Test
  void require_heldBackSimulatedByName_isFoundWithoutJoiningAll() {
    ProviderRegistry<Cloud> registry = ProviderRegistry.load(Cloud.class);

    assertThat(registry.require("demo")).isInstanceOf(DemoCloud.class);
    assertThat(registry.find("demo")).containsInstanceOf(DemoCloud.class);
    assertThat(registry.ids()).containsExactly("real");
  }

  @Test
  void register_simulatedByHand_isTheHostsChoiceAndReturned() {
    SimulatedCloud mine = new SimulatedCloud("mine");

    assertThat(ProviderRegistry.empty(Cloud.class).register(mine).single()).isSameAs(mine);
  }

  @Test
  void register_idOfHeldBackSimulated_replacesIt() {
    ProviderRegistry<Cloud> registry = ProviderRegistry.load(Cloud.class);
    SimulatedCloud own = new SimulatedCloud("demo");

    registry.register(own).includeSimulated();

    assertThat(registry.require("demo")).isSameAs(own);
    assertThat(registry.ids()).containsExactly("demo", "real");
  }

  @Test
  void unregister_heldBackSimulated_forgetsIt() {
    ProviderRegistry<Cloud> registry = ProviderRegistry.load(Cloud.class);

    assertThat(registry.unregister("demo")).containsInstanceOf(DemoCloud.class);

    assertThat(registry.find("demo")).isEmpty();
    assertThat(registry.includeSimulated().ids()).containsExactly("real");
  }

  @Test
  void defaultIsSimulated_isFalse() {
    assertThat(new French().isSimulated()).isFalse();
  }

  @Test
  void defaultDescription_isClassName() {
    assertThat(new French().description()).isEqualTo(French.class.getName());
    assertThat(new English().description()).isEqualTo("English greeter");
  }
}
