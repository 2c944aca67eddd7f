package io.stratus.benchmarks.jdbc;

import io.stratus.adapters.jdbc.CostRowLayout;
import io.stratus.adapters.jdbc.JdbcStores;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Cost record write throughput of the JDBC cost store into PostgreSQL: {@code CostStore.write(REPLACE_PERIOD)} in
 * batches of 100,000 records (binary COPY inside one transaction per batch, durable at commit with fsync on) and the bulk
 * {@code appender} (one COPY, one commit), each also with the COPY stream pipelined ({@code
 * JdbcStores.costStore(layout, Executor)}: the next 1 MiB piece is encoded while a sender thread sends the previous
 * one), each in both {@link CostRowLayout}s interleaved in the same run (the layout that goes first alternates), so
 * their ratio is a same-run figure on a loaded machine; beside a plain JDBC {@code executeBatch} INSERT of the same rows (the
 * non-COPY path, batches of 2,000, {@code reWriteBatchedInserts=true}). Records are precomputed, FOCUS-shaped (19
 * columns set, two tags). Three runs each on an emptied table; prints every run, the medians, the median of the
 * per-run COLUMNS / PACKED ratios, and the load average.
 *
 * <p>Run against a server you started: {@code java -cp benchmarks/target/benchmarks.jar
 * io.stratus.benchmarks.jdbc.CostStoreWriteThroughput 'jdbc:postgresql://127.0.0.1:5432/bench?user=postgres'
 * [records]}. To compare with an earlier store, run the same class against that build's classes on a second,
 * fresh database in the same session (benchmarks/results/jdbc.md shows how).
 */
public final class CostStoreWriteThroughput {
  private static final int RUNS = 3;
  private static final int BATCH = 100_000;

