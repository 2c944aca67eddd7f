package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The scrape holds the scheduler's meters with the decisions the sample made. */
class PrometheusSampleTest {
  @Test
  void run_scrapesTheSchedulersMeters() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String scrape;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      scrape = PrometheusSample.run(out);
    }
    assertThat(scrape).contains(
        "stratus_scheduler_decisions_total{mode=\"single\",outcome=\"placed\",scheduler=\"cost-aware\"} 2.0",
        "stratus_scheduler_decisions_total{mode=\"single\",outcome=\"unschedulable\",scheduler=\"cost-aware\"} 1.0",
        "stratus_scheduler_latency_seconds_count{mode=\"single\",scheduler=\"cost-aware\"} 3");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("(HTTP 200)").contains("stratus-sdk-dashboard.json");
  }
}
