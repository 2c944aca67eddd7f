package io.stratus.finops.focus;

import java.io.IOException;
import java.io.Reader;

/**
 * Caps the length of CSV fields and records before the tokenizer sees them, so that one oversized field rejects its
 * row instead of aborting the whole file (the tokenizer gives up on a record beyond its buffer). A field longer than
 * {@link #FIELD_LIMIT} characters, or any field once its record passed {@link #RECORD_LIMIT}, is cut and ends with
 * {@link #MARK}, a noncharacter that the engine rejects the row for; quoting stays well formed (a cut quoted field is
 * closed). Tracks RFC 4180 quoting: separators and line breaks inside quotes do not end a field. Not thread-safe.
 */
final class FieldLimiter extends Reader {
  /** The longest field kept whole, in characters. */
  static final int FIELD_LIMIT = 1 << 20;

  /** The longest record kept whole, in characters (well below the tokenizer's 16 Mi-character buffer). */
  static final int RECORD_LIMIT = 1 << 23;

  /** Marks a cut field. */
  static final char MARK = '\uFFFF';

  private final Reader in;
  private final int fieldLimit;
  private final int recordLimit;
  private char[] buf = new char[1 << 16];
  private int pos;
  private int end;
  private boolean eof;
  private boolean inQuotes;
  private boolean fieldQuoted;
  private boolean cutting;
  private int fieldLength;
  private int recordLength;
  private int cap;

  FieldLimiter(Reader in) {
    this(in, FIELD_LIMIT, RECORD_LIMIT);
  }

  FieldLimiter(Reader in, int fieldLimit, int recordLimit) {
    this.in = in;
    this.fieldLimit = fieldLimit;
    this.recordLimit = recordLimit;
    this.cap = fieldLimit;
  }

  /**
   * Reads straight into {@code out} and only scans it, the common case: no field in the chunk reaches its cap. When
   * one does, the scan's state is rolled back and the chunk is processed again by {@link #copying}, which cuts.
   */
  @Override
  public int read(char[] out, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos < end || cutting || eof) {
      return copying(out, off, len);
    }
    int n = in.read(out, off, len);
    if (n < 0) {
      eof = true;
      return -1;
    }
    boolean quotes = inQuotes;
    boolean quoted = fieldQuoted;
    int field = fieldLength;
    int record = recordLength;
    int limit = cap;
    for (int i = off, stop = off + n; i < stop; i++) {
      char c = out[i];
      if (c > '"' && c != ',') {
        if (field >= limit) {
          return rescan(out, off, n);
        }
        field++;
      } else if (!quotes && (c == ',' || c == '\n' || c == '\r')) {
        if (c == ',') {
          record += field + 1;
          limit = Math.max(0, Math.min(fieldLimit, recordLimit - record));
        } else {
          record = 0;
          limit = fieldLimit;
        }
        field = 0;
        quoted = false;
      } else {
        if (field >= limit) {
          return rescan(out, off, n);
        }
        if (c == '"') {
          if (field == 0 && !quotes) {
            quoted = true;
          }
          quotes = !quotes;
        }
        field++;
      }
    }
    inQuotes = quotes;
    fieldQuoted = quoted;
    fieldLength = field;
    recordLength = record;
    cap = limit;
    return n;
  }

  /** Processes a chunk already read into {@code out} again, cutting: the state is still the chunk's start state. */
  private int rescan(char[] out, int off, int n) throws IOException {
    if (buf.length < n) {
      buf = new char[n];
    }
    System.arraycopy(out, off, buf, 0, n);
    pos = 0;
    end = n;
    return copying(out, off, n);
  }

  /** Copies from the internal buffer to {@code out}, cutting fields over their cap. */
  private int copying(char[] out, int off, int len) throws IOException {
    int w = off;
    int max = off + len;
    while (w < max) {
      if (pos == end) {
        if (eof || w > off) {
          break;
        }
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
          eof = true;
          if (cutting && fieldQuoted) {
            out[w++] = '"';
          }
          cutting = false;
          break;
        }
        pos = 0;
        end = n;
        continue;
      }
      char c = buf[pos];
      if (!cutting) {
        if (c > '"' && c != ',' && fieldLength < cap) {
          out[w++] = c;
          fieldLength++;
          pos++;
          continue;
        }
        if (!inQuotes && (c == ',' || c == '\n' || c == '\r')) {
          endField(c);
          out[w++] = c;
          pos++;
          continue;
        }
        if (fieldLength >= cap) {
          boolean reopen = fieldQuoted && !inQuotes;
          if (w + (reopen ? 2 : 1) > max) {
            break;
          }
          if (reopen) {
            out[w++] = '"';
          }
          out[w++] = MARK;
          cutting = true;
          continue;
        }
        if (c == '"') {
          if (fieldLength == 0 && !inQuotes) {
            fieldQuoted = true;
          }
          inQuotes = !inQuotes;
        }
        out[w++] = c;
        fieldLength++;
        pos++;
      } else {
        if (c == '"') {
          inQuotes = !inQuotes;
          pos++;
        } else if (!inQuotes && (c == ',' || c == '\n' || c == '\r')) {
          if (w + (fieldQuoted ? 2 : 1) > max) {
            break;
          }
          if (fieldQuoted) {
            out[w++] = '"';
          }
          cutting = false;
          endField(c);
          out[w++] = c;
          pos++;
        } else {
          pos++;
        }
      }
    }
    return w == off && eof ? -1 : w - off;
  }

  private void endField(char c) {
    if (c == ',') {
      recordLength += fieldLength + 1;
      cap = Math.max(0, Math.min(fieldLimit, recordLimit - recordLength));
    } else {
      recordLength = 0;
      cap = fieldLimit;
    }
    fieldLength = 0;
    fieldQuoted = false;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
