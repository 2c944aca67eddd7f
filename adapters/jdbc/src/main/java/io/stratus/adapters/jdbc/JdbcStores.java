package io.stratus.adapters.jdbc;

import io.stratus.adapters.webhooks.Outbox;
import io.stratus.adapters.webhooks.SubscriptionStore;
import io.stratus.finops.budget.ApprovalStore;
import io.stratus.finops.budget.BudgetStore;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.spi.WatermarkStore;
import io.stratus.monitoring.spi.AlertHistoryStore;
import io.stratus.monitoring.spi.AlertStore;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditLogException;
import io.stratus.security.audit.AuditVerification;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.crypto.EnvelopeCipher;
import io.stratus.simulation.store.ScenarioResultStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.Objects;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * The JDBC stores of one database: opens it, brings its schema up to date with the migrations shipped in this jar,
 * and hands out the store SPI implementations over it. PostgreSQL (12 or later) and H2 (2.x) are supported.
 *
 * <pre>{@code
 * JdbcStores stores = JdbcStores.open(dataSource);   // migrates: creates or upgrades the stratus_* tables
 * CostStore costs = stores.costStore();
 * }</pre>
 *
 * <p>Thread-safe when the data source is (every pooled or driver data source is); the stores it returns are
 * thread-safe, and several hosts may share one database. Every store method runs in its own transaction on a
 * connection borrowed from the data source and returned before the method returns (a bulk {@link
 * CostStore#appender} holds one until it is closed). Failures are {@link JdbcStoreException}s that say whether a
 * retry can help.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JdbcStores {
  private final Db db;
  private final int applied;

  private JdbcStores(Db db, int applied) {
    this.db = db;
    this.applied = applied;
  }

  /**
   * Opens the stores of a database, first applying every shipped migration it lacks (each in its own transaction,
   * recorded in {@code stratus_schema_history}; hosts migrating at the same time serialize).
   *
   * @param dataSource the database; never null
   * @return the stores; never null
   * @throws JdbcStoreException if the database is unreachable (retryable), not supported, or its schema history does
   *     not match the shipped scripts (permanent)
   */
  public static JdbcStores open(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    Dialect dialect;
    try (Connection c = dataSource.getConnection()) {
      dialect = Dialect.detect(c);
    } catch (SQLException e) {
      throw JdbcStoreException.of("jdbcStores.open", e, false);
    }
    Db db = new Db(dataSource, dialect);
    return new JdbcStores(db, Migrations.migrate(db));
  }

  /**
   * How many migration scripts {@link #open} applied (0 when the schema was already current).
   *
   * @return the count; never negative
   */
  public int migrationsApplied() {
    return applied;
  }

  /**
   * The schema version now in the database: the highest migration this jar ships.
   *
   * @return the version; positive
   */
  public int schemaVersion() {
    return Migrations.scripts(db.dialect()).stream().mapToInt(Migrations.Script::version).max().orElse(0);
  }

  /**
   * The cost store: FOCUS records in {@code stratus_cost_record}, written through COPY on PostgreSQL in the {@link
   * CostRowLayout#PACKED} layout (the fastest; the FOCUS columns of its rows are NULL, read them through the store).
   * Same as {@code costStore(CostRowLayout.PACKED)}.
   *
   * @return a new view of the shared table; never null
   */
  public CostStore costStore() {
    return costStore(CostRowLayout.PACKED);
  }

  /**
   * The cost store, writing its PostgreSQL rows in the given layout: {@link CostRowLayout#COLUMNS} when the host's own
   * SQL or BI tools read the table (every FOCUS column in its own SQL column), {@link CostRowLayout#PACKED} for the
   * fastest writes. Reads return the rows of both layouts, whichever layout wrote them. On H2 rows are always columns.
   *
   * <p>Whatever the layout and the database, the store refuses text holding U+0000 (NUL), which PostgreSQL's {@code
   * text} and {@code jsonb} cannot hold: a record with it in a FOCUS text column, a tag key or a tag value, and a
   * source id with it, are an {@link IllegalArgumentException} naming the field, the value (escaped) and the rule,
   * thrown before anything is written ({@code write} stores none of the batch; an appender refuses that record and
   * stays usable). Writes of one billing period serialize with each other and with a {@link #rewriteCostRows} of it.
   *
   * @param layout how new rows are laid out on PostgreSQL; never null
   * @return a new view of the shared table; never null
   */
  public CostStore costStore(CostRowLayout layout) {
    return new JdbcCostStore(db, Objects.requireNonNull(layout, "layout"), null);
  }

  /**
   * The cost store in the {@link CostRowLayout#PACKED} layout with COPY pipelined on PostgreSQL. Same as {@code
   * costStore(CostRowLayout.PACKED, copyExecutor)}.
   *
   * @param copyExecutor runs the send tasks; a pool the host owns with at least one thread per concurrent writer;
   *     never null
   * @return a new view of the shared table; never null
   */
  public CostStore costStore(Executor copyExecutor) {
    return costStore(CostRowLayout.PACKED, copyExecutor);
  }

  /**
   * The cost store in the given layout, with COPY pipelined on PostgreSQL: the thread that writes encodes the next 1
   * MiB piece of the COPY stream while a task on {@code copyExecutor} sends the previous one, so the server does not
   * wait for the encoder (at most three pieces are in memory per write or appender). Each write or appender runs its
   * send tasks one after another, on whichever executor thread; a write returns only after its last piece is sent and
   * committed, so durability and atomicity are those of {@link #costStore(CostRowLayout)}. A direct executor ({@code
   * Runnable::run}) gives the unpipelined behaviour. On H2 the executor is not used.
   *
   * @param layout how new rows are laid out on PostgreSQL; never null
   * @param copyExecutor runs the send tasks; a pool the host owns with at least one thread per concurrent writer;
   *     never null
   * @return a new view of the shared table; never null
   */
  public CostStore costStore(CostRowLayout layout, Executor copyExecutor) {
    return new JdbcCostStore(db, Objects.requireNonNull(layout, "layout"),
        Objects.requireNonNull(copyExecutor, "copyExecutor"));
  }

  /**
   * Rewrites the stored cost rows of one billing period (every source) into a layout, for a host that switched its
   * {@link #costStore(CostRowLayout)} layout and wants its older rows laid out the same way: after {@code
   * rewriteCostRows(CostRowLayout.COLUMNS, period)} every row of the period is in the {@code stratus_cost_focus} view
   * with its {@code "Tags"} JSON.
   *
   * <p>The period (exactly this start and end) is rewritten in one transaction, with the locking and crash semantics
   * of {@link #rewriteCostRows(CostRowLayout, Instant, Instant)}. Reading through any cost store gives the same records
   * before, during and after. Thread-safe.
   *
   * @param layout the layout to rewrite into; on H2 every row is in {@link CostRowLayout#COLUMNS} whatever is asked,
   *     and only rows written before schema V13 (without {@code tags_json}) are rewritten; never null
   * @param period the billing period, as the records carry it; never null
   * @return the periods examined (1) and the rows rewritten; never null
   * @throws JdbcStoreException if the database fails, or a stored record holds U+0000 (permanent); the period is then
   *     as it was, and the call can be repeated
   */
  public CostRowRewrite rewriteCostRows(CostRowLayout layout, BillingPeriod period) {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(period, "period");
    return new CostRowRewrite(layout, 1, new JdbcCostStore(db, layout, null).rewrite(period));
  }

  /**
   * Rewrites the stored cost rows of every billing period whose start lies in {@code [from, to)} (every source) into a
   * layout: packed rows into columns for {@link CostRowLayout#COLUMNS} (and columns rows written before schema V13,
   * which lack {@code tags_json}), columns rows into packed ones for {@link CostRowLayout#PACKED}. Each record is read
   * with the store's decoder and written with the layout's writer, exactly (decimal scales included); rows already in
   * the layout are left alone, so the call is idempotent and can simply be repeated after a failure.
   *
   * <p><b>Transactions and locking.</b> One transaction per billing period, in start order. It first locks that
   * period (its slot in {@code stratus_cost_period_lock}, which every cost write and appender commit of the period also
   * locks first): a concurrent {@code write} or appender commit <em>of this period</em> waits until the period is
   * rewritten, and the rewrite waits for one in progress, so the two never interleave and a write that follows sees
   * (and replaces or restates) the rewritten rows. Writes and appender commits <em>of other periods</em> proceed while
   * the rewrite runs (unless their period shares the slot, a hash of the period modulo 1,024: then they wait, as for
   * the same period). Readers are not blocked: a query sees the period either before or after its rewrite, never half
   * of it. A crash, a killed connection or any error during a period rolls that period back whole (it stays readable
   * in its old layout); periods already done stay done. Rows written after a period's transaction are in their
   * writer's layout, so switch the writers first, then rewrite. Memory is bounded (records are rewritten in chunks of
   * a few thousand). A stored record holding U+0000 (possible only in a packed row written before the store refused
   * that character) cannot be written in any layout: the rewrite of its period fails with a permanent {@link
   * JdbcStoreException} naming the period, the source, the record and the field, and the period stays as it was.
   * Thread-safe.
   *
   * @param layout the layout to rewrite into; on H2 every row is in {@link CostRowLayout#COLUMNS} whatever is asked,
   *     and only rows written before schema V13 (without {@code tags_json}) are rewritten; never null
   * @param from the first billing period start included; never null
   * @param to the billing period start excluded; not before {@code from}; never null
   * @return the periods examined and the rows rewritten; never null
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   * @throws JdbcStoreException if the database fails, or a stored record holds U+0000 (permanent); the period in
   *     progress is then as it was, those before it are rewritten, and the call can be repeated
   */
  public CostRowRewrite rewriteCostRows(CostRowLayout layout, Instant from, Instant to) {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from (the range is [from, to)), got from=" + from
          + ", to=" + to);
    }
    JdbcCostStore store = new JdbcCostStore(db, layout, null);
    List<BillingPeriod> periods = JdbcCostStore.periods(db, ceilSeconds(from), ceilSeconds(to));
    long rewritten = 0;
    for (BillingPeriod p : periods) {
      rewritten += store.rewrite(p);
    }
    return new CostRowRewrite(layout, periods.size(), rewritten);
  }

  /** The first whole epoch second at or after an instant (periods are stored in whole seconds). */
  private static long ceilSeconds(Instant t) {
    return t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
  }

  /**
   * The billing watermark store ({@code stratus_cost_watermark}).
   *
   * @return a new view of the shared table; never null
   */
  public WatermarkStore watermarkStore() {
    return new JdbcWatermarkStore(db);
  }

  /**
   * The approval request store ({@code stratus_approval_request}, {@code stratus_approval_event}), whose replace is a
   * row-locked compare-and-set.
   *
   * @return a new view of the shared tables; never null
   */
  public ApprovalStore approvalStore() {
    return new JdbcApprovalStore(db);
  }

  /**
   * The budget store ({@code stratus_budget}, {@code stratus_budget_alert_state}): each budget's whole definition,
   * in insertion order, and its alert state.
   *
   * @return a new view of the shared tables; never null
   */
  public BudgetStore budgetStore() {
    return new JdbcBudgetStore(db);
  }

  /**
   * The webhook outbox ({@code stratus_webhook_outbox}, {@code stratus_webhook_attempt}) for a {@code
   * WebhookDispatcher}, shared by the dispatchers of every host on the database: an enqueue is committed before it
   * returns and skips deliveries already stored; {@link Outbox#due} claims what it returns for {@code lease} ({@code
   * FOR UPDATE SKIP LOCKED}), so two dispatchers do not send one delivery at once, and a crashed
   * dispatcher's claims come due again when the lease runs out (at least once). Choose a lease longer than a delivery
   * round (the HTTP timeout plus recording the outcomes); {@link Duration#ZERO} claims nothing (one dispatcher).
   *
   * @param lease how long a claimed delivery stays hidden from other dispatchers; not negative; never null
   * @return a new view of the shared tables; never null
   * @throws IllegalArgumentException if the lease is negative
   */
  public Outbox webhookOutbox(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative()) {
      throw new IllegalArgumentException("lease must not be negative, got " + lease);
    }
    return new JdbcOutbox(db, lease);
  }

  /**
   * The webhook subscription store ({@code stratus_webhook_subscription}) for a {@code WebhookDispatcher}, shared by
   * every host on the database: versioned, with {@link SubscriptionStore#update} a row-locked compare-and-set. The
   * signing secrets are never stored in plain text: each row holds them as an envelope of {@code cipher} (AES-256-GCM
   * under a data key wrapped by the host's key management provider, bound to the subscription id); reading a row whose
   * key the provider no longer has fails with the cipher's {@code DecryptionException}. After a key rotation, rows
   * keep decrypting under their old key id and are re-encrypted under the current key on their next change.
   *
   * @param cipher encrypts and decrypts the signing secrets; use the same key provider on every host; never null
   * @return a new view of the shared table; never null
   */
  public SubscriptionStore subscriptionStore(EnvelopeCipher cipher) {
    return new JdbcSubscriptionStore(db, Objects.requireNonNull(cipher, "cipher"));
  }

  /**
   * The scenario result store ({@code stratus_scenario_result}): each sweep point of a run as its lossless document
   * ({@code ScenarioResultRecord.toJson()}: parameters, replications with their seeds, scheduler summaries, rendered
   * CSV/JSON outputs), immutable once stored.
   *
   * @return a new view of the shared table; never null
   */
  public ScenarioResultStore scenarioResultStore() {
    return new JdbcScenarioResultStore(db);
  }

  /**
   * The metric store ({@code stratus_metric_series}, {@code stratus_metric_sample}): every acknowledged point is
   * committed; {@link MetricStore#appendAll} writes a series' batch (a rollup) in one transaction. Points up to
   * {@code outOfOrderWindow} older than a series' newest point are stored in place, older ones are rejected.
   *
   * @param outOfOrderWindow how far behind a series' newest point an append may land; not negative; never null
   * @return a new store over the shared tables; never null
   * @throws IllegalArgumentException if the window is negative
   */
  public MetricStore metricStore(Duration outOfOrderWindow) {
    Objects.requireNonNull(outOfOrderWindow, "outOfOrderWindow");
    if (outOfOrderWindow.isNegative()) {
      throw new IllegalArgumentException("outOfOrderWindow must not be negative, got " + outOfOrderWindow);
    }
    return new JdbcMetricStore(db, outOfOrderWindow);
  }

  /**
   * The live alert store ({@code stratus_alert}).
   *
   * @return a new view of the shared table; never null
   */
  public AlertStore alertStore() {
    return new JdbcAlertStore(db);
  }

  /**
   * The alert history and audit trail store ({@code stratus_alert_history}, {@code stratus_alert_audit}).
   *
   * @return a new view of the shared tables; never null
   */
  public AlertHistoryStore alertHistoryStore() {
    return new JdbcAlertHistoryStore(db);
  }

  /**
   * The API key store ({@code stratus_api_key}). Its save merges under a row lock: a stored revocation is never undone
   * by saving an older copy of the key, and the last-used time only moves forward.
   *
   * @return a new view of the shared table; never null
   */
  public ApiKeyStore apiKeyStore() {
    return new JdbcApiKeyStore(db);
  }

  /**
   * The tamper-evident audit log ({@code stratus_audit_log}), hash-chained and signed like {@link AuditLog#openFile}.
   * The stored log is verified first, as the file log is when opened.
   *
   * @param checkpointKey the HMAC-SHA256 key for checkpoints, at least 32 bytes; keep it outside the database; never
   *     null
   * @param checkpointEvery sign a checkpoint after every this many entries (the same on every host); positive
   * @return the log; never null
   * @throws AuditLogException if the stored log does not verify with this key and interval
   * @throws IllegalArgumentException if the key is shorter than 32 bytes or {@code checkpointEvery} is not positive
   */
  public AuditLog auditLog(byte[] checkpointKey, int checkpointEvery) {
    JdbcAuditLog log = new JdbcAuditLog(db, checkpointKey, checkpointEvery);
    AuditVerification v = log.verify();
    if (!v.intact()) {
      throw new AuditLogException("the JDBC audit log (stratus_audit_log) does not verify: " + v
          + "; refusing to append to it");
    }
    return log;
  }

  @Override
  public String toString() {
    return "JdbcStores{" + db.dialect() + ", schema version " + schemaVersion() + "}";
  }
}
