package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObservedReaderTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static byte[] slice() throws IOException {
    try (InputStream in = ObservedReaderTest.class.getResourceAsStream("/golden/focus/focus-sample-slice.csv")) {
      return in.readAllBytes();
    }
  }

  private double rows(String outcome) {
    return registry.get("stratus.finops.billing.rows").tags("format", "focus", "outcome", outcome).counter().count();
  }

  @Test
  void read_countsIngestedAndRejectedRowsOncePerFileAndTracesTheFile() throws IOException {
    // the slice's 57 rows plus one row with too few fields
    byte[] data = (new String(slice(), StandardCharsets.UTF_8).stripTrailing() + "\nbroken,row\n")
        .getBytes(StandardCharsets.UTF_8);
    List<CostRecord> records = new ArrayList<>();

    ReadReport report = BillingReaders.observed(BillingReaders.focus(), registry, OTEL.getOpenTelemetry())
        .read(new ByteArrayInputStream(data), "slice.csv", records::add);

    assertThat(report.recordsEmitted()).isEqualTo(57).isEqualTo(records.size());
    assertThat(report.rejectionCount()).isEqualTo(1);
    assertThat(rows("ingested")).isEqualTo(57);
    assertThat(rows("rejected")).isEqualTo(1);
    assertThat(registry.get("stratus.finops.billing.files").tag("outcome", "read").counter().count()).isEqualTo(1);
    SpanData span = OTEL.getSpans().get(0);
    assertThat(span.getName()).isEqualTo("stratus.finops.ingest");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.billing.file"))).isEqualTo("slice.csv");
    assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.rows.read"))).isEqualTo(58);
    assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.rows.ingested"))).isEqualTo(57);
    assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.rows.rejected"))).isEqualTo(1);
  }

  @Test
  void read_unreadableFile_countsTheRowsBeforeTheFailureAndMarksTheSpan() {
    byte[] utf16 = "BilledCost,BillingCurrency\n1,USD\n".getBytes(StandardCharsets.UTF_16);

    assertThatThrownBy(() -> BillingReaders.observed(BillingReaders.focus(), registry, OTEL.getOpenTelemetry())
        .read(new ByteArrayInputStream(utf16), "utf16.csv", r -> {})).isInstanceOf(BillingFormatException.class);

    assertThat(registry.get("stratus.finops.billing.files").tag("outcome", "failed").counter().count())
        .isEqualTo(1);
    assertThat(OTEL.getSpans().get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }
}
