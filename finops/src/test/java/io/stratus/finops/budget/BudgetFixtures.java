package io.stratus.finops.budget;

import io.stratus.finops.TestRecords;
import io.stratus.finops.spi.CostStore;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** A settable clock, a recording channel and team records for budget tests. */
final class BudgetFixtures {
  private BudgetFixtures() {}

  static final class Clock implements InstantSource {
    Instant now;

    Clock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advanceHours(long h) {
      now = now.plusSeconds(3600 * h);
    }
  }

  static final class Outbox implements NotificationChannel {
    final List<Notification> sent = new ArrayList<>();

    @Override
    public String id() {
      return "outbox";
    }

    @Override
    public synchronized void send(Notification n) {
      sent.add(n);
    }
  }

  /** Writes one team record of {@code amount} charged in the hour starting at {@code at}. */
  static void spend(CostStore store, String team, String amount, Instant at) {
    try (CostStore.Appender a = store.appender("test")) {
      a.accept(TestRecords.usage("EC2", "i-" + team, amount, at).tag("team", team).build());
    }
  }

  /** {@code perDay} for each day in {@code [fromDay, toDay)} counted from {@code start}. */
  static void daily(CostStore store, String team, BigDecimal perDay, Instant start, int fromDay, int toDay) {
    try (CostStore.Appender a = store.appender("test")) {
      for (int d = fromDay; d < toDay; d++) {
        a.accept(TestRecords.usage("EC2", "i-" + team, perDay.toPlainString(), start.plusSeconds(86400L * d))
            .tag("team", team).build());
      }
    }
  }
}
