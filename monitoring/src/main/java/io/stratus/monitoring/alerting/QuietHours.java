package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.spi.Notification.Severity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A daily quiet period in a time zone: notifications below {@code bypassAtLeast} that a route sends during it are held
 * and delivered when it ends. A period whose end is not after its start runs past midnight (22:00 to 07:00); it
 * belongs to the day it starts on, which must be one of {@code days}. Daylight-saving gaps and overlaps follow
 * {@link ZonedDateTime#of}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param zone the time zone the times are in
 * @param from local start time
 * @param to local end time; equal to {@code from} means 24 hours
 * @param days the days a quiet period may start on; not empty
 * @param bypassAtLeast the lowest severity that is never held
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record QuietHours(ZoneId zone, LocalTime from, LocalTime to, Set<DayOfWeek> days, Severity bypassAtLeast) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if {@code days} is empty
   */
  public QuietHours {
    Checks.nonNull(zone, "quietHours.zone");
    Checks.nonNull(from, "quietHours.from");
    Checks.nonNull(to, "quietHours.to");
    Checks.nonNull(bypassAtLeast, "quietHours.bypassAtLeast");
    if (Checks.nonNull(days, "quietHours.days").isEmpty()) {
      throw new IllegalArgumentException("quietHours.days must not be empty");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  /**
   * Every day, critical notifications pass.
   *
   * @param zone the time zone; never null
   * @param from start; never null
   * @param to end; never null
   * @return the quiet hours; never null
   */
  public static QuietHours daily(ZoneId zone, LocalTime from, LocalTime to) {
    return new QuietHours(zone, from, to, EnumSet.allOf(DayOfWeek.class), Severity.CRITICAL);
  }

  /**
   * When the quiet period that contains {@code at} ends, if one does.
   *
   * @param at the instant; never null
   * @return the end of the quiet period, empty outside quiet hours
   */
  public Optional<Instant> quietUntil(Instant at) {
    LocalDate today = at.atZone(zone).toLocalDate();
    // a period that started yesterday may still be running, one that starts today may have begun
    for (LocalDate start : new LocalDate[] {today.minusDays(1), today}) {
      if (!days.contains(start.getDayOfWeek())) {
        continue;
      }
      ZonedDateTime begin = ZonedDateTime.of(start, from, zone);
      LocalDate endDay = to.isAfter(from) ? start : start.plusDays(1);
      ZonedDateTime end = ZonedDateTime.of(endDay, to, zone);
      Instant b = begin.toInstant();
      Instant e = end.toInstant();
      if (!at.isBefore(b) && at.isBefore(e)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a notification of this severity is held at {@code at}.
   *
   * @param severity the severity; never null
   * @param at the instant; never null
   * @return the instant to deliver it at, empty to deliver now
   */
  public Optional<Instant> holdUntil(Severity severity, Instant at) {
    if (severity.compareTo(bypassAtLeast) >= 0) {
      return Optional.empty();
    }
    return quietUntil(at);
  }
}
