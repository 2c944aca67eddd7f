package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.YearMonth;
import java.util.Currency;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.postgresql.util.ByteConverter;

/**
 * The binary COPY encoder's own numeric conversion (the fast path for values of up to 14 digits) writes exactly the
 * value and scale the server will store: decoding its bytes with the driver's numeric decoder gives the same
 * BigDecimal, scale included, for any sign, digit count and scale.
 */
class CopyBinaryNumericProperties {

  /** Encodes one record whose billed cost is {@code v} and returns that field's bytes (after its length). */
  private static byte[] billedCostField(BigDecimal v) {
    BillingPeriod p = BillingPeriod.of(YearMonth.of(2025, 1));
    CostRecord r = CostRecord.builder().allCosts(v).billingCurrency(Currency.getInstance("USD"))
        .chargeCategory(ChargeCategory.USAGE).chargePeriod(p.start(), p.start().plusSeconds(3600)).billingPeriod(p)
        .providerName("P").billingAccountId("acct").serviceCategory("Compute").serviceName("svc")
        .build();
    CopyBinary enc = new CopyBinary(64);
    enc.row("s", 7, r);
    ByteBuffer b = ByteBuffer.wrap(enc.bytes(), 0, enc.length());
    b.getShort(); // field count
    for (int skip = 0; skip < 3; skip++) { // source_id, dedup_key, dedup_hash
      int length = b.getInt();
      b.position(b.position() + length);
    }
    byte[] field = new byte[b.getInt()]; // billed_cost, the first FOCUS column
    b.get(field);
    return field;
  }

  @Property(tries = 2000)
  void numeric_roundTripsValueAndScale(@ForAll long unscaled, @ForAll @IntRange(min = 0, max = 18) int scale) {
    BigDecimal v = new BigDecimal(BigInteger.valueOf(unscaled), scale);
    BigDecimal decoded = (BigDecimal) ByteConverter.numeric(billedCostField(v));
    assertThat(decoded.compareTo(v)).as("value of %s", v).isZero();
    assertThat(decoded.scale()).as("scale of %s", v).isEqualTo(Math.max(scale, 0));
  }

  @Example
  void numeric_edgeCases() {
    for (String s : new String[] {"0", "0.00", "-0.5", "1.0000", "0.00005", "99999999999999", "-12345678.123456",
        "0.000000000001", "10000000000000000000.1", "1E+3", "-2.5E+2"}) {
      BigDecimal v = new BigDecimal(s);
      BigDecimal decoded = (BigDecimal) ByteConverter.numeric(billedCostField(v));
      assertThat(decoded.compareTo(v)).as(s).isZero();
      assertThat(decoded.scale()).as("scale of " + s + " (negative scales are stored as 0)")
          .isEqualTo(Math.max(v.scale(), 0));
    }
  }
}
