package io.stratus.monitoring.store;

import io.stratus.monitoring.spi.AppendResult;
import io.stratus.monitoring.spi.SeriesId;
import java.util.Arrays;

/**
 * One series of an {@link InMemoryMetricStore}: sealed blocks in time order, the block being filled, and a small raw
 * buffer of the newest points.
 *
 * <p>Single appends go to the raw buffer ({@value #HEAD} points of primitive time/bits pairs) and are encoded in a
 * batch when it fills, so a scraper that writes one point to each of many series touches only this object and one
 * buffer line per point instead of the encoder's state and bit array. Reads, retention and statistics flush the buffer
 * first, so they always see every accepted point.
 *
 * <p>With an out-of-order window {@code w > 0} the raw buffer is kept sorted by time and holds at least every point
 * less than {@code w} behind the newest: a point at or after {@code newest - w} is inserted in its place (a point at a
 * time already held is a duplicate or a conflict, as in order), an older one is refused. Only points more than
 * {@code w} behind the newest are encoded, so an accepted point is always newer than every encoded one; reads encode
 * a copy of the buffer into a temporary block after the stored ones. With {@code w == 0} the buffer is flushed
 * whole, as it always was.
 *
 * <p>Thread-safe: every method locks this object. Readers get block views and decode them outside the lock.
 */
final class StoredSeries {
  static final int HEAD = 32;
  private static final GorillaBlock[] NO_BLOCKS = new GorillaBlock[0];

  final SeriesId id;
  private final int blockPoints;
  private final long alignMillis;
  /** Out-of-order window in milliseconds; 0 when points must arrive in time order. */
  private final long windowMillis;
  /** Start of the next alignment window of the open block; Long.MAX_VALUE without alignment. */
  private long windowEnd = Long.MAX_VALUE;
  private GorillaBlock[] sealed = new GorillaBlock[4];
  private int sealedCount;
  private GorillaBlock active;
  private long[] head;
  private int headCount;
  private boolean hasAny;
  private long lastTs;
  private long lastBits;

  StoredSeries(SeriesId id, int blockPoints, long alignMillis, long windowMillis) {
    this.id = id;
    this.blockPoints = blockPoints;
    this.alignMillis = alignMillis;
    this.windowMillis = windowMillis;
  }

  /** Whether {@code ts} is more than the window behind the newest point (overflow-safe). */
  private boolean tooOld(long ts) {
    return ts < lastTs && (lastTs - ts > windowMillis || lastTs - ts < 0);
  }

  private AppendResult check(long ts, long bits) {
    if (hasAny) {
      if (ts < lastTs) {
        return AppendResult.REJECTED_OUT_OF_ORDER;
      }
      if (ts == lastTs) {
        return bits == lastBits ? AppendResult.DUPLICATE : AppendResult.REJECTED_CONFLICT;
      }
    }
    return AppendResult.APPENDED;
  }

  /** Appends one point into the raw buffer. */
  synchronized AppendResult append(long ts, double value) {
    long bits = Double.doubleToRawLongBits(value);
    if (windowMillis > 0) {
      return appendWindowed(ts, bits);
    }
    AppendResult r = check(ts, bits);
    if (r != AppendResult.APPENDED) {
      return r;
    }
    long[] h = head;
    if (h == null) {
      h = head = new long[2 * HEAD];
    } else if (headCount == HEAD) {
      flushHead(false);
    }
    int i = headCount++ << 1;
    h[i] = ts;
    h[i + 1] = bits;
    hasAny = true;
    lastTs = ts;
    lastBits = bits;
    return r;
  }

  /** Inserts a point into the sorted buffer, within the out-of-order window. */
  private AppendResult appendWindowed(long ts, long bits) {
    if (hasAny && ts <= lastTs) {
      if (tooOld(ts)) {
        return AppendResult.REJECTED_OUT_OF_ORDER;
      }
      int at = search(ts);
      if (at >= 0) {
        return head[(at << 1) + 1] == bits ? AppendResult.DUPLICATE : AppendResult.REJECTED_CONFLICT;
      }
      makeRoom();
      int pos = search(ts);
      int ins = -pos - 1;
      System.arraycopy(head, ins << 1, head, (ins + 1) << 1, (headCount - ins) << 1);
      head[ins << 1] = ts;
      head[(ins << 1) + 1] = bits;
      headCount++;
      return AppendResult.APPENDED;
    }
    makeRoom();
    int i = headCount++ << 1;
    head[i] = ts;
    head[i + 1] = bits;
    hasAny = true;
    lastTs = ts;
    lastBits = bits;
    return AppendResult.APPENDED;
  }

  /** Index of {@code ts} in the sorted buffer, or {@code -(insertion point) - 1}. */
  private int search(long ts) {
    int lo = 0;
    int hi = headCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long t = head[mid << 1];
      if (t < ts) {
        lo = mid + 1;
      } else if (t > ts) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -lo - 1;
  }

  /** Ensures one free slot in the windowed buffer: encodes points that left the window, else grows the buffer. */
  private void makeRoom() {
    if (head == null) {
      head = new long[2 * HEAD];
    } else if (headCount == head.length >> 1) {
      flushHead(false);
      if (headCount == head.length >> 1) {
        head = Arrays.copyOf(head, head.length * 2);
      }
    }
  }

