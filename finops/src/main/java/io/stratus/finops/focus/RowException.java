package io.stratus.finops.focus;

/** One row cannot be normalized; becomes a {@link Rejection}. No stack trace: rejections can be frequent. */
final class RowException extends Exception {
  private static final long serialVersionUID = 1L;

  final String column;
  final String reason;
  final String value;

  RowException(String column, String reason, String value) {
    super(column + ": " + reason, null, false, false);
    this.column = column;
    this.reason = reason;
    this.value = value == null ? "" : value;
  }
}
