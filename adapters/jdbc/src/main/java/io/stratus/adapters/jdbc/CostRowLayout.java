package io.stratus.adapters.jdbc;

import org.apiguardian.api.API;

/**
 * How the PostgreSQL cost store lays out the rows it writes to {@code stratus_cost_record}: a choice between write
 * speed and querying the table with SQL. The store reads rows of either layout whichever layout wrote them, so a host
 * may change its choice at any time; a table may hold both. Switching does not move existing rows: {@link
 * JdbcStores#rewriteCostRows} rewrites stored rows into a layout, one billing period per transaction. On H2 every row is written in {@link #COLUMNS} layout
 * whatever is chosen (JDBC batches; there is no COPY path to speed up).
 *
 * <p>Choose with {@link JdbcStores#costStore(CostRowLayout)}; {@link JdbcStores#costStore()} uses {@link #PACKED}.
 * Measured figures and the schema of each layout: {@code docs/jdbc.md}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum CostRowLayout {
  /**
   * Fast: a row fills only the columns the store's own SQL uses ({@code source_id}, {@code dedup_key}, {@code
   * dedup_hash}, the billing period, the charge period start, {@code batch_id}) and carries the whole record in {@code
   * payload}, a compact binary form only this store decodes. Its FOCUS columns ({@code billed_cost}, {@code
   * service_name}, ...) are NULL, so SQL and BI tools pointed at the table do not see its costs: read such rows
   * through the store. The default: it is the layout that meets the write-speed target.
   */
  PACKED,

  /**
   * Queryable: a row holds every FOCUS column in its own SQL column ({@code billed_cost NUMERIC} with the record's
   * scale, {@code service_name}, {@code region_id}, the periods as epoch seconds, ...), binary COPY as fast as the
   * server takes sixty-odd fields per row, the tags also as JSON ({@code tags_json}); SQL and BI tools can read the
   * table (or the {@code stratus_cost_focus} view, FOCUS names and {@code "Tags"} JSON) directly. Slower to write
   * than {@link #PACKED}.
   */
  COLUMNS
}
