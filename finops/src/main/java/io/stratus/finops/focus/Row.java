package io.stratus.finops.focus;

/** The cells of one data row, by column index. Not thread-safe; reused across rows. */
final class Row {
  private final Header header;
  private String[] cells = new String[0];
  private int size;
  private long number;
  private int invalid = -2;

  Row(Header header) {
    this.header = header;
  }

  void reset(long number, String[] values, int size) {
    reset(number, values, size, -2);
  }

  /**
   * Points the row at new cells.
   *
   * @param firstInvalid the first cell holding U+FFFD, -1 for none, or -2 when not known (then it is searched)
   */
  void reset(long number, String[] values, int size, int firstInvalid) {
    this.number = number;
    this.cells = values;
    this.size = size;
    this.invalid = firstInvalid;
  }

  long number() {
    return number;
  }

  Header header() {
    return header;
  }

  /** The trimmed value, or null when the column is absent, empty, or the literal {@code NULL}. */
  String get(int column) {
    if (column < 0 || column >= size) {
      return null;
    }
    String v = cells[column];
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

  int numberOfCells() {
    return size;
  }

  /** The first column whose text holds U+FFFD (an undecodable byte), or -1. */
  int firstInvalidText() {
    if (invalid >= -1) {
      return invalid;
    }
    for (int i = 0; i < size; i++) {
      String v = cells[i];
      if (v != null && v.indexOf('\uFFFD') >= 0) {
        return i;
      }
    }
    return -1;
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
