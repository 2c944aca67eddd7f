package io.stratus.monitoring.store;

import java.util.Arrays;

/**
 * A block of points compressed as in Facebook's Gorilla paper (Pelkonen et al., VLDB 2015): timestamps as
 * delta-of-deltas in variable-width buckets, values as the XOR with the previous value with a reused
 * leading/trailing-zero window. The first point is stored raw. Encoding works on the raw bits of each double and on
 * wrapping long arithmetic, so every value (NaN payloads, -0.0, infinities) and every timestamp round-trips exactly.
 *
 * <p>Beside the bits a block keeps a summary: first and last timestamp, and count, min, max, sum and last value of its
 * non-NaN values, so a downsampled read of a whole block that falls in one bucket needs no decoding.
 *
 * <p>Not thread-safe: one writer, under the owner's lock. Readers take a {@link #view()} under the same lock and
 * decode it outside: the bit string is append-only (a write ORs bits in beyond the current length and a growth copies
 * into a new array), so the bits a view covers never change after it is taken.
 */
final class GorillaBlock {
  private long[] words;
  private long bitLen;
  private final int capacity;
  private int count;
  private long firstTs;
  private long lastTs;
  private long prevDelta;
  private long prevBits;
  private int prevLead = -1;
  private int prevTrail;
  private long finiteCount;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double sum;
  private double lastNonNan = Double.NaN;

  GorillaBlock(int capacity) {
    this.capacity = capacity;
    this.words = new long[Math.max(4, capacity / 32)];
  }

  private GorillaBlock(GorillaBlock o, long[] words) {
    this.words = words;
    this.bitLen = o.bitLen;
    this.capacity = o.capacity;
    this.count = o.count;
    this.firstTs = o.firstTs;
    this.lastTs = o.lastTs;
    this.prevDelta = o.prevDelta;
    this.prevBits = o.prevBits;
    this.prevLead = o.prevLead;
    this.prevTrail = o.prevTrail;
    this.finiteCount = o.finiteCount;
    this.min = o.min;
    this.max = o.max;
    this.sum = o.sum;
    this.lastNonNan = o.lastNonNan;
  }

  boolean isFull() {
    return count >= capacity;
  }

  int count() {
    return count;
  }

  long firstTimestamp() {
    return firstTs;
  }

  long lastTimestamp() {
    return lastTs;
  }

  long nonNanCount() {
    return finiteCount;
  }

  double min() {
    return min;
  }

  double max() {
    return max;
  }

  double sum() {
    return sum;
  }

  double lastNonNan() {
    return lastNonNan;
  }

  long bitLength() {
    return bitLen;
  }

  long heapBytes() {
    return words.length * 8L + 112;
  }

  /** An immutable copy trimmed to size, for sealing. */
  GorillaBlock snapshot() {
    return new GorillaBlock(this, Arrays.copyOf(words, (int) ((bitLen + 63) >>> 6) + 1));
  }

  /** A read-only view of the points written so far; shares the bit array, so it costs no copy. */
  GorillaBlock view() {
    return new GorillaBlock(this, words);
  }

  private void write(long v, int n) {
    int idx = (int) (bitLen >>> 6);
    int off = (int) (bitLen & 63);
    if (idx + 2 >= words.length) {
      words = Arrays.copyOf(words, words.length * 2);
    }
    long masked = n == 64 ? v : v & ((1L << n) - 1);
    int free = 64 - off;
    if (n <= free) {
      words[idx] |= masked << (free - n);
    } else {
      int rest = n - free;
      words[idx] |= masked >>> rest;
      words[idx + 1] |= masked << (64 - rest);
    }
    bitLen += n;
  }

  void append(long ts, double value) {
    long vb = Double.doubleToRawLongBits(value);
    if (count == 0) {
      write(ts, 64);
      write(vb, 64);
      firstTs = ts;
      prevDelta = 0;
    } else {
      long delta = ts - lastTs;
      long dod = delta - prevDelta;
      writeDod(dod);
      prevDelta = delta;
      writeValue(vb);
    }
    lastTs = ts;
    prevBits = vb;
    count++;
    if (value == value) {
      finiteCount++;
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
      lastNonNan = value;
    }
  }

  private void writeDod(long dod) {
    if (dod == 0) {
      write(0, 1);
    } else if (dod >= -64 && dod <= 63) {
      write((0b10L << 7) | (dod & 0x7F), 9);
    } else if (dod >= -256 && dod <= 255) {
      write((0b110L << 9) | (dod & 0x1FF), 12);
    } else if (dod >= -2048 && dod <= 2047) {
      write((0b1110L << 12) | (dod & 0xFFF), 16);
    } else if (dod >= Integer.MIN_VALUE && dod <= Integer.MAX_VALUE) {
      write(0b11110, 5);
      write(dod, 32);
    } else {
      write(0b11111, 5);
      write(dod, 64);
    }
  }

