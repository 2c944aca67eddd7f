package io.stratus.monitoring.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class MetricWindowProperties {
  /** The window rule: split anywhere, a sample lies in exactly one of the two halves iff it lies in the whole. */
  @Property
  void aSplitWindow_holdsEachInstantOfTheWholeExactlyOnce(
      @ForAll @LongRange(min = 0, max = 10_000) long from,
      @ForAll @LongRange(min = 1, max = 10_000) long length,
      @ForAll @LongRange(min = 0, max = 10_000) long cutOffset,
      @ForAll @LongRange(min = -100, max = 20_100) long at) {
    Instant a = Instant.ofEpochMilli(from);
    Instant c = a.plusMillis(length);
    Instant b = a.plusMillis(1 + cutOffset % length);
    MetricWindow whole = MetricWindow.of(a, c);
    Instant t = Instant.ofEpochMilli(at);
    boolean inFirst = b.isBefore(c) ? MetricWindow.of(a, b).contains(t) : whole.contains(t);
    boolean inSecond = b.isBefore(c) && MetricWindow.of(b, c).contains(t);
    assertThat(inFirst && inSecond).as("never in both halves").isFalse();
    assertThat(inFirst || inSecond).as("in a half iff in the whole").isEqualTo(whole.contains(t));
    assertThat(whole.containsMillis(at)).as("millisecond windows agree").isEqualTo(whole.contains(t));
  }

  @Example
  void anEmptyOrBackwardWindow_isRejectedNamingTheBounds() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatIllegalArgumentException().isThrownBy(() -> MetricWindow.of(t, t))
        .withMessageContaining("metricWindow.to must be after from").withMessageContaining(t.toString());
    assertThatIllegalArgumentException().isThrownBy(() -> MetricWindow.of(t, t.minusSeconds(1)));
  }
}
