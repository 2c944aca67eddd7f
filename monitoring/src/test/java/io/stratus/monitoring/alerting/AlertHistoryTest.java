package io.stratus.monitoring.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.monitoring.spi.AlertHistoryQuery;
import io.stratus.monitoring.spi.AlertHistoryRecord;
import io.stratus.monitoring.spi.AlertHistoryStore;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AuditEntry;
import io.stratus.spi.Notification.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert history, acknowledgement, assignment, comments, resolution and the audit trail (issue 14). */
class AlertHistoryTest {
  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
  private final TestClock clock = new TestClock(T0);
  private final Outbox outbox = new Outbox();

  private AlertEngine engine(AlertHistoryStore store) {
    return AlertEngine.builder().clock(clock).channel(outbox).grouping(GroupingPolicy.none()).historyStore(store)
        .build();
  }

  @Test
  void lifecycle_andPeopleActions_areRecordedAndAudited() {
    AlertEngine e = engine(AlertHistoryStore.inMemory());
    String fp = e.setCondition("DiskFull", Map.of("team", "infra"), Severity.CRITICAL, true);
    e.tick();
    clock.advance(Duration.ofMinutes(1));
    assertThat(e.acknowledge(fp, "alice")).isTrue();
    assertThat(e.assign(fp, "bob", "alice")).isTrue();
    assertThat(e.comment(fp, "bob", "cleaning /var/log")).isTrue();
    clock.advance(Duration.ofMinutes(9));
    assertThat(e.resolve(fp, "bob", "logs rotated")).isTrue();
    e.tick();
    assertThat(outbox.sent).extracting(n -> n.title().substring(0, 10)).containsExactly("[FIRING:1]", "[RESOLVED:");

    AlertHistoryRecord r = e.history(AlertHistoryQuery.builder().build()).get(0);
    assertThat(r.state()).isEqualTo(AlertState.RESOLVED);
    assertThat(r.firedAt()).isEqualTo(T0);
    assertThat(r.resolvedAt()).contains(T0.plus(Duration.ofMinutes(10)));
    assertThat(r.acknowledgedBy()).contains("alice");
    assertThat(r.assignee()).contains("bob");
    assertThat(r.comments()).singleElement().extracting(AlertHistoryRecord.Comment::text)
        .isEqualTo("cleaning /var/log");
    assertThat(r.resolvedBy()).contains("bob");
    assertThat(r.resolutionNote()).contains("logs rotated");
    assertThat(e.auditTrail(fp)).extracting(AuditEntry::actor, AuditEntry::action).containsExactly(
        org.assertj.core.groups.Tuple.tuple("system", AuditEntry.Action.FIRED),
        org.assertj.core.groups.Tuple.tuple("alice", AuditEntry.Action.ACKNOWLEDGED),
        org.assertj.core.groups.Tuple.tuple("alice", AuditEntry.Action.ASSIGNED),
        org.assertj.core.groups.Tuple.tuple("bob", AuditEntry.Action.COMMENTED),
        org.assertj.core.groups.Tuple.tuple("bob", AuditEntry.Action.RESOLVED_BY_HAND));
  }

  @Test
  void resolvedByHand_conditionStillTrue_opensANewInstance() {
    AlertEngine e = engine(AlertHistoryStore.inMemory());
    String fp = e.setCondition("X", Map.of(), Severity.WARNING, true);
    e.resolve(fp, "carol", "known issue");
    clock.advance(Duration.ofMinutes(1));
    e.setCondition("X", Map.of(), Severity.WARNING, true);
    assertThat(e.history(AlertHistoryQuery.builder().build())).extracting(AlertHistoryRecord::instance,
        AlertHistoryRecord::state).containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, AlertState.FIRING),
            org.assertj.core.groups.Tuple.tuple(1L, AlertState.RESOLVED));
  }

  @Test
  void query_byStateSeverityLabelAndTimeRange() {
    AlertHistoryStore store = AlertHistoryStore.inMemory();
    AlertEngine e = engine(store);
    e.setCondition("A", Map.of("team", "infra"), Severity.WARNING, true);
    clock.advance(Duration.ofHours(1));
    e.setCondition("A", Map.of("team", "infra"), Severity.WARNING, false);
    e.setCondition("B", Map.of("team", "finance"), Severity.CRITICAL, true);
    clock.advance(Duration.ofHours(1));
    e.setCondition("C", Map.of("team", "infra"), Severity.INFO, true);

    assertThat(names(e, AlertHistoryQuery.builder().state(AlertState.FIRING).build())).containsExactly("C", "B");
    assertThat(names(e, AlertHistoryQuery.builder().minSeverity(Severity.WARNING).build())).containsExactly("B", "A");
    assertThat(names(e, AlertHistoryQuery.builder().label("team", "infra").build())).containsExactly("C", "A");
    // A fired at T0 and resolved at T0+1h; B fired at T0+1h and is open
    assertThat(names(e, AlertHistoryQuery.builder().between(T0.plusSeconds(3601), T0.plusSeconds(7000)).build()))
        .containsExactly("B");
    assertThat(names(e, AlertHistoryQuery.builder().between(T0, T0.plusSeconds(1)).build())).containsExactly("A");
    assertThat(names(e, AlertHistoryQuery.builder().limit(1).build())).containsExactly("C");
    // the store outlives the engine
    assertThat(engine(store).history(AlertHistoryQuery.builder().build())).hasSize(3);
  }

  @Test
  void actions_onUnknownAlerts_returnFalse_andBadInputIsRejected() {
    AlertEngine e = engine(AlertHistoryStore.inMemory());
    assertThat(e.assign("nope", "bob", "alice")).isFalse();
    assertThat(e.comment("nope", "bob", "hi")).isFalse();
    assertThat(e.resolve("nope", "bob", "why")).isFalse();
    assertThat(e.auditTrail("nope")).isEmpty();
    assertThatThrownBy(() -> e.comment("x", "bob", " ")).hasMessageContaining("text");
    assertThatThrownBy(() -> AlertHistoryQuery.builder().state(AlertState.PENDING))
        .hasMessageContaining("PENDING");
  }

  private static java.util.List<String> names(AlertEngine e, AlertHistoryQuery q) {
    return e.history(q).stream().map(r -> r.labels().get(Alert.ALERTNAME)).toList();
  }
}
