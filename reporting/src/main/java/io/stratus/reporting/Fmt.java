package io.stratus.reporting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number, money and date formatting for reports, fixed to English and UTC so output is reproducible. Stateless. */
final class Fmt {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Fmt() {}

  static String money(BigDecimal amount, String currency) {
    String n = grouped(amount.setScale(2, RoundingMode.HALF_EVEN));
    if ("USD".equals(currency)) {
      return amount.signum() < 0 ? "-$" + n.substring(1) : "$" + n;
    }
    return n + " " + currency;
  }

  static String grouped(BigDecimal v) {
    DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    return f.format(v);
  }

  static String number(double v) {
    DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    return f.format(v);
  }

  /** A plain decimal for a numeric table cell, two decimals. */
  static String cell(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String cell(double v) {
    return cell(BigDecimal.valueOf(v));
  }

  /** Percent of part in whole, as a plain decimal cell, or empty when the whole is zero. */
  static String share(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0 ? "" : cell(part.multiply(BigDecimal.valueOf(100)).divide(whole,
        MathContext.DECIMAL64));
  }

  static String signedPercent(BigDecimal ratio) {
    BigDecimal p = ratio.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_EVEN);
    return (p.signum() > 0 ? "+" : "") + p.toPlainString() + "%";
  }

  static String day(Instant t) {
    return DAY.format(t);
  }

  static String minute(Instant t) {
    return MINUTE.format(t);
  }
}