  private void writeValue(long vb) {
    long xor = vb ^ prevBits;
    if (xor == 0) {
      write(0, 1);
      return;
    }
    int lead = Math.min(31, Long.numberOfLeadingZeros(xor));
    int trail = Long.numberOfTrailingZeros(xor);
    if (prevLead >= 0 && lead >= prevLead && trail >= prevTrail) {
      write(0b10, 2);
      write(xor >>> prevTrail, 64 - prevLead - prevTrail);
    } else {
      int sig = 64 - lead - trail;
      write((0b11L << 11) | ((long) lead << 6) | (sig == 64 ? 0 : sig), 13);
      write(xor >>> trail, sig);
      prevLead = lead;
      prevTrail = trail;
    }
  }

  /** Reads {@code n} bits (1..64) at bit position {@code pos}; the array has a word to spare past the data. */
  private static long read(long[] w, long pos, int n) {
    int idx = (int) (pos >>> 6);
    int off = (int) (pos & 63);
    long hi = w[idx] << off;
    if (off + n <= 64) {
      return hi >>> (64 - n);
    }
    return (hi >>> (64 - n)) | (w[idx + 1] >>> (128 - off - n));
  }

  /** The 64 bits starting at {@code pos}, without a branch; needs the spare word after the data. */
  private static long peek(long[] w, long pos) {
    int idx = (int) (pos >>> 6);
    int off = (int) (pos & 63);
    return (w[idx] << off) | ((w[idx + 1] >>> 1) >>> (63 - off));
  }

  /** Receives decoded points. */
  interface PointConsumer {
    void accept(long ts, double value);
  }

  /**
   * Decodes the points with {@code from <= ts < to}, in order, through a callback; for tests and rare paths (the
   * query paths use {@link #decodeInto}).
   *
   * @return how many were passed on
   */
  int decode(long from, long to, PointConsumer out) {
    long[] ts = new long[count];
    double[] vs = new double[count];
    int n = decodeInto(from, to, ts, vs, 0);
    for (int i = 0; i < n; i++) {
      out.accept(ts[i], vs[i]);
    }
    return n;
  }

  /**
   * Decodes the points with {@code from <= ts < to} into arrays starting at {@code offset}; the arrays must have room
   * for {@link #count()} more points. Stops at the first timestamp {@code >= to}.
   *
   * @return how many were written
   */
  int decodeInto(long from, long to, long[] outTs, double[] outValues, int offset) {
    int n = count;
    if (n == 0 || lastTs < from || firstTs >= to) {
      return 0;
    }
    final long[] w = words;
    long pos = 128;
    long ts = read(w, 0, 64);
    long vb = read(w, 64, 64);
    long delta = 0;
    int lead = 0;
    int width = 64;
    int trail = 0;
    int o = offset;
    if (ts >= to) {
      return 0;
    }
    if (ts >= from) {
      outTs[o] = ts;
      outValues[o++] = Double.longBitsToDouble(vb);
    }
    // Fast path: the whole block lies in the range, so no per-point range checks are needed.
    boolean inside = firstTs >= from && lastTs < to;
    for (int i = 1; i < n; i++) {
      // One 64-bit window per point covers the common case (regular timestamps, value in the reused window).
      long win = peek(w, pos);
      if (win < 0) {
        long ctl = win >>> 59;
        if (ctl < 0b11000) {
          delta += (win << 2) >> 57;
          pos += 9;
        } else if (ctl < 0b11100) {
          delta += (win << 3) >> 55;
          pos += 12;
        } else if (ctl < 0b11110) {
          delta += (win << 4) >> 52;
          pos += 16;
        } else if (ctl == 0b11110) {
          delta += (int) read(w, pos + 5, 32);
          pos += 37;
        } else {
          delta += read(w, pos + 5, 64);
          pos += 69;
        }
        win = peek(w, pos);
      } else {
        win <<= 1;
        pos++;
      }
      ts += delta;
      // win now has at least 63 valid bits starting at pos
      if (win < 0) {
        if ((win << 1) >= 0) {
          if (width <= 61) {
            vb ^= ((win << 2) >>> (64 - width)) << trail;
          } else {
            vb ^= read(w, pos + 2, width) << trail;
          }
          pos += 2 + width;
        } else {
          long hdr = (win << 2) >>> 53;
          lead = (int) (hdr >>> 6);
          int sig = (int) (hdr & 63);
          if (sig == 0) {
            sig = 64;
          }
          width = sig;
          trail = 64 - lead - sig;
          vb ^= read(w, pos + 13, sig) << trail;
          pos += 13 + sig;
        }
      } else {
        pos++;
      }
      if (inside) {
        outTs[o] = ts;
        outValues[o++] = Double.longBitsToDouble(vb);
      } else if (ts >= to) {
        break;
      } else if (ts >= from) {
        outTs[o] = ts;
        outValues[o++] = Double.longBitsToDouble(vb);
      }
    }
    return o - offset;
  }
}
