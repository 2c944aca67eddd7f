package io.stratus.benchmarks.monitoring;

import io.stratus.monitoring.alerting.AlertEngine;
import io.stratus.monitoring.alerting.AlertRule;
import io.stratus.monitoring.alerting.AlertStats;
import io.stratus.monitoring.alerting.Condition;
import io.stratus.monitoring.alerting.GroupingPolicy;
import io.stratus.monitoring.alerting.Incident;
import io.stratus.monitoring.alerting.InhibitRule;
import io.stratus.monitoring.health.HealthChecker;
import io.stratus.monitoring.health.HealthState;
import io.stratus.monitoring.spi.HealthTarget;
import io.stratus.monitoring.spi.LabelMatcher;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.ProbeResult;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Alert noise on a seeded scenario of correlated failures: 600 VMs in 3 regions (200 each, 10 deployments), a
 * degradation of region {@code eu-west-1} from minute 30 to 75 that pushes all its 200 VMs over the CPU threshold
 * (some hovering around it) while the region's health probe fails, plus 3 unrelated single-VM spikes elsewhere.
 * Counts the notifications sent without noise reduction, with grouping, with grouping and inhibition, and with
 * incident correlation and inhibition.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.monitoring.AlertNoiseEvaluation [seed]}
 */
public final class AlertNoiseEvaluation {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-southeast-1"};
  private static final int VMS_PER_REGION = 200;
  private static final int MINUTES = 120;

  private AlertNoiseEvaluation() {}

  record Result(String config, int notifications, AlertStats stats, List<Incident> incidents, Set<String> spikes) {}

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 2026;
    List<Result> results = new ArrayList<>();
    results.add(run("none: one notification per alert change", seed, GroupingPolicy.none(), false));
    results.add(run("group by alertname+region", seed, GroupingPolicy.byLabels("alertname", "region"), false));
    results.add(run("group + inhibition (RegionDown mutes VM alerts)", seed,
        GroupingPolicy.byLabels("alertname", "region"), true));
    results.add(run("correlated incidents (no inhibition)", seed, GroupingPolicy.byIncident(), false));
    results.add(run("correlated incidents + inhibition", seed, GroupingPolicy.byIncident(), true));
    System.out.printf("seed %d, %d VMs, %d minutes, region eu-west-1 degraded minutes 30-75, 3 unrelated spikes%n",
        seed, REGIONS.length * VMS_PER_REGION, MINUTES);
    System.out.println("| configuration | notifications | alerts fired | inhibited | spikes notified | incidents |");
    System.out.println("|---|---|---|---|---|---|");
    for (Result r : results) {
      System.out.printf("| %s | %d | %d | %d | %d/3 | %d |%n", r.config(), r.notifications(),
          r.stats().alertsFired(), r.stats().inhibitedFirings(), r.spikes().size(), r.incidents().size());
    }
    for (Incident i : results.get(results.size() - 1).incidents()) {
      System.out.printf("incident %s: %d alerts, likely cause %s%n", i.id(), i.alertFingerprints().size(),
          i.cause().describe());
    }
  }

  static Result run(String name, long seed, GroupingPolicy grouping, boolean inhibit) {
    Random r = new Random(seed);
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    List<Notification> sent = new ArrayList<>();
    NotificationChannel outbox = new NotificationChannel() {
      @Override
      public String id() {
        return "outbox";
      }

      @Override
      public void send(Notification n) {
        sent.add(n);
      }
    };
    AlertEngine.Builder b = AlertEngine.builder().clock(now::get).channel(outbox).grouping(grouping)
        .rule(AlertRule.builder("HighCpu", SeriesSelector.of("cpu.utilization")).condition(Condition.above(90, 80))
            .forDuration(Duration.ofMinutes(5)).build());
    if (inhibit) {
      b.inhibit(new InhibitRule(List.of(LabelMatcher.eq("alertname", "RegionDown")),
          List.of(LabelMatcher.eq("alertname", "HighCpu")), List.of("region")));
    }
    AlertEngine engine = b.build();
    HealthChecker health = HealthChecker.builder().clock(now::get).build();
    health.addListener(t -> {
      if (t.target().kind() == HealthTarget.Kind.REGION) {
        String code = t.target().id().substring(t.target().id().indexOf(':') + 1);
        engine.setCondition("RegionDown", Map.of("region", code, "provider", "aws"),
            Notification.Severity.CRITICAL, t.to() == HealthState.UNHEALTHY);
      }
    });
    int[] spikeVm = new int[3];
    int[] spikeStart = new int[3];
    for (int i = 0; i < 3; i++) {
      spikeVm[i] = VMS_PER_REGION + r.nextInt(2 * VMS_PER_REGION);
      spikeStart[i] = 10 + r.nextInt(90);
    }
    SeriesId[] ids = new SeriesId[REGIONS.length * VMS_PER_REGION];
    for (int v = 0; v < ids.length; v++) {
      ids[v] = SeriesId.of("cpu.utilization", "resource", "vm-" + v, "region", REGIONS[v / VMS_PER_REGION],
          "provider", "aws", "deployment", "d" + (v % 10));
    }
    for (int step = 0; step < MINUTES * 2; step++) {
      now.set(T0.plusSeconds(30L * step));
      if (step % 2 == 0) {
        int minute = step / 2;
        boolean degraded = minute >= 30 && minute < 75;
        for (int v = 0; v < ids.length; v++) {
          double cpu = Math.min(100, Math.max(0, 35 + 8 * r.nextGaussian()));
          if (degraded && v < VMS_PER_REGION) {
            cpu = v % 5 == 0 ? 91 + 4 * r.nextGaussian() : 96 + 2 * r.nextGaussian();
          }
          for (int i = 0; i < 3; i++) {
            if (v == spikeVm[i] && minute >= spikeStart[i] && minute < spikeStart[i] + 20) {
              cpu = 97;
            }
          }
          engine.accept(new MetricSample(ids[v], now.get().toEpochMilli(), Math.min(100, cpu)));
        }
        for (String region : REGIONS) {
          boolean down = degraded && region.equals(REGIONS[0]);
          health.record(new ProbeResult(HealthTarget.region("aws:" + region),
              down ? ProbeResult.Outcome.DOWN : ProbeResult.Outcome.UP, Duration.ofMillis(40), now.get(),
              down ? "timeout" : "ok"));
        }
      }
      engine.tick();
    }
    for (int extra = 1; extra <= 20; extra++) {
      now.set(T0.plus(Duration.ofMinutes(MINUTES)).plus(Duration.ofMinutes(extra)));
      engine.tick();
    }
    Set<String> spikes = new HashSet<>();
    for (Notification n : sent) {
      for (int i = 0; i < 3; i++) {
        if (n.body().contains("resource=vm-" + spikeVm[i] + ",") || n.body().contains("resource=vm-" + spikeVm[i]
            + "}")) {
          spikes.add("vm-" + spikeVm[i]);
        }
      }
    }
    return new Result(name, sent.size(), engine.stats(), engine.incidents(), spikes);
  }
}
