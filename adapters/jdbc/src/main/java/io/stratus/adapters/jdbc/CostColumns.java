package io.stratus.adapters.jdbc;

import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The columns of {@code stratus_cost_record} and how each maps to a {@link CostRecord}: one table drives the COPY
 * encoder, the JDBC batch binder and the row decoder, so that they cannot disagree. Immutable.
 */
final class CostColumns {
  /** How a column is stored. */
  enum Kind {
    TEXT,
    DECIMAL,
    INSTANT
  }

  /** One FOCUS column: its SQL name, storage kind, and the accessors on records and builders. */
  record Col(String name, Kind kind, Function<CostRecord, @Nullable Object> get, BiConsumer<CostRecord.Builder, Object> set) {}

  /** Every FOCUS column but ChargeClass (stored as {@code correction}) and Tags (stored as {@code tags}). */
  static final List<Col> FOCUS = List.of(
      col("billed_cost", Kind.DECIMAL, CostRecord::billedCost,
          (b, v) -> b.billedCost((BigDecimal) v)),
      col("effective_cost", Kind.DECIMAL, CostRecord::effectiveCost,
          (b, v) -> b.effectiveCost((BigDecimal) v)),
      col("list_cost", Kind.DECIMAL, CostRecord::listCost,
          (b, v) -> b.listCost((BigDecimal) v)),
      col("contracted_cost", Kind.DECIMAL, CostRecord::contractedCost,
          (b, v) -> b.contractedCost((BigDecimal) v)),
      col("billing_currency", Kind.TEXT, r -> r.billingCurrency().getCurrencyCode(),
          (b, v) -> b.billingCurrency(Currency.getInstance((String) v))),
      col("billing_account_id", Kind.TEXT, CostRecord::billingAccountId,
          (b, v) -> b.billingAccountId((String) v)),
      col("billing_account_name", Kind.TEXT, CostRecord::billingAccountName,
          (b, v) -> b.billingAccountName((String) v)),
      col("billing_account_type", Kind.TEXT, CostRecord::billingAccountType,
          (b, v) -> b.billingAccountType((String) v)),
      col("billing_period_start_s", Kind.INSTANT, r -> r.billingPeriodStart().getEpochSecond(),
          (b, v) -> b.billingPeriodStart(Instant.ofEpochSecond((Long) v))),
      col("billing_period_end_s", Kind.INSTANT, r -> r.billingPeriodEnd().getEpochSecond(),
          (b, v) -> b.billingPeriodEnd(Instant.ofEpochSecond((Long) v))),
      col("charge_period_start_s", Kind.INSTANT, r -> r.chargePeriodStart().getEpochSecond(),
          (b, v) -> b.chargePeriodStart(Instant.ofEpochSecond((Long) v))),
      col("charge_period_end_s", Kind.INSTANT, r -> r.chargePeriodEnd().getEpochSecond(),
          (b, v) -> b.chargePeriodEnd(Instant.ofEpochSecond((Long) v))),
      col("charge_description", Kind.TEXT, CostRecord::chargeDescription,
          (b, v) -> b.chargeDescription((String) v)),
      col("provider_name", Kind.TEXT, CostRecord::providerName,
          (b, v) -> b.providerName((String) v)),
      col("publisher_name", Kind.TEXT, CostRecord::publisherName,
          (b, v) -> b.publisherName((String) v)),
      col("invoice_issuer_name", Kind.TEXT, CostRecord::invoiceIssuerName,
          (b, v) -> b.invoiceIssuerName((String) v)),
      col("invoice_id", Kind.TEXT, CostRecord::invoiceId,
          (b, v) -> b.invoiceId((String) v)),
      col("sub_account_id", Kind.TEXT, CostRecord::subAccountId,
          (b, v) -> b.subAccountId((String) v)),
      col("sub_account_name", Kind.TEXT, CostRecord::subAccountName,
          (b, v) -> b.subAccountName((String) v)),
      col("sub_account_type", Kind.TEXT, CostRecord::subAccountType,
          (b, v) -> b.subAccountType((String) v)),
      col("region_id", Kind.TEXT, CostRecord::regionId,
          (b, v) -> b.regionId((String) v)),
      col("region_name", Kind.TEXT, CostRecord::regionName,
          (b, v) -> b.regionName((String) v)),
      col("availability_zone", Kind.TEXT, CostRecord::availabilityZone,
          (b, v) -> b.availabilityZone((String) v)),
      col("service_name", Kind.TEXT, CostRecord::serviceName,
          (b, v) -> b.serviceName((String) v)),
      col("service_category", Kind.TEXT, CostRecord::serviceCategory,
          (b, v) -> b.serviceCategory((String) v)),
      col("service_subcategory", Kind.TEXT, CostRecord::serviceSubcategory,
          (b, v) -> b.serviceSubcategory((String) v)),
      col("resource_id", Kind.TEXT, CostRecord::resourceId,
          (b, v) -> b.resourceId((String) v)),
      col("resource_name", Kind.TEXT, CostRecord::resourceName,
          (b, v) -> b.resourceName((String) v)),
      col("resource_type", Kind.TEXT, CostRecord::resourceType,
          (b, v) -> b.resourceType((String) v)),
      col("sku_id", Kind.TEXT, CostRecord::skuId,
          (b, v) -> b.skuId((String) v)),
      col("sku_price_id", Kind.TEXT, CostRecord::skuPriceId,
          (b, v) -> b.skuPriceId((String) v)),
      col("sku_meter", Kind.TEXT, CostRecord::skuMeter,
          (b, v) -> b.skuMeter((String) v)),
      col("sku_price_details", Kind.TEXT, CostRecord::skuPriceDetails,
          (b, v) -> b.skuPriceDetails((String) v)),
      col("pricing_currency", Kind.TEXT, CostRecord::pricingCurrency,
          (b, v) -> b.pricingCurrency((String) v)),
      col("pricing_currency_contracted_unit_price", Kind.DECIMAL, CostRecord::pricingCurrencyContractedUnitPrice,
          (b, v) -> b.pricingCurrencyContractedUnitPrice((BigDecimal) v)),
      col("pricing_currency_effective_cost", Kind.DECIMAL, CostRecord::pricingCurrencyEffectiveCost,
          (b, v) -> b.pricingCurrencyEffectiveCost((BigDecimal) v)),
      col("pricing_currency_list_unit_price", Kind.DECIMAL, CostRecord::pricingCurrencyListUnitPrice,
          (b, v) -> b.pricingCurrencyListUnitPrice((BigDecimal) v)),
      col("pricing_category", Kind.TEXT, CostRecord::pricingCategory,
          (b, v) -> b.pricingCategory((String) v)),
      col("pricing_quantity", Kind.DECIMAL, CostRecord::pricingQuantity,
          (b, v) -> b.pricingQuantity((BigDecimal) v)),
      col("pricing_unit", Kind.TEXT, CostRecord::pricingUnit,
          (b, v) -> b.pricingUnit((String) v)),
      col("list_unit_price", Kind.DECIMAL, CostRecord::listUnitPrice,
          (b, v) -> b.listUnitPrice((BigDecimal) v)),
      col("contracted_unit_price", Kind.DECIMAL, CostRecord::contractedUnitPrice,
          (b, v) -> b.contractedUnitPrice((BigDecimal) v)),
      col("consumed_quantity", Kind.DECIMAL, CostRecord::consumedQuantity,
          (b, v) -> b.consumedQuantity((BigDecimal) v)),
      col("consumed_unit", Kind.TEXT, CostRecord::consumedUnit,
          (b, v) -> b.consumedUnit((String) v)),
      col("commitment_discount_id", Kind.TEXT, CostRecord::commitmentDiscountId,
          (b, v) -> b.commitmentDiscountId((String) v)),
      col("commitment_discount_name", Kind.TEXT, CostRecord::commitmentDiscountName,
          (b, v) -> b.commitmentDiscountName((String) v)),
      col("commitment_discount_category", Kind.TEXT, CostRecord::commitmentDiscountCategory,
          (b, v) -> b.commitmentDiscountCategory((String) v)),
      col("commitment_discount_type", Kind.TEXT, CostRecord::commitmentDiscountType,
          (b, v) -> b.commitmentDiscountType((String) v)),
      col("commitment_discount_status", Kind.TEXT, CostRecord::commitmentDiscountStatus,
          (b, v) -> b.commitmentDiscountStatus((String) v)),
      col("commitment_discount_quantity", Kind.DECIMAL, CostRecord::commitmentDiscountQuantity,
          (b, v) -> b.commitmentDiscountQuantity((BigDecimal) v)),
      col("commitment_discount_unit", Kind.TEXT, CostRecord::commitmentDiscountUnit,
          (b, v) -> b.commitmentDiscountUnit((String) v)),
      col("capacity_reservation_id", Kind.TEXT, CostRecord::capacityReservationId,
          (b, v) -> b.capacityReservationId((String) v)),
      col("capacity_reservation_status", Kind.TEXT, CostRecord::capacityReservationStatus,
          (b, v) -> b.capacityReservationStatus((String) v)),
      col("line_item_id", Kind.TEXT, CostRecord::lineItemId,
          (b, v) -> b.lineItemId((String) v)),
      col("charge_category", Kind.TEXT, r -> r.chargeCategory() == null ? null : r.chargeCategory().name(),
          (b, v) -> b.chargeCategory(ChargeCategory.valueOf((String) v))),
      col("charge_frequency", Kind.TEXT, r -> r.chargeFrequency() == null ? null : r.chargeFrequency().name(),
          (b, v) -> b.chargeFrequency(ChargeFrequency.valueOf((String) v)))
  );

