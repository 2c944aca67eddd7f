package io.stratus.spark.sweep;

import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioResults;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The small test sweep and its outputs from the local engine. */
public final class SweepFixtures {
  public static final String SOURCE = "small-sweep.yaml";

  private SweepFixtures() {}

  public static String text() {
    try (InputStream in = SweepFixtures.class.getResourceAsStream("/sweep/" + SOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PricingProvider catalog() {
    return ProviderRegistry.load(PricingProvider.class).require(SweepJob.DEFAULT_CATALOG);
  }

  private static List<ScenarioEngine.SweepResult> local;

  /** The sweep on the local engine, on the calling thread (computed once). */
  public static synchronized List<ScenarioEngine.SweepResult> local() {
    if (local == null) {
      local = ScenarioEngine.create(catalog()).sweep(ScenarioSpec.parse(text(), SOURCE), Runnable::run);
    }
    return local;
  }

  public static String csv(List<ScenarioEngine.SweepResult> results) {
    StringBuilder sb = new StringBuilder();
    ScenarioResults.writeSweepCsv(results, sb);
    return sb.toString();
  }

  public static String json(List<ScenarioEngine.SweepResult> results) {
    StringBuilder sb = new StringBuilder();
    ScenarioResults.writeSweepJson(results, sb);
    return sb.toString();
  }
}
