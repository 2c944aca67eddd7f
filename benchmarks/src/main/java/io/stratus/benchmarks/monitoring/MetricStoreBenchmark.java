package io.stratus.benchmarks.monitoring;

import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.store.InMemoryMetricStore;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ingest and decode speed of the Gorilla-compressed in-memory store, in points per second (ops = points). Input: one
 * day of 1-minute utilization values shaped like PlanetLab traces (integer percent, a slow random walk).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MetricStoreBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MetricStoreBenchmark {
  private static final int POINTS = 1440;

  @Param({"1024"})
  public int blockPoints;

  private final SeriesId id = SeriesId.of("cpu.utilization", "resource", "vm-1");
  private long[] ts;
  private double[] values;
  private InMemoryMetricStore filled;
  private final SeriesSelector selector = SeriesSelector.of("cpu.utilization");

  @Setup
  public void setUp() {
    Random r = new Random(1);
    ts = new long[POINTS];
    values = new double[POINTS];
    int v = 20;
    for (int i = 0; i < POINTS; i++) {
      ts[i] = 1_600_000_000_000L + i * 60_000L;
      v = Math.max(0, Math.min(99, v + r.nextInt(5) - 2));
      values[i] = v;
    }
    filled = InMemoryMetricStore.create(blockPoints);
    filled.appendAll(id, ts, values);
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public int ingestOneDay() {
    InMemoryMetricStore s = InMemoryMetricStore.create(blockPoints);
    return s.appendAll(id, ts, values);
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public List<SeriesData> decodeOneDay() {
    return filled.query(selector, Long.MIN_VALUE, Long.MAX_VALUE);
  }
}
