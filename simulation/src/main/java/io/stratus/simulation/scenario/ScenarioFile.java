package io.stratus.simulation.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shape of a scenario document as Jackson binds it (unknown fields are rejected); no rule is checked here. */
final class ScenarioFile {
  private ScenarioFile() {}

  record Root(String name, String start, String duration, Long seed, Integer replications,
      Double confidenceLevel, List<SchedulerKind> schedulers, String sloAllowance, Environment environment,
      List<Workload> workloads, LinkedHashMap<String, JsonNode> parameters) {}

  record Environment(List<String> providers, List<String> regions, Integer defaultVcpuQuota,
      Double instanceFailuresPerHour, Double spotInterruptionMultiplier, OutageRates outageRates,
      List<Outage> outages, List<Commitment> commitments, List<NetworkFault> partitions,
      List<NetworkFault> latencySpikes, NetworkRates networkFaultRates) {
    static final Environment EMPTY = new Environment(null, null, null, null, null, null, null, null, null, null, null);
  }

  record NetworkFault(List<String> between, String start, String length, Double extraMillis) {}

  record NetworkRates(Double partitionsPerRegionPerDay, Double interRegionPartitionsPerDay,
      Double spikesPerRegionPerDay, Double spikeExtraMillis, String meanDuration) {}

  record Commitment(String id, String type, String provider, String instanceType, String region, Integer count,
      BigDecimal hourlyRate, Double discount, String term, String payment) {}

  record OutageRates(Double zonePerDay, Double regionPerDay, Double providerPerDay, String meanDuration) {}

  record Outage(String scope, String target, String start, String length) {}

  record Workload(String name, String workloadClass, Boolean spotAllowed, Double spotShare, Arrivals arrivals,
      String seasonality, Double noiseSigma, Map<String, Double> vcpus, Double memoryGibPerVcpu,
      DurationSpec duration, Map<String, Double> teams) {}

  record Arrivals(String type, Double perHour, Double amplitude, String period, Double calmPerHour,
      Double burstPerHour, String meanCalm, String meanBurst, Double volatility, Double minPerHour,
      Double maxPerHour) {}

  record DurationSpec(String type, String value, String mean, String median, Double sigma, String min, String max) {}
}
