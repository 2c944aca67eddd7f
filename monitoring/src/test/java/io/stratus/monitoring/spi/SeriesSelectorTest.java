package io.stratus.monitoring.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesSelectorTest {
  @Test
  void parse_allOperators_roundTripsThroughToString() {
    SeriesSelector s = SeriesSelector.parse("cpu.utilization{a=\"1\", b!=\"2\",c=~\"x.*\",d!~\"y\\\"z\"}");
    assertThat(s.metric()).contains("cpu.utilization");
    assertThat(s.matchers()).extracting(LabelMatcher::op).containsExactly(LabelMatcher.Op.EQ,
        LabelMatcher.Op.NEQ, LabelMatcher.Op.REGEX, LabelMatcher.Op.NOT_REGEX);
    assertThat(s.matchers().get(3).value()).isEqualTo("y\"z");
    assertThat(SeriesSelector.parse(s.toString())).isEqualTo(s);
  }

  @Test
  void matches_missingLabel_actsAsEmpty() {
    SeriesId id = SeriesId.of("m", "a", "1");
    assertThat(SeriesSelector.parse("m{b=\"\"}").matches(id)).isTrue();
    assertThat(SeriesSelector.parse("m{b!=\"x\"}").matches(id)).isTrue();
    assertThat(SeriesSelector.parse("m{b=~\".+\"}").matches(id)).isFalse();
    assertThat(SeriesSelector.parse("m{a=~\"1|2\"}").matches(id)).isTrue();
    assertThat(SeriesSelector.parse("other").matches(id)).isFalse();
  }

  @Test
  void parse_malformed_failsNamingTheProblem() {
    assertThatThrownBy(() -> SeriesSelector.parse("m{a=1}")).hasMessageContaining("quoted value");
    assertThatThrownBy(() -> SeriesSelector.parse("m{a>\"1\"}")).hasMessageContaining("=, !=, =~ or !~");
    assertThatThrownBy(() -> SeriesSelector.parse("m{a=\"1\"")).hasMessageContaining("end with '}'");
    assertThatThrownBy(() -> SeriesSelector.parse("{}")).hasMessageContaining("metric name or at least one");
    assertThatThrownBy(() -> SeriesSelector.parse("m{a=~\"(\"}")).hasMessageContaining("regular expression");
    assertThatThrownBy(() -> SeriesSelector.parse("m{a=\"1\" b=\"2\"}")).hasMessageContaining("',' or '}'");
  }
}
