package io.stratus.finops.attribution;

import static io.stratus.finops.TestRecords.at;
import static io.stratus.finops.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.query.Dimension;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributorTest {
  static final Owner PAYMENTS = new Owner("payments", "checkout", "CC-10");
  static final Owner SEARCH = new Owner("search", "index", "CC-20");

  static Attributor attributor() {
    return Attributor.builder()
        .defaults(new Owner("platform", "shared", "CC-00"))
        .rule(AttributionRule.exact("payments-account", Dimension.SUB_ACCOUNT, "111", "payments", "checkout", "CC-10"))
        .rule(AttributionRule.regex("team-tag", Dimension.tag("team"), "team-(.+)", "$1", null, null))
        .rule(AttributionRule.regex("search-resources", Dimension.RESOURCE_NAME, "search-.*", "search", "index",
            "CC-20"))
        .build();
  }

  static CostRecord rec(String cost, String sub, String resourceName, String team) {
    CostRecord.Builder b =
        usage("EC2", "r", cost, at("2025-01-05T00:00:00Z")).subAccountId(sub).resourceName(resourceName);
    if (team != null) {
      b.tag("team", team);
    }
    return b.build();
  }

  @Test
  void explain_firstMatchingRuleWins_withRegexGroupsAndDefaults() {
    Attributor a = attributor();
    Attribution byAccount = a.explain(rec("1", "111", "search-1", "team-x"), null);
    assertThat(byAccount.owners()).containsExactly(PAYMENTS);
    assertThat(byAccount.rule()).isEqualTo("payments-account");
    Attribution byTag = a.explain(rec("1", "222", "search-1", "team-data"), null);
    assertThat(byTag.owners()).containsExactly(new Owner("data", "shared", "CC-00"));
    assertThat(byTag.explanation()).contains("team-tag").contains("tag:team").contains("team-data");
    assertThat(a.explain(rec("1", "222", "search-7", null), null).owners()).containsExactly(SEARCH);
    Attribution none = a.explain(rec("1", "222", "web-1", null), null);
    assertThat(none.isUnallocated()).isTrue();
    assertThat(none.rule()).isEqualTo("(none)");
  }

  @Test
  void attribute_reportsOwnersUnallocatedShareAndRuleCounts() {
    List<CostRecord> rs =
        List.of(rec("10", "111", "x", null), rec("5", "222", "search-1", null), rec("5", "222", "web", null));
    AttributionReport r = attributor().attribute(rs, CostMetric.BILLED);
    assertThat(r.byOwner().get("USD")).containsEntry(PAYMENTS, new BigDecimal("10"))
        .containsEntry(SEARCH, new BigDecimal("5")).containsEntry(Owner.UNALLOCATED, new BigDecimal("5"));
    assertThat(r.unallocatedShare("USD")).isEqualByComparingTo("0.25");
    assertThat(r.allocated("USD").add(r.unallocated("USD"))).isEqualByComparingTo(r.totals().get("USD"));
    assertThat(r.recordsByRule()).containsEntry("payments-account", 1L).containsEntry("(none)", 1L);
  }

  @Test
  void attribute_sharedSupportCost_splitProportionallyToDirectCost() {
    Attributor a =
        Attributor.builder()
            .shared(SharedCostRule.split("support", Dimension.SERVICE, Set.of("Support"),
                SharedCostRule.Method.PROPORTIONAL_COST, List.of(PAYMENTS, SEARCH)))
            .rule(AttributionRule.exact("p", Dimension.SUB_ACCOUNT, "111", "payments", "checkout", "CC-10"))
            .rule(AttributionRule.exact("s", Dimension.SUB_ACCOUNT, "222", "search", "index", "CC-20"))
            .build();
    CostRecord support = usage("Support", "plan", "10.00", at("2025-01-01T00:00:00Z")).build();
    AttributionReport r =
        a.attribute(List.of(rec("30", "111", "x", null), rec("10", "222", "y", null), support), CostMetric.BILLED);
    assertThat(r.byOwner().get("USD").get(PAYMENTS)).isEqualByComparingTo("37.5");
    assertThat(r.byOwner().get("USD").get(SEARCH)).isEqualByComparingTo("12.5");
    assertThat(r.splits()).hasSize(1);
    assertThat(a.explain(support, null).shared()).isTrue();
  }

  @Test
  void attribute_storeRecords_sameAsCollection() {
    List<CostRecord> rs = List.of(rec("10", "111", "x", null), rec("5", "222", "search-1", "team-ml"));
    CostStore store = CostStore.inMemory();
    try (CostStore.Appender ap = store.appender("s")) {
      rs.forEach(ap);
    }
    assertThat(attributor().attribute(store, CostQuery.builder().build(), CostMetric.BILLED).byOwner())
        .isEqualTo(attributor().attribute(rs, CostMetric.BILLED).byOwner());
  }

  @Test
  void fixed_percentagesNotSummingTo100_areRejected() {
    assertThatThrownBy(
            () -> SharedCostRule.fixed("x", Dimension.SERVICE, Set.of("S"),
                Map.of(PAYMENTS, new BigDecimal("60"), SEARCH, new BigDecimal("30"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 100")
        .hasMessageContaining("90");
  }

  @Test
  void regex_thatDoesNotCompile_isRejectedWithItsName() {
    assertThatThrownBy(() -> AttributionRule.regex("bad", Dimension.SERVICE, "(", "t", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad");
  }
}
