package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.spi.CostStore;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.reporting.Report;
import io.stratus.reporting.ReportFormat;
import io.stratus.reporting.ReportInputs;
import io.stratus.reporting.Reports;
import io.stratus.reporting.query.AnalyticsEngine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The code of docs/tutorials/reporting.md, run on the bundled slice of the FOCUS 1.0 sample data. */
class ReportingTutorialTest {

  @Test
  void executiveSummary_asMarkdownAndHtml() throws IOException {
    CostStore costs = CostStore.inMemory();
    try (InputStream in = ReportingTutorialTest.class.getResourceAsStream(
            "/io/stratus/samples/billing/focus-1.0-sample-slice.csv");
        CostStore.Appender appender = costs.appender("focus")) {
      BillingReaders.detect().read(in, "focus.csv", appender);
    }
    // tag::report[]
    Instant from = Instant.parse("2024-09-01T00:00:00Z");
    Instant to = Instant.parse("2024-10-01T00:00:00Z");
    InstantSource clock = InstantSource.fixed(to);
    Reports reports = Reports.create(AnalyticsEngine.create(costs, InMemoryMetricStore.create(), clock), clock);
    Report summary = reports.executiveSummary(ReportInputs.builder(from, to).build());
    String markdown = ReportFormat.MARKDOWN.render(summary);
    String html = ReportFormat.HTML.render(summary);   // one file, charts as inline SVG
    // end::report[]
    assertThat(summary.title()).startsWith("Executive");
    assertThat(markdown).contains("#");
    assertThat(html).contains("<svg");
  }
}
