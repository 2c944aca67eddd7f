package io.stratus.simulation.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.finops.spi.BillingSource;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import io.stratus.spi.StratusProvider;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: with {@code stratus-simulation} on the classpath, the demo providers never pose as real ones, and loading
 * them does not build the demo environment.
 */
class DemoProvidersOptInTest {
  private static final List<Class<? extends StratusProvider>> DEMO_SPIS = List.of(PricingProvider.class,
      InventoryProvider.class, PerformanceHistoryProvider.class, BillingSource.class, MetricsSource.class);

  @Test
  void load_simulationOnClasspath_allAndSingleReturnNoSimulatedProvider() {
    for (Class<? extends StratusProvider> spi : DEMO_SPIS) {
      assertThat(ProviderRegistry.load(spi).all()).as(spi.getSimpleName()).noneMatch(StratusProvider::isSimulated);
    }
    assertThat(ProviderRegistry.load(PricingProvider.class).ids()).containsExactly("catalog");
    assertThatThrownBy(() -> ProviderRegistry.load(InventoryProvider.class).single())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no InventoryProvider found")
        .hasMessageContaining("includeSimulated()");
  }

  @Test
  void load_hostOptsIn_getsTheSimulatedProviders() {
    for (Class<? extends StratusProvider> spi : DEMO_SPIS) {
      StratusProvider demo = ProviderRegistry.load(spi).require("simulated");
      assertThat(demo.isSimulated()).as(spi.getSimpleName()).isTrue();
      assertThat(ProviderRegistry.load(spi).includeSimulated().all()).as(spi.getSimpleName())
          .extracting(StratusProvider::id).contains("simulated");
    }
    assertThat(ProviderRegistry.load(InventoryProvider.class).includeSimulated().single())
        .isInstanceOf(SimulatedInventoryProvider.class);
  }

  @Test
  void environmentViews_areSimulated() {
    EnvironmentSimulator env = new SimFleet(3).env;

    assertThat(List.of(env.pricingProvider(), env.inventoryProvider(), env.performanceHistoryProvider(),
        SimulatedBillingSource.of("s", env), SimulatedMetricsSource.of("s", env::usage, java.time.Duration.ofHours(1),
            SimulatedMetricsSource.UtilizationModel.diurnal(0))))
        .allMatch(StratusProvider::isSimulated);
  }

  /**
   * Runs in a fresh class loader, so that no other test has built the shared demo environment yet: loading every demo
   * SPI (held back and opted in) and reading ids, descriptions and flags builds nothing; the first data call does.
   */
  @Test
  void load_andReadMetadata_doesNotBuildTheDemoEnvironment() throws Exception {
    try (URLClassLoader isolated = new URLClassLoader(testClassPath(), ClassLoader.getPlatformClassLoader())) {
      Class<?> registry = Class.forName(ProviderRegistry.class.getName(), true, isolated);
      Method load = registry.getMethod("load", Class.class, ClassLoader.class);
      Method include = registry.getMethod("includeSimulated");
      Method all = registry.getMethod("all");
      Class<?> demo = Class.forName(DemoEnvironment.class.getName(), true, isolated);
      Method isBuilt = demo.getDeclaredMethod("isBuilt");
      isBuilt.setAccessible(true);
      Object inventory = null;
      for (Class<? extends StratusProvider> spi : DEMO_SPIS) {
        Object loaded = load.invoke(null, Class.forName(spi.getName(), true, isolated), isolated);
        for (Object provider : (List<?>) all.invoke(include.invoke(loaded))) {
          Class<?> api = Class.forName(StratusProvider.class.getName(), true, isolated);
          api.getMethod("id").invoke(provider);
          api.getMethod("description").invoke(provider);
          if ((Boolean) api.getMethod("isSimulated").invoke(provider) && spi == InventoryProvider.class) {
            inventory = provider;
          }
        }
      }

      assertThat(isBuilt.invoke(null)).as("demo environment built by loading").isEqualTo(false);
      assertThat(inventory).isNotNull();
      Class<?> inventorySpi = Class.forName(InventoryProvider.class.getName(), true, isolated);
      assertThat((List<?>) inventorySpi.getMethod("runningVms").invoke(inventory)).isNotEmpty();
      assertThat(isBuilt.invoke(null)).as("built by the first data call").isEqualTo(true);
    }
  }

  private static URL[] testClassPath() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }
}
