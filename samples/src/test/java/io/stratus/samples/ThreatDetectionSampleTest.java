package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.security.threat.Incident;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replayed attacks are detected and answered, the evidence verifies, and residency holds for placement. */
class ThreatDetectionSampleTest {
  @TempDir Path dir;

  @Test
  void run_detectsRespondsAuditsAndKeepsResidency() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ThreatDetectionSample.Result r;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      r = ThreatDetectionSample.run(dir, out);
    }
    assertThat(r.incidents()).containsExactly(Incident.Kind.API_KEY_NEW_LOCATION, Incident.Kind.REVOKED_KEY_USE,
        Incident.Kind.API_KEY_UNUSUAL_RATE, Incident.Kind.BRUTE_FORCE, Incident.Kind.IMPOSSIBLE_TRAVEL);
    assertThat(r.keyRevoked()).isTrue();
    assertThat(r.thiefBlocked()).isTrue();
    assertThat(r.guessedPrincipalLocked()).isTrue();
    assertThat(r.stepUpRequired()).isTrue();
    assertThat(r.alerts()).hasSize(4).allSatisfy(a -> assertThat(a).doesNotContain("API_KEY_UNUSUAL_RATE"));
    assertThat(r.audit().intact()).isTrue();
    assertThat(r.placedRegion()).isEqualTo("aws:eu-central-1");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("ALERT CRITICAL BRUTE_FORCE")
        .contains("1 residency-policy: region outside residency policy allowing [EU]");
  }
}
