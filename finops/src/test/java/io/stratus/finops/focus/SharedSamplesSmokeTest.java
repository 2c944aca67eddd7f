package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the complete public samples from the shared evaluation data; skipped when the data is absent. */
class SharedSamplesSmokeTest {
  private static Path billing(String file) {
    String root = System.getProperty("stratus.shared.data");
    assumeTrue(root != null, "system property stratus.shared.data is not set: shared billing samples skipped");
    Path p = Path.of(root, "billing", file);
    assumeTrue(Files.isRegularFile(p), "shared billing sample " + p + " is absent: skipped");
    return p;
  }

  @Test
  void focusSample1000_ingestsAllRowsAndReportsTheOracleRowsWithoutContractedCost() {
    List<CostRecord> out = new ArrayList<>();
    ReadReport r = BillingReaders.detect().read(billing("focus/focus_sample_1000_FOCUS-1.0.csv"), out::add);
    assertThat(r.rowsRead()).isEqualTo(1000);
    assertThat(r.recordsEmitted()).isEqualTo(1000);
    assertThat(r.isComplete()).isTrue();
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.column()).isEqualTo("ContractedCost");
      assertThat(f.rows()).isEqualTo(7);
    });
    assertThat(r.normalizedTotals().get("USD")).isEqualByComparingTo("20.52022672899");
    assertThat(out.stream().filter(c -> c.providerName().equals("Oracle"))).hasSize(7);
  }

  @Test
  void focusSample1000Strict_emits993RecordsAndRejectsTheOracleRowsWithoutContractedCost() {
    List<CostRecord> out = new ArrayList<>();
    ReadReport r = BillingReaders.strict(BillingReaders.detect())
        .read(billing("focus/focus_sample_1000_FOCUS-1.0.csv"), out::add);
    assertThat(r.rowsRead()).isEqualTo(1000);
    assertThat(r.recordsEmitted()).isEqualTo(993);
    assertThat(r.rejections()).extracting(Rejection::column).containsOnly("ContractedCost");
    assertThat(r.sourceTotals().get("USD")).isEqualByComparingTo("20.52022672899");
    assertThat(r.normalizedTotals().get("USD")).isEqualByComparingTo("19.98315280426");
    assertThat(r.isReconciled()).isTrue();
    assertThat(out.stream().filter(c -> c.providerName().equals("Microsoft"))).hasSize(51);
  }

  @Test
  void curLegacySample_readsAllRowsAndReconcilesToTheCent() {
    List<CostRecord> out = new ArrayList<>();
    ReadReport r = BillingReaders.detect().read(billing("aws/cur-legacy-sample-anonymous.csv"), out::add);
    assertThat(r.format()).isEqualTo("aws-cur");
    assertThat(r.recordsEmitted()).isEqualTo(1281);
    assertThat(r.isReconciled()).isTrue();
    assertThat(out.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("1.68230869740");
  }

  @Test
  void azureSamples_readCleanly() {
    for (String f : List.of("azure/EA_ActualCost_Small.csv", "azure/EA_AmortizedCost_Small.csv",
        "azure/ea-actual-cost-sample-anonymous.csv")) {
      ReadReport r = BillingReaders.detect().read(billing(f), x -> {});
      assertThat(r.isClean()).as(f).isTrue();
      assertThat(r.isReconciled()).as(f).isTrue();
    }
  }
}
