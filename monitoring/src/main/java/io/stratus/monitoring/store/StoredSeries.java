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
 * <p>Thread-safe: every method locks this object. Readers get block views and decode them outside the lock.
 */
final class StoredSeries {
  static final int HEAD = 32;
  private static final GorillaBlock[] NO_BLOCKS = new GorillaBlock[0];

  final SeriesId id;
  private final int blockPoints;
  private final long alignMillis;
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

  StoredSeries(SeriesId id, int blockPoints, long alignMillis) {
    this.id = id;
    this.blockPoints = blockPoints;
    this.alignMillis = alignMillis;
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

  /**
   * Appends points oldest first, encoding them directly.
   *
   * @param rejected counts of rejections by {@link AppendResult#ordinal()}, added to
   * @return how many were appended
   */
  synchronized int appendAll(long[] ts, double[] values, int[] rejected) {
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

  /** Encodes the buffered points; {@code release} also frees the buffer (reads do, so idle series keep none). */
  private void flushHead(boolean release) {
    long[] h = head;
    for (int i = 0, n = headCount << 1; i < n; i += 2) {
      encode(h[i], Double.longBitsToDouble(h[i + 1]));
    }
    headCount = 0;
    if (release) {
      head = null;
    }
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
    int n = end - lo + (withActive ? 1 : 0);
    if (n == 0) {
      return NO_BLOCKS;
    }
    GorillaBlock[] out = new GorillaBlock[n];
    System.arraycopy(sealed, lo, out, 0, end - lo);
    if (withActive) {
      out[n - 1] = a.view();
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
    acc[2] += head == null ? 0 : head.length * 8L + 16;
  }

  private static void add(GorillaBlock b, long[] acc) {
    acc[0] += b.count();
    acc[1] += (b.bitLength() + 7) / 8;
    acc[2] += b.heapBytes();
  }
}