  /** The columns of a record as read back: source, dedup key and its hash, the FOCUS columns, correction, tags. */
  static final String ROW_COLUMNS;

  /**
   * The columns a row in columns layout fills: {@link #ROW_COLUMNS}, then the batch id, the decimal scales and the
   * tags as JSON ({@code tags_json}, schema V13: FOCUS's {@code Tags} form for SQL readers; the store reads {@code
   * tags}).
   */
  static final String INSERT_COLUMNS;

  /** The decimal columns of {@link #FOCUS}, in order: those whose scales {@link #scales} lists. */
  static final List<Col> DECIMALS = FOCUS.stream().filter(c -> c.kind() == Kind.DECIMAL).toList();

  static {
    StringBuilder sb = new StringBuilder("source_id, dedup_key, dedup_hash");
    for (Col c : FOCUS) {
      sb.append(", ").append(c.name());
    }
    ROW_COLUMNS = sb.append(", correction, tags").toString();
    INSERT_COLUMNS = ROW_COLUMNS + ", batch_id, decimal_scales, tags_json";
  }

  private CostColumns() {}

  /** The 64-bit FNV-1a hash of a dedup key (over its UTF-16 code units): the compact index key of restatements. */
  static long dedupHash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /**
   * The {@code decimal_scales} text of a record: the scale of each of its {@link #DECIMALS} in order, comma-separated,
   * empty for an absent column (e.g. {@code "2,2,2,2,,,,3,,,,,"}). Written where a decimal column cannot give the
   * record's scale back: always on H2 (its {@code DECFLOAT} drops trailing zeros: 1.50 reads back as 1.5), and on
   * PostgreSQL only for a record with a negative scale ({@code NUMERIC} has none: 1E+3 reads back as 1000).
   *
   * @param always write the scales even when every scale is zero or positive
   * @return the text; null when not {@code always} and no scale is negative
   */
  static @Nullable String scales(CostRecord r, boolean always) {
    if (!always && !hasNegativeScale(r)) {
      return null;
    }
    StringBuilder sb = new StringBuilder(3 * DECIMALS.size());
    for (int i = 0; i < DECIMALS.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      BigDecimal v = (BigDecimal) DECIMALS.get(i).get().apply(r);
      if (v != null) {
        sb.append(v.scale());
      }
    }
    return sb.toString();
  }

