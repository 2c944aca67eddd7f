package io.stratus.finops.attribution;

import static io.stratus.finops.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.Dimension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class AttributionProperties {
  static final List<Owner> OWNERS =
      List.of(new Owner("a", "p", "c"), new Owner("b", "p", "c"), new Owner("c", "p", "c"));

  @Provide
  Arbitrary<BigDecimal> amounts() {
    return Combinators.combine(Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
        Arbitraries.integers().between(0, 12)).as(BigDecimal::valueOf);
  }

  @Provide
  Arbitrary<List<CostRecord>> records() {
    return Combinators.combine(amounts(), Arbitraries.of("s1", "s2", "s3", "Support"), Arbitraries.of("x", "y", "z"))
        .as((c, svc, team) -> usage(svc, "r", "0", Instant.parse("2025-01-03T00:00:00Z")).allCosts(c)
            .tag("team", team).consumedQuantity(c.abs()).build())
        .list().ofMaxSize(60);
  }

  @Property(tries = 100)
  void attribute_allocatedPlusUnallocated_equalsTotal(
      @ForAll("records") List<CostRecord> records, @ForAll SharedCostRule.Method method) {
    Attributor.Builder b =
        Attributor.builder()
            .rule(AttributionRule.exact("x", Dimension.tag("team"), "x", "a", null, null))
            .rule(AttributionRule.regex("y", Dimension.tag("team"), "(y)", "b", null, null));
    if (method == SharedCostRule.Method.FIXED) {
      b.shared(SharedCostRule.fixed("support", Dimension.SERVICE, Set.of("Support"),
          Map.of(OWNERS.get(0), new BigDecimal("33.3"), OWNERS.get(1), new BigDecimal("66.7"))));
    } else {
      b.shared(SharedCostRule.split("support", Dimension.SERVICE, Set.of("Support"), method, OWNERS));
    }
    AttributionReport r = b.build().attribute(records, CostMetric.BILLED);
    for (String cur : r.totals().keySet()) {
      assertThat(r.allocated(cur).add(r.unallocated(cur))).isEqualByComparingTo(r.totals().get(cur));
    }
    for (AttributionReport.SharedSplit s : r.splits()) {
      assertThat(s.shares().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo(s.amount());
    }
  }

  @Property(tries = 200)
  void divide_sharesSumExactlyToTheAmount(
      @ForAll("amounts") BigDecimal amount,
      @ForAll @IntRange(min = 0, max = 1000) int w1,
      @ForAll @IntRange(min = 0, max = 1000) int w2,
      @ForAll @IntRange(min = 0, max = 1000) int w3,
      @ForAll SharedCostRule.Method method) {
    SharedCostRule rule =
        method == SharedCostRule.Method.FIXED
            ? SharedCostRule.fixed("f", Dimension.SERVICE, Set.of("S"),
                Map.of(OWNERS.get(0), new BigDecimal("12.5"), OWNERS.get(1), new BigDecimal("50"), OWNERS.get(2),
                    new BigDecimal("37.5")))
            : SharedCostRule.split("s", Dimension.SERVICE, Set.of("S"), method, OWNERS);
    Map<Owner, BigDecimal> measure = new LinkedHashMap<>();
    measure.put(OWNERS.get(0), BigDecimal.valueOf(w1));
    measure.put(OWNERS.get(1), BigDecimal.valueOf(w2));
    measure.put(OWNERS.get(2), BigDecimal.valueOf(w3));
    Map<Owner, BigDecimal> shares = rule.divide(amount, measure);
    assertThat(shares.keySet()).containsExactlyInAnyOrderElementsOf(OWNERS);
    assertThat(shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(amount);
  }
}
