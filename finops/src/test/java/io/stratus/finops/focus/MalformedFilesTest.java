package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class MalformedFilesTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = MalformedFilesTest.class.getResourceAsStream("/golden/" + name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  private static List<CostRecord> readAll(byte[] data) {
    List<CostRecord> out = new ArrayList<>();
    BillingReaders.focus().read(new ByteArrayInputStream(data), "clean.csv", out::add);
    return out;
  }

  @Test
  void read_gzipFile_readsTheSameRecordsAsPlain() throws IOException {
    byte[] plain = resource("focus/focus-sample-slice.csv");
    List<CostRecord> fromGzip = new ArrayList<>();
    ReadReport report =
        BillingReaders.focus().read(new ByteArrayInputStream(gzip(plain)), "slice.csv.gz", fromGzip::add);
    assertThat(fromGzip).isEqualTo(readAll(plain));
    assertThat(report.recordsEmitted()).isEqualTo(57);
  }

  @Test
  void read_truncatedGzip_failsClearlyAfterEmittingEveryCompleteRowBefore() throws IOException {
    byte[] plain = resource("focus/focus-sample-slice.csv");
    byte[] gz = gzip(plain);
    byte[] cut = Arrays.copyOf(gz, gz.length * 6 / 10);
    List<CostRecord> got = new ArrayList<>();
    assertThatThrownBy(() -> BillingReaders.focus().read(new ByteArrayInputStream(cut), "cut.csv.gz", got::add))
        .isInstanceOf(BillingFormatException.class)
        .hasMessageContaining("cut.csv.gz")
        .hasMessageContaining("truncated or corrupt")
        .satisfies(
            e -> {
              ReadReport partial = ((BillingFormatException) e).partialReport();
              assertThat(partial.recordsEmitted()).isEqualTo(got.size());
            });
    assertThat(got).isNotEmpty();
    assertThat(got).isEqualTo(readAll(plain).subList(0, got.size()));
  }

  @Test
  void read_semicolonDelimitedFile_failsNamingTheDelimiter() throws IOException {
    String text = new String(resource("focus/focus-1.2-small.csv"), StandardCharsets.UTF_8).replace(',', ';');
    assertThatThrownBy(
            () ->
                BillingReaders.focus()
                    .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "semi.csv", r -> {}))
        .isInstanceOf(BillingFormatException.class)
        .hasMessageContaining("missing mandatory columns")
        .hasMessageContaining("';'")
        .hasMessageContaining("delimiter");
  }

  @Test
  void read_missingMandatoryColumn_failsListingIt() throws IOException {
    String text = new String(resource("focus/focus-1.2-small.csv"), StandardCharsets.UTF_8);
    String withoutBilled = text.replaceFirst("BilledCost", "SomethingElse");
    assertThatThrownBy(
            () ->
                BillingReaders.focus()
                    .read(new ByteArrayInputStream(withoutBilled.getBytes(StandardCharsets.UTF_8)), "x.csv", r -> {}))
        .isInstanceOf(BillingFormatException.class)
        .hasMessageContaining("[BilledCost]");
  }

  @Test
  void read_nonUtf8Bytes_rejectsOnlyThatRowAndKeepsTheOthers() throws IOException {
    byte[] data = resource("focus/focus-1.2-small.csv");
    String text = new String(data, StandardCharsets.UTF_8);
    int at = text.indexOf("Refund for December");
    byte[] broken = data.clone();
    broken[at] = (byte) 0xFF;
    List<CostRecord> got = new ArrayList<>();
    ReadReport report = BillingReaders.focus().read(new ByteArrayInputStream(broken), "bytes.csv", got::add);
    assertThat(got).hasSize(2);
    assertThat(report.rejections()).hasSize(1);
    Rejection r = report.rejections().get(0);
    assertThat(r.row()).isEqualTo(2);
    assertThat(r.column()).isEqualTo("ChargeDescription");
    assertThat(r.reason()).contains("UTF-8");
    assertThat(report.isReconciled()).isTrue();
  }

  @Test
  void read_badValues_rejectEachRowWithRowColumnAndReason_andTotalsStillReconcile() {
    String header =
        "BilledCost,EffectiveCost,ListCost,ContractedCost,BillingCurrency,BillingAccountId,BillingPeriodStart,"
            + "BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,ServiceName,"
            + "ServiceCategory\n";
    String ok = "1.00,1,1,1,USD,a,2025-01-01,2025-02-01,2025-01-02T00:00:00Z,2025-01-02T01:00:00Z,Usage,P,S,Compute\n";
    String badNumber = "1,x.5,1,1,USD,a,2025-01-01,2025-02-01,2025-01-02,2025-01-03,Usage,P,S,Compute\n";
    String badCurrency = "2.50,1,1,1,XYZ,a,2025-01-01,2025-02-01,2025-01-02,2025-01-03,Usage,P,S,Compute\n";
    String reversed = "3.25,1,1,1,USD,a,2025-01-01,2025-02-01,2025-01-03,2025-01-02,Usage,P,S,Compute\n";
    String badCategory = "4,1,1,1,USD,a,2025-01-01,2025-02-01,2025-01-02,2025-01-03,Spending,P,S,Compute\n";
    String shortRow = "5,1,1\n";
    String csv = header + ok + badNumber + badCurrency + reversed + badCategory + ok + shortRow;
    List<CostRecord> got = new ArrayList<>();
    ReadReport report =
        BillingReaders.focus()
            .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "bad.csv", got::add);
    assertThat(got).hasSize(2);
    assertThat(report.rowsRead()).isEqualTo(7);
    assertThat(report.rejections())
        .extracting(Rejection::row, Rejection::column, Rejection::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, "EffectiveCost", "bad number"),
            org.assertj.core.groups.Tuple.tuple(3L, "BillingCurrency", "unknown currency"),
            org.assertj.core.groups.Tuple.tuple(
                4L, "ChargePeriodEnd",
                "ChargePeriodEnd must not be before ChargePeriodStart 2025-01-03T00:00:00Z, got 2025-01-02T00:00:00Z"),
            org.assertj.core.groups.Tuple.tuple(5L, "ChargeCategory", "not a FOCUS ChargeCategory"),
            org.assertj.core.groups.Tuple.tuple(7L, "*", "expected 14 fields as in the header, got 3"));
    // the short row has no currency cell, so its amount cannot be attributed to a currency total
    assertThat(report.sourceTotals().get("USD")).isEqualByComparingTo("10.25");
    assertThat(report.sourceTotals().get("XYZ")).isEqualByComparingTo("2.50");
    assertThat(report.normalizedTotals().get("USD")).isEqualByComparingTo("2.00");
    assertThat(report.rejectedTotals().get("USD")).isEqualByComparingTo("8.25");
    assertThat(report.isReconciled()).isTrue();
  }

  @Test
  void detect_unknownFormat_failsWithTheFormatsItKnows() {
    byte[] data = "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BillingReaders.detect().read(new ByteArrayInputStream(data), "what.csv", r -> {}))
        .isInstanceOf(BillingFormatException.class)
        .hasMessageContaining("not a recognized billing export");
  }
}