  private static boolean hasNegativeScale(CostRecord r) {
    for (Col c : DECIMALS) {
      BigDecimal v = (BigDecimal) c.get().apply(r);
      if (v != null && v.scale() < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses a {@code decimal_scales} text.
   *
   * @return the scale per {@link #DECIMALS} column, {@link Integer#MIN_VALUE} where the column was absent
   * @throws IllegalStateException if the text is not such a list (written outside the store)
   */
  static int[] parseScales(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != DECIMALS.size()) {
      throw new IllegalStateException("stratus_cost_record.decimal_scales must list " + DECIMALS.size()
          + " comma-separated scales, got '" + text + "'");
    }
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = parts[i].isEmpty() ? Integer.MIN_VALUE : Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalStateException("stratus_cost_record.decimal_scales entry " + i + " must be an integer"
            + " scale or empty, got '" + text + "'", e);
      }
    }
    return out;
  }

  /** The rule a record's text breaks when it holds U+0000, for error messages. */
  private static final String NUL_RULE = "must not contain U+0000 (NUL): PostgreSQL text and jsonb cannot hold it, so the JDBC"
      + " cost store refuses it in every layout and on every database";

  /** The text columns of {@link #FOCUS}, in order. */
  private static final List<Col> TEXTS = FOCUS.stream().filter(c -> c.kind() == Kind.TEXT).toList();

  /**
   * Where a record holds U+0000, which PostgreSQL's {@code text} (every text column, and {@code dedup_key}, which
   * contains the tags and other columns) and {@code jsonb} ({@code tags_json}) cannot store: the first FOCUS text
   * column, tag key or tag value that does.
   *
   * @return {@link #nulMessage} of that field (e.g. {@code value of tag "env"}) and its value; null when there is none
   */
  static @Nullable String nulViolation(CostRecord r) {
    for (Col c : TEXTS) {
      String v = (String) c.get().apply(r);
      if (v != null && v.indexOf('\0') >= 0) {
        return nulMessage(c.name(), v);
      }
    }
    for (Map.Entry<String, String> e : r.tags().entrySet()) {
      if (e.getKey().indexOf('\0') >= 0) {
        return nulMessage("tag key", e.getKey());
      }
      if (e.getValue().indexOf('\0') >= 0) {
        return nulMessage("value of tag " + Codec.quoted(e.getKey(), 100), e.getValue());
      }
    }
    return null;
  }

  /**
   * The message for a text that holds U+0000: the field, the rule, the value as a JSON string literal (so the NUL
   * shows as an escape) and the index of its first U+0000.
   */
  static String nulMessage(String field, String value) {
    return field + " " + NUL_RULE + ", got " + shown(value);
  }

  private static String shown(String v) {
    int at = v.indexOf('\0');
    return Codec.quoted(v, Math.max(200, at + 20)) + " (U+0000 at index " + at + ")";
  }

  private static Col col(String name, Kind kind, Function<CostRecord, @Nullable Object> get,
      BiConsumer<CostRecord.Builder, Object> set) {
    return new Col(name, kind, get, set);
  }
}
