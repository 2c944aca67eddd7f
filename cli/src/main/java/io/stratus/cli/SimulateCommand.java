package io.stratus.cli;

import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioResults;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stratus simulate}: runs a scenario file on the simulated cloud and prints the results. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run a scenario file (YAML or JSON; see the simulation module) in virtual time against the bundled"
        + " catalog and print, per scheduler, a summary with confidence intervals (or every run).")
final class SimulateCommand implements Callable<Integer> {
  enum Output { summary, runs, json }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file.")
  Path file;

  @Option(names = "--format", defaultValue = "summary",
      description = "summary (CSV per scheduler), runs (CSV per run) or json (default: ${DEFAULT-VALUE}).")
  Output format;

  @Override
  public Integer call() throws IOException {
    ScenarioSpec scenario = ScenarioSpec.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    PricingProvider catalog = ProviderRegistry.load(PricingProvider.class).require("catalog");
    List<RunResult> results = ScenarioEngine.create(catalog).run(scenario, Runnable::run);
    StringBuilder out = new StringBuilder();
    switch (format) {
      case summary -> ScenarioResults.writeSummaryCsv(ScenarioEngine.compare(results, 0.95), out);
      case runs -> ScenarioResults.writeCsv(results, out);
      case json -> ScenarioResults.writeJson(results, out);
    }
    spec.commandLine().getOut().print(out);
    spec.commandLine().getOut().flush();
    return Stratus.OK;
  }
}
