package io.stratus.monitoring.store;

import java.util.Arrays;

/** A growable bit string written and read most-significant bit first. Not thread-safe. */
final class BitBuffer {
  private long[] words;
  private long bits;

  BitBuffer(int initialWords) {
    this.words = new long[Math.max(1, initialWords)];
  }

  private BitBuffer(long[] words, long bits) {
    this.words = words;
    this.bits = bits;
  }

  /** Appends the low {@code n} bits of {@code v}, 1 <= n <= 64. */
  void write(long v, int n) {
    int idx = (int) (bits >>> 6);
    int off = (int) (bits & 63);
    if (idx + 1 >= words.length) {
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
    bits += n;
  }

  void writeBit(boolean b) {
    write(b ? 1 : 0, 1);
  }

  long bitLength() {
    return bits;
  }

  /** A copy trimmed to the bits written, independent of later writes. */
  BitBuffer trimmedCopy() {
    return new BitBuffer(Arrays.copyOf(words, (int) ((bits + 63) >>> 6) + 1), bits);
  }

  /** Heap bytes of the backing array. */
  long capacityBytes() {
    return words.length * 8L;
  }

  Reader reader() {
    return new Reader(words);
  }

  /** Reads bits in order. Not thread-safe. */
  static final class Reader {
    private final long[] words;
    private long pos;

    Reader(long[] words) {
      this.words = words;
    }

    long read(int n) {
      int idx = (int) (pos >>> 6);
      int off = (int) (pos & 63);
      int avail = 64 - off;
      long result;
      if (n <= avail) {
        result = (words[idx] << off) >>> (64 - n);
      } else {
        int rest = n - avail;
        result = ((words[idx] << off) >>> (64 - n)) | (words[idx + 1] >>> (64 - rest));
      }
      pos += n;
      return result;
    }

    boolean readBit() {
      int idx = (int) (pos >>> 6);
      int off = (int) (pos & 63);
      pos++;
      return ((words[idx] << off) & Long.MIN_VALUE) != 0;
    }
  }
}
