package io.stratus.finops.spi;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/** The column encodings of one chunk of the in-memory store. All immutable once built. */
final class Columns {
  static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private Columns() {}

  /**
   * A string dictionary: code 0 is null. Mutated only while holding the store's dictionary monitor; readers only call
   * {@link #value} for codes of published chunks (the array reference is volatile, so a grown copy is seen whole).
   */
  static final class Dict {
    private static final int RECENT = 2048;
    private final Map<String, Integer> codes = new HashMap<>();
    private volatile String[] values = new String[64];
    private int size = 1;
    /** Direct-mapped cache of recent lookups: repeated values (often the same String instance) skip the map. */
    private final String[] recentKeys = new String[RECENT];
    private final int[] recentCodes = new int[RECENT];

    int code(String s) {
      if (s == null) {
        return 0;
      }
      int h = s.hashCode();
      int slot = (h ^ (h >>> 11)) & (RECENT - 1);
      String k = recentKeys[slot];
      if (k == s || (k != null && k.hashCode() == h && k.equals(s))) {
        return recentCodes[slot];
      }
      Integer c = codes.get(s);
      if (c != null) {
        recentKeys[slot] = s;
        recentCodes[slot] = c;
        return c;
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size] = s;
      codes.put(s, size);
      return size++;
    }

    /** The code of a value, or -1 when the dictionary does not hold it. */
    int find(String s) {
      if (s == null) {
        return 0;
      }
      Integer c = codes.get(s);
      return c == null ? -1 : c;
    }

    String value(int code) {
      return values[code];
    }

    int size() {
      return size;
    }
  }

  /** Dictionary codes of one string column in a chunk. */
  abstract static class Codes {
    abstract int get(int row);

    abstract void decode(int[] dst, int n);

    /** Whether any row may hold the code (false only when it certainly does not). */
    abstract boolean mayContain(int code);

