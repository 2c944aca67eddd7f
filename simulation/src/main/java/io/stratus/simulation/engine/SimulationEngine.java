package io.stratus.simulation.engine;

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
 * InstantSource} through {@link #clock()}. Events are kept in a binary heap stored in one interleaved {@code long}
 * array (time, then sequence number and payload slot packed in one word); an event is a handler kind plus an {@code
 * int} and a {@code long} argument held in parallel slot arrays, so scheduling and firing allocate nothing. Events
 * with equal times fire in the order they were scheduled (a sequence number breaks ties), so a run is fully
 * deterministic. {@link #schedule} returns a handle that {@link #cancel} uses to cancel a pending event in O(1): the
 * event is marked and discarded when it reaches the top of the heap. A handle of an event that already fired or was
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

  private final Instant origin;
  private final InstantSource clock;

  private EventHandler[] handlers = new EventHandler[8];
  private int handlerCount;

  // Slots hold an event's payload. The heap is one interleaved long array: heap[2i] = time, heap[2i+1] =
  // (sequence << SLOT_BITS) | slot, so a sift touches one array and (time, sequence) orders it. Cancellation is
  // lazy: a cancelled slot stays in the heap, marked, and is skipped when it reaches the top.
  private int[] slotKind = new int[INITIAL_CAPACITY];
  private int[] slotArg = new int[INITIAL_CAPACITY];
  private long[] slotArg2 = new long[INITIAL_CAPACITY];
  private int[] slotGen = new int[INITIAL_CAPACITY];
  private byte[] slotState = new byte[INITIAL_CAPACITY];
  private int[] freeSlots = new int[INITIAL_CAPACITY];
  private int freeCount;
  private int slotsUsed;

  private long[] heap = new long[2 * INITIAL_CAPACITY];
  private int size;
  private int live;

  private long now;
  private long nextSeq;
  private long processed;
  private boolean stopRequested;

  private SimulationEngine(Instant origin) {
    this.origin = origin;
    this.clock = new VirtualClock(this);
  }

  /**
   * An empty engine whose time 0 is {@code origin}.
   *
   * @param origin the instant of simulated time 0; never null
   * @return a new engine; never null
   * @throws NullPointerException if origin is null
   */
  public static SimulationEngine create(Instant origin) {
    return new SimulationEngine(Objects.requireNonNull(origin, "origin"));
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
    slotKind[slot] = kind;
    slotArg[slot] = arg;
    slotArg2[slot] = arg2;
    slotState[slot] = PENDING;
    if (2 * size == heap.length) {
      heap = Arrays.copyOf(heap, heap.length * 2);
    }
    siftUp(size++, timeNanos, (nextSeq++ << SLOT_BITS) | slot);
    live++;
    return ((long) slotGen[slot] << 32) | slot;
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
    if (slot < 0 || slot >= slotsUsed || slotGen[slot] != gen || slotState[slot] != PENDING) {
      return false;
    }
    slotState[slot] = CANCELLED;
    live--;
    return true;
  }

  /**
   * Fires the next event, if any.
   *
   * @return true if an event fired; false if the queue was empty
   */
  public boolean step() {
    dropCancelledTop();
    if (size == 0) {
      return false;
    }
    fireRoot();
    return true;
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
      dropCancelledTop();
      if (size == 0 || heap[0] > limitNanos) {
        break;
      }
      fireRoot();
    }
    if (!stopRequested && limitNanos != Long.MAX_VALUE) {
      now = limitNanos;
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
    dropCancelledTop();
    return size == 0 ? Long.MAX_VALUE : heap[0];
  }

  /** Removes every pending event (handles become invalid); the clock is unchanged. */
  public void clear() {
    while (size > 0) {
      size--;
      freeSlot((int) (heap[2 * size + 1] & SLOT_MASK));
    }
    live = 0;
  }

  private void dropCancelledTop() {
    while (size > 0) {
      int slot = (int) (heap[1] & SLOT_MASK);
      if (slotState[slot] != CANCELLED) {
        return;
      }
      removeTop();
      freeSlot(slot);
    }
  }

  private void fireRoot() {
    long time = heap[0];
    int slot = (int) (heap[1] & SLOT_MASK);
    int kind = slotKind[slot];
    int arg = slotArg[slot];
    long arg2 = slotArg2[slot];
    removeTop();
    freeSlot(slot);
    live--;
    now = time;
    processed++;
    handlers[kind].onEvent(this, arg, arg2);
  }

  private int allocateSlot() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotsUsed == slotKind.length) {
      if (slotsUsed > SLOT_MASK) {
        throw new IllegalStateException("more than " + SLOT_MASK + " pending events on one engine");
      }
      int n = slotKind.length * 2;
      slotKind = Arrays.copyOf(slotKind, n);
      slotArg = Arrays.copyOf(slotArg, n);
      slotArg2 = Arrays.copyOf(slotArg2, n);
      slotGen = Arrays.copyOf(slotGen, n);
      slotState = Arrays.copyOf(slotState, n);
      freeSlots = Arrays.copyOf(freeSlots, n);
    }
    return slotsUsed++;
  }

  private void freeSlot(int slot) {
    slotGen[slot]++;
    slotState[slot] = FREE;
    freeSlots[freeCount++] = slot;
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
    return "SimulationEngine[now=" + now + "ns, pending=" + size + ", processed=" + processed + "]";
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
