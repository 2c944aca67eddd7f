package io.stratus.monitoring.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.spi.Notification;
import io.stratus.spi.Notification.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert rules and routes as JSON/YAML configuration (issue 14). */
class AlertConfigTest {
  private static final String YAML = """
      rules:
        - name: HighCpu
          select: 'cpu.utilization{region="eu"}'
          condition: {above: 90, clear: 80}
          for: 5m
          severity: critical
          labels: {team: infra}
        - name: DailySpend
          signal: cost
          select: daily_spend
          condition: {above: 1000}
          labels: {team: finance}
        - name: BudgetBurn
          signal: budget
          select: budget_used_ratio
          condition: {above: 0.9}
        - name: Silent
          select: heartbeat
          condition: {absentFor: PT10M}
      routes:
        - name: money
          match: {team: finance}
          channels: [finance]
          quietHours: {zone: Europe/Paris, from: "22:00", to: "07:00", days: [MON, FRI], bypassAtLeast: critical}
          escalation: {after: 30m, channels: [pager]}
      """;

  @Test
  void yaml_isRead() {
    AlertConfig c = AlertConfig.fromYaml(YAML);
    assertThat(c.rules()).extracting(AlertRule::name).containsExactly("HighCpu", "DailySpend", "BudgetBurn",
        "Silent");
    AlertRule cpu = c.rules().get(0);
    assertThat(cpu.forDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(cpu.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(cpu.condition()).isEqualTo(new Condition.Threshold(Condition.Direction.ABOVE, 90, 80));
    assertThat(c.rules().get(1).selector().matches(SeriesId.of("daily_spend", "signal", "cost"))).isTrue();
    assertThat(c.rules().get(1).selector().matches(SeriesId.of("daily_spend"))).isFalse();
    assertThat(c.rules().get(3).condition()).isEqualTo(new Condition.Absent(Duration.ofMinutes(10)));
    NotificationRoute r = c.routes().get(0);
    assertThat(r.quietHours()).get().extracting(QuietHours::from).isEqualTo(LocalTime.of(22, 0));
    assertThat(r.escalationChannels()).containsExactly("pager");
  }

  @Test
  void json_sameShape_isRead() {
    AlertConfig c = AlertConfig.fromJson("""
        {"rules": [{"name": "Low", "select": "free_disk", "condition": {"below": 10, "clear": 20}}],
         "routes": [{"name": "all", "channels": ["a"], "continue": true}]}
        """);
    assertThat(c.rules()).singleElement().extracting(AlertRule::condition)
        .isEqualTo(new Condition.Threshold(Condition.Direction.BELOW, 10, 20));
    assertThat(c.routes()).singleElement().extracting(NotificationRoute::continueMatching).isEqualTo(true);
  }

  @Test
  void costSignal_firesThroughConfiguredRuleAndRoute() {
    TestClock clock = new TestClock(Instant.parse("2026-01-07T12:00:00Z")); // a Wednesday: no quiet hours
    List<Notification> finance = new ArrayList<>();
    List<Notification> pager = new ArrayList<>();
    AlertEngine e = AlertEngine.builder().clock(clock).config(AlertConfig.fromYaml(YAML))
        .channel(channel("finance", finance)).channel(channel("pager", pager)).grouping(GroupingPolicy.none())
        .build();
    e.acceptSignal(SignalKind.COST, "daily_spend", Map.of("team", "finance"), 1500);
    e.tick();
    assertThat(finance).singleElement().extracting(Notification::title).asString().contains("DailySpend");
    assertThat(pager).isEmpty();
    clock.advance(Duration.ofMinutes(31));
    e.tick();
    assertThat(pager).singleElement().extracting(Notification::title).asString().startsWith("[ESCALATED]");
  }

  private static io.stratus.spi.NotificationChannel channel(String id, List<Notification> sink) {
    return new io.stratus.spi.NotificationChannel() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public void send(Notification n) {
        sink.add(n);
      }
    };
  }

  @Test
  void invalid_reportsEveryProblemWithPathValueAndRule() {
    String bad = """
        rules:
          - name: HighCpu
            select: 'cpu{'
            condition: {above: high}
            for: soon
            severity: urgent
            colour: red
          - name: Spend
            signal: money
            select: spend
            condition: {above: 1, clear: 2}
        routes:
          - name: r
            channels: []
            quietHours: {zone: Mars/Olympus, from: "25:00", to: "07:00"}
            escalation: {channels: [p]}
        """;
    assertThatThrownBy(() -> AlertConfig.fromYaml(bad)).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("rules[0] (rule 'HighCpu').select: 'cpu{'")
        .hasMessageContaining("rules[0] (rule 'HighCpu').condition.above: 'high' is not a finite number")
        .hasMessageContaining("rules[0] (rule 'HighCpu').for: 'soon' is not a duration")
        .hasMessageContaining("rules[0] (rule 'HighCpu').severity: 'urgent' is not one of [info, warning, critical]")
        .hasMessageContaining("rules[0] (rule 'HighCpu').colour: unknown field")
        .hasMessageContaining("rules[1] (rule 'Spend').signal: 'money' is not one of")
        .hasMessageContaining("rules[1] (rule 'Spend').condition.clear: '2'")
        .hasMessageContaining("routes[0] (route 'r').channels: '[]' must be a non-empty list")
        .hasMessageContaining("routes[0] (route 'r').quietHours.zone: 'Mars/Olympus' is not a time zone")
        .hasMessageContaining("routes[0] (route 'r').quietHours.from: '25:00' is not a local time")
        .hasMessageContaining("routes[0] (route 'r').escalation.after: missing");
  }

  @Test
  void malformedText_namesLineAndColumn() {
    assertThatThrownBy(() -> AlertConfig.fromJson("{\"rules\": [}")).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void duplicateRuleNames_areRejected() {
    assertThatThrownBy(() -> AlertConfig.fromJson("""
        {"rules": [{"name": "A", "select": "x", "condition": {"above": 1}},
                   {"name": "A", "select": "y", "condition": {"above": 1}}]}
        """)).hasMessageContaining("rules[1].name: 'A' is used by an earlier rule");
  }
}
