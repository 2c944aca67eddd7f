package io.stratus.finops.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a budget's time is cut: calendar months, quarters or years (UTC), or one custom range of days.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BudgetPeriod {
  private static final BudgetPeriod MONTHLY = new BudgetPeriod(1, null, null);
  private static final BudgetPeriod QUARTERLY = new BudgetPeriod(3, null, null);
  private static final BudgetPeriod ANNUAL = new BudgetPeriod(12, null, null);

  private final int months;
  private final LocalDate start;
  private final LocalDate end;

  private BudgetPeriod(int months, LocalDate start, LocalDate end) {
    this.months = months;
    this.start = start;
    this.end = end;
  }

  /**
   * Calendar months.
   *
   * @return the period; never null
   */
  public static BudgetPeriod monthly() {
    return MONTHLY;
  }

  /**
   * Calendar quarters (January, April, July, October).
   *
   * @return the period; never null
   */
  public static BudgetPeriod quarterly() {
    return QUARTERLY;
  }

  /**
   * Calendar years.
   *
   * @return the period; never null
   */
  public static BudgetPeriod annual() {
    return ANNUAL;
  }

  /**
   * One custom range of whole UTC days, e.g. a project's life.
   *
   * @param start the first day; never null
   * @param endExclusive the day after the last; after {@code start}; never null
   * @return the period; never null
   * @throws IllegalArgumentException if the range is empty
   */
  public static BudgetPeriod custom(LocalDate start, LocalDate endExclusive) {
    Objects.requireNonNull(start, "budgetPeriod.start");
    Objects.requireNonNull(endExclusive, "budgetPeriod.endExclusive");
    if (!endExclusive.isAfter(start)) {
      throw new IllegalArgumentException("budgetPeriod.endExclusive must be after start " + start + ", got "
          + endExclusive);
    }
    return new BudgetPeriod(0, start, endExclusive);
  }

  /**
   * Whether this is a custom range.
   *
   * @return true for {@link #custom}
   */
  public boolean isCustom() {
    return months == 0;
  }

  /**
   * The range of a custom period: with {@link #equals} against {@link #monthly()}, {@link #quarterly()} and {@link
   * #annual()}, everything needed to rebuild the period elsewhere (a store).
   *
   * @return the range; empty for the calendar periods; never null
   * @since 0.1
   */
  public Optional<Window> customRange() {
    return isCustom() ? Optional.of(new Window(start, end)) : Optional.empty();
  }

  /**
   * The window containing an instant.
   *
   * @param at the instant; never null
   * @return the window; empty when a custom range does not contain it; never null
   */
  public Optional<Window> windowAt(Instant at) {
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    if (isCustom()) {
      return day.isBefore(start) || !day.isBefore(end) ? Optional.empty() : Optional.of(new Window(start, end));
    }
    int first = (day.getMonthValue() - 1) / months * months + 1;
    LocalDate s = LocalDate.of(day.getYear(), first, 1);
    return Optional.of(new Window(s, s.plusMonths(months)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BudgetPeriod && ((BudgetPeriod) o).months == months
        && Objects.equals(((BudgetPeriod) o).start, start) && Objects.equals(((BudgetPeriod) o).end, end);
  }

  @Override
  public int hashCode() {
    return Objects.hash(months, start, end);
  }

  @Override
  public String toString() {
    switch (months) {
      case 1:
        return "monthly";
      case 3:
        return "quarterly";
      case 12:
        return "annual";
      default:
        return "custom " + start + ".." + end;
    }
  }

  /**
   * One period: whole UTC days {@code [start, endExclusive)}.
   *
   * <p>Immutable and thread-safe.
   *
   * @param start the first day; never null
   * @param endExclusive the day after the last; never null
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Window(LocalDate start, LocalDate endExclusive) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the window is empty
     */
    public Window {
      Objects.requireNonNull(start, "window.start");
      Objects.requireNonNull(endExclusive, "window.endExclusive");
      if (!endExclusive.isAfter(start)) {
        throw new IllegalArgumentException("window.endExclusive must be after " + start + ", got " + endExclusive);
      }
    }

    /**
     * The first instant.
     *
     * @return midnight UTC of the first day; never null
     */
    public Instant from() {
      return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The instant after the last.
     *
     * @return midnight UTC after the last day; never null
     */
    public Instant to() {
      return endExclusive.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The number of days.
     *
     * @return at least 1
     */
    public long days() {
      return endExclusive.toEpochDay() - start.toEpochDay();
    }
  }
}
