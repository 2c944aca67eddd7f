package io.stratus.adapters.jdbc;

import io.stratus.finops.focus.CostRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes cost records as rows of PostgreSQL's binary COPY format (a header, per row a field count and each field as a
 * length and its value in the type's binary send format, a trailer). A row is the columns the store's SQL uses (source,
 * dedup key and hash, billing period, charge start, batch id) and the record itself packed in {@code payload} ({@link
 * CostPayload}): nine fields per row instead of sixty-three, so the server calls few input functions and logs less. Not
 * thread-safe: one encoder per stream.
 */
final class CopyBinary implements CostPayload.Sink {
  /** The columns a COPY row fills, in order. */
  static final String COLUMNS = "source_id, dedup_key, dedup_hash, billing_period_start_s, billing_period_end_s,"
      + " charge_period_start_s, batch_id, payload";

  /** The COPY statement for the binary format. */
  static final String COPY_SQL = "COPY stratus_cost_record (" + COLUMNS + ") FROM STDIN (FORMAT binary)";

  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
      0, 0, 0, 0, 0, 0, 0, 0};
  private static final short FIELDS = 8;

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
    int8(CostColumns.dedupHash(key));
    int8(r.billingPeriodStart().getEpochSecond());
    int8(r.billingPeriodEnd().getEpochSecond());
    int8(r.chargePeriodStart().getEpochSecond());
    int8(batchId);
    int at = reserve(4);
    CostPayload.encode(r, this);
    writeInt(at, len - at - 4);
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
