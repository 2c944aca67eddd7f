package io.stratus.finops.spi;

import static io.stratus.finops.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StoreProperties {
  @Provide
  Arbitrary<List<CostRecord>> records() {
    Arbitrary<BigDecimal> cost =
        Combinators.combine(Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L),
                Arbitraries.integers().between(0, 14))
            .as(BigDecimal::valueOf);
    Arbitrary<CostRecord> record =
        Combinators.combine(cost, Arbitraries.of("A", "B", "C"), Arbitraries.integers().between(0, 30 * 24))
            .as((c, svc, hour) ->
                usage(svc, "r-" + hour % 7, "0", Instant.parse("2025-01-01T00:00:00Z").plusSeconds(hour * 3600L))
                    .allCosts(c).build());
    return record.list().ofMaxSize(200);
  }

  @Property(tries = 60)
  void query_sumsPerService_equalExactNaiveSums(@ForAll("records") List<CostRecord> records) {
    CostStore store = CostStore.inMemory();
    try (CostStore.Appender a = store.appender("p")) {
      records.forEach(a);
    }
    Map<String, BigDecimal> expected = new HashMap<>();
    records.forEach(r -> expected.merge(r.serviceName(), r.billedCost(), BigDecimal::add));
    Map<String, BigDecimal> actual = new HashMap<>();
    store.query(CostQuery.builder().groupBy(Dimension.SERVICE).build()).rows()
        .forEach(r -> actual.put(r.key().get(0), r.amount()));
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, v) -> assertThat(actual.get(k)).isEqualByComparingTo(v));
  }
}
