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
}
