package io.stratus.finops.spi;

import io.stratus.finops.query.WriteResult;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.query.CostDelta;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Where normalized cost records are kept and aggregated. The embedded default, {@link #inMemory()}, holds millions of
 * records in a compact columnar layout; a host may plug its own (a database) by implementing this interface and
 * passing the {@code io.stratus.testkit.finops.CostStoreCompatibilityKit}.
 *
 * <p>Records are kept per source and billing period: {@link #write} applies a batch atomically (all or nothing,
 * visible at once), replacing the period or the restated lines; {@link #appender} bulk-loads a file without
 * de-duplication. Implementations must be thread-safe; queries see a consistent state.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface CostStore {
  /**
   * The embedded in-memory store: columnar, dictionary-encoded strings, exact decimals as scaled integers.
   *
   * @return a new, empty store; never null
   */
  static CostStore inMemory() {
    return new InMemoryCostStore();
  }

  /**
   * Applies a batch for one source and billing period, atomically. {@link BillingBatch.Mode#REPLACE_PERIOD} removes
   * every stored record of that source and period first; {@link BillingBatch.Mode#UPSERT} removes the stored records
   * of that source and period whose {@link CostRecord#dedupKey()} occurs in the batch. Applying the same batch twice
   * leaves the same records as applying it once.
   *
   * @param sourceId the source; never null
   * @param period the billing period every record belongs to; never null
   * @param mode how the batch relates to stored records; never null
   * @param records the records; never null
   * @return what changed; never null
   * @throws IllegalArgumentException if a record lies outside the billing period
   */
  WriteResult write(String sourceId, BillingPeriod period, BillingBatch.Mode mode, Collection<CostRecord> records);

  /**
   * Starts a bulk load: records handed to the appender become visible together when it is closed, without
   * de-duplication (for loading files). Use it in a try-with-resources block, so that it is closed whatever happens:
   * <pre>{@code
   * try (CostStore.Appender appender = store.appender("cur")) {
   *   report = BillingReaders.detect().read(file, appender);
   * }
   * }</pre>
   * An appender that is never closed would leave its records invisible; the in-memory store therefore fails
   * {@link #query} and {@link #scan} with an {@link IllegalStateException} on a thread that holds an open appender of
   * it (other threads read the committed state as usual). Host implementations should do the same.
   *
   * @param sourceId the source recorded for every record; never null
   * @return the appender; never null
   */
  Appender appender(String sourceId);

  /**
   * How many records are held.
   *
   * @return the count
   */
  long size();

  /**
   * Aggregates.
   *
   * @param query the query; never null
   * @return the result; never null
   */
  CostQueryResult query(CostQuery query);

  /**
   * Visits the stored records that pass a query's time range and filters (grouping, metric and limit are ignored).
   * The visitor runs while the store is being read: it must not write to the same store.
   *
   * @param query the filter; never null
   * @param visitor called with each record and its source id; never null
   */
  void scan(CostQuery query, RecordVisitor visitor);

  /**
   * Compares two periods group by group: the query's grouping and filters, summed over {@code [previousFrom,
   * currentFrom)} and {@code [currentFrom, currentTo)}. Sorted by the absolute change, largest first.
   *
   * @param query grouping, filters and metric (its own time range and granularity are ignored); never null
   * @param previousFrom start of the earlier period; never null
   * @param currentFrom end of the earlier and start of the later period; never null
   * @param currentTo end of the later period; never null
   * @return the deltas; never null
   */
  default List<CostDelta> periodOverPeriod(
      CostQuery query, Instant previousFrom, Instant currentFrom, Instant currentTo) {
    CostQuery.Builder base = query.toBuilder().granularity(Granularity.TOTAL).top(0);
    CostQueryResult prev = query(base.between(previousFrom, currentFrom).build());
    CostQueryResult cur = query(base.between(currentFrom, currentTo).build());
    Map<List<Object>, BigDecimal[]> joined = new LinkedHashMap<>();
    Map<List<Object>, CostRow> keys = new HashMap<>();
    for (CostRow r : prev.rows()) {
      List<Object> k = new ArrayList<>(r.key());
      k.add(r.currency());
      joined.computeIfAbsent(k, x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[0] = r.amount();
      keys.put(k, r);
    }
    for (CostRow r : cur.rows()) {
      List<Object> k = new ArrayList<>(r.key());
      k.add(r.currency());
      joined.computeIfAbsent(k, x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[1] = r.amount();
      keys.put(k, r);
    }
    List<CostDelta> out = new ArrayList<>();
    joined.forEach(
        (k, v) -> {
          CostRow r = keys.get(k);
          out.add(new CostDelta(r.key(), (Currency) k.get(k.size() - 1), v[0], v[1]));
        });
    out.sort((a, b) -> b.change().abs().compareTo(a.change().abs()));
    return out;
  }

  /**
   * Receives records from {@link #scan}.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  @FunctionalInterface
  interface RecordVisitor {
    /**
     * Visits one record.
     *
     * @param sourceId the source it was stored under; never null
     * @param record the record; never null
     */
    void visit(String sourceId, CostRecord record);
  }

  /**
   * A bulk load in progress; close it (try-with-resources) to make its records visible. Not thread-safe: one thread
   * feeds it at a time.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  interface Appender extends Consumer<CostRecord>, AutoCloseable {
    /**
     * Adds a record (not yet visible).
     *
     * @param record the record; never null
     */
    @Override
    void accept(CostRecord record);

    /**
     * Makes every added record visible at once. Idempotent.
     *
     * @return how many records became visible; never negative
     */
    long commit();

    /** Commits. */
    @Override
    default void close() {
      commit();
    }
  }
}
