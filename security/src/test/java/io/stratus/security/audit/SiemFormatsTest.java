package io.stratus.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Golden files in {@code src/test/resources/siem}; each line of a file is one entry of {@link #ENTRIES}. */
class SiemFormatsTest {
  private static final String H1 = "a".repeat(64);
  private static final String H2 = "b".repeat(64);
  private static final String H3 = "c".repeat(64);

  static final List<AuditEntry> ENTRIES = List.of(
      new AuditEntry(1, AuditEvent.builder().at(Instant.parse("2026-03-01T10:00:00.123456789Z")).actor("alice")
          .action("budget.change").resource("budget:acme/team-a/monthly").origin("10.0.0.7")
          .outcome(AuditEvent.Outcome.SUCCESS).change("{\"limit\":100}", "{\"limit\":200}").build(), "0".repeat(64),
          H1),
      new AuditEntry(2, AuditEvent.builder().at(Instant.parse("2026-03-01T10:00:01Z")).actor("mallory|x=y\\z")
          .action("apikey.verify").resource("key \"k1\" [prod]\nsecond line").outcome(AuditEvent.Outcome.FAILURE)
          .build(), H1, H2),
      new AuditEntry(3, AuditEvent.builder().at(Instant.parse("2026-03-01T10:00:02Z")).actor("bob")
          .action("an action name longer than thirty-two characters").resource("export_bucket:aws:us-east-1/x")
          .origin("[US]").outcome(AuditEvent.Outcome.DENIED).build(), H2, H3));

  private static String golden(String name) throws IOException {
    try (InputStream in = Objects.requireNonNull(SiemFormatsTest.class.getResourceAsStream("/siem/" + name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void cef_matchesGolden() throws IOException {
    String out = ENTRIES.stream().map(e -> SiemFormats.cef(e, "Acme|Corp", "Stratus", "0.1"))
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(out).isEqualTo(golden("audit.cef"));
  }

  @Test
  void syslog5424_matchesGolden() throws IOException {
    String out = ENTRIES.stream().map(e -> SiemFormats.syslog5424(e, "host-1.example", "stratus"))
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(out).isEqualTo(golden("audit.syslog"));
  }

  @Test
  void cef_escapesSoTheSeventhUnescapedPipeEndsTheHeaderAndNoLineBreaks() {
    for (AuditEntry e : ENTRIES) {
      String line = SiemFormats.cef(e, "Acme|Corp", "Stratus", "0.1");
      assertThat(line).doesNotContain("\n").doesNotContain("\r");
      String unescaped = line.replace("\\\\", "__").replace("\\|", "__");
      int pipes = 0;
      int i = -1;
      while (pipes < 7) {
        i = unescaped.indexOf('|', i + 1);
        pipes++;
      }
      assertThat(unescaped.substring(i + 1)).startsWith("rt=");
    }
  }

  @Test
  void syslog_rejectsHostNameWithSpaces() {
    assertThatThrownBy(() -> SiemFormats.syslog5424(ENTRIES.get(0), "my host", "stratus"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostname 'my host'")
        .hasMessageContaining("RFC 5424");
  }
}