  /**
   * Appends points oldest first, encoding them directly.
   *
   * @param rejected counts of rejections by {@link AppendResult#ordinal()}, added to
   * @return how many were appended
   */
  synchronized int appendAll(long[] ts, double[] values, int[] rejected) {
    if (windowMillis > 0) {
      int appended = 0;
      for (int i = 0; i < values.length; i++) {
        AppendResult r = appendWindowed(ts[i], Double.doubleToRawLongBits(values[i]));
        if (r == AppendResult.APPENDED) {
          appended++;
        } else {
          rejected[r.ordinal()]++;
        }
      }
      return appended;
    }
    flushHead(true);
    int appended = 0;
    for (int i = 0; i < values.length; i++) {
      long bits = Double.doubleToRawLongBits(values[i]);
      AppendResult r = check(ts[i], bits);
      if (r != AppendResult.APPENDED) {
        rejected[r.ordinal()]++;
        continue;
      }
      encode(ts[i], values[i]);
      hasAny = true;
      lastTs = ts[i];
      lastBits = bits;
      appended++;
    }
    return appended;
  }

  private void encode(long ts, double value) {
    GorillaBlock a = active;
    if (a == null) {
      a = active = new GorillaBlock(blockPoints);
    } else if (a.isFull() || ts >= windowEnd) {
      if (sealedCount == sealed.length) {
        sealed = Arrays.copyOf(sealed, sealedCount * 2);
      }
      sealed[sealedCount++] = a.snapshot();
      a = active = new GorillaBlock(blockPoints);
    }
    if (a.count() == 0 && alignMillis > 0) {
      long start = Math.floorDiv(ts, alignMillis) * alignMillis;
      long end = start + alignMillis;
      windowEnd = end < start ? Long.MAX_VALUE : end;
    }
    a.append(ts, value);
  }

  /**
   * Encodes the buffered points; {@code release} also frees the buffer (reads do, so idle series keep none). With an
   * out-of-order window only the points more than the window behind the newest are encoded, and the rest move to the
   * front of the buffer.
   */
  private void flushHead(boolean release) {
    long[] h = head;
    int n = headCount;
    int done = 0;
    while (done < n && (windowMillis == 0 || tooOld(h[done << 1]))) {
      encode(h[done << 1], Double.longBitsToDouble(h[(done << 1) + 1]));
      done++;
    }
    if (done < n) {
      System.arraycopy(h, done << 1, h, 0, (n - done) << 1);
    }
    headCount = n - done;
    if (release && headCount == 0) {
      head = null;
    }
  }

  /** The buffered points that are still inside the out-of-order window, as a temporary block; null when none. */
  private GorillaBlock pendingBlock() {
    if (headCount == 0) {
      return null;
    }
    GorillaBlock b = new GorillaBlock(headCount);
    for (int i = 0; i < headCount; i++) {
      b.append(head[i << 1], Double.longBitsToDouble(head[(i << 1) + 1]));
    }
    return b;
  }

  /**
   * The blocks holding points in {@code [from, to)}, oldest first: sealed blocks as they are, the open block as a
   * view. Sealed blocks before the range are skipped by binary search on their last timestamps.
   */
  synchronized GorillaBlock[] blocks(long from, long to) {
    flushHead(true);
    int lo = 0;
    int hi = sealedCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sealed[mid].lastTimestamp() < from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int end = lo;
    while (end < sealedCount && sealed[end].firstTimestamp() < to) {
      end++;
    }
    GorillaBlock a = active;
    boolean withActive = a != null && a.count() > 0 && a.lastTimestamp() >= from && a.firstTimestamp() < to;
    GorillaBlock p = pendingBlock();
    boolean withPending = p != null && p.lastTimestamp() >= from && p.firstTimestamp() < to;
    int n = end - lo + (withActive ? 1 : 0) + (withPending ? 1 : 0);
    if (n == 0) {
      return NO_BLOCKS;
    }
    GorillaBlock[] out = new GorillaBlock[n];
    System.arraycopy(sealed, lo, out, 0, end - lo);
    if (withActive) {
      out[end - lo] = a.view();
    }
    if (withPending) {
      out[n - 1] = p;
    }
    return out;
  }

  /** Drops blocks whose points are all older than {@code t}; returns how many points went. */
  synchronized long deleteBefore(long t) {
    flushHead(true);
    long deleted = 0;
    int keepFrom = 0;
    while (keepFrom < sealedCount && sealed[keepFrom].lastTimestamp() < t) {
      deleted += sealed[keepFrom].count();
      keepFrom++;
    }
    if (keepFrom > 0) {
      // a new array: readers may still hold the old one
      GorillaBlock[] kept = new GorillaBlock[Math.max(4, sealed.length - keepFrom)];
      System.arraycopy(sealed, keepFrom, kept, 0, sealedCount - keepFrom);
      sealed = kept;
      sealedCount -= keepFrom;
    }
    if (sealedCount == 0 && active != null && active.count() > 0 && active.lastTimestamp() < t) {
      deleted += active.count();
      active = null;
    }
    return deleted;
  }

  /** Adds points, encoded bytes and heap bytes to {@code acc[0..2]}. */
  synchronized void addStats(long[] acc) {
    flushHead(true);
    for (int i = 0; i < sealedCount; i++) {
      add(sealed[i], acc);
    }
    if (active != null) {
      add(active, acc);
    }
    acc[0] += headCount;
    acc[1] += headCount * 16L;
    acc[2] += head == null ? 0 : head.length * 8L + 16;
  }

  private static void add(GorillaBlock b, long[] acc) {
    acc[0] += b.count();
    acc[1] += (b.bitLength() + 7) / 8;
    acc[2] += b.heapBytes();
  }
}
