package io.stratus.security.threat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A recurring period in which access changes are expected, e.g. Tuesday and Thursday 09:00–17:00 Europe/Berlin.
 * Immutable value; the day set is copied.
 *
 * @param days the days it recurs on; never null, not empty
 * @param from the local start time (inclusive); never null
 * @param to the local end time (exclusive), after {@code from}; never null
 * @param zone the zone of the local times; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ChangeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if {@code days} is empty or {@code to} is not after {@code from}
   */
  public ChangeWindow {
    if (Objects.requireNonNull(days, "days").isEmpty()) {
      throw new IllegalArgumentException("change window days must not be empty");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("change window end " + to + " must be after its start " + from);
    }
  }

  /**
   * Whether an instant falls inside the window.
   *
   * @param at the instant; never null
   * @return true if on one of the days, at or after {@code from} and before {@code to}, in the zone
   */
  public boolean contains(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
  }
}
