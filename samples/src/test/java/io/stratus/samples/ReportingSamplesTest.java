package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportingSamplesTest {
  @Test
  void reportSample_writesBothReportsInHtmlAndMarkdown(@TempDir Path dir) throws Exception {
    List<Path> files = ReportSample.write(dir, 5);
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("executive.html", "executive.md",
        "technical.html", "technical.md");
    String exec = Files.readString(dir.resolve("executive.md"));
    assertThat(exec).startsWith("# Executive summary").contains("| Spend | **$")
        .doesNotContain("No budget lines were supplied").contains("**Budgets**").contains("payments monthly")
        .contains("search monthly");
    String tech = Files.readString(dir.resolve("technical.html"));
    assertThat(tech).contains("<svg").contains("id=\"provider-drill\"").contains("CPU utilization by machine");
  }

  @Test
  void liveDashboard_servesThePageAndItsDefinitions() throws Exception {
    try (LiveDashboardSample s = LiveDashboardSample.start(0, 2, Duration.ofHours(1))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<meta http-equiv=\"refresh\" content=\"5\">").contains("id=\"w-cpu\"")
          .contains("polyline");
      s.tick();
      assertThat(s.now()).isEqualTo(EndToEndDemo.START.plus(Duration.ofHours(25)));
      HttpResponse<String> grafana = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
          + "/grafana.json")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(grafana.body()).contains("\"schemaVersion\" : 39").contains("stratus_cpu_utilization");
    }
  }
}
