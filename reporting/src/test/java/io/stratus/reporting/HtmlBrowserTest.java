package io.stratus.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the rendered technical report in a real headless Chromium (Debian's {@code chromium}; {@code .ci/run}
 * installs it). Skips, with a message, where no Chromium is installed. Writes screenshots (desktop and phone width)
 * to {@code target/browser/} as build artefacts.
 */
class HtmlBrowserTest {
  static final Path OUT = Path.of("target", "browser");
  static Path chromium;
  static Path page;

  @BeforeAll
  static void setUp() throws IOException {
    Optional<Path> found = find();
    Assumptions.assumeTrue(found.isPresent(), "Chromium is not installed (looked for chromium, chromium-browser, "
        + "google-chrome on PATH): skipping the headless-browser test; install Debian's chromium package to run it");
    chromium = found.get();
    Files.createDirectories(OUT);
    page = OUT.resolve("technical.html").toAbsolutePath();
    Files.writeString(page, ReportFormat.HTML.render(ReportsTest.TECH), StandardCharsets.UTF_8);
  }

  @Test
  void page_loadsWithoutErrors_drawsCharts_andFiltersFromTheUrl() throws Exception {
    Run run = chromium(List.of("--virtual-time-budget=5000", "--dump-dom",
        page.toUri() + "#filter=provider-drill:Storage"));
    Document dom = Jsoup.parse(run.stdout);
    assertThat(dom.body().attr("data-ready")).as("script ran to the end; stderr:%n%s", run.stderr).isEqualTo("1");
    assertThat(dom.selectFirst("html").hasAttr("data-js-errors")).as("no script errors").isFalse();
    assertThat(run.stderr).doesNotContain("Uncaught").doesNotContainIgnoringCase(":ERROR:CONSOLE");
    int charts = dom.select("svg.chart-svg").size();
    assertThat(charts).isEqualTo(4);
    assertThat(dom.body().attr("data-charts-drawn")).as("every SVG chart has a laid-out box")
        .isEqualTo(String.valueOf(charts));
    Element table = dom.getElementById("provider-drill");
    List<String> shown = new ArrayList<>();
    for (Element r : table.select("tbody tr")) {
      if (!r.hasAttr("hidden")) {
        shown.add(r.attr("data-id"));
      }
    }
    // the filter keeps the Storage rows and opens their parents: Microsoft > az-sub-2 > Storage
    assertThat(shown).containsExactly("Microsoft", "Microsoft/az-sub-2", "Microsoft/az-sub-2/Storage");
    assertThat(table.attr("data-visible")).isEqualTo("3");
    assertThat(dom.select("input.table-filter[data-table=provider-drill]").attr("value")).isEqualTo("Storage");
  }

  @Test
  void screenshots_areSavedForDesktopAndPhone() throws Exception {
    for (String[] size : List.of(new String[] {"desktop", "1280,2400"}, new String[] {"phone", "390,2400"})) {
      Path png = OUT.resolve("technical-" + size[0] + ".png").toAbsolutePath();
      Files.deleteIfExists(png);
      chromium(List.of("--hide-scrollbars", "--window-size=" + size[1], "--screenshot=" + png, page.toUri()
          .toString()));
      assertThat(png).exists();
      byte[] head = new byte[8];
      System.arraycopy(Files.readAllBytes(png), 0, head, 0, 8);
      assertThat(head).startsWith(0x89, 'P', 'N', 'G');
    }
  }

  private static Run chromium(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("stratus-chromium");
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile));
    cmd.addAll(args);
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + cmd);
    }
    Run run = new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    assertThat(p.exitValue()).as("chromium exit code; stderr:%n%s", run.stderr).isZero();
    return run;
  }

  private static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  record Run(String stdout, String stderr) {}
}
