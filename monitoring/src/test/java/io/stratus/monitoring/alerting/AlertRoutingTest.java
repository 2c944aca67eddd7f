package io.stratus.monitoring.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.spi.Notification;
import io.stratus.spi.Notification.Severity;
import io.stratus.spi.NotificationChannel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing by labels, quiet hours and escalation (issue 14). */
class AlertRoutingTest {
  // a Monday, 21:30 in Paris (UTC+1 in January)
  private static final Instant T0 = Instant.parse("2026-01-05T20:30:00Z");
  private final TestClock clock = new TestClock(T0);

  private static final class Box implements NotificationChannel {
    final String id;
    final List<Notification> got = new ArrayList<>();

    Box(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void send(Notification n) {
      got.add(n);
    }
  }

  private final Box infra = new Box("infra");
  private final Box finance = new Box("finance");
  private final Box pager = new Box("pager");

  private AlertEngine.Builder engine() {
    return AlertEngine.builder().clock(clock).channel(infra).channel(finance).channel(pager)
        .grouping(GroupingPolicy.none());
  }

  @Test
  void routes_byLabels_firstMatchWins_unmatchedGoesEverywhere() {
    AlertEngine e = engine()
        .route(NotificationRoute.builder("infra").match("team", "infra").channels(List.of("infra")).build())
        .route(NotificationRoute.builder("money").match("team", "finance").channels(List.of("finance")).build())
        .build();
    e.setCondition("CpuHigh", Map.of("team", "infra"), Severity.WARNING, true);
    e.setCondition("Spend", Map.of("team", "finance"), Severity.WARNING, true);
    e.setCondition("Other", Map.of("team", "nobody"), Severity.WARNING, true);
    e.tick();
    assertThat(infra.got).extracting(Notification::title).anyMatch(t -> t.contains("CpuHigh"))
        .noneMatch(t -> t.contains("Spend"));
    assertThat(finance.got).extracting(Notification::title).anyMatch(t -> t.contains("Spend"))
        .noneMatch(t -> t.contains("CpuHigh"));
    assertThat(pager.got).extracting(Notification::title).singleElement().asString().contains("Other");
  }

  @Test
  void routes_minSeverityAndContinue() {
    AlertEngine e = engine()
        .route(NotificationRoute.builder("all").channels(List.of("infra")).continueMatching(true).build())
        .route(NotificationRoute.builder("page").minSeverity(Severity.CRITICAL).channels(List.of("pager")).build())
        .build();
    e.setCondition("Warn", Map.of(), Severity.WARNING, true);
    e.setCondition("Crit", Map.of(), Severity.CRITICAL, true);
    e.tick();
    assertThat(infra.got).hasSize(2);
    assertThat(pager.got).extracting(Notification::title).singleElement().asString().contains("Crit");
  }

  @Test
  void quietHours_holdNonCriticalUntilTheyEnd_inTheRoutesTimeZone() {
    QuietHours night = new QuietHours(ZoneId.of("Europe/Paris"), LocalTime.of(21, 0), LocalTime.of(7, 0),
        EnumSet.of(DayOfWeek.MONDAY), Severity.CRITICAL);
    AlertEngine e = engine()
        .grouping(new GroupingPolicy(List.of(), false, Duration.ZERO, Duration.ZERO, Duration.ofDays(1)))
        .route(NotificationRoute.builder("night").channels(List.of("infra")).quietHours(night).build()).build();
    e.setCondition("Warn", Map.of(), Severity.WARNING, true);
    e.setCondition("Crit", Map.of(), Severity.CRITICAL, true);
    e.tick();
    assertThat(infra.got).extracting(Notification::title).singleElement().asString().contains("Crit");
    assertThat(e.pendingDeliveries()).isEqualTo(1);
    // 07:00 Paris on Tuesday is 06:00 UTC
    clock.advance(Duration.between(T0, Instant.parse("2026-01-06T05:59:59Z")));
    e.tick();
    assertThat(infra.got).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    e.tick();
    assertThat(infra.got).hasSize(2);
    assertThat(infra.got.get(1).title()).contains("Warn");
  }

  @Test
  void quietHours_spanMidnightAndDaysAndDst() {
    QuietHours q = new QuietHours(ZoneId.of("Europe/Paris"), LocalTime.of(22, 0), LocalTime.of(7, 0),
        EnumSet.of(DayOfWeek.SATURDAY), Severity.CRITICAL);
    // Saturday 28 March 2026 23:00 Paris (UTC+1); the clocks go forward that night, so 07:00 is UTC+2
    assertThat(q.quietUntil(Instant.parse("2026-03-28T22:00:00Z")))
        .contains(Instant.parse("2026-03-29T05:00:00Z"));
    // Sunday 23:00 is not quiet: Sunday is not listed
    assertThat(q.quietUntil(Instant.parse("2026-03-29T21:00:00Z"))).isEmpty();
    assertThat(q.holdUntil(Severity.CRITICAL, Instant.parse("2026-03-28T22:00:00Z"))).isEmpty();
  }

  @Test
  void escalation_unacknowledgedAfterDelay_goesOnceToEscalationChannels_acknowledgedDoesNot() {
    AlertEngine e = engine().route(NotificationRoute.builder("infra").match("team", "infra")
        .channels(List.of("infra")).escalate(Duration.ofMinutes(30), List.of("pager")).build()).build();
    String ignored = e.setCondition("Ignored", Map.of("team", "infra"), Severity.WARNING, true);
    String acked = e.setCondition("Acked", Map.of("team", "infra"), Severity.WARNING, true);
    e.tick();
    assertThat(e.acknowledge(acked, "alice")).isTrue();
    clock.advance(Duration.ofMinutes(29));
    e.tick();
    assertThat(pager.got).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    e.tick();
    clock.advance(Duration.ofMinutes(30));
    e.tick();
    assertThat(pager.got).singleElement().satisfies(n -> {
      assertThat(n.title()).startsWith("[ESCALATED] Ignored");
      assertThat(n.key()).contains(ignored);
    });
    assertThat(e.stats().escalations()).isEqualTo(1);
  }

  @Test
  void build_routeToUnknownChannel_failsNamingRouteAndChannel() {
    AlertEngine.Builder b = engine().route(NotificationRoute.builder("r1").channels(List.of("slack")).build());
    assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("route 'r1'").hasMessageContaining("'slack'");
  }
}
