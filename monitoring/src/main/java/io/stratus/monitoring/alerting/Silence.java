package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.LabelMatcher;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Mutes notifications of the alerts whose labels match every matcher while the schedule is active: once (a
 * maintenance window) or recurring (a nightly batch window). A silenced alert keeps its lifecycle; it is simply not
 * announced as firing while silenced. A resolution of an alert that was announced is still sent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id unique id, used to expire it
 * @param matchers label conditions that must all hold
 * @param schedule when it is active
 * @param comment why, for people
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Silence(String id, List<LabelMatcher> matchers, Schedule schedule, String comment) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the id is blank or there are no matchers
   */
  public Silence {
    Checks.nonBlank(id, "silence.id");
    matchers = List.copyOf(Checks.nonNull(matchers, "silence.matchers"));
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("silence.matchers must not be empty (a silence must not mute everything)");
    }
    Checks.nonNull(schedule, "silence.schedule");
    Checks.nonNull(comment, "silence.comment");
  }

  /**
   * Whether it is active.
   *
   * @param at the instant; never null
   * @return true if the schedule covers it
   */
  public boolean isActive(Instant at) {
    return schedule.isActive(at);
  }

  /**
   * Whether it matches an alert's labels.
   *
   * @param labels the labels; never null
   * @return true if every matcher holds
   */
  public boolean matches(Map<String, String> labels) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(labels.get(m.label()))) {
        return false;
      }
    }
    return true;
  }

  /** When a silence is active. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public sealed interface Schedule permits Window, Recurring {
    /**
     * Whether the schedule covers an instant.
     *
     * @param at the instant; never null
     * @return true if active
     */
    boolean isActive(Instant at);
  }

  /**
   * One window {@code [start, end)}.
   *
   * @param start start, inclusive
   * @param end end, exclusive, after start
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Window(Instant start, Instant end) implements Schedule {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the end is not after the start
     */
    public Window {
      Checks.nonNull(start, "window.start");
      Checks.nonNull(end, "window.end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("window.end must be after start " + start + ", got " + end);
      }
    }

    @Override
    public boolean isActive(Instant at) {
      return !at.isBefore(start) && at.isBefore(end);
    }
  }

  /**
   * A window that starts at a local time on chosen days and lasts a fixed time (it may run past midnight).
   *
   * @param days days on which a window starts
   * @param start local start time
   * @param length how long each window lasts, {@code > 0} and at most 7 days
   * @param zone the time zone of {@code start}
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Recurring(Set<DayOfWeek> days, LocalTime start, Duration length, ZoneId zone) implements Schedule {
    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if no day is given or the length is out of range
     */
    public Recurring {
      days = Set.copyOf(Checks.nonNull(days, "recurring.days"));
      if (days.isEmpty()) {
        throw new IllegalArgumentException("recurring.days must not be empty");
      }
      Checks.nonNull(start, "recurring.start");
      Checks.positive(length, "recurring.length");
      if (length.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("recurring.length must be at most 7 days, got " + length);
      }
      Checks.nonNull(zone, "recurring.zone");
    }

    /**
     * Every day.
     *
     * @param start local start time
     * @param length window length
     * @param zone time zone
     * @return the schedule; never null
     */
    public static Recurring daily(LocalTime start, Duration length, ZoneId zone) {
      return new Recurring(EnumSet.allOf(DayOfWeek.class), start, length, zone);
    }

    @Override
    public boolean isActive(Instant at) {
      ZonedDateTime local = at.atZone(zone);
      for (int back = 0; back <= 8; back++) {
        ZonedDateTime day = local.toLocalDate().minusDays(back).atTime(start).atZone(zone);
        if (!days.contains(day.getDayOfWeek())) {
          continue;
        }
        Instant s = day.toInstant();
        if (!at.isBefore(s) && at.isBefore(s.plus(length))) {
          return true;
        }
      }
      return false;
    }
  }
}
