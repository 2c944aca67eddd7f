package io.stratus.finops.attribution;

import static io.stratus.finops.attribution.AttributorTest.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.Dimension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Attribution in parts (one tally per Spark task) reports what one pass over all records reports. */
class AttributorTallyTest {
  static Attributor attributor() {
    return Attributor.builder()
        .defaults(new Owner("platform", "shared", "CC-00"))
        .shared(SharedCostRule.split("support", Dimension.RESOURCE_NAME, Set.of("support"),
            SharedCostRule.Method.PROPORTIONAL_COST, List.of(AttributorTest.PAYMENTS, AttributorTest.SEARCH)))
        .rule(AttributionRule.exact("payments-account", Dimension.SUB_ACCOUNT, "111", "payments", "checkout", "CC-10"))
        .rule(AttributionRule.regex("search-resources", Dimension.RESOURCE_NAME, "search-.*", "search", "index",
            "CC-20"))
        .build();
  }

  static List<CostRecord> records() {
    List<CostRecord> rs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rs.add(rec(String.valueOf(1 + i % 7) + ".13", i % 3 == 0 ? "111" : "222",
          i % 5 == 0 ? "support" : i % 2 == 0 ? "search-" + i : "web-" + i, null));
    }
    return rs;
  }

  @Test
  void report_tallyPerPartSerializedAndMerged_equalsOnePass() throws Exception {
    Attributor a = attributor();
    List<CostRecord> rs = records();
    AttributionReport whole = a.attribute(rs, CostMetric.BILLED);
    List<Attributor.Tally> parts = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      Attributor.Tally t = attributor().tally(CostMetric.BILLED);
      for (int i = p; i < rs.size(); i += 3) {
        t.add(null, rs.get(i));
      }
      parts.add(roundTrip(t));
    }

    AttributionReport merged = a.report(parts);

    assertThat(merged).isEqualTo(whole);
    assertThat(merged.splits()).isNotEmpty();
    assertThatThrownBy(() -> parts.get(0).add(null, rs.get(0)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("deserialized");
  }

  @Test
  void report_tallyOfOtherRulesOrMetric_isRefused() {
    Attributor a = attributor();
    Attributor.Tally noShared = AttributorTest.attributor().tally(CostMetric.BILLED);
    assertThatThrownBy(() -> a.report(List.of(noShared))).hasMessageContaining("shared rules");
    assertThatThrownBy(() -> a.report(List.of(a.tally(CostMetric.BILLED), a.tally(CostMetric.EFFECTIVE))))
        .hasMessageContaining("one metric");
    assertThatThrownBy(() -> a.report(List.of())).hasMessageContaining("at least one tally");
  }

  private static Attributor.Tally roundTrip(Attributor.Tally t) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(t);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (Attributor.Tally) in.readObject();
    }
  }
}
