package io.stratus.finops.spi;

import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.spi.StratusProvider;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A source of FOCUS cost records: a cloud's billing export, a directory of files, or the simulator. The
 * {@link io.stratus.finops.collect.CostCollector} asks which billing periods exist, then pulls each one since the
 * watermark it last stored, and passes the batch's new watermark back on the next pull only after the batch was stored.
 *
 * <p>Contract (checked by {@code io.stratus.testkit.finops.BillingSourceCompatibilityKit}):
 * <ul>
 *   <li>{@link #fetch} with {@link Watermark#INITIAL} returns everything the source has for the period;
 *   <li>fetching again with the returned watermark returns only what changed since (possibly nothing), and fetching
 *       twice with the same watermark returns the same data (pulls are repeatable until acknowledged);
 *   <li>every record of a batch belongs to the requested billing period;
 *   <li>failures surface as {@link ProviderException} carrying {@link #id()}.
 * </ul>
 *
 * <p>Implementations are registered in {@code META-INF/services/io.stratus.finops.spi.BillingSource} or by hand, and
 * must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface BillingSource extends StratusProvider {
  /**
   * The billing periods this source has data for, as of an instant, oldest first.
   *
   * @param asOf the current time (injected, never read from the system clock); never null
   * @return the periods; never null, possibly empty
   * @throws ProviderException if the source cannot be read
   */
  List<BillingPeriod> billingPeriods(Instant asOf);

  /**
   * The records of one billing period delivered after a watermark.
   *
   * @param period a period returned by {@link #billingPeriods}; never null
   * @param since the watermark of the last stored batch, or {@link Watermark#INITIAL}; never null
   * @return the batch; never null (empty when nothing changed, with the same or a later watermark)
   * @throws ProviderException if the source cannot be read
   */
  BillingBatch fetch(BillingPeriod period, Watermark since);
}
