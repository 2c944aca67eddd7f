package io.stratus.adapters.jdbc;

import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.ByteConverter;

/**
 * Encodes cost records as rows of PostgreSQL's binary COPY format (a header, per row a field count and each field as a
 * length and its value in the type's binary send format, a trailer), in one of the two {@link CostRowLayout}s. A
 * {@link CostRowLayout#PACKED} row is the columns the store's SQL uses (source, dedup key and hash, billing period,
 * charge start, batch id) and the record itself packed in {@code payload} ({@link CostPayload}): eight fields per row,
 * so the server calls few input functions and logs less. A {@link CostRowLayout#COLUMNS} row fills every column of
 * {@link CostColumns#INSERT_COLUMNS}, driven by {@link CostColumns}: sixty-four fields, numerics in the server's
 * binary form, the tags also as {@code jsonb}. The server stores binary values without parsing them. Not thread-safe: one encoder per stream.
 */
final class CopyBinary implements CostPayload.Sink {
  /** The columns a packed COPY row fills, in order. */
  static final String PACKED_COLUMNS = "source_id, dedup_key, dedup_hash, billing_period_start_s,"
      + " billing_period_end_s, charge_period_start_s, batch_id, payload";

  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
      0, 0, 0, 0, 0, 0, 0, 0};
  private static final short PACKED_FIELDS = 8;
  private static final short COLUMN_FIELDS = (short) (3 + CostColumns.FOCUS.size() + 5);

  private final CostRowLayout layout;
  private byte[] buf;
  private int len;

  CopyBinary(CostRowLayout layout, int capacity) {
    this.layout = layout;
    this.buf = new byte[capacity];
  }

  /** The COPY statement of a layout, binary format. */
  static String copySql(CostRowLayout layout) {
    return "COPY stratus_cost_record (" + (layout == CostRowLayout.PACKED ? PACKED_COLUMNS
        : CostColumns.INSERT_COLUMNS) + ") FROM STDIN (FORMAT binary)";
  }

  /** Appends the file header (signature, flags, extension length); once, before the first row. */
  void header() {
    put(HEADER, 0, HEADER.length);
  }

  /** Appends the file trailer; once, after the last row. */
  void trailer() {
    putShort((short) -1);
  }

  /** Appends one record as a row of a batch, in this encoder's layout. */
  void row(String sourceId, long batchId, CostRecord r) {
    if (layout == CostRowLayout.PACKED) {
      packedRow(sourceId, batchId, r);
    } else {
      columnsRow(sourceId, batchId, r);
    }
  }

  /** The row's field count and the key columns both layouts start with: source, dedup key and its hash. */
  private void keyFields(short fields, String sourceId, CostRecord r) {
    putShort(fields);
    text(sourceId);
    String key = r.dedupKey();
    text(key);
    int8(CostColumns.dedupHash(key));
  }

  private void packedRow(String sourceId, long batchId, CostRecord r) {
    keyFields(PACKED_FIELDS, sourceId, r);
    int8(r.billingPeriodStart().getEpochSecond());
    int8(r.billingPeriodEnd().getEpochSecond());
    int8(r.chargePeriodStart().getEpochSecond());
    int8(batchId);
    int at = reserve(4);
    CostPayload.encode(r, this);
    writeInt(at, len - at - 4);
  }

  private void columnsRow(String sourceId, long batchId, CostRecord r) {
    keyFields(COLUMN_FIELDS, sourceId, r);
    for (CostColumns.Col c : CostColumns.FOCUS) {
      Object v = c.get().apply(r);
      if (v == null) {
        putInt(-1);
        continue;
      }
      switch (c.kind()) {
        case TEXT -> text((String) v);
        case DECIMAL -> numeric((BigDecimal) v);
        case INSTANT -> int8((Long) v);
      }
    }
    putInt(1);
    put((byte) (r.correction() ? 1 : 0));
    Map<String, String> tags = Codec.inKeyOrder(r.tags());   // sorted once, for both encodings
    nullableText(Codec.encodeSortedMap(tags));
    int8(batchId);
    nullableText(CostColumns.scales(r, false));
    jsonb(Codec.encodeSortedJson(tags));
  }

  /** A {@code jsonb} field in its binary form: format version 1, then the JSON text in UTF-8 (the server parses it). */
  private void jsonb(@Nullable String json) {
    if (json == null) {
      putInt(-1);
      return;
    }
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    putInt(b.length + 1);
    put((byte) 1);
    put(b, 0, b.length);
  }

  private void nullableText(@Nullable String s) {
    if (s == null) {
      putInt(-1);
    } else {
      text(s);
    }
  }

  private static final long[] POW10 = {1, 10, 100, 1_000};
  private final short[] groups = new short[8];

  /**
   * A numeric field in the server's binary form: digit count, weight (of the first base-10,000 digit), sign, display
   * scale, then the base-10,000 digits. Values whose unscaled digits (padded to whole groups) fit in a long are
   * converted here; larger ones, and negative scales (which {@code NUMERIC} does not have; the row's {@code
   * decimal_scales} keeps them), by the driver's converter.
   */
  private void numeric(BigDecimal v) {
    int scale = v.scale();
    if (scale < 0 || v.precision() > 14) {
      byte[] n = ByteConverter.numeric(v);
      putInt(n.length);
      put(n, 0, n.length);
      return;
    }
    int pad = (4 - scale % 4) % 4;
    long unscaled = v.unscaledValue().longValueExact() * POW10[pad];
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

  private void int8(long v) {
    putInt(8);
    putLong(v);
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

  @Override
  public void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  @Override
  public int reserve(int n) {
    ensure(n);
    int at = len;
    len += n;
    return at;
  }

  @Override
  public void set(int at, byte b) {
    buf[at] = b;
  }

  @Override
  public void put(byte[] b, int off, int n) {
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
