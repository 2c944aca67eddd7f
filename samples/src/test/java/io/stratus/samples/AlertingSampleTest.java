package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AuditEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sample's alerts reach their routed receivers, the failing webhook is retried, and the history records it. */
class AlertingSampleTest {
  @Test
  void run_routesRetriesAndRecordsHistory() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AlertingSample.Result r;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      r = AlertingSample.run(out);
    }
    // HighCpu fired, then resolved by hand: Slack and PagerDuty get both; the cost alert goes to the webhook only
    assertThat(r.requestsByReceiver()).containsEntry("slack", 2).containsEntry("pagerduty", 2)
        .containsEntry("hook", 3);
    assertThat(r.delivery().failedAttempts()).isEqualTo(2);
    assertThat(r.delivery().deadLettered()).isZero();
    assertThat(r.history()).extracting(h -> h.labels().get("alertname") + ":" + h.state())
        .containsExactlyInAnyOrder("HighCpu:RESOLVED", "DailySpend:FIRING");
    assertThat(r.history()).filteredOn(h -> h.state() == AlertState.RESOLVED).singleElement()
        .satisfies(h -> assertThat(h.resolutionNote()).contains("pool scaled out to 4 nodes"));
    assertThat(r.audit()).extracting(AuditEntry::action).containsExactly(AuditEntry.Action.FIRED,
        AuditEntry.Action.ACKNOWLEDGED, AuditEntry.Action.COMMENTED, AuditEntry.Action.RESOLVED_BY_HAND);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("audit:").contains("delivered");
  }
}
