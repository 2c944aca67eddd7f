package io.stratus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.ProviderException;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReportSchedulerTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static final class Outbox implements NotificationChannel {
    final List<Notification> sent = new ArrayList<>();
    boolean failing;

    @Override
    public String id() {
      return "outbox";
    }

    @Override
    public void send(Notification n) {
      if (failing) {
        throw new ProviderException("outbox", "mail server refused", null);
      }
      sent.add(n);
    }
  }

  static Report tiny(Instant at) {
    return new Report("Daily cost", "", at, at.minus(Duration.ofDays(1)), at, List.of(new Section("s", "S",
        List.of(new Block.Paragraph("spend $1")))));
  }

  @Test
  void nextRunAfter_keepsLocalTimeAcrossDaylightSaving() {
    ReportSchedule s = new ReportSchedule("daily", "0 8 * * *", BERLIN, ReportFormat.MARKDOWN, Map.of());
    assertThat(s.nextRunAfter(Instant.parse("2026-03-28T12:00:00Z"))).contains(Instant.parse("2026-03-29T06:00:00Z"));
    assertThat(s.nextRunAfter(Instant.parse("2026-03-27T12:00:00Z"))).contains(Instant.parse("2026-03-28T07:00:00Z"));
    ReportSchedule weekly = new ReportSchedule("weekly", "30 9 * * MON", ZoneId.of("UTC"), ReportFormat.HTML,
        Map.of());
    assertThat(weekly.nextRunAfter(Instant.parse("2026-03-04T00:00:00Z")))
        .contains(Instant.parse("2026-03-09T09:30:00Z"));
  }

  @Test
  void badCron_namesScheduleExpressionAndRule() {
    assertThatThrownBy(() -> new ReportSchedule("bad", "61 * * * *", BERLIN, ReportFormat.CSV, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad'").hasMessageContaining("'61 * * * *'")
        .hasMessageContaining("five-field Unix cron");
  }

  @Test
  void runDue_sendsOnSchedule_skipsMissedRuns_andRecordsFailures() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T00:00:00Z"));
    Outbox outbox = new Outbox();
    ReportScheduler scheduler = ReportScheduler.create(now::get, outbox);
    scheduler.add(new ReportSchedule("daily", "0 8 * * *", BERLIN, ReportFormat.MARKDOWN, Map.of("team", "finops")),
        ReportSchedulerTest::tiny);
    assertThat(scheduler.nextRun("daily")).contains(Instant.parse("2026-03-01T07:00:00Z"));
    assertThat(scheduler.runDue()).isEmpty();

    now.set(Instant.parse("2026-03-01T07:00:00Z"));
    List<Delivery> first = scheduler.runDue();
    assertThat(first).singleElement().satisfies(d -> {
      assertThat(d.status()).isEqualTo(Delivery.Status.DELIVERED);
      assertThat(d.notificationKey()).isEqualTo("report:daily@2026-03-01T07:00:00Z");
    });
    Notification n = outbox.sent.get(0);
    assertThat(n.body()).startsWith("# Daily cost");
    assertThat(n.labels()).containsEntry("team", "finops").containsEntry("report", "daily").containsEntry("format",
        "md");

    now.set(Instant.parse("2026-03-04T10:00:00Z"));
    List<Delivery> catchUp = scheduler.runDue();
    assertThat(catchUp).extracting(Delivery::status).containsExactly(Delivery.Status.SKIPPED,
        Delivery.Status.SKIPPED, Delivery.Status.DELIVERED);
    assertThat(catchUp.get(2).scheduledFor()).isEqualTo(Instant.parse("2026-03-04T07:00:00Z"));

    outbox.failing = true;
    now.set(Instant.parse("2026-03-05T07:00:00Z"));
    assertThat(scheduler.runDue()).singleElement().satisfies(d -> {
      assertThat(d.status()).isEqualTo(Delivery.Status.FAILED);
      assertThat(d.detail()).contains("mail server refused");
    });
    assertThat(scheduler.deliveries()).hasSize(5);
    assertThat(outbox.sent).hasSize(2);
    assertThat(scheduler.nextRun("daily")).contains(Instant.parse("2026-03-06T07:00:00Z"));
    assertThatThrownBy(() -> scheduler.add(new ReportSchedule("daily", "0 9 * * *", BERLIN, ReportFormat.HTML,
        Map.of()), ReportSchedulerTest::tiny)).hasMessageContaining("'daily' is already registered");
  }
}
