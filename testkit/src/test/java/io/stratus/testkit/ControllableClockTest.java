package io.stratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ControllableClockTest {
  private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  @Test
  void create_startsAtFixedDefaultInUtc() {
    ControllableClock clock = ControllableClock.create();
    assertThat(clock.instant()).isEqualTo(ControllableClock.DEFAULT_START);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void instant_doesNotMoveOnItsOwn() throws InterruptedException {
    ControllableClock clock = ControllableClock.at(T);
    Thread.sleep(5);
    assertThat(clock.instant()).isEqualTo(T);
    assertThat(clock.millis()).isEqualTo(T.toEpochMilli());
  }

  @Test
  void advance_movesForwardAndReturnsNewTime() {
    ControllableClock clock = ControllableClock.at(T);
    assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(T.plusSeconds(300));
    assertThat(clock.advanceMillis(250)).isEqualTo(T.plusSeconds(300).plusMillis(250));
    assertThat(clock.instant()).isEqualTo(T.plusSeconds(300).plusMillis(250));
  }

  @Test
  void advance_negative_isRejected() {
    ControllableClock clock = ControllableClock.at(T);
    assertThatIllegalArgumentException().isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .withMessageContaining("duration must be >= 0");
    assertThatNullPointerException().isThrownBy(() -> clock.advance(null));
    assertThat(clock.instant()).isEqualTo(T);
  }

  @Test
  void set_mayGoBackwards() {
    ControllableClock clock = ControllableClock.at(T);
    clock.set(T.minusSeconds(3600));
    assertThat(clock.instant()).isEqualTo(T.minusSeconds(3600));
    assertThatNullPointerException().isThrownBy(() -> clock.set(null));
  }

  @Test
  void withZone_sharesTime() {
    ControllableClock clock = ControllableClock.at(T);
    ControllableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofHours(1));
    assertThat(paris.instant()).isEqualTo(T.plusSeconds(3600));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris).isNotEqualTo(clock);
    assertThat(paris.withZone(ZoneOffset.UTC)).isEqualTo(clock).hasSameHashCodeAs(clock);
    assertThat(ControllableClock.at(T)).isNotEqualTo(ControllableClock.at(T));
  }

  @Test
  void isUsableAsClockAndInstantSource() {
    ControllableClock clock = ControllableClock.at(T);
    InstantSource source = clock;
    Clock asClock = clock;
    clock.advance(Duration.ofSeconds(1));
    assertThat(source.instant()).isEqualTo(T.plusSeconds(1));
    assertThat(java.time.LocalDateTime.now(asClock)).isEqualTo(java.time.LocalDateTime.parse("2026-05-01T10:00:01"));
  }

  @Test
  void nanoTicker_followsTheClock() {
    ControllableClock clock = ControllableClock.at(T);
    LongSupplier ticker = clock.nanoTicker();
    long start = ticker.getAsLong();
    clock.advance(Duration.ofNanos(1_500));
    assertThat(ticker.getAsLong() - start).isEqualTo(1_500);
  }

  @Test
  void concurrentAdvances_addUp() throws InterruptedException {
    ControllableClock clock = ControllableClock.at(T);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        for (int j = 0; j < 1000; j++) {
          clock.advanceMillis(1);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(clock.instant()).isEqualTo(T.plusMillis(4000));
  }
}
