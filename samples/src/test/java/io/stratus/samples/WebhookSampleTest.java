package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.webhooks.OutboxEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample routes by type and label, retries after the 503, and the receiver verifies every delivery. */
class WebhookSampleTest {

  @TempDir
  Path dir;

  @Test
  void run_deliversTheMatchingEventsSigned_afterHonouringRetryAfter() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WebhookSample.Result result;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = WebhookSample.runIn(dir, out);
    }
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(result.receipts().get(2).subscriptionIds()).as("the ads health event matches no subscription").isEmpty();
    assertThat(result.received()).hasSize(2).doesNotHaveDuplicates();
    assertThat(result.requests()).as("the first request got 503 and was retried").isEqualTo(3);
    assertThat(result.confirmed().get("budget-search-2026-05-80")).containsExactly(OutboxEntry.State.DELIVERED);
    assertThat(result.confirmed().get("health-ads-db")).isEqualTo(List.of());
    assertThat(report).contains("receiver: verified budget-search-2026-05-80").doesNotContain("rejected");
  }
}
