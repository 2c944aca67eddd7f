package io.stratus.adapters.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the tests move by hand (UTC). This module cannot use the testkit's clock: the testkit depends on this module
 * for its outbox kit. Thread-safe.
 */
final class TestClock extends Clock {
  private volatile Instant now;

  private TestClock(Instant start) {
    this.now = start;
  }

  static TestClock create() {
    return new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  }

  synchronized TestClock set(Instant instant) {
    now = instant;
    return this;
  }

  synchronized Instant advance(Duration d) {
    now = now.plus(d);
    return now;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.normalized().equals(zone.normalized())) {
      throw new UnsupportedOperationException("the test clock is UTC only, got " + zone);
    }
    return this;
  }
}
