package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10: billing input that used to be lost quietly or failed unclearly. */
class Issue10BillingInputTest {
  static final String HEADER =
      "BilledCost,EffectiveCost,ListCost,ContractedCost,BillingCurrency,BillingAccountId,BillingPeriodStart,"
          + "BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ProviderName,ServiceName,"
          + "ServiceCategory";
  static final String ROW =
      "1.5,1.5,1.5,1.5,USD,acct,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,2025-01-02T00:00:00Z,"
          + "2025-01-02T01:00:00Z,Usage,AWS,EC2,Compute";

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ReadReport read(BillingFileReader reader, byte[] data, List<CostRecord> out) {
    return reader.read(new ByteArrayInputStream(data), "in.csv", out::add);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = Issue10BillingInputTest.class.getResourceAsStream("/golden/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void report_everyRowRejected_reconcilesButIsNotComplete() {
    String bad = ROW.replace("Usage,", "Teleportation,");
    ReadReport r = read(BillingReaders.focus(), utf8(HEADER + "\n" + bad + "\n" + bad + "\n"), new ArrayList<>());
    assertThat(r.recordsEmitted()).isZero();
    assertThat(r.isReconciled()).as("the money is accounted for: all of it rejected").isTrue();
    assertThat(r.isComplete()).isFalse();
  }

  @Test
  void report_everyRowIngested_isComplete() {
    ReadReport r = read(BillingReaders.focus(), utf8(HEADER + "\n" + ROW + "\n"), new ArrayList<>());
    assertThat(r.isComplete()).isTrue();
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void gcpJsonLines_withUtf8ByteOrderMark_keepsTheFirstRow() throws IOException {
    byte[] plain = resource("gcp/billing-standard.jsonl");
    byte[] bom = new byte[plain.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, bom, 3, plain.length);
    for (BillingFileReader reader : List.of(BillingReaders.gcp(), BillingReaders.detect())) {
      List<CostRecord> withBom = new ArrayList<>();
      List<CostRecord> without = new ArrayList<>();
      ReadReport r = read(reader, bom, withBom);
      read(reader, plain, without);
      assertThat(r.isComplete()).as("%s", r.rejections()).isTrue();
      assertThat(withBom).isEqualTo(without).hasSize(3);
    }
  }

  @Test
  void read_nullPath_failsNamingTheParameter() {
    assertThatThrownBy(() -> BillingReaders.focus().read((Path) null, r -> {}))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("file must not be null");
  }

  @Test
  void strict_nonBillingReadersReader_isRefused() {
    BillingFileReader foreign = new BillingFileReader() {
      @Override
      public String format() {
        return "x";
      }

      @Override
      public ReadReport read(InputStream in, String fileName, java.util.function.Consumer<? super CostRecord> sink) {
        throw new UnsupportedOperationException();
      }
    };
    assertThatThrownBy(() -> BillingReaders.strict(foreign)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void detect_ociCostReport_isReadAsOciNotAzure() throws IOException {
    List<CostRecord> out = new ArrayList<>();
    ReadReport r = read(BillingReaders.detect(), resource("oci/oci-cost-report-slice.csv"), out);
    assertThat(r.format()).isEqualTo("oci");
    assertThat(r.isComplete()).as("%s", r.rejections()).isTrue();
    assertThat(out).hasSize(30);
    assertThat(r.normalizedTotals().get("USD")).isEqualByComparingTo("0.215517084958803026");
    CostRecord first = out.get(0);
    assertThat(first.providerName()).isEqualTo("Oracle");
    assertThat(first.serviceName()).isEqualTo("DATABASE");
    assertThat(first.serviceCategory()).isEqualTo("Databases");
    assertThat(first.chargePeriodStart()).isEqualTo(java.time.Instant.parse("2023-11-13T10:00:00Z"));
    assertThat(first.billingPeriodStart()).isEqualTo(java.time.Instant.parse("2023-11-01T00:00:00Z"));
    assertThat(first.tags()).containsEntry("Oracle-Tags.CreatedBy", "default/phil.newman@oracle.com");
    assertThat(first.lineItemId()).isEqualTo("7108a1f83bdbad70487bf0cf99cbe260");
  }

  @Test
  void detect_matchesWholeColumnNamesOnly() {
    String header = "x_SubscriptionIdHint,cost/subscriptionIdentity,BilledCostNote\n1,2,3\n";
    assertThatThrownBy(() -> read(BillingReaders.detect(), utf8(header), new ArrayList<>()))
        .isInstanceOf(BillingFormatException.class)
        .hasMessageContaining("not a recognized billing export");
  }

  @Test
  void detect_quotedFocusHeader_isFocus() {
    String quoted = "\"" + HEADER.replace(",", "\",\"") + "\"\n" + ROW + "\n";
    assertThat(read(BillingReaders.detect(), utf8(quoted), new ArrayList<>()).format()).isEqualTo("focus");
  }

  @Test
  void numberBeyondDecimalRange_rejectsTheRowNamingColumnValueAndRule() {
    ReadReport r =
        read(BillingReaders.focus(), utf8(HEADER + "\n" + ROW.replaceFirst("1\\.5", "1e400") + "\n" + ROW + "\n"),
            new ArrayList<>());
    assertThat(r.recordsEmitted()).isEqualTo(1);
    assertThat(r.rejections()).singleElement().satisfies(x -> {
      assertThat(x.row()).isEqualTo(1);
      assertThat(x.column()).isEqualTo("BilledCost");
      assertThat(x.value()).isEqualTo("1e400");
      assertThat(x.reason()).contains("out of range").contains("20 digits");
    });
  }

  @Test
  void duplicateColumn_failsTheFileNamingBothPositions() {
    assertThatThrownBy(
            () -> read(BillingReaders.focus(), utf8(HEADER + ",billedcost\n" + ROW + ",9\n"), new ArrayList<>()))
        .isInstanceOf(BillingFormatException.class)
        .hasMessageContaining("BilledCost (columns 1, 15)");
  }

  @Test
  void duplicateColumnNoFormatReads_isAccepted() {
    ReadReport r =
        read(BillingReaders.focus(), utf8(HEADER + ",x_Note,x_Note\n" + ROW + ",a,b\n"), new ArrayList<>());
    assertThat(r.isComplete()).isTrue();
  }

  @Test
  void nulByte_rejectsTheRowNamingTheColumn() {
    ReadReport r =
        read(BillingReaders.focus(), utf8(HEADER + "\n" + ROW.replace("EC2", "E\0C2") + "\n" + ROW + "\n"),
            new ArrayList<>());
    assertThat(r.recordsEmitted()).isEqualTo(1);
    assertThat(r.rejections()).singleElement().satisfies(x -> {
      assertThat(x.column()).isEqualTo("ServiceName");
      assertThat(x.reason()).contains("NUL character");
      assertThat(x.value()).isEqualTo("E\\u0000C2");
    });
  }

  @Test
  void utf16File_failsSayingReExportAsUtf8() {
    String text = HEADER + "\n" + ROW + "\n";
    for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
        StandardCharsets.UTF_16)) {
      for (BillingFileReader reader : List.of(BillingReaders.focus(), BillingReaders.detect())) {
        assertThatThrownBy(() -> read(reader, text.getBytes(cs), new ArrayList<>()))
            .isInstanceOf(BillingFormatException.class)
            .hasMessageContaining("UTF-16")
            .hasMessageContaining("re-export it as UTF-8");
      }
    }
  }

  @Test
  void fieldOverTheParserBuffer_rejectsItsRowAndReadsOn() {
    String huge = "E".repeat(17 << 20);
    for (String cell : List.of(huge, "\"" + huge + "\"", "\"a,\"\"" + huge + "\"")) {
      List<CostRecord> out = new ArrayList<>();
      ReadReport r = read(BillingReaders.focus(), utf8(HEADER + "\n" + ROW.replace("EC2", cell) + "\n" + ROW + "\n"),
          out);
      assertThat(out).hasSize(1);
      assertThat(r.rowsRead()).isEqualTo(2);
      assertThat(r.rejections()).singleElement().satisfies(x -> {
        assertThat(x.row()).isEqualTo(1);
        assertThat(x.column()).isEqualTo("ServiceName");
        assertThat(x.reason()).contains("longer than 1048576 characters");
      });
    }
  }

  @Test
  void jsonLines_lineOverTheLimit_isCutAndFlaggedAndTheNextLineIsRead() throws IOException {
    GcpBillingFormat.Lines lines =
        new GcpBillingFormat.Lines(new java.io.StringReader("abcdefghij\r\nok\r\nlast"), 4);
    assertThat(lines.next()).isEqualTo("abcd");
    assertThat(lines.cut).isTrue();
    assertThat(lines.next()).isEqualTo("ok");
    assertThat(lines.cut).isFalse();
    assertThat(lines.next()).isEqualTo("last");
    assertThat(lines.next()).isNull();
  }

  @Test
  void fieldLimiter_cutsLongFieldsKeepingQuotingWellFormed() throws IOException {
    String in = "ab,\"cdefgh\",\"x\"\"yzzz\",ok\n\"a\n\",1234567\n";
    java.io.StringWriter out = new java.io.StringWriter();
    new FieldLimiter(new java.io.StringReader(in), 4, 1000).transferTo(out);
    String m = String.valueOf(FieldLimiter.MARK);
    assertThat(out.toString())
        .isEqualTo("ab,\"cde" + m + "\",\"x\"\"" + m + "\",ok\n\"a\n\",1234" + m + "\n");
  }
}
