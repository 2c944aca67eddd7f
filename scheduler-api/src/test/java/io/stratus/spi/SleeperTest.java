package io.stratus.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SleeperTest {
  @Test
  void system_waitsNothingForZero_andStopsWhenInterrupted() throws InterruptedException {
    Sleeper.system().sleep(Duration.ZERO);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofHours(1))).isInstanceOf(InterruptedException.class);
    } finally {
      assertThat(Thread.interrupted()).as("the flag is consumed by the interrupted sleep").isFalse();
    }
  }
}
