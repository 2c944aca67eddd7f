package io.stratus.spark.billing;

import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusCsvWriter;
import io.stratus.finops.focus.FocusDecimals;
import io.stratus.spark.AmountNotRepresentableException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The layout of FOCUS as Parquet that {@link NormalizeJob} writes and the Spark cost queries read: one column per
 * FOCUS column of {@link FocusCsvWriter#COLUMNS} under its FOCUS name (decimals as {@code DECIMAL(38, 18)}, date/times
 * as {@code TIMESTAMP} in UTC, {@code Tags} as {@code MAP<STRING, STRING>}, {@code ChargeClass} as the text
 * {@code Correction} or null, the rest as {@code STRING}), then {@code x_Source} (the source id the records were
 * loaded under), {@code x_SourceFile} and {@code x_RecordIndex} (the input file and the record's 0-based position among
 * that file's records), and the partition columns {@code x_BillingPeriod} ({@code YYYY-MM} of BillingPeriodStart in
 * UTC) and {@code x_Provider} (ProviderName).
 *
 * <p>Decimals follow finops' one rule for fixed-scale stores, {@link FocusDecimals}: a value with more than 18 digits
 * after the point (Azure EA amortized exports carry up to 28) is rounded half-even to 18 places, not refused; one
 * within {@code 5E-19} of 10^20, which would round to 21 digits before the point, is refused with an {@link
 * AmountNotRepresentableException} (Spark would store NULL, or fail without naming the record).
 * {@link #toRow} and {@link #toRecord} are inverse up to that rule: a record read back equals
 * {@link FocusDecimals#toStoredScale(CostRecord)} of the record written (decimals by value). {@link NormalizeJob}
 * counts the roundings with a {@link FocusDecimals.Tally} and reports them in {@link NormalizeReport#roundings()}.
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FocusParquet {
  /** The source id column. */
  public static final String SOURCE = "x_Source";
  /** The input file column. */
  public static final String SOURCE_FILE = "x_SourceFile";
  /** The record's position among its file's records. */
  public static final String RECORD_INDEX = "x_RecordIndex";
  /** The billing period partition column ({@code YYYY-MM}). */
  public static final String BILLING_PERIOD = "x_BillingPeriod";
  /** The provider partition column. */
  public static final String PROVIDER = "x_Provider";

  /** The decimal columns' precision. */
  static final int PRECISION = 38;
  /** Why a value within 5E-19 of 10^20 is refused: rounded to 18 places it is 10^20. */
  static final String ROUNDS_OUT_OF_RANGE = "rounded half-even to 18 places (FocusDecimals) it reaches 10^20, and"
      + " DECIMAL(38, 18) holds at most 20 digits before the point; round it in the source";
  private static final DataType DECIMAL = DataTypes.createDecimalType(PRECISION, FocusDecimals.SCALE);
  private static final List<Col> COLUMNS = columns();
  private static final StructType SCHEMA = schema(COLUMNS);

  private FocusParquet() {}

  /**
   * The Spark schema of the written rows, partition columns last.
   *
   * @return the schema; never null
   */
  public static StructType schema() {
    return SCHEMA;
  }

  /**
   * The row of one record, decimals at the stored scale ({@link FocusDecimals#toStoredScale(BigDecimal)}).
   *
   * @param record the record; never null
   * @param sourceId the source id; never null
   * @param sourceFile the input file; never null
   * @param recordIndex the record's position among the file's records
   * @return the row, in {@link #schema()} order; never null
   * @throws AmountNotRepresentableException if a decimal rounds to 10^20 at 18 places (a value within {@code 5E-19}
   *     of it; a record holds at most 20 digits before the point), naming the column, the record and the value
   */
  public static Row toRow(CostRecord record, String sourceId, String sourceFile, long recordIndex) {
    Object[] v = new Object[COLUMNS.size() + 5];
    int i = 0;
    for (Col c : COLUMNS) {
      Object x = c.toSpark(c.get.apply(record));
      if (x instanceof BigDecimal d && d.precision() > PRECISION) {
        throw new AmountNotRepresentableException(List.of(new AmountNotRepresentableException.Amount(c.name,
            "record " + recordIndex + " of " + sourceFile, (BigDecimal) c.get.apply(record), ROUNDS_OUT_OF_RANGE)), 1);
      }
      v[i++] = x;
    }
    v[i++] = sourceId;
    v[i++] = sourceFile;
    v[i++] = recordIndex;
    v[i++] = billingPeriod(record.billingPeriodStart());
    v[i] = record.providerName();
    return new GenericRowWithSchema(v, SCHEMA);
  }

  /**
   * The record a row holds (the FOCUS columns; the {@code x_} columns are ignored).
   *
   * @param row a row of {@link #schema()} (columns found by name); never null
   * @return the record; never null
   * @throws IllegalArgumentException if the row breaks a {@link CostRecord} rule
   */
  public static CostRecord toRecord(Row row) {
    CostRecord.Builder b = CostRecord.builder();
    for (Col c : COLUMNS) {
      Object v = row.get(row.fieldIndex(c.name));
      if (v != null) {
        c.set.accept(b, c.fromSpark(v));
      }
    }
    return b.build();
  }

  /**
   * The partition value of a billing period start.
   *
   * @param billingPeriodStart the start; never null
   * @return {@code YYYY-MM} in UTC; never null
   */
  public static String billingPeriod(Instant billingPeriodStart) {
    return YearMonth.from(billingPeriodStart.atOffset(ZoneOffset.UTC)).toString();
  }

  private static StructType schema(List<Col> cols) {
    List<StructField> fields = new ArrayList<>();
    for (Col c : cols) {
      fields.add(DataTypes.createStructField(c.name, c.type, !c.mandatory));
    }
    fields.add(DataTypes.createStructField(SOURCE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(RECORD_INDEX, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(BILLING_PERIOD, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(PROVIDER, DataTypes.StringType, false));
    return DataTypes.createStructType(fields);
  }

  /** The kinds of value a column holds. */
  private enum Kind {
    TEXT, DECIMAL, INSTANT, CURRENCY, CATEGORY, FREQUENCY, CORRECTION, TAGS
  }

  /** One FOCUS column: name, kind, accessor and builder setter. */
  private static final class Col {
    final String name;
    final Kind kind;
    final boolean mandatory;
    final DataType type;
    final Function<CostRecord, @Nullable Object> get;
    final BiConsumer<CostRecord.Builder, Object> set;

    @SuppressWarnings("unchecked")
    <T> Col(String name, Kind kind, boolean mandatory, Function<CostRecord, @Nullable T> get,
        BiConsumer<CostRecord.Builder, T> set) {
      this.name = name;
      this.kind = kind;
      this.mandatory = mandatory;
      this.get = (Function<CostRecord, @Nullable Object>) get;
      this.set = (BiConsumer<CostRecord.Builder, Object>) set;
      switch (kind) {
        case DECIMAL:
          this.type = DECIMAL;
          break;
        case INSTANT:
          this.type = DataTypes.TimestampType;
          break;
        case TAGS:
          this.type = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false);
          break;
        default:
          this.type = DataTypes.StringType;
          break;
      }
    }

    @Nullable Object toSpark(@Nullable Object v) {
      if (v == null) {
        return null;
      }
      switch (kind) {
        case DECIMAL:
          return FocusDecimals.toStoredScale((BigDecimal) v);
        case INSTANT:
          return Timestamp.from((Instant) v);
        case CURRENCY:
          return ((Currency) v).getCurrencyCode();
        case CATEGORY:
          return ((ChargeCategory) v).focusValue();
        case FREQUENCY:
          return ((ChargeFrequency) v).focusValue();
        case CORRECTION:
          return ((Boolean) v) ? "Correction" : null;
        case TAGS:
          Map<?, ?> tags = (Map<?, ?>) v;
          return tags.isEmpty() ? null : scala.jdk.javaapi.CollectionConverters.asScala(new LinkedHashMap<>(tags));
        default:
          return v;
      }
    }

    Object fromSpark(Object v) {
      switch (kind) {
        case DECIMAL:
          return v;
        case INSTANT:
          return v instanceof Instant ? v : ((Timestamp) v).toInstant();
        case CURRENCY:
          return Currency.getInstance((String) v);
        case CATEGORY:
          return ChargeCategory.fromFocus((String) v);
        case FREQUENCY:
          return ChargeFrequency.fromFocus((String) v);
        case CORRECTION:
          return Boolean.TRUE;
        case TAGS:
          Map<String, String> out = new LinkedHashMap<>();
          if (v instanceof scala.collection.Map) {
            scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Map<?, ?>) v)
                .forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
          } else {
            ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
          }
          return out;
        default:
          return v;
      }
    }
  }

  private static <T> Col col(String name, Kind kind, Function<CostRecord, @Nullable T> get,
      BiConsumer<CostRecord.Builder, T> set) {
    return new Col(name, kind, false, get, set);
  }

  private static <T> Col mandatory(String name, Kind kind, Function<CostRecord, T> get,
      BiConsumer<CostRecord.Builder, T> set) {
    return new Col(name, kind, true, get, set);
  }

  private static List<Col> columns() {
    List<Col> all = List.of(
        mandatory("BilledCost", Kind.DECIMAL, CostRecord::billedCost, CostRecord.Builder::billedCost),
        mandatory("EffectiveCost", Kind.DECIMAL, CostRecord::effectiveCost, CostRecord.Builder::effectiveCost),
        mandatory("ListCost", Kind.DECIMAL, CostRecord::listCost, CostRecord.Builder::listCost),
        mandatory("ContractedCost", Kind.DECIMAL, CostRecord::contractedCost, CostRecord.Builder::contractedCost),
        mandatory("BillingCurrency", Kind.CURRENCY, CostRecord::billingCurrency,
            CostRecord.Builder::billingCurrency),
        mandatory("BillingAccountId", Kind.TEXT, CostRecord::billingAccountId,
            CostRecord.Builder::billingAccountId),
        col("BillingAccountName", Kind.TEXT, CostRecord::billingAccountName, CostRecord.Builder::billingAccountName),
        col("BillingAccountType", Kind.TEXT, CostRecord::billingAccountType, CostRecord.Builder::billingAccountType),
        mandatory("BillingPeriodStart", Kind.INSTANT, CostRecord::billingPeriodStart,
            CostRecord.Builder::billingPeriodStart),
        mandatory("BillingPeriodEnd", Kind.INSTANT, CostRecord::billingPeriodEnd,
            CostRecord.Builder::billingPeriodEnd),
        mandatory("ChargePeriodStart", Kind.INSTANT, CostRecord::chargePeriodStart,
            CostRecord.Builder::chargePeriodStart),
        mandatory("ChargePeriodEnd", Kind.INSTANT, CostRecord::chargePeriodEnd, CostRecord.Builder::chargePeriodEnd),
        col("ChargeDescription", Kind.TEXT, CostRecord::chargeDescription, CostRecord.Builder::chargeDescription),
        mandatory("ProviderName", Kind.TEXT, CostRecord::providerName, CostRecord.Builder::providerName),
        col("PublisherName", Kind.TEXT, CostRecord::publisherName, CostRecord.Builder::publisherName),
        col("InvoiceIssuerName", Kind.TEXT, CostRecord::invoiceIssuerName, CostRecord.Builder::invoiceIssuerName),
        col("InvoiceId", Kind.TEXT, CostRecord::invoiceId, CostRecord.Builder::invoiceId),
        col("SubAccountId", Kind.TEXT, CostRecord::subAccountId, CostRecord.Builder::subAccountId),
        col("SubAccountName", Kind.TEXT, CostRecord::subAccountName, CostRecord.Builder::subAccountName),
        col("SubAccountType", Kind.TEXT, CostRecord::subAccountType, CostRecord.Builder::subAccountType),
        col("RegionId", Kind.TEXT, CostRecord::regionId, CostRecord.Builder::regionId),
        col("RegionName", Kind.TEXT, CostRecord::regionName, CostRecord.Builder::regionName),
        col("AvailabilityZone", Kind.TEXT, CostRecord::availabilityZone, CostRecord.Builder::availabilityZone),
        mandatory("ServiceName", Kind.TEXT, CostRecord::serviceName, CostRecord.Builder::serviceName),
        mandatory("ServiceCategory", Kind.TEXT, CostRecord::serviceCategory, CostRecord.Builder::serviceCategory),
        col("ServiceSubcategory", Kind.TEXT, CostRecord::serviceSubcategory, CostRecord.Builder::serviceSubcategory),
        col("ResourceId", Kind.TEXT, CostRecord::resourceId, CostRecord.Builder::resourceId),
        col("ResourceName", Kind.TEXT, CostRecord::resourceName, CostRecord.Builder::resourceName),
        col("ResourceType", Kind.TEXT, CostRecord::resourceType, CostRecord.Builder::resourceType),
        col("SkuId", Kind.TEXT, CostRecord::skuId, CostRecord.Builder::skuId),
        col("SkuPriceId", Kind.TEXT, CostRecord::skuPriceId, CostRecord.Builder::skuPriceId),
        col("SkuMeter", Kind.TEXT, CostRecord::skuMeter, CostRecord.Builder::skuMeter),
        col("SkuPriceDetails", Kind.TEXT, CostRecord::skuPriceDetails, CostRecord.Builder::skuPriceDetails),
        col("PricingCurrency", Kind.TEXT, CostRecord::pricingCurrency, CostRecord.Builder::pricingCurrency),
        col("PricingCurrencyContractedUnitPrice", Kind.DECIMAL, CostRecord::pricingCurrencyContractedUnitPrice,
            CostRecord.Builder::pricingCurrencyContractedUnitPrice),
        col("PricingCurrencyEffectiveCost", Kind.DECIMAL, CostRecord::pricingCurrencyEffectiveCost,
            CostRecord.Builder::pricingCurrencyEffectiveCost),
        col("PricingCurrencyListUnitPrice", Kind.DECIMAL, CostRecord::pricingCurrencyListUnitPrice,
            CostRecord.Builder::pricingCurrencyListUnitPrice),
        col("PricingCategory", Kind.TEXT, CostRecord::pricingCategory, CostRecord.Builder::pricingCategory),
        col("PricingQuantity", Kind.DECIMAL, CostRecord::pricingQuantity, CostRecord.Builder::pricingQuantity),
        col("PricingUnit", Kind.TEXT, CostRecord::pricingUnit, CostRecord.Builder::pricingUnit),
        col("ListUnitPrice", Kind.DECIMAL, CostRecord::listUnitPrice, CostRecord.Builder::listUnitPrice),
        col("ContractedUnitPrice", Kind.DECIMAL, CostRecord::contractedUnitPrice,
            CostRecord.Builder::contractedUnitPrice),
        col("ConsumedQuantity", Kind.DECIMAL, CostRecord::consumedQuantity, CostRecord.Builder::consumedQuantity),
        col("ConsumedUnit", Kind.TEXT, CostRecord::consumedUnit, CostRecord.Builder::consumedUnit),
        col("CommitmentDiscountId", Kind.TEXT, CostRecord::commitmentDiscountId,
            CostRecord.Builder::commitmentDiscountId),
        col("CommitmentDiscountName", Kind.TEXT, CostRecord::commitmentDiscountName,
            CostRecord.Builder::commitmentDiscountName),
        col("CommitmentDiscountCategory", Kind.TEXT, CostRecord::commitmentDiscountCategory,
            CostRecord.Builder::commitmentDiscountCategory),
        col("CommitmentDiscountType", Kind.TEXT, CostRecord::commitmentDiscountType,
            CostRecord.Builder::commitmentDiscountType),
        col("CommitmentDiscountStatus", Kind.TEXT, CostRecord::commitmentDiscountStatus,
            CostRecord.Builder::commitmentDiscountStatus),
        col("CommitmentDiscountQuantity", Kind.DECIMAL, CostRecord::commitmentDiscountQuantity,
            CostRecord.Builder::commitmentDiscountQuantity),
        col("CommitmentDiscountUnit", Kind.TEXT, CostRecord::commitmentDiscountUnit,
            CostRecord.Builder::commitmentDiscountUnit),
        col("CapacityReservationId", Kind.TEXT, CostRecord::capacityReservationId,
            CostRecord.Builder::capacityReservationId),
        col("CapacityReservationStatus", Kind.TEXT, CostRecord::capacityReservationStatus,
            CostRecord.Builder::capacityReservationStatus),
        col("x_LineItemId", Kind.TEXT, CostRecord::lineItemId, CostRecord.Builder::lineItemId),
        mandatory("ChargeCategory", Kind.CATEGORY, CostRecord::chargeCategory, CostRecord.Builder::chargeCategory),
        col("ChargeFrequency", Kind.FREQUENCY, CostRecord::chargeFrequency, CostRecord.Builder::chargeFrequency),
        col("ChargeClass", Kind.CORRECTION, (CostRecord r) -> r.correction() ? Boolean.TRUE : null,
            (CostRecord.Builder b, Boolean c) -> b.correction(c)),
        col("Tags", Kind.TAGS, CostRecord::tags, CostRecord.Builder::tags));
    // The FOCUS columns in the writer's (the specification's) order; a column finops adds must be added here.
    Map<String, Col> byName = new HashMap<>();
    all.forEach(c -> byName.put(c.name, c));
    if (!new HashSet<>(FocusCsvWriter.COLUMNS).equals(byName.keySet())) {
      throw new IllegalStateException(
          "FocusParquet's columns " + byName.keySet() + " differ from finops' FOCUS columns " + FocusCsvWriter.COLUMNS);
    }
    List<Col> ordered = new ArrayList<>();
    FocusCsvWriter.COLUMNS.forEach(n -> ordered.add(byName.get(n)));
    return List.copyOf(ordered);
  }
}
