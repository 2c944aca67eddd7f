package io.stratus.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.core.EnhancedScheduler;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stratus schedule}: places JSON workloads on the bundled catalog and prints the plan. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    description = "Place workloads (a JSON array of Workload, or {\"workloads\": [...]}, as the model serializes"
        + " them) on the bundled catalog's offers with the enhanced scheduler and print the plan: where each workload"
        + " goes, the instances to buy, the hourly cost, and why a workload could not be placed.")
final class ScheduleCommand implements Callable<Integer> {
  enum Output { text, json }

  private static final JsonMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WORKLOADS", description = "The workloads file (JSON).")
  Path file;

  @Option(names = "--trade-off", defaultValue = "0",
      description = "0 = cheapest, 1 = fastest (default ${DEFAULT-VALUE}).")
  double tradeOff;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
  Output format;

  @Override
  public Integer call() throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": ";
      throw new IllegalArgumentException(file + ": " + where + "must be valid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode list = root != null && root.isObject() ? root.get("workloads") : root;
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(file + ": expected a JSON array of workloads or {\"workloads\": [...]}");
    }
    List<Workload> workloads;
    try {
      workloads = JSON.convertValue(list, new TypeReference<List<Workload>>() { });
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + Errors.message(e.getCause() != null ? e.getCause() : e), e);
    }
    PricingProvider catalog = ProviderRegistry.load(PricingProvider.class).require("catalog");
    PlacementPlan plan = EnhancedScheduler.builder().pricing(catalog).tradeOff(tradeOff).build().placeAll(workloads);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Output.json) {
      out.println(JSON.writeValueAsString(plan));
    } else {
      out.printf("%d of %d workloads placed, %s per hour (%s)%n", plan.placedCount(), workloads.size(),
          plan.totalHourlyCost(), plan.method());
      for (PlacementPlan.Assignment a : plan.assignments()) {
        out.printf("  %s -> %s (%s)%n", a.workloadId(), a.targetId(), a.candidate());
      }
      for (PlacementPlan.NewInstance n : plan.newInstances()) {
        out.printf("  buy %s: %s for %s%n", n.key(), n.candidate(), n.workloadIds());
      }
      for (Decision d : plan.unschedulable()) {
        out.printf("  unschedulable %s: %s%n", d.workloadId(), d.reasons());
      }
    }
    out.flush();
    return Stratus.OK;
  }
}
