package io.stratus.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  static AuditEvent event(int i) {
    AuditEvent.Builder b = AuditEvent.builder().at(Instant.ofEpochSecond(1_700_000_000L + i)).actor("user-" + (i % 3))
        .action(i % 2 == 0 ? "budget.change" : "workload.place").resource("budget:acme/team-a/b" + i)
        .origin("10.0.0." + i).outcome(AuditEvent.Outcome.values()[i % 3]);
    if (i % 2 == 0) {
      b.change("{\"limit\":" + i + "}", "{\"limit\":" + (i + 1) + ",\"note\":\"\u00e9\\n\"}");
    }
    return b.build();
  }

  static Path write(Path file, int n, int every) {
    try (AuditLog log = AuditLog.openFile(file, KEY, every)) {
      for (int i = 1; i <= n; i++) {
        log.append(event(i));
      }
    }
    return file;
  }

  private static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  @Test
  void append_chainsAndSigns_verifyIsIntact_reopenContinues() throws IOException {
    Path file = write(dir.resolve("audit.jsonl"), 7, 3);
    List<String> lines = lines(file);
    assertThat(lines).hasSize(9);
    assertThat(lines.get(3)).startsWith("{\"checkpoint\":3,");
    assertThat(lines.get(0)).startsWith("{\"seq\":1,\"at\":\"2023-11-14T22:13:21Z\",\"actor\":\"user-1\"")
        .contains("\"prev\":\"" + "0".repeat(64) + "\"");
    try (AuditLog log = AuditLog.openFile(file, KEY, 3)) {
      assertThat(log.verify().intact()).isTrue();
      AuditEntry e = log.append(event(8));
      assertThat(e.sequence()).isEqualTo(8);
      assertThat(log.verify()).hasToString("intact (8 entries)");
    }
  }

  @Test
  void verify_alteredEntry_pinpointsItsLine() throws IOException {
    Path file = write(dir.resolve("a.jsonl"), 6, 2);
    List<String> lines = lines(file);
    lines.set(4, lines.get(4).replace("user-1", "user-9"));
    Files.write(file, lines, StandardCharsets.UTF_8);
    AuditVerification v = verifyOnly(file, 2);
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBadLine()).hasValue(5);
    assertThat(v.problem()).contains("entry 4 was altered (hash mismatch)");
    assertThat(v.entriesVerified()).isEqualTo(3);
  }

  @Test
  void verify_deletedEntry_reportedMissing() throws IOException {
    Path file = write(dir.resolve("d.jsonl"), 5, 10);
    List<String> lines = lines(file);
    lines.remove(2);
    Files.write(file, lines, StandardCharsets.UTF_8);
    AuditVerification v = verifyOnly(file, 10);
    assertThat(v.firstBadLine()).hasValue(3);
    assertThat(v.problem()).contains("entry 3 is missing (found entry 4)");
  }

  @Test
  void verify_chainRewrittenWithoutKey_caughtByCheckpointSignature() throws IOException {
    Path file = write(dir.resolve("r.jsonl"), 4, 4);
    List<String> lines = lines(file);
    // an attacker alters entry 2 and recomputes every hash after it, but cannot sign
    String prev = Lines.GENESIS;
    List<String> forged = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      AuditEvent e = i == 2 ? AuditEvent.builder().at(event(2).at()).actor("mallory").action("budget.change")
          .resource("budget:x").outcome(AuditEvent.Outcome.SUCCESS).build() : event(i);
      String hash = Lines.hash(prev, Lines.canonical(i, e));
      forged.add(new String(Lines.entryLine(new AuditEntry(i, e, prev, hash)), StandardCharsets.UTF_8));
      prev = hash;
    }
    String fakeMac = HexFormat.of().formatHex(Crypto.hmacSha256(new byte[32], Lines.macInput(4, prev)));
    forged.add(new String(Lines.checkpointLine(4, prev, fakeMac), StandardCharsets.UTF_8));
    assertThat(forged.get(0)).isEqualTo(lines.get(0));
    Files.write(file, forged, StandardCharsets.UTF_8);
    AuditVerification v = verifyOnly(file, 4);
    assertThat(v.firstBadLine()).hasValue(5);
    assertThat(v.problem()).contains("checkpoint signature for entry 4 is invalid");
  }

  @Test
  void open_tornLastLine_isCutAndLogStaysIntact() throws IOException {
    Path file = write(dir.resolve("t.jsonl"), 2, 10);
    byte[] good = Files.readAllBytes(file);
    Files.write(file, "{\"seq\":3,\"at\":".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
    try (AuditLog log = AuditLog.openFile(file, KEY, 10)) {
      assertThat(log.verify().intact()).isTrue();
      assertThat(log.append(event(3)).sequence()).isEqualTo(3);
    }
    assertThat(Files.readAllBytes(file)).startsWith(good);
  }

  @Test
  void openFileReadOnly_tornLastLine_isReportedNotCut_andNothingIsWritten() throws IOException {
    Path file = write(dir.resolve("ro.jsonl"), 3, 3);
    Files.write(file, "{\"seq\":4,\"at\":".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(file);
    try (AuditLog log = AuditLog.openFileReadOnly(file, KEY, 3)) {
      AuditVerification v = log.verify();
      assertThat(v.intact()).isFalse();
      assertThat(v.entriesVerified()).isEqualTo(3);
      assertThat(v.firstBadLine()).hasValue(5);
      assertThat(v.problem()).contains("last line is incomplete (no line end)");
      StringBuilder out = new StringBuilder();
      assertThat(log.exportJsonLines(out)).isEqualTo(3);
      assertThatThrownBy(() -> log.append(event(4))).isInstanceOf(AuditLogException.class)
          .hasMessageContaining("read-only");
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void openFileReadOnly_missingTailCheckpoint_isReportedNotAdded() throws IOException {
    Path file = write(dir.resolve("cp.jsonl"), 3, 3);
    List<String> lines = lines(file);
    lines.remove(3);
    Files.write(file, lines, StandardCharsets.UTF_8);
    byte[] before = Files.readAllBytes(file);
    try (AuditLog log = AuditLog.openFileReadOnly(file, KEY, 3)) {
      assertThat(log.verify().problem()).contains("signed checkpoint after entry 3 is missing (end of file)");
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void openFileReadOnly_missingFile_refusedAndNotCreated() {
    Path file = dir.resolve("absent.jsonl");
    assertThatThrownBy(() -> AuditLog.openFileReadOnly(file, KEY, 3)).isInstanceOf(AuditLogException.class)
        .hasMessageContaining("absent.jsonl").hasMessageContaining("no such file");
    assertThat(file).doesNotExist();
  }

  @Test
  void open_corruptedFile_refusedNamingFileAndLine() throws IOException {
    Path file = write(dir.resolve("c.jsonl"), 3, 10);
    List<String> lines = lines(file);
    lines.set(1, lines.get(1).replace("\"seq\":2", "\"seq\": 2"));
    Files.write(file, lines, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AuditLog.openFile(file, KEY, 10))
        .isInstanceOf(AuditLogException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2: record is unreadable: not in canonical form");
  }

  @Test
  void verify_wrongKey_failsAtFirstCheckpoint() {
    Path file = write(dir.resolve("k.jsonl"), 3, 2);
    byte[] other = KEY.clone();
    other[0] ^= 1;
    assertThatThrownBy(() -> AuditLog.openFile(file, other, 2)).hasMessageContaining("line 3")
        .hasMessageContaining("signature");
  }

  @Test
  void exportJsonLines_everyEntryWithItsChainFields() throws IOException {
    Path file = write(dir.resolve("e.jsonl"), 5, 2);
    StringBuilder out = new StringBuilder();
    try (AuditLog log = AuditLog.openFile(file, KEY, 2)) {
      assertThat(log.exportJsonLines(out)).isEqualTo(5);
    }
    ObjectMapper json = new ObjectMapper();
    String[] exported = out.toString().split("\n");
    assertThat(exported).hasSize(5);
    JsonNode second = json.readTree(exported[1]);
    assertThat(second.get("seq").asLong()).isEqualTo(2);
    assertThat(second.get("after").asText()).isEqualTo("{\"limit\":3,\"note\":\"\u00e9\\n\"}");
    assertThat(second.get("prev").asText()).isEqualTo(json.readTree(exported[0]).get("hash").asText());
  }

  @Test
  void openFile_badArguments_named() {
    assertThatThrownBy(() -> AuditLog.openFile(dir.resolve("x"), new byte[16], 10))
        .hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> AuditLog.openFile(dir.resolve("x"), KEY, 0)).hasMessageContaining("checkpointEvery 0");
    assertThatThrownBy(() -> AuditEvent.builder().actor("a").build()).hasMessageContaining("at");
  }

  static AuditVerification verifyOnly(Path file, int every) {
    return AuditLog.verifyFile(file, KEY, every);
  }
}
