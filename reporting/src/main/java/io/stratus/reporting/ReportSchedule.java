package io.stratus.reporting;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * When a report is sent: a Unix cron expression (five fields: minute, hour, day of month, month, day of week; e.g.
 * {@code 0 8 * * MON} for Mondays at 08:00) read in a time zone, so "08:00" stays 08:00 local across daylight-saving
 * changes. Parsed with cron-utils.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a stable id: letters, digits and dashes
 * @param cron the cron expression
 * @param zone the time zone the expression is read in
 * @param format the format the report is delivered in
 * @param labels routing labels put on each notification (team, channel, ...)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReportSchedule(String id, String cron, ZoneId zone, ReportFormat format, Map<String, String> labels) {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the cron expression does not parse, naming it and the reason
   */
  public ReportSchedule {
    Ids.check(id, "reportSchedule.id");
    Objects.requireNonNull(cron, "reportSchedule.cron");
    Objects.requireNonNull(zone, "reportSchedule.zone");
    Objects.requireNonNull(format, "reportSchedule.format");
    labels = Map.copyOf(Objects.requireNonNull(labels, "reportSchedule.labels"));
    parse(id, cron);
  }

  private static Cron parse(String id, String cron) {
    try {
      return PARSER.parse(cron).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("reportSchedule '" + id + "' cron must be a five-field Unix cron "
          + "expression (minute hour day-of-month month day-of-week), got '" + cron + "': " + e.getMessage(), e);
    }
  }

  /**
   * The first run strictly after an instant.
   *
   * @param after the instant; never null
   * @return the next run, empty if the expression never fires again
   */
  public Optional<Instant> nextRunAfter(Instant after) {
    Objects.requireNonNull(after, "after");
    return ExecutionTime.forCron(parse(id, cron)).nextExecution(after.atZone(zone)).map(z -> z.toInstant());
  }
}
