package io.stratus.spark.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostDelta;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import io.stratus.spark.Fixtures;
import io.stratus.spark.LocalSpark;
import io.stratus.spark.billing.NormalizeJob;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every query gives the in-memory store's rows, in its order, on the same 50k generated CUR records. */
class SparkCostQueriesTest {
  private static final Instant FEB = Instant.parse("2024-02-01T00:00:00Z");
  private static final Instant MAR = Instant.parse("2024-03-01T00:00:00Z");
  private static final Instant APR = Instant.parse("2024-04-01T00:00:00Z");

  private static SparkCostQueries spark;
  private static CostStore memory;

  @BeforeAll
  static void load() {
    String out = Fixtures.scratch().resolve("focus-queries").toString();
    NormalizeJob.builder().input(Fixtures.cur().get(0).getParent().toString()).output(out).sourceId("cur").build()
        .run(LocalSpark.session());
    spark = SparkCostQueries.parquet(LocalSpark.session(), out);
    memory = CostStore.inMemory();
    List<CostRecord> records = Fixtures.values(Fixtures.readLocally(Fixtures.cur(), new HashMap<>()));
    try (CostStore.Appender a = memory.appender("cur")) {
      records.forEach(a);
    }
  }

  @Test
  void totals() {
    same(CostQuery.builder().build());
    same(CostQuery.builder().metric(CostMetric.LIST).build());
    same(CostQuery.builder().metric(CostMetric.EFFECTIVE).granularity(Granularity.MONTH).build());
    same(CostQuery.builder().metric(CostMetric.CONSUMED_QUANTITY).groupBy(Dimension.CHARGE_CATEGORY).build());
  }

  @Test
  void groupByAndGranularity() {
    same(CostQuery.builder().groupBy(Dimension.SERVICE).granularity(Granularity.DAY).build());
    same(CostQuery.builder().groupBy(Dimension.SUB_ACCOUNT, Dimension.REGION).granularity(Granularity.MONTH).build());
    same(CostQuery.builder().groupBy(Dimension.tag("team")).granularity(Granularity.HOUR)
        .between(Instant.parse("2024-03-10T00:00:00Z"), Instant.parse("2024-03-11T00:00:00Z")).build());
    same(CostQuery.builder().groupBy(Dimension.SOURCE, Dimension.CURRENCY, Dimension.PROVIDER).build());
  }

  @Test
  void filtersRangesAndDrillDown() {
    same(CostQuery.builder().between(FEB, MAR).where(Dimension.SERVICE, Set.of("Service1", "Service4"))
        .groupBy(Dimension.SUB_ACCOUNT).build());
    // drill-down: the largest service, then its accounts, then that account's regions per day
    CostQueryResult services = same(CostQuery.builder().groupBy(Dimension.SERVICE).top(1).build());
    String service = services.rows().get(0).key().get(0);
    CostQueryResult accounts = same(CostQuery.builder().where(Dimension.SERVICE, service)
        .groupBy(Dimension.SUB_ACCOUNT).top(3).build());
    same(CostQuery.builder().where(Dimension.SERVICE, service)
        .where(Dimension.SUB_ACCOUNT, accounts.rows().get(0).key().get(0))
        .groupBy(Dimension.REGION).granularity(Granularity.DAY).build());
    same(CostQuery.builder().where(Dimension.tag("team"), "search").groupBy(Dimension.RESOURCE).top(10).build());
    same(CostQuery.builder().where(Dimension.SOURCE, "other").build());
  }

  @Test
  void periodOverPeriod() {
    CostQuery q = CostQuery.builder().groupBy(Dimension.SERVICE, Dimension.tag("team")).build();
    List<CostDelta> expected = memory.periodOverPeriod(q, FEB, MAR, APR);
    List<CostDelta> actual = spark.periodOverPeriod(q, FEB, MAR, APR);
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      CostDelta e = expected.get(i);
      CostDelta a = actual.get(i);
      assertThat(a.key()).isEqualTo(e.key());
      assertThat(a.currency()).isEqualTo(e.currency());
      assertThat(a.previous()).isEqualByComparingTo(e.previous());
      assertThat(a.current()).isEqualByComparingTo(e.current());
    }
  }

  private static CostQueryResult same(CostQuery q) {
    CostQueryResult expected = memory.query(q);
    CostQueryResult actual = spark.query(q);
    assertThat(actual.rows()).as("%s", q).hasSize(expected.rows().size());
    for (int i = 0; i < expected.rows().size(); i++) {
      CostRow e = expected.rows().get(i);
      CostRow a = actual.rows().get(i);
      assertThat(a.key()).as("%s row %s", q, i).isEqualTo(e.key());
      assertThat(a.bucketStart()).as("%s row %s", q, i).isEqualTo(e.bucketStart());
      assertThat(a.currency()).isEqualTo(e.currency());
      assertThat(a.amount()).as("%s row %s", q, i).isEqualByComparingTo(e.amount());
      assertThat(a.records()).as("%s row %s", q, i).isEqualTo(e.records());
    }
    assertThat(actual.query()).isSameAs(q);
    return actual;
  }
}
