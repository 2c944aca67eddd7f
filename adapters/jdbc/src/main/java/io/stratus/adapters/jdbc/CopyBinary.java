package io.stratus.adapters.jdbc;

import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.postgresql.util.ByteConverter;

/**
 * Encodes cost records as rows of PostgreSQL's binary COPY format (a header, per row a field count and each field as a
 * length and its value in the type's binary send format, a trailer), driven by {@link CostColumns} like the text
 * encoder. The server stores binary values without parsing them: no numeric or bigint text parsing, no escape
 * handling. Not thread-safe: one encoder per stream.
 */
final class CopyBinary {
  /** The COPY statement for the binary format. */
  static final String COPY_SQL = "COPY stratus_cost_record (" + CostColumns.INSERT_COLUMNS
      + ") FROM STDIN (FORMAT binary)";

  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
      0, 0, 0, 0, 0, 0, 0, 0};
  private static final short FIELDS = (short) (3 + CostColumns.FOCUS.size() + 3);

  private byte[] buf;
  private int len;

  CopyBinary(int capacity) {
    this.buf = new byte[capacity];
  }

  /** Appends the file header (signature, flags, extension length); once, before the first row. */
  void header() {
    put(HEADER, 0, HEADER.length);
  }

  /** Appends the file trailer; once, after the last row. */
  void trailer() {
    putShort((short) -1);
  }

  /** Appends one record as a row of a batch. */
  void row(String sourceId, long batchId, CostRecord r) {
    putShort(FIELDS);
    text(sourceId);
    String key = r.dedupKey();
    text(key);
    putInt(8);
    putLong(CostColumns.dedupHash(key));
    for (CostColumns.Col c : CostColumns.FOCUS) {
      Object v = c.get().apply(r);
      if (v == null) {
        putInt(-1);
        continue;
      }
      switch (c.kind()) {
        case TEXT -> text((String) v);
        case DECIMAL -> numeric((BigDecimal) v);
        case INSTANT -> {
          putInt(8);
          putLong((Long) v);
        }
      }
    }
    putInt(1);
    ensure(1);
    buf[len++] = (byte) (r.correction() ? 1 : 0);
    String tags = Codec.encodeMap(r.tags());
    if (tags == null) {
      putInt(-1);
    } else {
      text(tags);
    }
    putInt(8);
    putLong(batchId);
  }

  /** The bytes encoded since the last {@link #reset}; valid until the next append. */
  byte[] bytes() {
    return buf;
  }

  /** How many bytes are encoded. */
  int length() {
    return len;
  }

  /** Forgets the encoded bytes, keeping the buffer. */
  void reset() {
    len = 0;
  }

  private static final long[] POW10 = {1, 10, 100, 1_000};
  private final short[] groups = new short[8];

  /**
   * A numeric field in the server's binary form: digit count, weight (of the first base-10,000 digit), sign, display
   * scale, then the base-10,000 digits. Values whose unscaled digits (padded to whole groups) fit in a long are
   * converted here; larger ones by the driver's converter.
   */
  private void numeric(BigDecimal v) {
    int scale = v.scale();
    long unscaled;
    int pad = scale <= 0 ? 0 : (4 - scale % 4) % 4;
    if (scale < 0 || v.precision() > 14) {
      byte[] n = ByteConverter.numeric(v);
      putInt(n.length);
      put(n, 0, n.length);
      return;
    }
    unscaled = v.unscaledValue().longValueExact() * POW10[pad];
    boolean negative = unscaled < 0;
    long u = Math.abs(unscaled);
    int n = 0;
    while (u != 0) {
      groups[n++] = (short) (u % 10_000);
      u /= 10_000;
    }
    int fracGroups = (scale + pad) / 4;
    int low = 0;
    while (low < n && groups[low] == 0) {
      low++;
    }
    int digits = n - low;
    putInt(8 + 2 * digits);
    putShort((short) digits);
    putShort((short) (digits == 0 ? 0 : n - fracGroups - 1));
    putShort((short) (negative ? 0x4000 : 0));
    putShort((short) scale);
    for (int i = n - 1; i >= low; i--) {
      putShort(groups[i]);
    }
  }

  /** A UTF-8 string field: its byte length, then its bytes (ASCII copied directly). */
  private void text(String s) {
    int n = s.length();
    ensure(4 + n);
    int at = len;
    len += 4;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch >= 0x80) {
        len = at + 4;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        put(b, 0, b.length);
        writeInt(at, b.length);
        return;
      }
      buf[len++] = (byte) ch;
    }
    writeInt(at, n);
  }

  private void putShort(short v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void putInt(int v) {
    ensure(4);
    writeInt(len, v);
    len += 4;
  }

  private void writeInt(int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  private void put(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
