package io.stratus.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.WriteResult;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import io.stratus.reporting.query.AnalyticsEngine;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A report reads the cost store in one pass (issue 14: it used to scan it 10-20 times). */
class OnePassReportTest {
  static final SeededData DATA = SeededData.create(42);

  /** Counts the scans of a store it delegates to. */
  static final class CountingStore implements CostStore {
    final CostStore delegate;
    final AtomicInteger scans = new AtomicInteger();

    CountingStore(CostStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public WriteResult write(String sourceId, BillingPeriod period, BillingBatch.Mode mode,
        Collection<CostRecord> records) {
      return delegate.write(sourceId, period, mode, records);
    }

    @Override
    public Appender appender(String sourceId) {
      return delegate.appender(sourceId);
    }

    @Override
    public long size() {
      return delegate.size();
    }

    @Override
    public CostQueryResult query(CostQuery query) {
      scans.incrementAndGet();
      return delegate.query(query);
    }

    @Override
    public void scan(CostQuery query, RecordVisitor visitor) {
      scans.incrementAndGet();
      delegate.scan(query, visitor);
    }
  }

  private static ReportInputs march() {
    return ReportInputs.builder(SeededData.MAR, SeededData.APR).build();
  }

  @Test
  void executiveAndTechnicalReport_eachScanTheCostStoreOnce() {
    CountingStore store = new CountingStore(DATA.costs);
    Reports reports = Reports.create(AnalyticsEngine.create(store, DATA.metrics, DATA.clock), DATA.clock);
    reports.executiveSummary(march());
    assertThat(store.scans.get()).as("scans for the executive summary").isEqualTo(1);
    store.scans.set(0);
    reports.technicalReport(march());
    assertThat(store.scans.get()).as("scans for the technical report").isEqualTo(1);
  }

  @Test
  void periodOffTheDayGrid_keepsThePerQueryScans() {
    CountingStore store = new CountingStore(DATA.costs);
    Reports reports = Reports.create(AnalyticsEngine.create(store, DATA.metrics, DATA.clock), DATA.clock);
    reports.technicalReport(ReportInputs.builder(SeededData.MAR.plusSeconds(1), SeededData.APR.plusSeconds(1))
        .build());
    assertThat(store.scans.get()).as("one scan per chart, table and comparison").isGreaterThanOrEqualTo(10);
  }
}
