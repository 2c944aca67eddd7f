package io.stratus.finops.focus;

/**
 * The cells of one data row, by column index. Either eager (an array of strings) or lazy: backed by a batch's
 * character buffer, a cell becomes a String (interned per column) only when a format reads it, so the columns no
 * format maps cost nothing. Not thread-safe; reused across rows.
 */
final class Row {
  private final Header header;
  private String[] cells = new String[0];
  private int size;
  private long number;
  private int invalid = -2;
  private char[] chars;
  private int[] starts;
  private int[] ends;
  private int first;
  private CsvEngine.Interner[] interners;
  private int[] stamps = new int[0];
  private int stamp;
  private final java.util.List<Deviation> deviations = new java.util.ArrayList<>(2);

  Row(Header header) {
    this.header = header;
  }

  void reset(long number, String[] values, int size) {
    this.number = number;
    this.cells = values;
    this.size = size;
    this.invalid = -2;
    this.chars = null;
    deviations.clear();
  }

  /**
   * Points the row at fields {@code first .. first + size - 1} of a character buffer.
   *
   * @param firstInvalid the first cell holding U+FFFD, or -1 for none
   */
  void resetLazy(
      long number, char[] chars, int[] starts, int[] ends, int first, int size, CsvEngine.Interner[] interners,
      int firstInvalid) {
    this.number = number;
    this.chars = chars;
    this.starts = starts;
    this.ends = ends;
    this.first = first;
    this.size = size;
    this.interners = interners;
    this.invalid = firstInvalid;
    deviations.clear();
    if (cells.length < size || stamps.length < size) {
      cells = new String[Math.max(size, 16)];
      stamps = new int[cells.length];
    }
    if (++stamp == 0) {
      java.util.Arrays.fill(stamps, 0);
      stamp = 1;
    }
  }

  /** Notes that the row deviates from FOCUS in a way the reader accepts (see {@link ConformanceFinding}). */
  void deviate(Deviation d) {
    deviations.add(d);
  }

  /** The deviations noted for the current row; empty for most rows. */
  java.util.List<Deviation> deviations() {
    return deviations;
  }

  long number() {
    return number;
  }

  Header header() {
    return header;
  }

  private String cell(int column) {
    if (chars == null) {
      return cells[column];
    }
    if (stamps[column] == stamp) {
      return cells[column];
    }
    int from = starts[first + column];
    int to = ends[first + column];
    String s;
    if (from == to) {
      s = "";
    } else if (column < interners.length && interners[column].active()) {
      int h = 0;
      for (int c = from; c < to; c++) {
        h = 31 * h + chars[c];
      }
      s = interners[column].get(chars, from, to, h);
    } else {
      s = new String(chars, from, to - from);
    }
    cells[column] = s;
    stamps[column] = stamp;
    return s;
  }

  /** The trimmed value, or null when the column is absent, empty, or the literal {@code NULL}. */
  String get(int column) {
    if (column < 0 || column >= size) {
      return null;
    }
    String v = cell(column);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.charAt(0) <= ' ' || v.charAt(v.length() - 1) <= ' ') {
      v = v.trim();
      if (v.isEmpty()) {
        return null;
      }
    }
    if (v.length() == 4 && (v.equals("NULL") || v.equals("null"))) {
      return null;
    }
    return v;
  }

  /**
   * The cell as an exact decimal parsed straight from the characters of a lazy row when it is a plain decimal of at
   * most 18 digits (optional sign, digits, optional point): the same value and scale as {@code new BigDecimal(text)}
   * without building the text. Null when the cell is absent or empty; {@link #NOT_FAST} when the cell must be parsed
   * from its text (other forms, longer numbers, eager rows, or not a number).
   */
  java.math.BigDecimal fastDecimal(int column) {
    if (column < 0 || column >= size) {
      return null;
    }
    if (chars == null || stamps[column] == stamp) {
      return NOT_FAST;
    }
    int from = starts[first + column];
    int to = ends[first + column];
    while (from < to && chars[from] <= ' ') {
      from++;
    }
    while (to > from && chars[to - 1] <= ' ') {
      to--;
    }
    if (from == to) {
      return null;
    }
    int i = from;
    boolean negative = false;
    if (chars[i] == '-' || chars[i] == '+') {
      negative = chars[i] == '-';
      i++;
    }
    long unscaled = 0;
    int digits = 0;
    int scale = -1;
    for (; i < to; i++) {
      char c = chars[i];
      if (c >= '0' && c <= '9') {
        if (++digits > 18) {
          return NOT_FAST;
        }
        unscaled = unscaled * 10 + (c - '0');
        if (scale >= 0) {
          scale++;
        }
      } else if (c == '.' && scale < 0) {
        scale = 0;
      } else {
        return NOT_FAST;
      }
    }
    if (digits == 0) {
      return NOT_FAST;
    }
    return java.math.BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
  }

  /** Marker of {@link #fastDecimal}: parse the text instead. */
  static final java.math.BigDecimal NOT_FAST = new java.math.BigDecimal("-0.123456789e-99");

  int numberOfCells() {
    return size;
  }

  /**
   * The first column whose text holds U+FFFD (an undecodable byte), U+0000, U+FFFE or the {@link FieldLimiter#MARK}
   * of a cut field, or -1.
   */
  int firstInvalidText() {
    if (invalid >= -1) {
      return invalid;
    }
    for (int i = 0; i < size; i++) {
      String v = cells[i];
      if (v != null) {
        for (int k = 0; k < v.length(); k++) {
          if ((char) (v.charAt(k) + 3) <= 3) {
            return i;
          }
        }
      }
    }
    return -1;
  }

  /** The untrimmed text of a cell (empty when absent). */
  String text(int column) {
    if (column < 0 || column >= size) {
      return "";
    }
    String v = cell(column);
    return v == null ? "" : v;
  }

  /** The value, failing the row when it is missing. */
  String require(int column) throws RowException {
    String v = get(column);
    if (v == null) {
      throw new RowException(header.name(column), "missing mandatory value", "");
    }
    return v;
  }
}
