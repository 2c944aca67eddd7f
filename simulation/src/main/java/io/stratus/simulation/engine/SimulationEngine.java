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
 * InstantSource} through {@link #clock()}. Events are kept in an indexed binary heap over parallel primitive arrays
 * (time, sequence number, slot); an event is a handler kind plus an {@code int} and a {@code long} argument, so
 * scheduling and firing allocate nothing. Events with equal times fire in the order they were scheduled (a sequence
 * number breaks ties), so a run is fully deterministic. {@link #schedule} returns a handle that {@link #cancel} uses
 * to remove a pending event in O(log n); a handle of an event that already fired or was cancelled is recognized
 * (slots carry a generation) and ignored.
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

  private final Instant origin;
  private final InstantSource clock;

  private EventHandler[] handlers = new EventHandler[8];
  private int handlerCount;

  // Slots hold an event's payload; the heap orders slot numbers by (time, seq).
  private int[] slotKind = new int[INITIAL_CAPACITY];
  private int[] slotArg = new int[INITIAL_CAPACITY];
  private long[] slotArg2 = new long[INITIAL_CAPACITY];
  private int[] slotGen = new int[INITIAL_CAPACITY];
  private int[] slotPos = new int[INITIAL_CAPACITY]; // heap position, or -1 - nextFree when free
  private int freeHead = -1;
  private int slotsUsed;

  private long[] heapTime = new long[INITIAL_CAPACITY];
  private long[] heapSeq = new long[INITIAL_CAPACITY];
  private int[] heapSlot = new int[INITIAL_CAPACITY];
  private int size;

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
    int slot = allocateSlot();
    slotKind[slot] = kind;
    slotArg[slot] = arg;
    slotArg2[slot] = arg2;
    if (size == heapTime.length) {
      growHeap();
    }
    siftUp(size++, timeNanos, nextSeq++, slot);
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
    if (slot < 0 || slot >= slotsUsed || slotGen[slot] != gen || slotPos[slot] < 0) {
      return false;
    }
    int pos = slotPos[slot];
    removeAt(pos);
    freeSlot(slot);
    return true;
  }

  /**
   * Fires the next event, if any.
   *
   * @return true if an event fired; false if the queue was empty
   */
  public boolean step() {
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
    while (size > 0 && heapTime[0] <= limitNanos && !stopRequested) {
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
    return size;
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
    return size == 0 ? Long.MAX_VALUE : heapTime[0];
  }

  /** Removes every pending event (handles become invalid); the clock is unchanged. */
  public void clear() {
    while (size > 0) {
      int slot = heapSlot[--size];
      freeSlot(slot);
    }
  }

  private void fireRoot() {
    long time = heapTime[0];
    int slot = heapSlot[0];
    int kind = slotKind[slot];
    int arg = slotArg[slot];
    long arg2 = slotArg2[slot];
    removeAt(0);
    freeSlot(slot);
    now = time;
    processed++;
    handlers[kind].onEvent(this, arg, arg2);
  }

  private int allocateSlot() {
    int slot;
    if (freeHead >= 0) {
      slot = freeHead;
      freeHead = decodeNext(slotPos[slot]);
    } else {
      if (slotsUsed == slotKind.length) {
        growSlots();
      }
      slot = slotsUsed++;
    }
    return slot;
  }

  private void freeSlot(int slot) {
    slotGen[slot]++;
    slotPos[slot] = encodeNext(freeHead);
    freeHead = slot;
  }

  // Free slots store -2 - next (next = -1 means end of list), so every free slot has slotPos <= -1.
  private static int encodeNext(int next) {
    return -2 - next;
  }

  private static int decodeNext(int encoded) {
    return -2 - encoded;
  }

  private void removeAt(int pos) {
    int last = --size;
    if (pos == last) {
      return;
    }
    long t = heapTime[last];
    long s = heapSeq[last];
    int slot = heapSlot[last];
    if (pos > 0 && less(t, s, heapTime[(pos - 1) >>> 1], heapSeq[(pos - 1) >>> 1])) {
      siftUp(pos, t, s, slot);
    } else {
      siftDown(pos, t, s, slot);
    }
  }

  private static boolean less(long t1, long s1, long t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }

  private void siftUp(int pos, long t, long s, int slot) {
    long[] ht = heapTime;
    long[] hs = heapSeq;
    int[] hl = heapSlot;
    while (pos > 0) {
      int parent = (pos - 1) >>> 1;
      long pt = ht[parent];
      if (t > pt || (t == pt && s > hs[parent])) {
        break;
      }
      ht[pos] = pt;
      hs[pos] = hs[parent];
      int ps = hl[parent];
      hl[pos] = ps;
      slotPos[ps] = pos;
      pos = parent;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
    slotPos[slot] = pos;
  }

  private void siftDown(int pos, long t, long s, int slot) {
    long[] ht = heapTime;
    long[] hs = heapSeq;
    int[] hl = heapSlot;
    int n = size;
    int half = n >>> 1;
    while (pos < half) {
      int child = 2 * pos + 1;
      long ct = ht[child];
      long cs = hs[child];
      int right = child + 1;
      if (right < n) {
        long rt = ht[right];
        long rs = hs[right];
        if (rt < ct || (rt == ct && rs < cs)) {
          child = right;
          ct = rt;
          cs = rs;
        }
      }
      if (t < ct || (t == ct && s < cs)) {
        break;
      }
      ht[pos] = ct;
      hs[pos] = cs;
      int cl = hl[child];
      hl[pos] = cl;
      slotPos[cl] = pos;
      pos = child;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
    slotPos[slot] = pos;
  }

  private void growHeap() {
    int n = heapTime.length * 2;
    heapTime = Arrays.copyOf(heapTime, n);
    heapSeq = Arrays.copyOf(heapSeq, n);
    heapSlot = Arrays.copyOf(heapSlot, n);
  }

  private void growSlots() {
    int n = slotKind.length * 2;
    slotKind = Arrays.copyOf(slotKind, n);
    slotArg = Arrays.copyOf(slotArg, n);
    slotArg2 = Arrays.copyOf(slotArg2, n);
    slotGen = Arrays.copyOf(slotGen, n);
    slotPos = Arrays.copyOf(slotPos, n);
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