    /** Encodes global codes compactly: a constant, or chunk-local byte/char codes with a local-to-global table. */
    static Codes of(int[] global, int n, int[] scratchLocal, int[] scratchStamp, int stamp) {
      boolean same = true;
      for (int i = 1; i < n && same; i++) {
        same = global[i] == global[0];
      }
      if (same) {
        return new Const(n == 0 ? 0 : global[0]);
      }
      int[] locals = new int[64];
      int distinct = 0;
      char[] local = new char[n];
      for (int i = 0; i < n; i++) {
        int g = global[i];
        int l;
        if (scratchStamp[g] == stamp) {
          l = scratchLocal[g];
        } else {
          scratchStamp[g] = stamp;
          l = distinct++;
          scratchLocal[g] = l;
          if (l == locals.length) {
            locals = Arrays.copyOf(locals, l * 2);
          }
          locals[l] = g;
        }
        local[i] = (char) l;
      }
      int[] table = Arrays.copyOf(locals, distinct);
      if (distinct <= 256) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
          b[i] = (byte) local[i];
        }
        return new Bytes(b, table);
      }
      return new Chars(local, table);
    }

    static final class Const extends Codes {
      final int code;

      Const(int code) {
        this.code = code;
      }

      @Override
      int get(int row) {
        return code;
      }

      @Override
      void decode(int[] dst, int n) {
        Arrays.fill(dst, 0, n, code);
      }

      @Override
      boolean mayContain(int c) {
        return c == code;
      }
    }

    static final class Bytes extends Codes {
      final byte[] local;
      final int[] table;

      Bytes(byte[] local, int[] table) {
        this.local = local;
        this.table = table;
      }

      @Override
      int get(int row) {
        return table[local[row] & 0xff];
      }

      @Override
      void decode(int[] dst, int n) {
        for (int i = 0; i < n; i++) {
          dst[i] = table[local[i] & 0xff];
        }
      }

      @Override
      boolean mayContain(int c) {
        for (int t : table) {
          if (t == c) {
            return true;
          }
        }
        return false;
      }
    }

    static final class Chars extends Codes {
      final char[] local;
      final int[] table;

      Chars(char[] local, int[] table) {
        this.local = local;
        this.table = table;
      }

      @Override
      int get(int row) {
        return table[local[row]];
      }

      @Override
      void decode(int[] dst, int n) {
        for (int i = 0; i < n; i++) {
          dst[i] = table[local[i]];
        }
      }

      @Override
      boolean mayContain(int c) {
        for (int t : table) {
          if (t == c) {
            return true;
          }
        }
        return false;
      }
    }
  }

  /** Exact decimals of one column in a chunk: unscaled longs at one scale, or BigDecimals when they do not fit. */
  abstract static class Dec {
    final BitSet nulls;

    Dec(BitSet nulls) {
      this.nulls = nulls;
    }

    /** The chunk scale; -1 when values are held as BigDecimals. */
    abstract int scale();

    abstract long unscaled(int row);

    /** Fills dst with unscaled values (null rows give 0). Only when {@link #scale()} is not -1. */
    abstract void decode(long[] dst, int n);

    BigDecimal get(int row) {
      if (nulls != null && nulls.get(row)) {
        return null;
      }
      return BigDecimal.valueOf(unscaled(row), scale());
    }

    boolean isNull(int row) {
      return nulls != null && nulls.get(row);
    }

    /**
     * Encodes raw values: {@code unscaled[i]} at {@code scales[i]}; a scale of {@link #NULL} is null, {@link #BIG}
     * means the value is {@code big[i]}.
     */
    static Dec ofRaw(long[] unscaled, byte[] scales, BigDecimal[] big, int n) {
      boolean anyBig = false;
      for (int i = 0; i < n && !anyBig; i++) {
        anyBig = scales[i] == BIG;
      }
      if (anyBig) {
        BigDecimal[] values = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
          values[i] =
              scales[i] == NULL ? null : scales[i] == BIG ? big[i] : BigDecimal.valueOf(unscaled[i], scales[i]);
        }
        return of(values, n);
      }
      BitSet nulls = null;
      int scale = 0;
      for (int i = 0; i < n; i++) {
        if (scales[i] == NULL) {
          if (nulls == null) {
            nulls = new BitSet(n);
          }
          nulls.set(i);
        } else if (scales[i] > scale) {
          scale = scales[i];
        }
      }
      if (nulls != null && nulls.cardinality() == n) {
        return new Const(nulls, 0, 0);
      }
      long[] u = new long[n];
      for (int i = 0; i < n; i++) {
        if (scales[i] == NULL) {
          continue;
        }
        int shift = scale - scales[i];
        try {
          u[i] = shift == 0 ? unscaled[i] : Math.multiplyExact(unscaled[i], POW10[shift]);
        } catch (ArithmeticException e) {
          BigDecimal[] values = new BigDecimal[n];
          for (int k = 0; k < n; k++) {
            values[k] = scales[k] == NULL ? null : BigDecimal.valueOf(unscaled[k], scales[k]);
          }
          return new Big(nulls, values);
        }
      }
      return encode(u, n, nulls, scale);
    }

    static final byte NULL = -1;
    static final byte BIG = -2;

    static Dec of(BigDecimal[] values, int n) {
      BitSet nulls = null;
      int scale = 0;
      boolean fits = true;
      for (int i = 0; i < n; i++) {
        BigDecimal v = values[i];
        if (v == null) {
          if (nulls == null) {
            nulls = new BitSet(n);
          }
          nulls.set(i);
        } else {
          scale = Math.max(scale, v.scale());
          if (v.precision() > 18) {
            fits = false;
          }
        }
      }
      if (nulls != null && nulls.cardinality() == n) {
        return new Const(nulls, 0, 0);
      }
      long[] u = new long[n];
      if (fits && scale <= 18) {
        for (int i = 0; i < n && fits; i++) {
          BigDecimal v = values[i];
          if (v == null) {
            continue;
          }
          long raw = v.unscaledValue().longValue();
          int shift = scale - v.scale();
          if (shift > 18) {
            fits = false;
            break;
          }
          try {
            u[i] = Math.multiplyExact(raw, POW10[shift]);
          } catch (ArithmeticException e) {
            fits = false;
          }
        }
      } else {
        fits = false;
      }
      if (!fits) {
        return new Big(nulls, Arrays.copyOf(values, n));
      }
      return encode(u, n, nulls, scale);
    }

    private static Dec encode(long[] u, int n, BitSet nulls, int scale) {
      boolean same = true;
      boolean ints = true;
      for (int i = 0; i < n; i++) {
        same &= u[i] == u[0];
        ints &= u[i] == (int) u[i];
      }
      if (same) {
        return new Const(nulls, u[0], scale);
      }
      long[] dict = distinct(u, n, 256);
      if (dict != null) {
        byte[] codes = new byte[n];
        for (int i = 0; i < n; i++) {
          codes[i] = (byte) Arrays.binarySearch(dict, u[i]);
        }
        return new Dict8(nulls, codes, dict, scale);
      }
      if (ints) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = (int) u[i];
        }
        return new Ints(nulls, v, scale);
      }
      return new Longs(nulls, u, scale);
    }

    /** The sorted distinct values when there are at most max of them, else null. */
    private static long[] distinct(long[] u, int n, int max) {
      long[] seen = new long[max + 1];
      int count = 0;
      outer:
      for (int i = 0; i < n; i++) {
        long v = u[i];
        for (int k = 0; k < count; k++) {
          if (seen[k] == v) {
            continue outer;
          }
        }
        if (count == max) {
          return null;
        }
        seen[count++] = v;
        if (count > 16 && i < 64 && count * 2 > i) {
          return null;
        }
      }
      long[] out = Arrays.copyOf(seen, count);
      Arrays.sort(out);
      return out;
    }

    /** Whether two columns hold the same values and nulls in every row. */
    boolean sameAs(Dec o, int n) {
      if (scale() < 0 || o.scale() < 0) {
        return false;
      }
      if (scale() != o.scale() || !java.util.Objects.equals(nulls, o.nulls)) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (unscaled(i) != o.unscaled(i)) {
          return false;
        }
      }
      return true;
    }

    static final class Const extends Dec {
      final long value;
      final int scale;

      Const(BitSet nulls, long value, int scale) {
        super(nulls);
        this.value = value;
        this.scale = scale;
      }

      @Override
      int scale() {
        return scale;
      }

      @Override
      long unscaled(int row) {
        return isNull(row) ? 0 : value;
      }

      @Override
      void decode(long[] dst, int n) {
        Arrays.fill(dst, 0, n, value);
        if (nulls != null) {
          for (int i = nulls.nextSetBit(0); i >= 0 && i < n; i = nulls.nextSetBit(i + 1)) {
            dst[i] = 0;
          }
        }
      }
    }

    static final class Dict8 extends Dec {
      final byte[] codes;
      final long[] values;
      final int scale;

      Dict8(BitSet nulls, byte[] codes, long[] values, int scale) {
        super(nulls);
        this.codes = codes;
        this.values = values;
        this.scale = scale;
      }

      @Override
      int scale() {
        return scale;
      }

      @Override
      long unscaled(int row) {
        return isNull(row) ? 0 : values[codes[row] & 0xff];
      }

      @Override
      void decode(long[] dst, int n) {
        for (int i = 0; i < n; i++) {
          dst[i] = values[codes[i] & 0xff];
        }
        if (nulls != null) {
          for (int i = nulls.nextSetBit(0); i >= 0 && i < n; i = nulls.nextSetBit(i + 1)) {
            dst[i] = 0;
          }
        }
      }
    }

    static final class Ints extends Dec {
      final int[] values;
      final int scale;

      Ints(BitSet nulls, int[] values, int scale) {
        super(nulls);
        this.values = values;
        this.scale = scale;
      }

      @Override
      int scale() {
        return scale;
      }

      @Override
      long unscaled(int row) {
        return values[row];
      }

      @Override
      void decode(long[] dst, int n) {
        for (int i = 0; i < n; i++) {
          dst[i] = values[i];
        }
      }
    }

    static final class Longs extends Dec {
      final long[] values;
      final int scale;

      Longs(BitSet nulls, long[] values, int scale) {
        super(nulls);
        this.values = values;
        this.scale = scale;
      }

      @Override
      int scale() {
        return scale;
      }

      @Override
      long unscaled(int row) {
        return values[row];
      }

      @Override
      void decode(long[] dst, int n) {
        System.arraycopy(values, 0, dst, 0, n);
      }
    }

    static final class Big extends Dec {
      final BigDecimal[] values;

      Big(BitSet nulls, BigDecimal[] values) {
        super(nulls);
        this.values = values;
      }

      @Override
      int scale() {
        return -1;
      }

      @Override
      long unscaled(int row) {
        throw new IllegalStateException("decimal column held as BigDecimal");
      }

      @Override
      void decode(long[] dst, int n) {
        throw new IllegalStateException("decimal column held as BigDecimal");
      }

      @Override
      BigDecimal get(int row) {
        return values[row];
      }
    }
  }

  /** Epoch seconds of one time column in a chunk. */
  abstract static class Times {
    abstract long get(int row);

    abstract void decode(long[] dst, int n);

    abstract long min();

    abstract long max();

    static Times of(long[] v, int n) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        min = Math.min(min, v[i]);
        max = Math.max(max, v[i]);
      }
      if (min == max) {
        return new ConstTime(min);
      }
      if (max - min <= Integer.MAX_VALUE) {
        int[] off = new int[n];
        for (int i = 0; i < n; i++) {
          off[i] = (int) (v[i] - min);
        }
        return new IntTime(min, max, off);
      }
      return new LongTime(Arrays.copyOf(v, n), min, max);
    }

    static final class ConstTime extends Times {
      final long value;

      ConstTime(long value) {
        this.value = value;
      }

      @Override
      long get(int row) {
        return value;
      }

      @Override
      void decode(long[] dst, int n) {
        Arrays.fill(dst, 0, n, value);
      }

      @Override
      long min() {
        return value;
      }

      @Override
      long max() {
        return value;
      }
    }

    static final class IntTime extends Times {
      final long base;
      final long max;
      final int[] off;

      IntTime(long base, long max, int[] off) {
        this.base = base;
        this.max = max;
        this.off = off;
      }

      @Override
      long get(int row) {
        return base + off[row];
      }

      @Override
      void decode(long[] dst, int n) {
        for (int i = 0; i < n; i++) {
          dst[i] = base + off[i];
        }
      }

      @Override
      long min() {
        return base;
      }

      @Override
      long max() {
        return max;
      }
    }

    static final class LongTime extends Times {
      final long[] values;
      final long min;
      final long max;

      LongTime(long[] values, long min, long max) {
        this.values = values;
        this.min = min;
        this.max = max;
      }

      @Override
      long get(int row) {
        return values[row];
      }

      @Override
      void decode(long[] dst, int n) {
        System.arraycopy(values, 0, dst, 0, n);
      }

      @Override
      long min() {
        return min;
      }

      @Override
      long max() {
        return max;
      }
    }
  }

  /** One block of rows. Columns are immutable; the deletion marks change under the store's write lock. */
  static final class Chunk {
    final int size;
    final Codes[] strings;
    final Dec[] decimals;
    final Times[] times;
    BitSet deleted;
    int deletedCount;

    Chunk(int size, Codes[] strings, Dec[] decimals, Times[] times) {
      this.size = size;
      this.strings = strings;
      this.decimals = decimals;
      this.times = times;
    }

    boolean isDeleted(int row) {
      return deleted != null && deleted.get(row);
    }

    /** Marks a row deleted; returns whether it was live. */
    boolean delete(int row) {
      if (deleted == null) {
        deleted = new BitSet(size);
      }
      if (deleted.get(row)) {
        return false;
      }
      deleted.set(row);
      deletedCount++;
      return true;
    }

    int live() {
      return size - deletedCount;
    }
  }
}
