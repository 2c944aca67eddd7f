package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.security.compliance.ComplianceStatus;
import io.stratus.security.compliance.ControlResult;
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
  void run_guardsAuditsEncryptsRotatesAndReports() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SecuritySample.Result r;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      r = SecuritySample.run(dir, out);
    }
    assertThat(r.readAllowed()).isTrue();
    assertThat(r.approveDenied()).isEqualTo("service_account billing-bot is denied spend:approve on acme/platform"
        + " by rule 'deny spend:approve' of role finops-bot bound at acme/platform");
    assertThat(r.audit().intact()).isTrue();
    // cost.read, spend.approve, key.rotate, key.reencrypt
    assertThat(r.audit().entriesVerified()).isEqualTo(4);
    assertThat(r.decrypted()).isEqualTo("12000 EUR per month for platform");
    assertThat(r.rotation().complete()).isTrue();
    assertThat(r.rotation().reEncrypted()).isEqualTo(3);
    assertThat(r.rotation().targetKeyId()).isEqualTo("local-2");
    assertThat(r.soc2().counts()).containsEntry(ComplianceStatus.FAIL, 0);
    assertThat(r.soc2().controls()).filteredOn(c -> c.control().id().equals("CC6.1")).singleElement()
        .extracting(ControlResult::status).isEqualTo(ComplianceStatus.PASS);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("rotated to local-2",
        "decrypted under local-2: 12000 EUR per month for platform", "CC6.1 pass", "CC8.1 manual");
  }
}
