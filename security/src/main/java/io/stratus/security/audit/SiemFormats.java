package io.stratus.security.audit;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Renders audit entries for SIEMs: ArcSight CEF (Common Event Format, revision 25) and RFC 5424 syslog with the entry
 * as structured data, both with the escaping their specifications require, one line per entry. The chain fields
 * ({@code seq}, {@code prev}, {@code hash}) are carried so the SIEM can re-verify the chain.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SiemFormats {
  /** The SD-ID of the structured-data element; 32473 is the IANA example enterprise number (RFC 5612). */
  static final String SD_ID = "stratusAudit@32473";
  /** Syslog facility 13, "log audit". */
  private static final int FACILITY_LOG_AUDIT = 13;
  private static final DateTimeFormatter RFC3339_MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private SiemFormats() {}

  /**
   * One CEF line: {@code CEF:0|vendor|product|version|action|action outcome|severity|extensions} with severity 3
   * (success), 5 (failure) or 7 (denied) and the extensions {@code rt suser act outcome cs1 (resource) cs2 (origin)
   * cn1 (sequence) cs3 (hash) cs4 (previous hash)}. Header fields escape {@code \} and {@code |}; extension values
   * escape {@code \}, {@code =} and line breaks.
   *
   * @param entry the entry; never null
   * @param vendor the device vendor, e.g. the host application's company; never null
   * @param product the device product; never null
   * @param version the device version; never null
   * @return the line, without a line terminator; never null
   */
  public static String cef(AuditEntry entry, String vendor, String product, String version) {
    Objects.requireNonNull(entry, "entry");
    AuditEvent e = entry.event();
    String severity = switch (e.outcome()) {
      case SUCCESS -> "3";
      case FAILURE -> "5";
      case DENIED -> "7";
    };
    StringBuilder b = new StringBuilder("CEF:0|");
    b.append(cefHeader(vendor)).append('|').append(cefHeader(product)).append('|').append(cefHeader(version))
        .append('|').append(cefHeader(e.action())).append('|')
        .append(cefHeader(e.action() + " " + e.outcome().name().toLowerCase(Locale.ROOT))).append('|')
        .append(severity).append('|');
    b.append("rt=").append(e.at().toEpochMilli());
    b.append(" suser=").append(cefValue(e.actor()));
    b.append(" act=").append(cefValue(e.action()));
    b.append(" outcome=").append(e.outcome().name().toLowerCase(Locale.ROOT));
    b.append(" cs1Label=resource cs1=").append(cefValue(e.resource()));
    if (!e.origin().isEmpty()) {
      b.append(" cs2Label=origin cs2=").append(cefValue(e.origin()));
    }
    b.append(" cn1Label=sequence cn1=").append(entry.sequence());
    b.append(" cs3Label=hash cs3=").append(entry.hash());
    b.append(" cs4Label=previousHash cs4=").append(entry.previousHash());
    return b.toString();
  }

  /**
   * One RFC 5424 message: facility 13 (log audit), severity 6 (success), 4 (failure) or 5 (denied), the timestamp
   * in UTC with microseconds, the action as MSGID, the entry as the structured-data element {@code
   * stratusAudit@32473} and a UTF-8 message (with BOM) summarising it. SD-PARAM values escape {@code "}, {@code \}
   * and {@code ]} with a backslash; a line break in a value becomes the two characters {@code \n} (or {@code \r}), and
   * in the message a space, so each message stays on one line.
   *
   * @param entry the entry; never null
   * @param hostname the sending host, printable US-ASCII without spaces, at most 255 characters; never null
   * @param appName the application, printable US-ASCII without spaces, at most 48 characters; never null
   * @return the message, without a line terminator or octet count; never null
   * @throws IllegalArgumentException if the host name or app name breaks its rule
   */
  public static String syslog5424(AuditEntry entry, String hostname, String appName) {
    Objects.requireNonNull(entry, "entry");
    header(hostname, "hostname", 255);
    header(appName, "appName", 48);
    AuditEvent e = entry.event();
    int severity = switch (e.outcome()) {
      case SUCCESS -> 6;
      case FAILURE -> 4;
      case DENIED -> 5;
    };
    String msgId = e.action().length() <= 32 && isPrintUsAscii(e.action()) ? e.action() : "-";
    StringBuilder b = new StringBuilder();
    b.append('<').append(FACILITY_LOG_AUDIT * 8 + severity).append(">1 ")
        .append(RFC3339_MICROS.format(e.at().truncatedTo(ChronoUnit.MICROS))).append(' ').append(hostname)
        .append(' ').append(appName).append(" - ").append(msgId).append(" [").append(SD_ID);
    param(b, "seq", Long.toString(entry.sequence()));
    param(b, "actor", e.actor());
    param(b, "action", e.action());
    param(b, "resource", e.resource());
    if (!e.origin().isEmpty()) {
      param(b, "origin", e.origin());
    }
    param(b, "outcome", e.outcome().name());
    param(b, "prev", entry.previousHash());
    param(b, "hash", entry.hash());
    String msg = e.actor() + " " + e.action() + " " + e.resource() + " " + e.outcome().name();
    b.append("] \uFEFF").append(msg.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    return b.toString();
  }

  private static void param(StringBuilder b, String name, String value) {
    b.append(' ').append(name).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c == ']') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }

  private static void header(String value, String field, int max) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty() || value.length() > max || !isPrintUsAscii(value)) {
      throw new IllegalArgumentException("syslog " + field + " '" + value + "' must be 1 to " + max
          + " printable US-ASCII characters without spaces (RFC 5424 section 6.2)");
    }
  }

  private static boolean isPrintUsAscii(String s) {
    return s.chars().allMatch(c -> c >= 33 && c <= 126);
  }

  private static String cefHeader(String s) {
    Objects.requireNonNull(s, "CEF header field");
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }

  private static String cefValue(String s) {
    return s.replace("\\", "\\\\").replace("=", "\\=").replace("\r\n", "\\n").replace("\n", "\\n")
        .replace("\r", "\\r");
  }
}
