package io.stratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.Jurisdiction;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.crypto.EnvelopeCipher;
import io.stratus.security.crypto.KeyRotationScheduler;
import io.stratus.security.crypto.LocalKeyManagementProvider;
import io.stratus.security.crypto.RotationProgressStore;
import io.stratus.security.residency.Destination;
import io.stratus.security.residency.ResidencyPolicy;
import io.stratus.security.residency.ResidencyViolationException;
import io.stratus.security.spi.EnvelopeStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stratus compliance} on a key store rotated by the scheduler, an audit log with a residency refusal and a
 * policy file; the rendered reports are compared with golden files under src/test/resources/golden (refresh with
 * {@code -Dstratus.golden.update=true} and review the diff).
 */
class ComplianceCommandTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  @TempDir static Path dir;

  @BeforeAll
  static void fixtures() throws IOException {
    Files.writeString(dir.resolve("passphrase"), "a compliance test passphrase\n");
    Files.write(dir.resolve("audit.key"), "compliance cli test audit key, 32+ bytes".getBytes(StandardCharsets.UTF_8));
    Files.copy(Path.of("src/test/resources/compliance/policy.json"), dir.resolve("policy.json"));
    LocalKeyManagementProvider keys = LocalKeyManagementProvider.open(dir.resolve("keys.p12"),
        "a compliance test passphrase".toCharArray(), InstantSource.fixed(T0));
    MemoryStore records = new MemoryStore();
    EnvelopeCipher cipher = EnvelopeCipher.of(keys);
    for (int i = 0; i < 5; i++) {
      byte[] aad = ("budget-" + i).getBytes(StandardCharsets.UTF_8);
      records.map.put("budget-" + i, new byte[][] {cipher.encrypt(new byte[] {(byte) i}, aad), aad});
    }
    Instant rotatedAt = T0.plus(Duration.ofDays(100));
    try (AuditLog audit = AuditLog.openFile(dir.resolve("audit.jsonl"), Files.readAllBytes(dir.resolve("audit.key")),
        4)) {
      audit.append(AuditEvent.builder().at(T0).actor("alice").action("budget.change").resource("budget:platform")
          .origin("10.0.0.7").outcome(AuditEvent.Outcome.SUCCESS).change("1000 EUR", "1200 EUR").build());
      try {
        ResidencyPolicy.allowing(List.of(Jurisdiction.EU), audit, Clock.fixed(T0, ZoneOffset.UTC))
            .check(Destination.webhook(URI.create("https://hooks.example.com/x"), Set.of(Jurisdiction.US)));
      } catch (ResidencyViolationException expected) {
        // audited
      }
      // the scheduler rotates the 100-day-old key and re-encrypts the records (rotation audited)
      KeyRotationScheduler.builder(LocalKeyManagementProvider.open(dir.resolve("keys.p12"),
          "a compliance test passphrase".toCharArray(), InstantSource.fixed(rotatedAt)), records, audit,
          InstantSource.fixed(rotatedAt)).checkpoints(RotationProgressStore.file(dir.resolve("rotation.properties")))
          .build().runDue();
    }
  }

  private static String[] args(String framework, String format) {
    return new String[] {"compliance", "--framework", framework, "--as-of", AS_OF.toString(),
        "--policy", dir.resolve("policy.json").toString(),
        "--keystore", dir.resolve("keys.p12").toString(), "--passphrase-file", dir.resolve("passphrase").toString(),
        "--rotation-checkpoint", dir.resolve("rotation.properties").toString(),
        "--audit-log", dir.resolve("audit.jsonl").toString(), "--audit-key-file", dir.resolve("audit.key").toString(),
        "--audit-checkpoint-every", "4", "--format", format};
  }

  private static String run(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Stratus.run(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as("exit code; stderr: %s", err).isEqualTo(expectedExit);
    return expectedExit == Stratus.OK || expectedExit == Stratus.POLICY_BREACHED ? out.toString() : err.toString();
  }

  @Test
  void compliance_soc2Markdown_matchesGolden() {
    String md = run(Stratus.OK, args("SOC2", "md"));
    Golden.check("compliance-soc2.md", md);
    assertThat(md).contains("| CC6.1 |", "fail", "invoices: 20 of 1000 records are stored unencrypted",
        "3 principals hold administrator access");
  }

  @Test
  void compliance_gdprHtml_matchesGolden() {
    Golden.check("compliance-gdpr.html", run(Stratus.OK, args("GDPR", "html")));
  }

  @Test
  void compliance_hipaaJson_matchesGolden() {
    Golden.check("compliance-hipaa.json", run(Stratus.OK, args("HIPAA", "json")));
  }

  @Test
  void compliance_auditLogWithTornTail_leavesTheFileByteForByte_andReportsTheTornLine(@TempDir Path tmp)
      throws IOException {
    Path log = tmp.resolve("torn.jsonl");
    byte[] key = Files.readAllBytes(dir.resolve("audit.key"));
    try (AuditLog audit = AuditLog.openFile(log, key, 2)) {
      for (int i = 0; i < 3; i++) {
        audit.append(AuditEvent.builder().at(T0).actor("alice").action("budget.change").resource("budget:" + i)
            .origin("10.0.0.7").outcome(AuditEvent.Outcome.SUCCESS).build());
      }
    }
    // a crash during an append that was never acknowledged: half a line, no line end
    Files.write(log, "{\"seq\":4,\"at\":\"2026-01-01T00:00:00Z\",\"act".getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(log);
    long modified = Files.getLastModifiedTime(log).toMillis();

    String md = run(Stratus.OK, "compliance", "--framework", "SOC2", "--as-of", AS_OF.toString(), "--audit-log",
        log.toString(), "--audit-key-file", dir.resolve("audit.key").toString(), "--audit-checkpoint-every", "2",
        "--format", "md");

    assertThat(Files.readAllBytes(log)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(log).toMillis()).isEqualTo(modified);
    assertThat(md).contains("the audit log does not verify at line 5: last line is incomplete (no line end)");
  }

  @Test
  void compliance_failOnFail_exitsOne() {
    List<String> a = new ArrayList<>(Arrays.asList(args("SOC2", "md")));
    a.add("--fail-on-fail");
    run(Stratus.POLICY_BREACHED, a.toArray(String[]::new));
  }

  @Test
  void compliance_badInputs_areNamed() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"incidents\": [{\"id\": \"i\", \"kind\": \"k\", \"severity\": \"low\","
        + " \"detectedAt\": \"yesterday\"}]}");
    assertThat(run(Stratus.BAD_INPUT, "compliance", "--as-of", AS_OF.toString(), "--policy", bad.toString()))
        .contains("incidents[0].detectedAt 'yesterday' is not an ISO-8601 instant");
    Files.writeString(bad, "{\"roles\": [{\"name\": \"r\", \"rules\": [\"cost\"]}]}");
    assertThat(run(Stratus.BAD_INPUT, "compliance", "--as-of", AS_OF.toString(), "--policy", bad.toString()))
        .contains("permission").contains("cost");
    Files.writeString(bad, "{\"rolez\": []}");
    assertThat(run(Stratus.BAD_INPUT, "compliance", "--as-of", AS_OF.toString(), "--policy", bad.toString()))
        .contains("unknown field 'rolez'");
    assertThat(run(Stratus.USAGE, "compliance", "--as-of", "June")).contains("--as-of 'June' is not an ISO-8601");
    assertThat(run(Stratus.USAGE, "compliance", "--as-of", AS_OF.toString(), "--audit-log", "x.jsonl"))
        .contains("--audit-log needs --audit-key-file");
  }

  /** The host's records in memory. */
  static final class MemoryStore implements EnvelopeStore {
    final TreeMap<String, byte[][]> map = new TreeMap<>();

    @Override
    public String id() {
      return "budgets";
    }

    @Override
    public synchronized long count() {
      return map.size();
    }

    @Override
    public synchronized List<StoredEnvelope> page(String afterRecordId, int limit) {
      return map.tailMap(afterRecordId, false).entrySet().stream().limit(limit)
          .map(e -> new StoredEnvelope(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    @Override
    public synchronized boolean replace(String recordId, byte[] expected, byte[] replacement) {
      byte[][] r = map.get(recordId);
      if (r == null || !Arrays.equals(r[0], expected)) {
        return false;
      }
      r[0] = replacement;
      return true;
    }
  }

  /** Golden files under src/test/resources/golden, refreshed only with -Dstratus.golden.update=true. */
  static final class Golden {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    static void check(String name, String actual) {
      Path file = DIR.resolve(name);
      try {
        if (Boolean.getBoolean("stratus.golden.update")) {
          Files.createDirectories(DIR);
          Files.writeString(file, actual, StandardCharsets.UTF_8);
          return;
        }
        assertThat(file).as("golden file %s (refresh with -Dstratus.golden.update=true)", file).exists();
        assertThat(actual).as("output against golden file %s", file)
            .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
