package io.stratus.simulation.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.simulation.validation.ValidationFramework;
import io.stratus.simulation.validation.ValidationReport;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceReplayTest {
  private static final Instant DAY = Instant.parse("2011-03-03T00:00:00Z");

  private static Path fixture() throws URISyntaxException {
    return Path.of(TraceReplayTest.class.getResource("/planetlab/20110303").toURI());
  }

  @Test
  void readPlanetLabDirectory_fixture_reads288FiveMinuteSamplesPerFile() throws Exception {
    List<UtilizationTrace> traces = UtilizationTrace.readPlanetLabDirectory(fixture(), DAY);
    assertThat(traces).hasSize(6);
    assertThat(traces).allSatisfy(t -> {
      assertThat(t.size()).isEqualTo(288);
      assertThat(t.interval()).isEqualTo(Duration.ofMinutes(5));
    });
    assertThat(traces.get(0).value(0)).isEqualTo(0.24); // first line of the first file is 24 (percent)
  }

  @Test
  void replay_noOvercommit_deliveredMatchesTraceAndValidates() throws Exception {
    List<UtilizationTrace> traces = UtilizationTrace.readPlanetLabDirectory(fixture(), DAY);
    TraceReplay.Result r = TraceReplay.of(2, 2.0, Duration.ofMinutes(1)).run(traces);
    assertThat(r.overloadedHostSampleFraction()).isZero();
    assertThat(r.events()).isEqualTo(24 * 60);
    UtilizationTrace delivered = r.delivered().get(0);
    assertThat(delivered.size()).isEqualTo(24 * 60);
    double[] sim = new double[288];
    double[] obs = traces.get(0).toArray();
    for (int i = 0; i < 288; i++) {
      sim[i] = delivered.value(i * 5 + 2); // a one-minute sample inside each five-minute interval
    }
    ValidationReport report = ValidationFramework.of(new ValidationFramework.Thresholds(0.05, 1, 0.001, 0.1, 0.95))
        .validate("planetlab replay", sim, obs);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void replay_heavyOvercommit_capsDeliveredUtilizationAndFailsValidation() throws Exception {
    List<UtilizationTrace> traces = UtilizationTrace.readPlanetLabDirectory(fixture(), DAY);
    TraceReplay.Result r = TraceReplay.of(6, 0.2, Duration.ofMinutes(5)).run(traces);
    assertThat(r.overloadedHostSampleFraction()).isPositive();
    double delivered = 0;
    for (int i = 0; i < 288; i++) {
      double hostTotal = 0;
      for (UtilizationTrace t : r.delivered()) {
        hostTotal += t.value(i);
      }
      assertThat(hostTotal).isLessThanOrEqualTo(0.2 + 1e-12);
      delivered += r.delivered().get(0).value(i);
    }
    double observed = java.util.Arrays.stream(traces.get(0).toArray()).sum();
    assertThat(delivered).isLessThan(observed);
  }

  @Test
  void readCsv_validRowsInAnyOrder_groupsByHost() {
    String csv = "timestamp,host,cpu,extra\n"
        + "2026-01-01T00:10:00Z,b,0.3,x\n"
        + "1767225600,a,0.5,x\n"
        + "2026-01-01T00:00:00Z,b,0.1,x\n"
        + "2026-01-01T00:05:00Z,b,0.2,x\n"
        + "1767225900,a,0.6,x\n";
    List<UtilizationTrace> traces = UtilizationTrace.readCsv(new StringReader(csv), "hosts.csv");
    assertThat(traces).extracting(UtilizationTrace::name).containsExactly("a", "b");
    assertThat(traces.get(1).toArray()).containsExactly(0.1, 0.2, 0.3);
    assertThat(traces.get(0).start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(traces.get(0).interval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void readCsv_cpuOutOfRange_namesLineAndField() {
    String csv = "timestamp,host,cpu\n2026-01-01T00:00:00Z,a,0.5\n2026-01-01T00:05:00Z,a,57\n";
    assertThatThrownBy(() -> UtilizationTrace.readCsv(new StringReader(csv), "hosts.csv"))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("hosts.csv:3")
        .hasMessageContaining("'cpu'")
        .satisfies(e -> assertThat(((TraceFormatException) e).line()).isEqualTo(3));
  }

  @Test
  void readCsv_missingColumn_rejected() {
    assertThatThrownBy(() -> UtilizationTrace.readCsv(new StringReader("time,host,cpu\n"), "h.csv"))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("'timestamp'");
  }

  @Test
  void readCsv_gap_rejectedWithTimestampField() {
    String csv = "timestamp,host,cpu\n0,a,0.1\n300,a,0.2\n900,a,0.3\n";
    assertThatThrownBy(() -> UtilizationTrace.readCsv(new StringReader(csv), "h.csv"))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("'timestamp'")
        .hasMessageContaining("evenly spaced");
  }

  @Test
  void readCsv_badTimestamp_namesLine() {
    String csv = "timestamp,host,cpu\nyesterday,a,0.1\n";
    assertThatThrownBy(() -> UtilizationTrace.readCsv(new StringReader(csv), "h.csv"))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("h.csv:2");
  }
}
