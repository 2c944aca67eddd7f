package io.stratus.spark.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.forecast.CostPredictor;
import io.stratus.finops.forecast.ForecastOptions;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.spark.LocalSpark;
import io.stratus.spark.internal.Unrepresentable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-scope detection on the shared local[2,2] session against the finops code on one in-memory store. */
class ScopeDetectionTest {
  private static final List<Dimension> SCOPES =
      List.of(Dimension.SUB_ACCOUNT, Dimension.SERVICE, Dimension.tag("team"));
  /** Set by the first detection task that evaluates {@link #FAIL_ONCE} on its first attempt. */
  private static final AtomicBoolean FAILED = new AtomicBoolean();
  private static final UDF1<String, Boolean> FAIL_ONCE = v -> {
    TaskContext t = TaskContext.get();
    if (t != null && t.attemptNumber() == 0 && !FAILED.getAndSet(true)) {
      throw new IllegalStateException("injected failure of the first attempt of task " + t.partitionId());
    }
    return true;
  };

  private static List<CostRecord> records;
  private static Dataset<Row> frame;

  @TempDir
  Path dir;

  @BeforeAll
  static void data() {
    records = DetectFixtures.records();
    frame = DetectFixtures.frame(LocalSpark.session(), records);
  }

  /** Seasonal naive, ETS, Theta and MSTL by rolling origin, one backtest origin (fewer fits: a faster test). */
  private static final ForecastOptions OPTIONS = ForecastOptions.builder().backtest(1, 14).history(21, 400).build();
  private static final Map<ScopeTask.Kind, List<List<Object>>> SINGLE_JVM = new EnumMap<>(ScopeTask.Kind.class);

  private static ScopeDetection detection() {
    return ScopeDetection.builder().scopes(SCOPES).historyStart(DetectFixtures.START).upTo(DetectFixtures.UP_TO)
        .monthsAhead(1).forecastOptions(OPTIONS).build();
  }

  /** Every (dimension, value, currency) of the records, in order. */
  private static Map<String, TreeSet<String>> scopes() {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (CostRecord r : records) {
      for (Dimension d : SCOPES) {
        String v = d.valueOf(r, "test");
        if (v != null && !v.isBlank()) {
          out.computeIfAbsent(d.name() + "\u0000" + v, k -> new TreeSet<>())
              .add(r.billingCurrency().getCurrencyCode());
        }
      }
    }
    return out;
  }

  /** The single-JVM result: each scope's monitor and predictor on one store holding every record. */
  private static synchronized List<List<Object>> singleJvm(ScopeTask.Kind kind) {
    return SINGLE_JVM.computeIfAbsent(kind, ScopeDetectionTest::compute);
  }

  private static List<List<Object>> compute(ScopeTask.Kind kind) {
    // the settings detection() builds
    Settings s = new Settings(DetectFixtures.START, DetectFixtures.UP_TO, BigDecimal.ZERO, 1, OPTIONS);
    CostStore store = DetectFixtures.store(records);
    List<Row> rows = new ArrayList<>();
    Unrepresentable problems = new Unrepresentable();
    scopes().forEach((key, currencies) -> {
      String[] parts = key.split("\u0000");
      Dimension d = Settings.dimension(parts[0]);
      for (String code : currencies) {
        Currency c = Currency.getInstance(code);
        if (kind == ScopeTask.Kind.ANOMALIES) {
          CostAnomalyMonitor m = s.monitor(d, parts[1], c);
          m.evaluate(store, DetectFixtures.UP_TO);
          rows.addAll(ScopeTask.anomalyRows(d, parts[1], c, m.anomalies(), problems));
        } else {
          rows.addAll(ScopeTask.forecastRows(s, d, parts[1], c, CostPredictor.create(store, NoPrices.INSTANCE,
              InstantSource.fixed(DetectFixtures.UP_TO), s.forecastOptions()), problems));
        }
      }
    });
    problems.throwIfAny();
    return values(rows);
  }

