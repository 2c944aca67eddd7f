package io.stratus.adapters.jdbc;

import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packed form of a cost record in {@code stratus_cost_record.payload} (schema V11, written by the PostgreSQL COPY
 * path): every FOCUS column, the correction flag and the tags in one {@code bytea}, so that the server handles nine
 * columns per row instead of sixty-three. Layout: version byte {@code 1}; a presence bitmap of {@link
 * CostColumns#FOCUS}'s columns (bit {@code i} of byte {@code i / 8}); flags (bit 0 correction); each present column
 * in {@code FOCUS} order (text: varint UTF-8 length and bytes; instant: zigzag varint epoch seconds; decimal: zigzag
 * varint scale, then a zigzag varint unscaled value, or for values outside ±2^62 the marker {@code Long.MIN_VALUE}
 * as zigzag varint and the unscaled two's-complement bytes with a varint length); then the tags as a varint count and
 * key/value texts in key order. Stateless.
 */
final class CostPayload {
  static final byte VERSION = 1;
  private static final int COLUMNS = CostColumns.FOCUS.size();
  private static final int BITMAP = (COLUMNS + 7) / 8;
  private static final long BIG = Long.MIN_VALUE;

  private CostPayload() {}

  /** An append-only byte sink (the COPY encoder's buffer). */
  interface Sink {
    /** Appends a byte. */
    void put(byte b);

    /** Appends bytes. */
    void put(byte[] b, int off, int n);

    /** Reserves n bytes and returns their position, for a bitmap filled in afterwards. */
    int reserve(int n);

    /** Overwrites a reserved byte. */
    void set(int at, byte b);
  }

  /** Appends a record's payload. */
  static void encode(CostRecord r, Sink out) {
    out.put(VERSION);
    int bitmap = out.reserve(BITMAP);
    byte[] bits = new byte[BITMAP];
    out.put((byte) (r.correction() ? 1 : 0));
    int i = 0;
    for (CostColumns.Col c : CostColumns.FOCUS) {
      Object v = c.get().apply(r);
      if (v != null) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
        switch (c.kind()) {
          case TEXT -> text(out, (String) v);
          case INSTANT -> varint(out, zigzag((Long) v));
          case DECIMAL -> decimal(out, (BigDecimal) v);
        }
      }
      i++;
    }
    for (int b = 0; b < BITMAP; b++) {
      out.set(bitmap + b, bits[b]);
    }
    Map<String, String> tags = r.tags();
    varint(out, tags.size());
    for (Map.Entry<String, String> e : (tags.size() > 1 ? new TreeMap<>(tags) : tags).entrySet()) {
      text(out, e.getKey());
      text(out, e.getValue());
    }
  }

  private static void decimal(Sink out, BigDecimal v) {
    varint(out, zigzag(v.scale()));
    BigInteger u = v.unscaledValue();
    if (u.bitLength() <= 62) {
      varint(out, zigzag(u.longValue()));
    } else {
      varint(out, zigzag(BIG));
      byte[] b = u.toByteArray();
      varint(out, b.length);
      out.put(b, 0, b.length);
    }
  }

  private static void text(Sink out, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(out, b.length);
        out.put(b, 0, b.length);
        return;
      }
    }
    varint(out, n);
    for (int i = 0; i < n; i++) {
      out.put((byte) s.charAt(i));
    }
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static void varint(Sink out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.put((byte) v);
  }

  /**
   * Decodes a payload.
   *
   * @throws IllegalStateException if the bytes are not a payload of a known version or do not make a valid record
   */
  static CostRecord decode(byte[] p) {
    Reader in = new Reader(p);
    try {
      byte version = in.b();
      if (version != VERSION) {
        throw new IllegalStateException("stratus_cost_record.payload has version " + version + "; this stratus-jdbc"
            + " reads version " + VERSION);
      }
      int bitmap = in.pos;
      in.pos += BITMAP;
      byte flags = in.b();
      CostRecord.Builder b = CostRecord.builder();
      int i = 0;
      for (CostColumns.Col c : CostColumns.FOCUS) {
        if ((p[bitmap + (i >>> 3)] & (1 << (i & 7))) != 0) {
          Object v = switch (c.kind()) {
            case TEXT -> in.text();
            case INSTANT -> unzigzag(in.varint());
            case DECIMAL -> in.decimal();
          };
          c.set().accept(b, v);
        }
        i++;
      }
      b.correction((flags & 1) != 0);
      int tags = (int) in.varint();
      for (int t = 0; t < tags; t++) {
        b.tag(in.text(), in.text());
      }
      if (in.pos != p.length) {
        throw new IllegalStateException("stratus_cost_record.payload has " + (p.length - in.pos)
            + " trailing byte(s)");
      }
      return b.build();
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalStateException("stratus_cost_record.payload is truncated (" + p.length + " bytes)", e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException("stratus_cost_record.payload is not a valid cost record: " + e.getMessage(), e);
    }
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** A cursor over a payload. Not thread-safe. */
  private static final class Reader {
    private final byte[] p;
    private int pos;

    Reader(byte[] p) {
      this.p = p;
    }

    byte b() {
      return p[pos++];
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte x = p[pos++];
        v |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new IllegalStateException("stratus_cost_record.payload has a malformed varint at byte " + pos);
    }

    String text() {
      int n = (int) varint();
      String s = new String(p, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    BigDecimal decimal() {
      int scale = (int) unzigzag(varint());
      long u = unzigzag(varint());
      if (u != BIG) {
        return BigDecimal.valueOf(u, scale);
      }
      int n = (int) varint();
      byte[] b = java.util.Arrays.copyOfRange(p, pos, pos + n);
      pos += n;
      return new BigDecimal(new BigInteger(b), scale);
    }
  }
}
