package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Currency;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The packed payload of a cost record decodes to an equal record: every decimal with its exact value and scale
 * (negative scales and values beyond a long included), any text, instants before the epoch, tags, the correction
 * flag; a damaged payload is refused with a message, never decoded into another record.
 */
class CostPayloadProperties {

  private static byte[] encode(CostRecord r) {
    CopyBinary buf = new CopyBinary(CostRowLayout.PACKED, 16);
    CostPayload.encode(r, buf);
    return Arrays.copyOf(buf.bytes(), buf.length());
  }

  private static CostRecord record(BigDecimal cost, BigDecimal quantity, String text, YearMonth month,
      boolean correction) {
    BillingPeriod p = BillingPeriod.of(month);
    return CostRecord.builder().billedCost(cost).effectiveCost(cost).listCost(cost.negate()).contractedCost(cost)
        .billingCurrency(Currency.getInstance("EUR")).chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED).chargePeriod(p.start(), p.start().plusSeconds(3600))
        .billingPeriod(p).providerName("P").billingAccountId("acct").serviceCategory("Compute").serviceName(text)
        .resourceId(text + "-r").pricingQuantity(quantity).consumedQuantity(quantity).lineItemId("li")
        .correction(correction).tag("team", text).tag("a", "").build();
  }

  @Property(tries = 1000)
  void payload_roundTripsExactly(@ForAll long unscaled, @ForAll @IntRange(min = -3, max = 18) int scale,
      @ForAll BigInteger big, @ForAll @StringLength(min = 1, max = 40) String text,
      @ForAll @IntRange(min = 1950, max = 2200) int year, @ForAll boolean correction) {
    // within the FOCUS decimal range the record accepts (20 integer digits, 18 fraction digits)
    BigDecimal cost = BigDecimal.valueOf(unscaled % 100_000_000_000_000_000L, scale);
    BigDecimal quantity = new BigDecimal(big.shiftLeft(70).add(big).mod(BigInteger.TEN.pow(37)), 18);
    CostRecord r = record(cost, quantity, text.isBlank() ? "x" + text : text, YearMonth.of(year, 2), correction);
    CostRecord back = CostPayload.decode(encode(r));
    assertThat(back).isEqualTo(r);
    assertThat(back.billedCost().scale()).isEqualTo(scale);
    assertThat(back.pricingQuantity()).isEqualTo(quantity);
    assertThat(back.pricingQuantity().scale()).isEqualTo(18);
  }

  @Example
  void damagedPayloads_areRefused() {
    byte[] ok = encode(record(new BigDecimal("1.50"), BigDecimal.ONE, "svc é", YearMonth.of(2025, 3), false));
    assertThat(CostPayload.decode(ok).tags()).isEqualTo(Map.of("team", "svc é", "a", ""));
    assertThatThrownBy(() -> CostPayload.decode(Arrays.copyOf(ok, ok.length - 3)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("payload");
    byte[] longer = Arrays.copyOf(ok, ok.length + 1);
    assertThatThrownBy(() -> CostPayload.decode(longer)).hasMessageContaining("trailing");
    byte[] version = ok.clone();
    version[0] = 9;
    assertThatThrownBy(() -> CostPayload.decode(version)).hasMessageContaining("version 9");
  }
}
