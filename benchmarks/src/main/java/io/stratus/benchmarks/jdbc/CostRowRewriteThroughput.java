package io.stratus.benchmarks.jdbc;

import io.stratus.adapters.jdbc.CostRowLayout;
import io.stratus.adapters.jdbc.CostRowRewrite;
import io.stratus.adapters.jdbc.JdbcStores;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Rewrite speed of {@code JdbcStores.rewriteCostRows} on PostgreSQL: the stored rows of three monthly billing periods
 * (one source each, written through {@code CostStore.write}) rewritten {@code PACKED} → {@code COLUMNS} and back, one
 * transaction per period (read through a cursor in chunks of 5,000, decode, binary COPY in the target layout, delete
 * the old rows), fsync on. Beside it, as the peer in the same run, the store's own {@code write(REPLACE_PERIOD)} of
 * the same records into each layout (what a host pays to load them afresh). Records as in {@link
 * CostStoreWriteThroughput} (19 columns set, two tags). Three runs, each on an emptied table; prints every run, the
 * medians in rows/s, the median of the per-run rewrite / write ratios, and the load average.
 *
 * <p>Run against a server you started: {@code java -cp benchmarks/target/benchmarks.jar
 * io.stratus.benchmarks.jdbc.CostRowRewriteThroughput 'jdbc:postgresql://127.0.0.1:5432/bench?user=postgres'
 * [records]}.
 */
public final class CostRowRewriteThroughput {
  private static final int RUNS = 3;
  private static final int PERIODS = 3;

  private CostRowRewriteThroughput() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: CostRowRewriteThroughput <jdbc:postgresql url> [records]");
    }
    String url = args[0];
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    JdbcStores stores = JdbcStores.open(ds);
    List<BillingPeriod> periods = new ArrayList<>();
    List<List<CostRecord>> records = new ArrayList<>();
    for (int p = 0; p < PERIODS; p++) {
      BillingPeriod period = BillingPeriod.of(YearMonth.of(2025, 3 + p));
      periods.add(period);
      records.add(CostStoreWriteThroughput.generate(period, n / PERIODS));
    }
    int total = records.stream().mapToInt(List::size).sum();
    System.out.printf(Locale.ROOT, "%,d records in %d billing periods, load %s%n", total, PERIODS, load());

    // arms: write PACKED, rewrite PACKED -> COLUMNS, rewrite COLUMNS -> PACKED, write COLUMNS
    String[] arms = {"write PACKED", "rewrite -> COLUMNS", "rewrite -> PACKED", "write COLUMNS"};
    double[][] rates = new double[arms.length][RUNS];
    for (int run = 0; run < RUNS; run++) {
      truncate(url);
      rates[0][run] = writes(stores.costStore(CostRowLayout.PACKED), periods, records, total);
      rates[1][run] = rewrite(stores, url, CostRowLayout.COLUMNS, periods, total);
      rates[2][run] = rewrite(stores, url, CostRowLayout.PACKED, periods, total);
      truncate(url);
      rates[3][run] = writes(stores.costStore(CostRowLayout.COLUMNS), periods, records, total);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "run %d:", run + 1));
      for (int arm = 0; arm < arms.length; arm++) {
        line.append(String.format(Locale.ROOT, " %s %,.0f rows/s;", arms[arm], rates[arm][run]));
      }
      System.out.printf(Locale.ROOT, "%s (load %s)%n", line, load());
    }
    truncate(url);
    StringBuilder line = new StringBuilder("median:");
    for (int arm = 0; arm < arms.length; arm++) {
      line.append(String.format(Locale.ROOT, " %s %,.0f rows/s;", arms[arm], median(rates[arm])));
    }
    System.out.println(line);
    double[] toColumns = new double[RUNS];
    double[] toPacked = new double[RUNS];
    for (int run = 0; run < RUNS; run++) {
      toColumns[run] = rates[1][run] / rates[3][run];
      toPacked[run] = rates[2][run] / rates[0][run];
    }
    System.out.printf(Locale.ROOT, "same-run ratio rewrite / write of that layout (median of per-run ratios):"
        + " -> COLUMNS %.2f; -> PACKED %.2f; load %s%n", median(toColumns), median(toPacked), load());
  }

  private static double writes(CostStore store, List<BillingPeriod> periods, List<List<CostRecord>> records,
      int total) {
    long t0 = System.nanoTime();
    for (int p = 0; p < periods.size(); p++) {
      store.write("src-" + p, periods.get(p), BillingBatch.Mode.REPLACE_PERIOD, records.get(p));
    }
    double rate = total / ((System.nanoTime() - t0) / 1e9);
    if (store.size() != total) {
      throw new IllegalStateException("expected " + total + " stored records, found " + store.size());
    }
    return rate;
  }

  private static double rewrite(JdbcStores stores, String url, CostRowLayout layout, List<BillingPeriod> periods,
      int total) throws Exception {
    long t0 = System.nanoTime();
    CostRowRewrite done = stores.rewriteCostRows(layout, periods.get(0).start(),
        periods.get(periods.size() - 1).end());
    double rate = total / ((System.nanoTime() - t0) / 1e9);
    if (done.rewritten() != total || done.periods() != periods.size()) {
      throw new IllegalStateException("expected " + total + " rows in " + periods.size() + " periods rewritten into "
          + layout + ", got " + done);
    }
    String stale = layout == CostRowLayout.COLUMNS ? "payload IS NOT NULL" : "payload IS NULL";
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM stratus_cost_record WHERE " + stale)) {
      rs.next();
      if (rs.getLong(1) != 0) {
        throw new IllegalStateException(rs.getLong(1) + " rows are still not in " + layout);
      }
    }
    return rate;
  }

  private static void truncate(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("TRUNCATE stratus_cost_record, stratus_cost_batch");
      st.execute("UPDATE stratus_cost_count SET live = 0");
      st.execute("CHECKPOINT");
    }
  }

  private static String load() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
