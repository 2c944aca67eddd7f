package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service account reads cost data, is refused spend approval by the deny rule, and the evidence holds. */
class SecuritySampleTest {
  @TempDir Path dir;

  @Test
  void run_guardsAuditsAndEncrypts() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SecuritySample.Result r;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      r = SecuritySample.run(dir, out);
    }
    assertThat(r.readAllowed()).isTrue();
    assertThat(r.approveDenied()).isEqualTo("service_account billing-bot is denied spend:approve on acme/platform"
        + " by rule 'deny spend:approve' of role finops-bot bound at acme/platform");
    assertThat(r.audit().intact()).isTrue();
    assertThat(r.audit().entriesVerified()).isEqualTo(2);
    assertThat(r.decrypted()).isEqualTo("12000 EUR per month");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("after rotation to local-2");
  }
}