  private CostStoreWriteThroughput() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: CostStoreWriteThroughput <jdbc:postgresql url> [records]");
    }
    String url = args[0];
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    JdbcStores stores = JdbcStores.open(ds);
    ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "copy-sender");
      t.setDaemon(true);
      return t;
    });
    CostRowLayout[] layouts = CostRowLayout.values();
    CostStore[] plain = new CostStore[layouts.length];
    CostStore[] piped = new CostStore[layouts.length];
    for (int l = 0; l < layouts.length; l++) {
      plain[l] = stores.costStore(layouts[l]);
      piped[l] = stores.costStore(layouts[l], sender);
    }
    BillingPeriod period = BillingPeriod.of(YearMonth.of(2025, 3));
    List<CostRecord> records = generate(period, n);
    System.out.printf(Locale.ROOT, "%,d records, PostgreSQL %s, load %s%n", n, version(url), load());

    // [layout][arm][run]; arms: write, appender, pipelined write, pipelined appender
    String[] arms = {"write", "appender", "pipelined write", "pipelined appender"};
    double[][][] rates = new double[layouts.length][arms.length][RUNS];
    double[] jdbcBatch = new double[RUNS];
    for (int run = 0; run < RUNS; run++) {
      for (int arm = 0; arm < arms.length; arm++) {
        for (int k = 0; k < layouts.length; k++) {
          int l = (k + run + arm) % layouts.length;   // interleaved, and each layout goes first in turn
          CostStore store = arm < 2 ? plain[l] : piped[l];
          rates[l][arm][run] = arm % 2 == 0 ? writes(url, store, records, period) : appends(url, store, records);
        }
      }
      truncate(url);
      jdbcBatch[run] = plainBatch(url, records);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "run %d:", run + 1));
      for (int l = 0; l < layouts.length; l++) {
        for (int arm = 0; arm < arms.length; arm++) {
          line.append(String.format(Locale.ROOT, " %s %s %,.0f/s;", layouts[l], arms[arm], rates[l][arm][run]));
        }
      }
      System.out.printf(Locale.ROOT, "%s plain JDBC batch %,.0f/s (load %s)%n", line, jdbcBatch[run], load());
    }
    truncate(url);
    sender.shutdown();
    for (int l = 0; l < layouts.length; l++) {
      StringBuilder line = new StringBuilder("median " + layouts[l] + ":");
      for (int arm = 0; arm < arms.length; arm++) {
        line.append(String.format(Locale.ROOT, " %s %,.0f records/s;", arms[arm], median(rates[l][arm])));
      }
      System.out.println(line);
    }
    StringBuilder ratio = new StringBuilder("same-run ratio COLUMNS / PACKED (median of per-run ratios):");
    for (int arm = 0; arm < arms.length; arm++) {
      double[] r = new double[RUNS];
      for (int run = 0; run < RUNS; run++) {
        r[run] = rates[CostRowLayout.COLUMNS.ordinal()][arm][run] / rates[CostRowLayout.PACKED.ordinal()][arm][run];
      }
      ratio.append(String.format(Locale.ROOT, " %s %.2f;", arms[arm], median(r)));
    }
    System.out.println(ratio);
    System.out.printf(Locale.ROOT, "median plain JDBC batch INSERT %,.0f records/s (write batches of %,d); load %s%n",
        median(jdbcBatch), BATCH, load());
  }

  private static double writes(String url, CostStore store, List<CostRecord> records, BillingPeriod period)
      throws Exception {
    int n = records.size();
    truncate(url);
    long t0 = System.nanoTime();
    for (int from = 0, k = 0; from < n; from += BATCH, k++) {
      store.write("src-" + k, period, BillingBatch.Mode.REPLACE_PERIOD, records.subList(from, Math.min(n, from + BATCH)));
    }
    double rate = n / ((System.nanoTime() - t0) / 1e9);
    check(store, n);
    return rate;
  }

  private static double appends(String url, CostStore store, List<CostRecord> records) throws Exception {
    truncate(url);
    long t0 = System.nanoTime();
    try (CostStore.Appender a = store.appender("bulk")) {
      records.forEach(a);
    }
    double rate = records.size() / ((System.nanoTime() - t0) / 1e9);
    check(store, records.size());
    return rate;
  }

  static List<CostRecord> generate(BillingPeriod p, int n) {
    Random rnd = new Random(42);
    Currency usd = Currency.getInstance("USD");
    String[] services = {"AmazonEC2", "AmazonS3", "AmazonRDS", "AWSLambda", "AmazonEKS", "AmazonCloudFront"};
    String[] regions = {"us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"};
    List<CostRecord> out = new ArrayList<>(n);
    long hours = (p.end().getEpochSecond() - p.start().getEpochSecond()) / 3600;
    for (int i = 0; i < n; i++) {
      Instant start = p.start().plusSeconds(3600L * rnd.nextInt((int) hours));
      BigDecimal cost = BigDecimal.valueOf(rnd.nextInt(5_000_000), 6);
      String service = services[rnd.nextInt(services.length)];
      out.add(CostRecord.builder()
          .billedCost(cost).effectiveCost(cost).listCost(cost.multiply(BigDecimal.valueOf(12, 1)))
          .contractedCost(cost)
          .billingCurrency(usd).chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED)
          .chargePeriod(start, start.plusSeconds(3600)).billingPeriod(p)
          .providerName("AWS").billingAccountId("123456789012").subAccountId("acct-" + rnd.nextInt(50))
          .serviceName(service).serviceCategory("Compute").regionId(regions[rnd.nextInt(regions.length)])
          .resourceId("i-" + Integer.toHexString(rnd.nextInt(20_000))).skuId("SKU" + rnd.nextInt(300))
          .pricingUnit("Hours").pricingQuantity(BigDecimal.ONE).consumedQuantity(BigDecimal.ONE)
          .consumedUnit("Hours").lineItemId("li-" + i)
          .tag("team", "team-" + rnd.nextInt(12)).tag("env", rnd.nextBoolean() ? "prod" : "dev")
          .build());
    }
    return out;
  }

  private static double plainBatch(String url, List<CostRecord> records) throws Exception {
    String sep = url.contains("?") ? "&" : "?";
    try (Connection c = DriverManager.getConnection(url + sep + "reWriteBatchedInserts=true")) {
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_cost_record (source_id, dedup_key, dedup_hash,"
          + " billed_cost, effective_cost, list_cost, contracted_cost, billing_currency, billing_account_id,"
          + " billing_period_start_s, billing_period_end_s, charge_period_start_s, charge_period_end_s, provider_name,"
          + " sub_account_id, region_id, service_name, service_category, resource_id, sku_id, pricing_quantity,"
          + " pricing_unit, consumed_quantity, consumed_unit, line_item_id, charge_category, charge_frequency,"
          + " correction, tags, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, 0)")) {
        int pending = 0;
        for (CostRecord r : records) {
          int i = 1;
          ps.setString(i++, "plain");
          String key = r.dedupKey();
          ps.setString(i++, key);
          ps.setLong(i++, fnv1a(key));
          ps.setBigDecimal(i++, r.billedCost());
          ps.setBigDecimal(i++, r.effectiveCost());
          ps.setBigDecimal(i++, r.listCost());
          ps.setBigDecimal(i++, r.contractedCost());
          ps.setString(i++, r.billingCurrency().getCurrencyCode());
          ps.setString(i++, r.billingAccountId());
          ps.setLong(i++, r.billingPeriodStart().getEpochSecond());
          ps.setLong(i++, r.billingPeriodEnd().getEpochSecond());
          ps.setLong(i++, r.chargePeriodStart().getEpochSecond());
          ps.setLong(i++, r.chargePeriodEnd().getEpochSecond());
          ps.setString(i++, r.providerName());
          ps.setString(i++, r.subAccountId());
          ps.setString(i++, r.regionId());
          ps.setString(i++, r.serviceName());
          ps.setString(i++, r.serviceCategory());
          ps.setString(i++, r.resourceId());
          ps.setString(i++, r.skuId());
          ps.setBigDecimal(i++, r.pricingQuantity());
          ps.setString(i++, r.pricingUnit());
          ps.setBigDecimal(i++, r.consumedQuantity());
          ps.setString(i++, r.consumedUnit());
          ps.setString(i++, r.lineItemId());
          ps.setString(i++, r.chargeCategory().name());
          ps.setString(i++, r.chargeFrequency().name());
          ps.setBoolean(i++, r.correction());
          ps.setString(i, "3:env4:prod4:team6:team-1");
          ps.addBatch();
          if (++pending == 2_000) {
            ps.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          ps.executeBatch();
        }
      }
      c.commit();
      return records.size() / ((System.nanoTime() - t0) / 1e9);
    }
  }

  /** The store's dedup hash (64-bit FNV-1a over the key's chars), so the plain INSERT writes the same rows. */
  private static long fnv1a(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static void check(CostStore store, int n) {
    if (store.size() != n) {
      throw new IllegalStateException("expected " + n + " stored records, found " + store.size());
    }
    if (store.query(CostQuery.builder().top(1).build()).rows().isEmpty()) {
      throw new IllegalStateException("query found nothing after the load");
    }
  }

  private static void truncate(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("TRUNCATE stratus_cost_record, stratus_cost_batch");
      st.execute("UPDATE stratus_cost_count SET live = 0");
      st.execute("CHECKPOINT");
    }
  }

  private static String version(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      return c.getMetaData().getDatabaseProductVersion();
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
