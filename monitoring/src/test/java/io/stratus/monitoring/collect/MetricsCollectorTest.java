package io.stratus.monitoring.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.ProviderException;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MetricsCollectorTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1000));
  private final InstantSource clock = () -> now.get();

  /** Serves one gauge sample per second of any window it is asked for. */
  private static final class EverySecond implements MetricsSource {
    final List<Instant[]> windows = new ArrayList<>();

    @Override
    public String id() {
      return "every-second";
    }

    @Override
    public String dialect() {
      return "aws";
    }

    @Override
    public List<RawSample> fetch(Instant from, Instant to) {
      windows.add(new Instant[] {from, to});
      List<RawSample> out = new ArrayList<>();
      for (long s = from.getEpochSecond(); s < to.getEpochSecond(); s++) {
        out.add(RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", Map.of(), s * 1000, s % 100));
      }
      return out;
    }
  }

  @Test
  void poll_bufferFull_defersRestAndRefetchesItNextPoll() {
    EverySecond source = new EverySecond();
    MetricsCollector c = MetricsCollector.builder().clock(clock).source(source).bufferCapacity(100)
        .initialLookback(java.time.Duration.ofSeconds(300)).build();
    CollectionReport r1 = c.poll();
    assertThat(r1.buffered()).isEqualTo(100);
    assertThat(r1.deferred()).isEqualTo(200);
    List<MetricSample> out = new ArrayList<>();
    c.drainTo(out::add, 1000);
    CollectionReport r2 = c.poll();
    assertThat(r2.sources().get(0).from()).isEqualTo(Instant.ofEpochSecond(800));
    assertThat(r2.buffered()).isEqualTo(100);
    c.drainTo(out::add, 1000);
    c.poll();
    c.drainTo(out::add, 1000);
    assertThat(out).hasSize(300);
    assertThat(out).extracting(MetricSample::epochMillis).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void poll_failingSource_isIsolatedAndRetriedFromSameWatermark() {
    AtomicInteger calls = new AtomicInteger();
    MetricsSource broken = new MetricsSource() {
      @Override
      public String id() {
        return "broken";
      }

      @Override
      public List<RawSample> fetch(Instant from, Instant to) {
        calls.incrementAndGet();
        throw new ProviderException("broken", "API down", null);
      }
    };
    MetricsCollector c = MetricsCollector.builder().clock(clock).source(broken).source(new EverySecond()).build();
    CollectionReport r = c.poll();
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.sourceId()).isEqualTo("broken");
      assertThat(f.error().orElseThrow()).contains("API down");
      assertThat(f.consecutiveFailures()).isEqualTo(1);
    });
    assertThat(r.buffered()).isEqualTo(300);
    now.set(now.get().plusSeconds(10));
    CollectionReport r2 = c.poll();
    assertThat(r2.failures().get(0).consecutiveFailures()).isEqualTo(2);
    assertThat(r2.failures().get(0).from()).isEqualTo(Instant.ofEpochSecond(700));
    assertThat(c.watermarks()).containsEntry("every-second", Instant.ofEpochSecond(1010));
  }

  @Test
  void poll_rejections_areCountedWithReasons() {
    MetricsSource mixed = new MetricsSource() {
      @Override
      public String id() {
        return "mixed";
      }

      @Override
      public String dialect() {
        return "aws";
      }

      @Override
      public List<RawSample> fetch(Instant from, Instant to) {
        return List.of(
            RawSample.gauge("CPUUtilization", Unit.PERCENT, "i", Map.of(), 1, 1),
            RawSample.gauge("Mystery", Unit.PERCENT, "i", Map.of(), 2, 1),
            RawSample.gauge("CPUUtilization", Unit.BYTES, "i", Map.of(), 3, 1));
      }
    };
    CollectionReport r = MetricsCollector.builder().clock(clock).source(mixed).build().poll();
    SourceReport s = r.sources().get(0);
    assertThat(s.fetched()).isEqualTo(3);
    assertThat(s.buffered()).isEqualTo(1);
    assertThat(s.rejected()).isEqualTo(2);
    assertThat(s.reasons()).anySatisfy(x -> assertThat(x).contains("Mystery"));
  }

  @Test
  void poll_runsSourcesOnHostExecutor() {
    AtomicInteger tasks = new AtomicInteger();
    MetricsCollector c = MetricsCollector.builder().clock(clock).source(new EverySecond())
        .executor(r -> {
          tasks.incrementAndGet();
          r.run();
        }).build();
    c.poll();
    assertThat(tasks).hasValue(1);
  }

  @Test
  void poll_executorRejects_reportsFailure() {
    MetricsCollector c = MetricsCollector.builder().clock(clock).source(new EverySecond())
        .executor(r -> {
          throw new java.util.concurrent.RejectedExecutionException("full");
        }).build();
    assertThat(c.poll().failures().get(0).error().orElseThrow()).contains("rejected");
  }

  @Test
  void build_withoutClockOrWithDuplicateIds_fails() {
    assertThatThrownBy(() -> MetricsCollector.builder().build()).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("clock");
    assertThatThrownBy(() -> MetricsCollector.builder().source(new EverySecond()).source(new EverySecond()))
        .hasMessageContaining("every-second");
  }

  @Test
  void poll_burstAtOneInstantLargerThanBuffer_stillProgressesWithoutDuplicates() {
    MetricsSource burst = new MetricsSource() {
      @Override
      public String id() {
        return "burst";
      }

      @Override
      public List<RawSample> fetch(Instant from, Instant to) {
        List<RawSample> out = new ArrayList<>();
        long t = 999_000;
        if (t >= from.toEpochMilli() && t < to.toEpochMilli()) {
          for (int i = 9; i >= 0; i--) {
            out.add(RawSample.gauge("cpu.utilization", Unit.PERCENT, "vm-" + i, Map.of(), t, i));
          }
        }
        return out;
      }
    };
    MetricsCollector c = MetricsCollector.builder().clock(clock).source(burst).bufferCapacity(3).build();
    List<MetricSample> out = new ArrayList<>();
    int polls = 0;
    CollectionReport r;
    do {
      r = c.poll();
      c.drainTo(out::add, 100);
      polls++;
    } while (r.deferred() > 0);
    assertThat(polls).isEqualTo(4);
    assertThat(r.sources().get(0).alreadyTaken()).isEqualTo(9);
    assertThat(out).extracting(s -> s.series().labels().get("resource")).doesNotHaveDuplicates().hasSize(10);
  }
}
