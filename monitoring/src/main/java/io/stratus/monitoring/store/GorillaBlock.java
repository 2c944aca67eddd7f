package io.stratus.monitoring.store;

/**
 * A block of points compressed as in Facebook's Gorilla paper (Pelkonen et al., VLDB 2015): timestamps as
 * delta-of-deltas in variable-width buckets, values as the XOR with the previous value with a reused
 * leading/trailing-zero window. The first point is stored raw. Encoding works on the raw bits of each double and on
 * wrapping long arithmetic, so every value (NaN payloads, -0.0, infinities) and every timestamp round-trips exactly.
 *
 * <p>A block also keeps count, min, max and sum of its non-NaN values so downsampled reads can skip decoding. Not
 * thread-safe: one writer; readers use {@link #snapshot()}.
 */
final class GorillaBlock {
  private final BitBuffer bits;
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
    this.bits = new BitBuffer(Math.max(4, capacity / 32));
  }

  private GorillaBlock(GorillaBlock o, BitBuffer copy) {
    this.bits = copy;
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
    return bits.bitLength();
  }

  long heapBytes() {
    return bits.capacityBytes() + 96;
  }

  /** An immutable copy for readers, trimmed to size. */
  GorillaBlock snapshot() {
    return new GorillaBlock(this, bits.trimmedCopy());
  }

  void append(long ts, double value) {
    long vb = Double.doubleToRawLongBits(value);
    if (count == 0) {
      bits.write(ts, 64);
      bits.write(vb, 64);
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
    if (!Double.isNaN(value)) {
      finiteCount++;
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
      lastNonNan = value;
    }
  }

  private void writeDod(long dod) {
    if (dod == 0) {
      bits.write(0, 1);
    } else if (dod >= -64 && dod <= 63) {
      bits.write(0b10, 2);
      bits.write(dod, 7);
    } else if (dod >= -256 && dod <= 255) {
      bits.write(0b110, 3);
      bits.write(dod, 9);
    } else if (dod >= -2048 && dod <= 2047) {
      bits.write(0b1110, 4);
      bits.write(dod, 12);
    } else if (dod >= Integer.MIN_VALUE && dod <= Integer.MAX_VALUE) {
      bits.write(0b11110, 5);
      bits.write(dod, 32);
    } else {
      bits.write(0b11111, 5);
      bits.write(dod, 64);
    }
  }

  private void writeValue(long vb) {
    long xor = vb ^ prevBits;
    if (xor == 0) {
      bits.write(0, 1);
      return;
    }
    int lead = Math.min(31, Long.numberOfLeadingZeros(xor));
    int trail = Long.numberOfTrailingZeros(xor);
    if (prevLead >= 0 && lead >= prevLead && trail >= prevTrail) {
      bits.write(0b10, 2);
      bits.write(xor >>> prevTrail, 64 - prevLead - prevTrail);
    } else {
      int sig = 64 - lead - trail;
      bits.write(0b11, 2);
      bits.write(lead, 5);
      bits.write(sig == 64 ? 0 : sig, 6);
      bits.write(xor >>> trail, sig);
      prevLead = lead;
      prevTrail = trail;
    }
  }

  /** Receives decoded points. */
  interface PointConsumer {
    void accept(long ts, double value);
  }

  /**
   * Decodes the points with {@code from <= ts < to}, in order.
   *
   * @return how many were passed on
   */
  int decode(long from, long to, PointConsumer out) {
    if (count == 0 || lastTs < from || firstTs >= to) {
      return 0;
    }
    BitBuffer.Reader r = bits.reader();
    long ts = r.read(64);
    long vb = r.read(64);
    long delta = 0;
    int lead = -1;
    int trail = 0;
    int emitted = 0;
    if (ts >= from && ts < to) {
      out.accept(ts, Double.longBitsToDouble(vb));
      emitted++;
    }
    for (int i = 1; i < count; i++) {
      long dod;
      if (!r.readBit()) {
        dod = 0;
      } else if (!r.readBit()) {
        dod = signExtend(r.read(7), 7);
      } else if (!r.readBit()) {
        dod = signExtend(r.read(9), 9);
      } else if (!r.readBit()) {
        dod = signExtend(r.read(12), 12);
      } else if (!r.readBit()) {
        dod = signExtend(r.read(32), 32);
      } else {
        dod = r.read(64);
      }
      delta += dod;
      ts += delta;
      if (r.readBit()) {
        if (!r.readBit()) {
          vb ^= r.read(64 - lead - trail) << trail;
        } else {
          lead = (int) r.read(5);
          int sig = (int) r.read(6);
          if (sig == 0) {
            sig = 64;
          }
          trail = 64 - lead - sig;
          vb ^= r.read(sig) << trail;
        }
      }
      if (ts >= to) {
        break;
      }
      if (ts >= from) {
        out.accept(ts, Double.longBitsToDouble(vb));
        emitted++;
      }
    }
    return emitted;
  }

  /**
   * Decodes the points with {@code from <= ts < to} into arrays starting at {@code offset}; the arrays must have room
   * for {@link #count()} more points.
   *
   * @return how many were written
   */
  int decodeInto(long from, long to, long[] outTs, double[] outValues, int offset) {
    if (count == 0 || lastTs < from || firstTs >= to) {
      return 0;
    }
    BitBuffer.Reader r = bits.reader();
    long ts = r.read(64);
    long vb = r.read(64);
    long delta = 0;
    int lead = -1;
    int trail = 0;
    int emitted = 0;
    if (ts >= from && ts < to) {
      outTs[offset + emitted] = ts;
      outValues[offset + emitted] = Double.longBitsToDouble(vb);
      emitted++;
    }
    for (int i = 1; i < count; i++) {
      long dod;
      if (!r.readBit()) {
        dod = 0;
      } else if (!r.readBit()) {
        dod = signExtend(r.read(7), 7);
      } else if (!r.readBit()) {
        dod = signExtend(r.read(9), 9);
      } else if (!r.readBit()) {
        dod = signExtend(r.read(12), 12);
      } else if (!r.readBit()) {
        dod = signExtend(r.read(32), 32);
      } else {
        dod = r.read(64);
      }
      delta += dod;
      ts += delta;
      if (r.readBit()) {
        if (!r.readBit()) {
          vb ^= r.read(64 - lead - trail) << trail;
        } else {
          lead = (int) r.read(5);
          int sig = (int) r.read(6);
          if (sig == 0) {
            sig = 64;
          }
          trail = 64 - lead - sig;
          vb ^= r.read(sig) << trail;
        }
      }
      if (ts >= to) {
        break;
      }
      if (ts >= from) {
        outTs[offset + emitted] = ts;
        outValues[offset + emitted] = Double.longBitsToDouble(vb);
        emitted++;
      }
    }
    return emitted;
  }

  private static long signExtend(long v, int n) {
    return (v << (64 - n)) >> (64 - n);
  }
}
