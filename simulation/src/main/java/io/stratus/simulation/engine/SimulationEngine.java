package io.stratus.simulation.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A discrete-event simulation engine on virtual time.
 *
 * <p>Time is a {@code long} count of nanoseconds since the simulation origin, exposed to other modules as an {@link
 * InstantSource} through {@link #clock()}. Pending events are kept in a two-level queue that stays fast from a
 * handful to millions of pending events: up to a few thousand sit in a binary heap stored in one interleaved {@code
 * long} array (time, then sequence number and payload slot packed in one word); beyond that, later events wait in a
 * ladder queue (rungs of time buckets with power-of-two widths, crowded buckets split into finer rungs, far-future
 * events in an unsorted top list) and only the earliest bucket is sorted in the heap, so an event costs O(1)
 * amortized however many are pending. An event is a handler kind plus an {@code int} and a {@code long} argument
 * held in parallel slot arrays, so scheduling and firing allocate nothing. Events with equal times fire in the order
 * they were scheduled (a sequence number breaks ties), so a run is fully deterministic. {@link #schedule} returns a
 * handle that {@link #cancel} uses to cancel a pending event in O(1): the event is marked and discarded when it
 * reaches the top of the heap or is moved out of its bucket. A handle of an event that already fired or was
 * cancelled is recognized (slots carry a generation) and ignored. Up to 2^24 events may be pending at once.
 *
 * <pre>{@code
 * SimulationEngine engine = SimulationEngine.create(Instant.parse("2026-01-01T00:00:00Z"));
 * int tick = engine.register((e, arg, arg2) -> e.scheduleAfter(1_000_000_000L, arg, 0, 0));
 * engine.schedule(0, tick, 0, 0);
 * engine.runUntil(Duration.ofHours(1).toNanos());
 * }</pre>
 *
 * <p>Not thread-safe: an engine is driven by one thread at a time (run replications on separate engines in
 * parallel). The {@link #clock()} view reads the current time without synchronization and is meant for components
 * called from event handlers.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SimulationEngine {
  private static final int INITIAL_CAPACITY = 64;
  private static final int SLOT_BITS = 24;
  private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
  private static final long MAX_SEQ = (1L << (63 - SLOT_BITS)) - 1;
  private static final byte FREE = 0;
  private static final byte PENDING = 1;
  private static final byte CANCELLED = 2;
  /** Events fired by {@link #step()} between two additions to the events counter. */
  static final int METER_BATCH = 4096;
  /** Heap size above which a pure-heap engine moves its events into the ladder. */
  static final int DEFAULT_SPILL = 4096;
  /** Events per bucket above which a bucket is split into a finer rung instead of being sorted in the heap. */
  static final int DEFAULT_BUCKET_LIMIT = 64;
  /** Target events per bucket when a rung is laid out. */
  private static final int BUCKET_TARGET = 8;
  private static final int MAX_RUNGS = 24;
  private static final int NONE = -1;
  private static final int STRIDE = 5;
  private static final int GEN_MASK = (1 << 30) - 1;

  private final Instant origin;
  private final InstantSource clock;
  private final int spillThreshold;
  private final int bucketLimit;

  private EventHandler[] handlers = new EventHandler[8];
  private int handlerCount;

  // Slot s holds one event in five adjacent longs, so that moving and firing it touches one or two cache lines:
  // ev[5s] = time, ev[5s+1] = key = (sequence << SLOT_BITS) | s, ev[5s+2] = arg2, ev[5s+3] = kind << 32 | arg,
  // ev[5s+4] = next << 32 | generation << 2 | state (next links the slot into a bucket or the top list).
  private long[] ev = new long[STRIDE * INITIAL_CAPACITY];
  private int capacity = INITIAL_CAPACITY;
  private int[] freeSlots = new int[INITIAL_CAPACITY];
  private int freeCount;
  private int slotsUsed;

  // The bottom: a binary heap in one interleaved long array, heap[2i] = time, heap[2i+1] = key, holding every
  // pending event whose time is <= bottomLimit. Long.MAX_VALUE = heap mode (everything is in the heap).
  private long[] heap = new long[2 * INITIAL_CAPACITY];
  private int size;
  private long bottomLimit = Long.MAX_VALUE;

  // The ladder (Tang, Goh and Thng's ladder queue, simplified): rungs of buckets with power-of-two widths; rung r
  // covers [rungStart[r] + rungCur[r] << rungShift[r], rungLast[r]] (inclusive; bucket b is the list rungHead[r][2b]
  // with rungHead[r][2b+1] events), rung r + 1 refines the bucket of
  // rung r that was split last. Events later than rung 0 wait unsorted in the top list.
  private int rungs;
  private final long[] rungStart = new long[MAX_RUNGS];
  private final long[] rungLast = new long[MAX_RUNGS];
  private final int[] rungShift = new int[MAX_RUNGS];
  private final int[] rungBuckets = new int[MAX_RUNGS];
  private final int[] rungCur = new int[MAX_RUNGS];
  private final int[][] rungHead = new int[MAX_RUNGS][];
  private int topHead = NONE;
  private int topCount;
  private long topMin = Long.MAX_VALUE;
  private long topMax = Long.MIN_VALUE;
  private int laddered;

  private int live;
  private long now;
  private long nextSeq;
  private long processed;
  private boolean stopRequested;
  private Counter eventsMeter;
  private long counted;

  private SimulationEngine(Instant origin, int spillThreshold, int bucketLimit) {
    this.origin = origin;
    this.clock = new VirtualClock(this);
    this.spillThreshold = spillThreshold;
    this.bucketLimit = bucketLimit;
  }

  /**
   * An empty engine whose time 0 is {@code origin}.
   *
   * @param origin the instant of simulated time 0; never null
   * @return a new engine; never null
   * @throws NullPointerException if origin is null
   */
  public static SimulationEngine create(Instant origin) {
    return new SimulationEngine(Objects.requireNonNull(origin, "origin"), DEFAULT_SPILL, DEFAULT_BUCKET_LIMIT);
  }

  /** An engine with its own ladder thresholds, so tests reach the ladder with few events. */
  static SimulationEngine create(Instant origin, int spillThreshold, int bucketLimit) {
    if (spillThreshold < 1 || bucketLimit < 1) {
      throw new IllegalArgumentException("thresholds must be >= 1, were " + spillThreshold + ", " + bucketLimit);
    }
    return new SimulationEngine(Objects.requireNonNull(origin, "origin"), spillThreshold, bucketLimit);
  }

  /**
   * Registers a handler for a kind of event.
   *
   * @param handler the handler; never null
   * @return the kind number to pass to {@link #schedule}
   * @throws NullPointerException if handler is null
   */
  public int register(EventHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (handlerCount == handlers.length) {
      handlers = Arrays.copyOf(handlers, handlerCount * 2);
    }
    handlers[handlerCount] = handler;
    return handlerCount++;
  }

  /**
   * Schedules an event at an absolute virtual time.
   *
   * @param timeNanos the time, in nanoseconds since the origin; must be {@code >= nowNanos()}
   * @param kind a kind returned by {@link #register}
   * @param arg the integer argument passed to the handler
   * @param arg2 the long argument passed to the handler
   * @return a handle for {@link #cancel}
   * @throws IllegalArgumentException if the time is in the past or the kind is unknown
   */
  public long schedule(long timeNanos, int kind, int arg, long arg2) {
    if (timeNanos < now) {
      throw new IllegalArgumentException(
          "timeNanos must be >= now (" + now + "), was " + timeNanos + " for event kind " + kind);
    }
    if (kind < 0 || kind >= handlerCount) {
      throw new IllegalArgumentException("kind must be a registered kind in [0, " + handlerCount + "), was " + kind);
    }
    if (nextSeq > MAX_SEQ) {
      throw new IllegalStateException("more than " + MAX_SEQ + " events scheduled on one engine");
    }
    int slot = allocateSlot();
    long[] e = ev;
    int at = STRIDE * slot;
    e[at + 2] = arg2;
    e[at + 3] = ((long) kind << 32) | (arg & 0xFFFF_FFFFL);
    e[at + 4] |= PENDING;
    long key = (nextSeq++ << SLOT_BITS) | slot;
    if (timeNanos <= bottomLimit) {
      if (size >= spillThreshold && bottomLimit == Long.MAX_VALUE) {
        spill();
        toLadder(timeNanos, key, slot);
      } else {
        pushHeap(timeNanos, key);
      }
    } else {
      toLadder(timeNanos, key, slot);
    }
    live++;
    return ((long) (((int) e[at + 4]) >>> 2) << 32) | slot;
  }

  /**
   * Schedules an event after a delay from now.
   *
   * @param delayNanos the delay in nanoseconds; must be {@code >= 0}
   * @param kind a kind returned by {@link #register}
   * @param arg the integer argument passed to the handler
   * @param arg2 the long argument passed to the handler
   * @return a handle for {@link #cancel}
   * @throws IllegalArgumentException if the delay is negative or overflows, or the kind is unknown
   */
  public long scheduleAfter(long delayNanos, int kind, int arg, long arg2) {
    if (delayNanos < 0) {
      throw new IllegalArgumentException("delayNanos must be >= 0, was " + delayNanos);
    }
    return schedule(Math.addExact(now, delayNanos), kind, arg, arg2);
  }

  /**
   * Cancels a pending event.
   *
   * @param handle a handle returned by {@link #schedule}
   * @return true if the event was pending and is now removed; false if it already fired, was already cancelled or the
   *     handle is unknown
   */
  public boolean cancel(long handle) {
    int slot = (int) handle;
    int gen = (int) (handle >>> 32);
    if (slot < 0 || slot >= slotsUsed || (int) ev[STRIDE * slot + 4] != ((gen << 2) | PENDING)) {
      return false;
    }
    ev[STRIDE * slot + 4] += CANCELLED - PENDING;
    live--;
    return true;
  }

  /**
   * Fires the next event, if any.
   *
   * @return true if an event fired; false if the queue was empty
   */
  public boolean step() {
    if (!ensureTop()) {
      return false;
    }
    fireRoot();
    if (eventsMeter != null && processed - counted >= METER_BATCH) {
      flushMeter();
    }
    return true;
  }

  /**
   * Counts fired events in the host's registry as {@code stratus.simulation.events} (default: not counted), whose
   * rate is the simulation's events per second. The counter is added to once per {@link #runUntil} call and every
   * {@value #METER_BATCH} {@link #step()}s, never per event, so the event loop does not slow down. Engines that share
   * a registry share the counter.
   *
   * @param registry the host's registry; never null
   */
  public void meterRegistry(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry must not be null");
    flushMeter();
    this.eventsMeter = Counter.builder("stratus.simulation.events").description("simulation events fired")
        .register(registry);
    this.counted = processed;
  }

  private void flushMeter() {
    if (eventsMeter != null && processed > counted) {
      eventsMeter.increment(processed - counted);
    }
    counted = processed;
  }

  /**
   * Fires events until the queue is empty or {@link #stop()} is called.
   *
   * @return the number of events fired by this call
   */
  public long run() {
    return runUntil(Long.MAX_VALUE);
  }

  /**
   * Fires every event whose time is {@code <= limitNanos} (including those scheduled meanwhile), then advances the
   * clock to {@code limitNanos} unless {@link #stop()} was called or the limit is {@link Long#MAX_VALUE}. Later events
   * stay pending.
   *
   * @param limitNanos the inclusive time limit, {@code >= nowNanos()}
   * @return the number of events fired by this call
   * @throws IllegalArgumentException if the limit is in the past
   */
  public long runUntil(long limitNanos) {
    if (limitNanos < now) {
      throw new IllegalArgumentException("limitNanos must be >= now (" + now + "), was " + limitNanos);
    }
    stopRequested = false;
    long before = processed;
    while (!stopRequested) {
      if (!ensureTop() || heap[0] > limitNanos) {
        break;
      }
      fireRoot();
    }
    if (!stopRequested && limitNanos != Long.MAX_VALUE) {
      now = limitNanos;
    }
    if (eventsMeter != null) {
      flushMeter();
    }
    return processed - before;
  }

  /**
   * Fires events up to a duration after the origin; see {@link #runUntil(long)}.
   *
   * @param horizon the horizon since the origin; never null, not negative
   * @return the number of events fired by this call
   * @throws IllegalArgumentException if the horizon is before the current time
   */
  public long runFor(Duration horizon) {
    return runUntil(Objects.requireNonNull(horizon, "horizon").toNanos());
  }

  /** Asks a running {@link #run()} or {@link #runUntil(long)} loop to return after the current event. */
  public void stop() {
    stopRequested = true;
  }

  /**
   * The current virtual time.
   *
   * @return nanoseconds since the origin
   */
  public long nowNanos() {
    return now;
  }

  /**
   * The origin, the instant of virtual time 0.
   *
   * @return the origin; never null
   */
  public Instant origin() {
    return origin;
  }

  /**
   * A read-only view of the virtual time, for components that take an {@link InstantSource}.
   *
   * @return the clock; never null, the same instance on every call
   */
  public InstantSource clock() {
    return clock;
  }

  /**
   * The number of pending events.
   *
   * @return the queue size
   */
  public int pendingEvents() {
    return live;
  }

  /**
   * The number of events fired since the engine was created.
   *
   * @return the count
   */
  public long eventsProcessed() {
    return processed;
  }

  /**
   * The time of the next pending event.
   *
   * @return its time in nanoseconds, or {@link Long#MAX_VALUE} when the queue is empty
   */
  public long nextEventTimeNanos() {
    return ensureTop() ? heap[0] : Long.MAX_VALUE;
  }

  /** Removes every pending event (handles become invalid); the clock is unchanged. */
  public void clear() {
    for (int slot = 0; slot < slotsUsed; slot++) {
      if (state(slot) != FREE) {
        freeSlot(slot);
      }
    }
    size = 0;
    rungs = 0;
    topHead = NONE;
    topCount = 0;
    topMin = Long.MAX_VALUE;
    topMax = Long.MIN_VALUE;
    laddered = 0;
    bottomLimit = Long.MAX_VALUE;
    live = 0;
  }

  /**
   * Makes heap[0] the earliest pending event, dropping cancelled events and moving buckets from the ladder as
   * needed.
   *
   * @return false when no event is pending
   */
  private boolean ensureTop() {
    while (true) {
      if (size == 0) {
        if (laddered == 0) {
          bottomLimit = Long.MAX_VALUE;
          rungs = 0;
          return false;
        }
        refill();
        continue;
      }
      int slot = (int) (heap[1] & SLOT_MASK);
      if (state(slot) != CANCELLED) {
        return true;
      }
      removeTop();
      freeSlot(slot);
    }
  }

  private void fireRoot() {
    long time = heap[0];
    int slot = (int) (heap[1] & SLOT_MASK);
    long[] e = ev;
    int at = STRIDE * slot;
    long kindArg = e[at + 3];
    int kind = (int) (kindArg >>> 32);
    int arg = (int) kindArg;
    long arg2 = e[at + 2];
    removeTop();
    freeSlot(slot);
    live--;
    now = time;
    processed++;
    if (size == 0 && laddered == 0) {
      bottomLimit = Long.MAX_VALUE;
      rungs = 0;
    }
    handlers[kind].onEvent(this, arg, arg2);
  }

  private int allocateSlot() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotsUsed == capacity) {
      if (slotsUsed > SLOT_MASK) {
        throw new IllegalStateException("more than " + SLOT_MASK + " pending events on one engine");
      }
      int n = capacity * 2;
      capacity = n;
      ev = Arrays.copyOf(ev, STRIDE * n);
      freeSlots = Arrays.copyOf(freeSlots, n);
    }
    return slotsUsed++;
  }

  private int state(int slot) {
    return (int) ev[STRIDE * slot + 4] & 3;
  }

  private void freeSlot(int slot) {
    int at = STRIDE * slot + 4;
    int gen = ((((int) ev[at]) >>> 2) + 1) & GEN_MASK;
    ev[at] = gen << 2 | FREE;
    freeSlots[freeCount++] = slot;
  }

  private void pushHeap(long t, long key) {
    if (2 * size == heap.length) {
      heap = Arrays.copyOf(heap, heap.length * 2);
    }
    siftUp(size++, t, key);
  }

  /** Heap mode grew past the threshold: every heap event moves to the top list; the ladder takes over. */
  private void spill() {
    long[] h = heap;
    for (int i = 0; i < size; i++) {
      long key = h[2 * i + 1];
      int slot = (int) (key & SLOT_MASK);
      if (state(slot) == CANCELLED) {
        freeSlot(slot);
      } else {
        toTop(h[2 * i], key, slot);
      }
    }
    size = 0;
    bottomLimit = now - 1;
  }

  /** Files an event later than bottomLimit into the finest rung whose range holds it, or the top list. */
  private void toLadder(long t, long key, int slot) {
    for (int r = rungs - 1; r >= 0; r--) {
      if (t <= rungLast[r]) {
        long[] e = ev;
        int at = STRIDE * slot;
        e[at] = t;
        e[at + 1] = key;
        int b = 2 * (int) ((t - rungStart[r]) >>> rungShift[r]);
        int[] head = rungHead[r];
        e[at + 4] = ((long) head[b] << 32) | (e[at + 4] & 0xFFFF_FFFFL);
        head[b] = slot;
        head[b + 1]++;
        laddered++;
        return;
      }
    }
    toTop(t, key, slot);
  }

  private void toTop(long t, long key, int slot) {
    long[] e = ev;
    int at = STRIDE * slot;
    e[at] = t;
    e[at + 1] = key;
    e[at + 4] = ((long) topHead << 32) | (e[at + 4] & 0xFFFF_FFFFL);
    topHead = slot;
    topCount++;
    laddered++;
    if (t < topMin) {
      topMin = t;
    }
    if (t > topMax) {
      topMax = t;
    }
  }

  /**
   * With the heap empty, moves the earliest non-empty bucket of the ladder into the heap (splitting crowded buckets
   * into finer rungs first, and laying out a new rung from the top list when the ladder is used up). Returns with
   * the heap non-empty, or with the ladder empty when every event left was cancelled.
   */
  private void refill() {
    while (size == 0 && laddered > 0) {
      if (rungs == 0) {
        int first = topHead;
        int count = topCount;
        long lo = topMin;
        long hi = topMax;
        topHead = NONE;
        topCount = 0;
        topMin = Long.MAX_VALUE;
        topMax = Long.MIN_VALUE;
        bottomLimit = lo - 1;
        layOutRung(first, count, lo, hi);
        continue;
      }
      int r = rungs - 1;
      int[] head = rungHead[r];
      int nb = rungBuckets[r];
      int b = rungCur[r];
      while (b < nb && head[2 * b] == NONE) {
        b++;
      }
      if (b == nb) {
        rungCur[r] = nb;
        bottomLimit = rungLast[r];
        rungs--;
        continue;
      }
      int first = head[2 * b];
      int count = head[2 * b + 1];
      head[2 * b] = NONE;
      head[2 * b + 1] = 0;
      rungCur[r] = b + 1;
      long lo = rungStart[r] + ((long) b << rungShift[r]);
      long hi = bucketLast(r, b);
      if (count > bucketLimit && rungShift[r] > 0 && rungs < MAX_RUNGS) {
        bottomLimit = lo - 1;
        layOutRung(first, count, lo, hi);
      } else {
        bottomLimit = hi;
        laddered -= count;
        long[] e = ev;
        for (int slot = first; slot != NONE; ) {
          int at = STRIDE * slot;
          long meta = e[at + 4];
          if ((meta & 3) == CANCELLED) {
            freeSlot(slot);
          } else {
            pushHeap(e[at], e[at + 1]);
          }
          slot = (int) (meta >> 32);
        }
      }
    }
  }

  /** The inclusive last time of bucket b of rung r, without overflow. */
  private long bucketLast(int r, int b) {
    long span = rungLast[r] - rungStart[r];
    long end = (long) (b + 1);
    if (end >= rungBuckets[r] || end > (span >>> rungShift[r])) {
      return rungLast[r];
    }
    return rungStart[r] + (end << rungShift[r]) - 1;
  }

  /** Pushes a rung over [lo, hi] with power-of-two bucket widths and distributes the listed events into it. */
  private void layOutRung(int first, int count, long lo, long hi) {
    long span = hi - lo;
    int want = Math.max(2, Math.min(count / BUCKET_TARGET + 1, 1 << 22));
    int shift = 0;
    while ((span >>> shift) >= want) {
      shift++;
    }
    int nb = (int) (span >>> shift) + 1;
    int r = rungs++;
    if (rungHead[r] == null || rungHead[r].length < 2 * nb) {
      int cap = Math.max(2 * nb, rungHead[r] == null ? 32 : rungHead[r].length * 2);
      rungHead[r] = new int[cap];
    }
    int[] head = rungHead[r];
    for (int b = 0; b < 2 * nb; b += 2) {
      head[b] = NONE;
      head[b + 1] = 0;
    }
    rungStart[r] = lo;
    rungLast[r] = hi;
    rungShift[r] = shift;
    rungBuckets[r] = nb;
    rungCur[r] = 0;
    long[] e = ev;
    for (int slot = first; slot != NONE; ) {
      int at = STRIDE * slot;
      long meta = e[at + 4];
      int b = 2 * (int) ((e[at] - lo) >>> shift);
      e[at + 4] = ((long) head[b] << 32) | (meta & 0xFFFF_FFFFL);
      head[b] = slot;
      head[b + 1]++;
      slot = (int) (meta >> 32);
    }
  }

  private void removeTop() {
    int last = --size;
    if (last > 0) {
      siftDown(0, heap[2 * last], heap[2 * last + 1]);
    }
  }


  private void siftUp(int pos, long t, long key) {
    long[] h = heap;
    while (pos > 0) {
      int parent = (pos - 1) >>> 1;
      long pt = h[2 * parent];
      if (t > pt || (t == pt && key > h[2 * parent + 1])) {
        break;
      }
      h[2 * pos] = pt;
      h[2 * pos + 1] = h[2 * parent + 1];
      pos = parent;
    }
    h[2 * pos] = t;
    h[2 * pos + 1] = key;
  }

  private void siftDown(int pos, long t, long key) {
    long[] h = heap;
    int n = size;
    int half = n >>> 1;
    while (pos < half) {
      int child = 2 * pos + 1;
      long ct = h[2 * child];
      long ck = h[2 * child + 1];
      int right = child + 1;
      if (right < n) {
        long rt = h[2 * right];
        long rk = h[2 * right + 1];
        if (rt < ct || (rt == ct && rk < ck)) {
          child = right;
          ct = rt;
          ck = rk;
        }
      }
      if (t < ct || (t == ct && key < ck)) {
        break;
      }
      h[2 * pos] = ct;
      h[2 * pos + 1] = ck;
      pos = child;
    }
    h[2 * pos] = t;
    h[2 * pos + 1] = key;
  }

  @Override
  public String toString() {
    return "SimulationEngine[now=" + now + "ns, pending=" + live + ", processed=" + processed + "]";
  }

  /** The engine's time as an {@link InstantSource}. */
  private static final class VirtualClock implements InstantSource {
    private final SimulationEngine engine;

    VirtualClock(SimulationEngine engine) {
      this.engine = engine;
    }

    @Override
    public Instant instant() {
      return engine.origin.plusNanos(engine.now);
    }

    @Override
    public long millis() {
      return engine.origin.getEpochSecond() * 1000L + Math.floorDiv(engine.origin.getNano() + engine.now, 1_000_000L);
    }

    @Override
    public String toString() {
      return "VirtualClock[" + instant() + "]";
    }
  }
}
