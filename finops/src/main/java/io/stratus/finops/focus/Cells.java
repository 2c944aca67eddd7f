package io.stratus.finops.focus;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.Arrays;

/**
 * Turns the fields FastCSV hands out (as char ranges, quotes already removed) into one {@code String[]} per record,
 * and notes the first field holding U+FFFD (an undecodable byte). Cells of columns that repeat their values (accounts,
 * services, regions, dates, units, rates...) are interned per column without building a String for a repeat, which
 * spares most of the per-cell allocation and hands the later dictionary lookups strings with cached hash codes.
 * Not thread-safe; one per read.
 */
final class Cells extends AbstractBaseCsvCallbackHandler<String[]> {
  private String[] fields = new String[64];
  private Interner[] interners = new Interner[0];
  private int firstInvalid = -1;

  /** Enables per-column interning for the first {@code width} columns (the header's). */
  void intern(int width) {
    interners = new Interner[width];
    for (int i = 0; i < width; i++) {
      interners[i] = new Interner();
    }
  }

  /** The first field of the last record holding U+FFFD, or -1. */
  int firstInvalid() {
    return firstInvalid;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    firstInvalid = -1;
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int length, boolean quoted) {
    if (index >= fields.length) {
      fields = Arrays.copyOf(fields, Math.max(index + 1, fields.length * 2));
    }
    String s;
    if (length == 0) {
      s = "";
    } else if (index < interners.length && interners[index].active()) {
      int h = 0;
      boolean invalid = false;
      for (int i = offset, end = offset + length; i < end; i++) {
        char c = buf[i];
        h = 31 * h + c;
        invalid |= c == '\uFFFD';
      }
      if (invalid && firstInvalid < 0) {
        firstInvalid = index;
      }
      s = interners[index].get(buf, offset, length, h);
    } else {
      s = new String(buf, offset, length);
      if (firstInvalid < 0 && s.indexOf('\uFFFD') >= 0) {
        firstInvalid = index;
      }
    }
    fields[index] = s;
  }

  @Override
  protected String[] buildRecord() {
    return Arrays.copyOf(fields, getFieldCount());
  }

  /**
   * A direct-mapped cache of one column's recent values. It switches itself off for the rest of the file when fewer
   * than half of the first lookups hit (identifiers, amounts): there it would only cost time.
   */
  static final class Interner {
    private static final int SLOTS = 1024;
    private static final int PROBE = 8192;
    private final String[] values = new String[SLOTS];
    private final char[][] keys = new char[SLOTS][];
    private int lookups;
    private int hits;
    private boolean active = true;

    boolean active() {
      return active;
    }

    String get(char[] buf, int offset, int length, int hash) {
      int slot = (hash ^ (hash >>> 10) ^ (hash >>> 20)) & (SLOTS - 1);
      char[] key = keys[slot];
      String s;
      boolean hit = key != null && Arrays.equals(key, 0, key.length, buf, offset, offset + length);
      if (hit) {
        s = values[slot];
      } else {
        s = new String(buf, offset, length);
        keys[slot] = Arrays.copyOfRange(buf, offset, offset + length);
        values[slot] = s;
      }
      if (lookups < PROBE) {
        lookups++;
        hits += hit ? 1 : 0;
        if (lookups == PROBE && hits < PROBE / 2) {
          active = false;
          Arrays.fill(keys, null);
          Arrays.fill(values, null);
        }
      }
      return s;
    }
  }
}