  private static List<List<Object>> values(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> v = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        v.add(r.get(i));
      }
      out.add(v);
    }
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  @Test
  void forecasts_everyScope_equalSingleJvmPredictorOnTheSameRecords() {
    List<List<Object>> expected = singleJvm(ScopeTask.Kind.FORECASTS);

    List<List<Object>> spark = values(detection().forecasts(frame).collectAsList());

    assertThat(spark).isEqualTo(expected);
    // 3 accounts + 1 EUR account, 3 services (two in EUR too), 2 teams (red in EUR too): month, quarter, next month
    assertThat(spark).hasSize((4 + 3 + 1 + 2 + 1) * 3);
    assertThat(spark).allSatisfy(r -> assertThat(r.get(19)).isNull());
  }

  @Test
  void anomalies_everyScopeWithATaskFailingOnItsFirstAttempt_writtenOnceAndEqualToSingleJvmMonitors() {
    List<List<Object>> expected = singleJvm(ScopeTask.Kind.ANOMALIES);
    SparkSession spark = LocalSpark.session();
    FAILED.set(false);
    String path = dir.resolve("anomalies").toString();

    // the filter runs in the detection tasks (after the shuffle), so the failed attempt is a detection task
    detection().anomalies(frame)
        .where(functions.udf(FAIL_ONCE, DataTypes.BooleanType).apply(functions.col("anomalyId")))
        .write().parquet(path);

    assertThat(FAILED).isTrue();
    List<List<Object>> written = values(spark.read().schema(ScopeDetection.ANOMALY_SCHEMA).parquet(path)
        .collectAsList());
    assertThat(written).isEqualTo(expected).doesNotHaveDuplicates();
    // the injected spike (with its root cause) and drop are found, and service scopes are judged too
    assertThat(written).anySatisfy(r -> assertThat(r).startsWith("SubAccountId", "a1", "USD").contains("INCREASE")
        .anySatisfy(v -> assertThat(String.valueOf(v)).contains("ServiceName=Svc-B")));
    assertThat(written).anySatisfy(r -> assertThat(r).startsWith("tag:team", "blue", "USD").contains("DECREASE"));
    assertThat(written).anySatisfy(r -> assertThat(r.get(0)).isEqualTo("ServiceName"));
  }

  @Test
  void anomalies_missingOrMistypedColumn_namesIt() {
    assertThatThrownBy(() -> detection().anomalies(frame.drop("RegionId")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column RegionId is missing");
    assertThatThrownBy(() -> detection().anomalies(frame.withColumn("BilledCost",
        functions.col("BilledCost").cast("double"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BilledCost has type double")
        .hasMessageContaining("decimal");
    ScopeDetection byTag = ScopeDetection.builder().scopes(List.of(Dimension.tag("team")))
        .historyStart(DetectFixtures.START).upTo(DetectFixtures.UP_TO).build();
    assertThatThrownBy(() -> byTag.anomalies(frame.drop("Tags")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column Tags is missing");
  }

  @Test
  void builder_badSettings_areRejectedNamingTheField() {
    assertThatThrownBy(() -> ScopeDetection.builder().scopes(List.of(Dimension.RESOURCE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ResourceId");
    assertThatThrownBy(() -> ScopeDetection.builder().scopes(List.of(Dimension.SERVICE, Dimension.SERVICE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats");
    assertThatThrownBy(() -> ScopeDetection.builder().historyStart(DetectFixtures.START.plusSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historyStart");
    assertThatThrownBy(() -> ScopeDetection.builder().scopes(SCOPES).historyStart(DetectFixtures.UP_TO)
        .upTo(DetectFixtures.START).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be after historyStart");
    assertThatThrownBy(() -> ScopeDetection.builder().historyStart(DetectFixtures.START).upTo(DetectFixtures.UP_TO)
        .build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("scope");
  }
}
