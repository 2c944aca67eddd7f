package io.stratus.reporting;

import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends reports on their {@link ReportSchedule}s through a {@link NotificationChannel}, and keeps a record of every
 * run ({@link #deliveries()}). The host owns the threads: it calls {@link #runDue()} (from its own timer, or after
 * advancing a simulated clock), and each due schedule's report is produced, rendered and sent on the calling thread.
 * When several runs of one schedule fell due since the last check, the newest is sent and the older ones are
 * recorded as {@link Delivery.Status#SKIPPED}. A failing channel or producer is recorded as
 * {@link Delivery.Status#FAILED} and does not stop the other schedules; retrying is left to the channel.
 *
 * <p>Thread-safe: schedules, due times and the delivery record are guarded by this object's lock, which is held
 * while a due run is sent (so two threads never send one run twice).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReportScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

  private final InstantSource clock;
  private final NotificationChannel channel;
  private final Map<String, Entry> schedules = new LinkedHashMap<>();
  private final List<Delivery> deliveries = new ArrayList<>();

  private ReportScheduler(InstantSource clock, NotificationChannel channel) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  /**
   * A scheduler.
   *
   * @param clock the time source for due checks and records; never null
   * @param channel where reports go; never null
   * @return the scheduler; never null
   */
  public static ReportScheduler create(InstantSource clock, NotificationChannel channel) {
    return new ReportScheduler(clock, channel);
  }

  /**
   * Adds a schedule; its first run is the first cron time after now.
   *
   * @param schedule the schedule; never null
   * @param producer makes the report for a run, given the run's scheduled time; never null
   * @throws IllegalArgumentException if a schedule with the same id exists
   */
  public synchronized void add(ReportSchedule schedule, Function<Instant, Report> producer) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(producer, "producer");
    if (schedules.containsKey(schedule.id())) {
      throw new IllegalArgumentException("report schedule id '" + schedule.id() + "' is already registered");
    }
    schedules.put(schedule.id(), new Entry(schedule, producer, schedule.nextRunAfter(clock.instant())
        .orElse(null)));
  }

  /**
   * Removes a schedule.
   *
   * @param id the schedule's id; never null
   * @return true if it was registered
   */
  public synchronized boolean remove(String id) {
    return schedules.remove(Objects.requireNonNull(id, "id")) != null;
  }

  /**
   * The next run of a schedule.
   *
   * @param id the schedule's id; never null
   * @return the next run time, empty if unknown or never again
   */
  public synchronized Optional<Instant> nextRun(String id) {
    Entry e = schedules.get(Objects.requireNonNull(id, "id"));
    return e == null ? Optional.empty() : Optional.ofNullable(e.next);
  }

  /**
   * Runs every schedule that is due at the clock's current time.
   *
   * @return the deliveries this call recorded, in order; never null
   */
  public synchronized List<Delivery> runDue() {
    Instant now = clock.instant();
    List<Delivery> made = new ArrayList<>();
    for (Entry e : schedules.values()) {
      if (e.next == null || e.next.isAfter(now)) {
        continue;
      }
      Instant due = e.next;
      Instant later = e.schedule.nextRunAfter(due).orElse(null);
      while (later != null && !later.isAfter(now)) {
        made.add(new Delivery(e.schedule.id(), due, now, Delivery.Status.SKIPPED, channel.id(), "",
            "superseded by the run of " + later));
        due = later;
        later = e.schedule.nextRunAfter(due).orElse(null);
      }
      made.add(send(e, due, now));
      e.next = later;
    }
    deliveries.addAll(made);
    return List.copyOf(made);
  }

  private Delivery send(Entry e, Instant due, Instant now) {
    ReportSchedule s = e.schedule;
    String key = "report:" + s.id() + "@" + due;
    try {
      Report report = Objects.requireNonNull(e.producer.apply(due), "the producer of schedule " + s.id()
          + " returned null");
      Map<String, String> labels = new HashMap<>(s.labels());
      labels.put("report", s.id());
      labels.put("format", s.format().extension());
      channel.send(new Notification(key, Notification.Severity.INFO, report.title() + ": " + Fmt.day(report.from())
          + " to " + Fmt.day(report.to().minusSeconds(1)), s.format().render(report), labels, now));
      return new Delivery(s.id(), due, now, Delivery.Status.DELIVERED, channel.id(), key, "");
    } catch (RuntimeException ex) {
      LOG.warn("report schedule {} run {} failed on channel {}", s.id(), due, channel.id(), ex);
      return new Delivery(s.id(), due, now, Delivery.Status.FAILED, channel.id(), key,
          ex.getClass().getSimpleName() + ": " + ex.getMessage());
    }
  }

  /**
   * Every delivery recorded so far, oldest first.
   *
   * @return a snapshot; never null
   */
  public synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** One schedule's state. Guarded by the scheduler's lock. */
  private static final class Entry {
    final ReportSchedule schedule;
    final Function<Instant, Report> producer;
    Instant next;

    Entry(ReportSchedule schedule, Function<Instant, Report> producer, Instant next) {
      this.schedule = schedule;
      this.producer = producer;
      this.next = next;
    }
  }
}
