package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

/** Value parsing shared by the readers, with small caches for the values that repeat. Not thread-safe. */
final class Parse {
  private final Map<String, Instant> instants = new HashMap<>();
  private final Map<String, Currency> currencies = new HashMap<>();
  /** Per column, the last text parsed and its value: a cell read twice (reconciliation, then mapping) or repeated. */
  private String[] lastText = new String[0];
  private BigDecimal[] lastValue = new BigDecimal[0];

  BigDecimal decimal(Row row, int column) throws RowException {
    BigDecimal fast = row.fastDecimal(column);
    if (fast != Row.NOT_FAST) {
      return fast;
    }
    String v = row.get(column);
    if (v == null) {
      return null;
    }
    if (column >= lastText.length) {
      int n = Math.max(column + 1, row.header().size());
      lastText = java.util.Arrays.copyOf(lastText, n);
      lastValue = java.util.Arrays.copyOf(lastValue, n);
    }
    if (lastText[column] != null && lastText[column].equals(v)) {
      return lastValue[column];
    }
    BigDecimal d = decimal(row.header().name(column), v);
    lastText[column] = v;
    lastValue[column] = d;
    return d;
  }

  /**
   * The column's amount for the source-side reconciliation total: a number, or null when the cell is empty or not
   * a number (such a row is rejected by the mapping and reported there).
   */
  BigDecimal sourceAmount(Row row, int column) {
    try {
      return decimal(row, column);
    } catch (RowException e) {
      return null;
    }
  }

  BigDecimal requireDecimal(Row row, int column) throws RowException {
    BigDecimal d = decimal(row, column);
    if (d == null) {
      row.require(column);
    }
    return d;
  }

  static BigDecimal decimal(String column, String v) throws RowException {
    BigDecimal d;
    if (v.length() > 64) {
      throw new RowException(column, "number out of range: longer than 64 characters", v.substring(0, 40) + "...");
    }
    try {
      d = new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw new RowException(column, "bad number", v);
    }
    if (d.signum() != 0 && d.precision() - d.scale() > FocusColumn.MAX_INTEGER_DIGITS) {
      throw new RowException(
          column, "number out of range: at most " + FocusColumn.MAX_INTEGER_DIGITS + " digits before the decimal point"
              + " (DECIMAL(38, 18))", v.length() > 40 ? v.substring(0, 40) + "..." : v);
    }
    return d;
  }

  Currency currency(Row row, int column) throws RowException {
    String v = row.require(column);
    Currency c = currencies.get(v);
    if (c == null) {
      try {
        c = Currency.getInstance(v.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new RowException(row.header().name(column), "unknown currency", v);
      }
      currencies.put(v, c);
    }
    return c;
  }

  Instant instant(Row row, int column) throws RowException {
    String v = row.get(column);
    return v == null ? null : instant(row.header().name(column), v);
  }

  Instant requireInstant(Row row, int column) throws RowException {
    return instant(row.header().name(column), row.require(column));
  }

  Instant instant(String column, String v) throws RowException {
    Instant cached = instants.get(v);
    if (cached != null) {
      return cached;
    }
    Instant i = parseInstant(column, v);
    if (instants.size() > 8192) {
      instants.clear();
    }
    instants.put(v, i);
    return i;
  }

  /**
   * ISO 8601 with or without zone (UTC assumed), {@code yyyy-MM-dd HH:mm:ss[ UTC]}, a date alone, or the US
   * {@code M/d/yyyy} form of Azure exports.
   */
  static Instant parseInstant(String column, String v) throws RowException {
    try {
      if (v.indexOf('/') > 0) {
        String[] p = v.split("/", -1);
        if (p.length != 3) {
          throw new RowException(column, "bad date", v);
        }
        String yearPart = p[2].trim();
        int space = yearPart.indexOf(' ');
        if (space > 0) {
          yearPart = yearPart.substring(0, space);
        }
        return LocalDate.of(Integer.parseInt(yearPart), Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()))
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
      }
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      String s = v;
      if (s.endsWith(" UTC")) {
        s = s.substring(0, s.length() - 4) + "Z";
      }
      if (s.length() > 10 && s.charAt(10) == ' ') {
        s = s.substring(0, 10) + 'T' + s.substring(11);
      }
      char last = s.charAt(s.length() - 1);
      boolean zoned = last == 'Z' || last == 'z' || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
      if (!zoned) {
        s = s + "Z";
      }
      return OffsetDateTime.parse(s).toInstant();
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw new RowException(column, "bad date/time", v);
    }
  }
}
