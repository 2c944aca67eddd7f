package io.stratus.monitoring.alerting;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification delivery of an {@link AlertEngine}, apart from evaluation. The engine {@linkplain #enqueue enqueues}
 * under its lock (no I/O there) and {@linkplain #dispatch dispatches} after releasing it. Each channel has its own
 * lane: a bounded queue drained by at most one task at a time on the host's executor, so a slow or failing channel
 * only ever holds its own lane. A failed attempt asks the delivery's Resilience4j {@link Retry} context for the next
 * wait (exponential, with jitter, capped in attempts) and parks the delivery until the injected clock reaches it;
 * {@link #releaseDue} (called from the engine's tick) puts it back in its lane. Nothing here sleeps or reads the wall
 * clock. Each lane has a Resilience4j {@link CircuitBreaker} on the same clock. Deliveries that run out of attempts or
 * find their lane full become dead letters, which the host can replay. A batching lane ({@link
 * DeliveryPolicy#batchWindows()}) collects the notifications of one window in one parked job, which becomes a single
 * digest notification when the window closes.
 *
 * <p>Thread-safe: each lane is guarded by its own monitor, the parked deliveries and dead letters by {@code this}.
 * Never calls a channel while holding a lock.
 */
final class NotificationDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

  private final InstantSource clock;
  private final Executor executor;
  private final DeliveryPolicy policy;
  private final Retry retry;
  private final List<Lane> lanes = new ArrayList<>();
  private final PriorityQueue<Job> parked =
      new PriorityQueue<>(Comparator.comparing((Job j) -> j.due).thenComparingLong(j -> j.seq));
  private final DeadLetterStore deadLetters;
  /** Ids of the dead letters being replayed (queued again, still stored until delivered); guarded by this. */
  private final Set<String> replaying = new HashSet<>();
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong retriesScheduled = new AtomicLong();
  private final AtomicLong rejectedByCircuit = new AtomicLong();
  private final AtomicLong overflowed = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  /** Numbers the dead letters' ids; starts above every number already in the store. */
  private final AtomicLong letterSeq;
  /** Dead letters the store could not take. */
  private final AtomicLong deadLettersLost = new AtomicLong();

  /** One channel's queue and breaker. */
  private static final class Lane {
    final NotificationChannel channel;
    final CircuitBreaker breaker;
    /** The batching window, or null when the lane does not batch. */
    final Duration batchWindow;
    /** The batch still accepting notifications; guarded by this lane. */
    Job openBatch;
    /** Guarded by this lane. */
    final Deque<Job> queue = new ArrayDeque<>();
    /** Queued, running or parked jobs of this lane; guarded by this lane. */
    int inFlight;
    /** Whether a drain task is submitted or running; guarded by this lane. */
    boolean draining;

    Lane(NotificationChannel channel, CircuitBreaker breaker, Duration batchWindow) {
      this.channel = channel;
      this.breaker = breaker;
      this.batchWindow = batchWindow;
    }
  }

  /** One notification on its way to one channel. */
  private static final class Job {
    final Lane lane;
    /** What is sent; a batch's digest once the batch is closed. Guarded by the lane until the job is queued. */
    Notification notification;
    /** The members of a batch not yet closed; null otherwise. Guarded by the lane. */
    List<Notification> members;
    final Retry.AsyncContext<Void> context;
    final long seq;
    /** The id of the dead letter this job replays, or null. */
    String replayOf;
    int attempts;
    Instant due = Instant.MIN;

    Job(Lane lane, Notification notification, Retry.AsyncContext<Void> context, long seq) {
      this.lane = lane;
      this.notification = notification;
      this.context = context;
      this.seq = seq;
    }
  }

  NotificationDelivery(List<NotificationChannel> channels, DeliveryPolicy policy, Executor executor,
      InstantSource clock, DeadLetterStore deadLetters) {
    this.clock = clock;
    this.deadLetters = deadLetters;
    long highest = 0;
    for (DeadLetter d : deadLetters.list()) {
      String[] parts = d.id().split("-");
      if (parts.length == 3 && parts[0].equals("dl") && parts[2].chars().allMatch(Character::isDigit)
          && !parts[2].isEmpty() && parts[2].length() < 19) {
        highest = Math.max(highest, Long.parseLong(parts[2]));
      }
    }
    this.letterSeq = new AtomicLong(highest);
    this.executor = executor;
    this.policy = policy;
    IntervalFunction backoff = policy.jitter() == 0
        ? IntervalFunction.ofExponentialBackoff(policy.initialBackoff(), policy.multiplier(), policy.maxBackoff())
        : IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(), policy.multiplier(), policy.jitter(),
            policy.maxBackoff());
    this.retry = Retry.of("stratus-notifications",
        RetryConfig.custom().maxAttempts(policy.maxAttempts()).intervalFunction(backoff).build());
    Clock breakerClock = clock.withZone(ZoneOffset.UTC);
    CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
        .failureRateThreshold(policy.failureRateThreshold())
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(policy.breakerWindow())
        .minimumNumberOfCalls(policy.breakerMinimumCalls())
        .waitDurationInOpenState(policy.breakerOpenFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        .clock(breakerClock)
        .currentTimestampFunction(Clock::millis, TimeUnit.MILLISECONDS)
        .build();
    List<String> ids = channels.stream().map(NotificationChannel::id).toList();
    for (String batching : policy.batchWindows().keySet()) {
      if (!ids.contains(batching)) {
        throw new IllegalArgumentException("deliveryPolicy.batching names channel '" + batching
            + "', which is not registered; channels: " + ids);
      }
    }
    for (NotificationChannel c : channels) {
      lanes.add(new Lane(c, CircuitBreaker.of("notification-channel-" + c.id(), breakerConfig),
          policy.batchWindows().get(c.id())));
    }
  }

  /**
   * Queues the notification for the given channels; a channel mapped to an instant is held until then (quiet hours)
   * without using an attempt. Never blocks and never calls a channel.
   */
  void enqueue(Notification n, Map<String, Instant> holdUntilByChannel) {
    for (Lane lane : lanes) {
      if (!holdUntilByChannel.containsKey(lane.channel.id())) {
        continue;
      }
      Job job = new Job(lane, n, retry.asyncContext(), seq.incrementAndGet());
      Instant hold = holdUntilByChannel.get(lane.channel.id());
      if (hold == null && lane.batchWindow != null) {
        batch(job);
      } else if (hold == null) {
        offer(job);
      } else {
        park(job, hold);
      }
    }
  }

  private void park(Job job, Instant until) {
    Lane lane = job.lane;
    synchronized (lane) {
      if (lane.inFlight >= policy.queueCapacity()) {
        lane = null;
      } else {
        lane.inFlight++;
      }
    }
    if (lane == null) {
      overflow(job);
      return;
    }
    synchronized (this) {
      job.due = until;
      parked.add(job);
    }
  }

  /** Adds the notification to the lane's open batch, or opens a batch parked until the window closes. */
  private void batch(Job job) {
    Lane lane = job.lane;
    synchronized (lane) {
      Job open = lane.openBatch;
      if (open != null) {
        open.members.add(job.notification);
        if (open.members.size() >= policy.batchMaxSize()) {
          lane.openBatch = null;
        }
        return;
      }
      if (lane.inFlight >= policy.queueCapacity()) {
        lane = null;
      } else {
        lane.inFlight++;
        job.members = new ArrayList<>(List.of(job.notification));
        lane.openBatch = job;
      }
    }
    if (lane == null) {
      overflow(job);
      return;
    }
    synchronized (this) {
      job.due = clock.instant().plus(job.lane.batchWindow);
      parked.add(job);
    }
  }

  /** Closes a batch: its members become one digest notification (a batch of one is sent as it is). */
  private static void close(Job job) {
    if (job.lane.openBatch == job) {
      job.lane.openBatch = null;
    }
    List<Notification> all = job.members;
    job.members = null;
    if (all.size() == 1) {
      return;
    }
    Notification.Severity severity = all.stream().map(Notification::severity)
        .max(Comparator.naturalOrder()).orElseThrow();
    Map<String, String> shared = new TreeMap<>(all.get(0).labels());
    for (Notification n : all) {
      shared.entrySet().removeIf(e -> !e.getValue().equals(n.labels().get(e.getKey())));
    }
    shared.put("batch.size", Integer.toString(all.size()));
    StringBuilder body = new StringBuilder();
    for (Notification n : all) {
      body.append(body.length() == 0 ? "" : "\n").append("- [").append(n.severity()).append("] ")
          .append(n.title()).append(n.status() == Notification.Status.OPEN ? "" : " (" + n.status() + ")")
          .append(n.body().isBlank() ? "" : ": " + n.body().replace('\n', ' '));
    }
    boolean resolved = all.stream().allMatch(n -> n.status() == Notification.Status.RESOLVED);
    String titles = String.join(", ", all.stream().map(Notification::title).distinct().limit(3).toList());
    long distinct = all.stream().map(Notification::title).distinct().count();
    job.notification = new Notification("batch:" + all.get(0).key() + "+" + (all.size() - 1), severity,
        all.size() + " notifications: " + titles + (distinct > 3 ? " and " + (distinct - 3) + " more" : ""),
        body.toString(), shared, all.get(all.size() - 1).at(),
        resolved ? Notification.Status.RESOLVED : Notification.Status.OPEN);
  }

  private void offer(Job job) {
    Lane lane = job.lane;
    synchronized (lane) {
      if (lane.inFlight < policy.queueCapacity()) {
        lane.inFlight++;
        lane.queue.addLast(job);
        return;
      }
    }
    overflow(job);
  }

  private void overflow(Job job) {
    Lane lane = job.lane;
    overflowed.incrementAndGet();
    LOG.warn("notification channel '{}' queue is full ({} deliveries); notification '{}' dead-lettered",
        lane.channel.id(), policy.queueCapacity(), job.notification.key());
    deadLetter(job, DeadLetter.Reason.QUEUE_FULL, "queue full (capacity " + policy.queueCapacity() + ")");
  }

  /** Moves the parked deliveries whose wait has passed back to their lanes. */
  void releaseDue(Instant now) {
    List<Job> due = new ArrayList<>();
    synchronized (this) {
      while (!parked.isEmpty() && !parked.peek().due.isAfter(now)) {
        due.add(parked.poll());
      }
    }
    for (Job j : due) {
      synchronized (j.lane) {
        if (j.members != null) {
          close(j);
        }
        j.lane.queue.addLast(j);
      }
    }
  }

  /** Starts a drain task on the executor for every lane with queued work and none running. */
  void dispatch() {
    for (Lane lane : lanes) {
      synchronized (lane) {
        if (lane.draining || lane.queue.isEmpty()) {
          continue;
        }
        lane.draining = true;
      }
      try {
        executor.execute(() -> drain(lane));
      } catch (RejectedExecutionException e) {
        synchronized (lane) {
          lane.draining = false;
        }
        LOG.warn("executor rejected delivery to notification channel '{}'; it stays queued for the next tick",
            lane.channel.id(), e);
      }
    }
  }

  private void drain(Lane lane) {
    try {
      while (true) {
        Job job;
        synchronized (lane) {
          job = lane.queue.pollFirst();
          if (job == null) {
            lane.draining = false;
            return;
          }
        }
        attempt(job);
      }
    } catch (Error e) {
      synchronized (lane) {
        lane.draining = false;
      }
      throw e;
    }
  }

  private void attempt(Job job) {
    Lane lane = job.lane;
    if (!lane.breaker.tryAcquirePermission()) {
      rejectedByCircuit.incrementAndGet();
      failed(job, CallNotPermittedException.createCallNotPermittedException(lane.breaker));
      return;
    }
    job.attempts++;
    long start = lane.breaker.getCurrentTimestamp();
    try {
      lane.channel.send(job.notification);
    } catch (RuntimeException e) {
      lane.breaker.onError(lane.breaker.getCurrentTimestamp() - start, lane.breaker.getTimestampUnit(), e);
      failedAttempts.incrementAndGet();
      failed(job, e);
      return;
    }
    lane.breaker.onSuccess(lane.breaker.getCurrentTimestamp() - start, lane.breaker.getTimestampUnit());
    job.context.onComplete();
    delivered.incrementAndGet();
    synchronized (lane) {
      lane.inFlight--;
    }
    if (job.replayOf != null) {
      try {
        deadLetters.remove(List.of(job.replayOf));
      } catch (RuntimeException e) {
        // still stored: a later replay delivers it again (at least once)
        LOG.error("replayed dead letter {} was delivered but could not be removed from {}", job.replayOf,
            deadLetters, e);
      }
      synchronized (this) {
        replaying.remove(job.replayOf);
      }
    }
  }

  private void failed(Job job, RuntimeException e) {
    long waitMillis = job.context.onError(e);
    String id = job.lane.channel.id();
    if (waitMillis < 0) {
      LOG.warn("notification channel '{}' failed {} time(s) for '{}'; dead-lettered", id, job.attempts,
          job.notification.key(), e);
      synchronized (job.lane) {
        job.lane.inFlight--;
      }
      deadLetter(job, DeadLetter.Reason.RETRIES_EXHAUSTED, describe(e));
      return;
    }
    retriesScheduled.incrementAndGet();
    LOG.debug("notification channel '{}' failed for '{}'; retry in {} ms", id, job.notification.key(), waitMillis,
        e);
    synchronized (this) {
      job.due = clock.instant().plusMillis(waitMillis);
      parked.add(job);
    }
  }

  private static String describe(RuntimeException e) {
    return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private void deadLetter(Job job, DeadLetter.Reason reason, String error) {
    deadLettered.incrementAndGet();
    Instant now = clock.instant();
    DeadLetter letter = new DeadLetter("dl-" + now.toEpochMilli() + "-" + letterSeq.incrementAndGet(),
        job.lane.channel.id(), job.notification, reason, job.attempts, error, now);
    try {
      deadLetters.add(letter);
      if (job.replayOf != null) {
        // the new letter is stored first, so a crash in between leaves a duplicate, never a loss
        deadLetters.remove(List.of(job.replayOf));
      }
    } catch (RuntimeException e) {
      deadLettersLost.incrementAndGet();
      LOG.error("dead letter for channel '{}', notification '{}' could not be stored in {}", letter.channelId(),
          job.notification.key(), deadLetters, e);
    }
    if (job.replayOf != null) {
      synchronized (this) {
        replaying.remove(job.replayOf);
      }
    }
  }

  /** The stored dead letters not being replayed, oldest first. */
  List<DeadLetter> deadLetters() {
    List<DeadLetter> all = deadLetters.list();
    synchronized (this) {
      return replaying.isEmpty() ? all : all.stream().filter(d -> !replaying.contains(d.id())).toList();
    }
  }

  /**
   * Queues the chosen dead letters again with a fresh attempt budget; each stays stored until it is delivered (or
   * stored again as a new dead letter), so a crash during a replay loses none. Letters of channels this engine does
   * not have stay stored. Returns how many were queued.
   */
  int replayDeadLetters(Predicate<DeadLetter> which) {
    Map<String, Lane> byId = new LinkedHashMap<>();
    for (Lane l : lanes) {
      byId.put(l.channel.id(), l);
    }
    int n = 0;
    for (DeadLetter d : deadLetters.list()) {
      if (!which.test(d)) {
        continue;
      }
      Lane lane = byId.get(d.channelId());
      if (lane == null) {
        LOG.warn("dead letter {} is for channel '{}', which this engine does not have; it stays stored", d.id(),
            d.channelId());
        continue;
      }
      synchronized (this) {
        if (!replaying.add(d.id())) {
          continue;
        }
      }
      Job job = new Job(lane, d.notification(), retry.asyncContext(), seq.incrementAndGet());
      job.replayOf = d.id();
      offer(job);
      n++;
    }
    return n;
  }

  /** Deliveries that succeeded, all channels counted. */
  long delivered() {
    return delivered.get();
  }

  /** Calls to a channel that failed. */
  long failedAttempts() {
    return failedAttempts.get();
  }

  /** Deliveries queued, running or waiting for a retry. */
  int pending() {
    int n = 0;
    for (Lane l : lanes) {
      synchronized (l) {
        n += l.inFlight;
      }
    }
    return n;
  }

  DeliveryStats stats() {
    Map<String, String> states = new LinkedHashMap<>();
    for (Lane l : lanes) {
      states.put(l.channel.id(), l.breaker.getState().name());
    }
    return new DeliveryStats(delivered.get(), failedAttempts.get(), retriesScheduled.get(), rejectedByCircuit.get(),
        overflowed.get(), deadLettered.get(), deadLetters.dropped() + deadLettersLost.get(), pending(), states);
  }
}
