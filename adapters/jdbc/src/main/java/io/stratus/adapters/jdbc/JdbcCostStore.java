package io.stratus.adapters.jdbc;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.query.WriteResult;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@link CostStore} over {@code stratus_cost_record}. Each {@link #write} is one transaction (delete the period or the
 * restated lines, insert the batch, update the live count), so a crash or a lost connection leaves the batch either
 * wholly stored or not at all. A write first locks its billing period's slot in {@code stratus_cost_period_lock}
 * (schema V14; an appender's commit the slots of its periods in ascending order, a {@link #rewrite} its period's), then
 * the {@code stratus_cost_count} row: two hosts replacing the same period cannot both keep their rows, a rewrite and a
 * write of one period never interleave, and a rewrite holds up no write of another period. Text holding U+0000, which
 * PostgreSQL cannot store, is refused before anything is written ({@link CostColumns#nulViolation}), on every database
 * and in every layout. Inserts go through COPY on PostgreSQL (rows in the store's {@link CostRowLayout})
 * and JDBC batches elsewhere (columns, with their decimal scales). Queries
 * narrow the rows in SQL (charge period range, source) and aggregate them exactly in the JVM with the same
 * {@link CostQuery#matches}, {@link Dimension#valueOf} and metric semantics as the in-memory store. Thread-safe.
 */
final class JdbcCostStore implements CostStore {
  private static final int BATCH = 2_000;
  private static final int COPY_FLUSH_BYTES = 1 << 20;
  private static final int FETCH = 5_000;
  /** Records a rewrite holds in memory at a time (read through the cursor, then written in one COPY). */
  private static final int REWRITE_CHUNK = 5_000;

  private final Db db;
  private final CostRowLayout layout;
  private final @Nullable Executor copyExecutor;
  private final Set<JdbcAppender> open = ConcurrentHashMap.newKeySet();

  JdbcCostStore(Db db, CostRowLayout layout, @Nullable Executor copyExecutor) {
    this.db = db;
    this.layout = layout;
    this.copyExecutor = copyExecutor;
  }

  @Override
  public WriteResult write(String sourceId, BillingPeriod period, BillingBatch.Mode mode, Collection<CostRecord> records) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(mode, "mode");
    requireStorableSource(sourceId);
    List<CostRecord> list = List.copyOf(records);
    for (int i = 0; i < list.size(); i++) {
      CostRecord r = list.get(i);
      if (!r.billingPeriodStart().equals(period.start()) || !r.billingPeriodEnd().equals(period.end())) {
        throw new IllegalArgumentException("records must belong to billing period " + period + ", got "
            + r.billingPeriodStart() + ".." + r.billingPeriodEnd() + " in " + r);
      }
      requireStorable(r, i, "the batch");
    }
    return db.inTransaction("costStore.write", c -> {
      lockPeriods(c, List.of(period));
      lockCount(c);
      long[] batches = batchesOf(c, sourceId, period);
      long removed = mode == BillingBatch.Mode.REPLACE_PERIOD ? deleteBatches(c, batches, period)
          : deleteKeys(c, batches, period, list);
      if (!list.isEmpty()) {
        long batch = nextBatchId(c);
        registerBatch(c, batch, sourceId, period);
        insertAll(c, sourceId, batch, list);
      }
      long live = addToCount(c, list.size() - removed);
      return new WriteResult(list.size(), removed, live);
    });
  }

  /** The batches that hold a source's billing period. */
  private static long[] batchesOf(Connection c, String sourceId, BillingPeriod period) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT batch_id FROM stratus_cost_batch WHERE source_id = ?"
        + " AND billing_period_start_s = ? AND billing_period_end_s = ?")) {
      ps.setString(1, sourceId);
      ps.setLong(2, period.start().getEpochSecond());
      ps.setLong(3, period.end().getEpochSecond());
      try (ResultSet rs = ps.executeQuery()) {
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
      }
    }
  }

  /** Deletes a period's rows from its batches, and their entries (a period being replaced); returns the rows removed. */
  private static long deleteBatches(Connection c, long[] batches, BillingPeriod period) throws SQLException {
    if (batches.length == 0) {
      return 0;
    }
    Array ids = c.createArrayOf("bigint", Arrays.stream(batches).boxed().toArray());
    String where = " WHERE batch_id = ANY(?) AND billing_period_start_s = ? AND billing_period_end_s = ?";
    try (PreparedStatement rows = c.prepareStatement("DELETE FROM stratus_cost_record" + where);
        PreparedStatement entries = c.prepareStatement("DELETE FROM stratus_cost_batch" + where)) {
      for (PreparedStatement ps : List.of(rows, entries)) {
        ps.setArray(1, ids);
        ps.setLong(2, period.start().getEpochSecond());
        ps.setLong(3, period.end().getEpochSecond());
      }
      long removed = rows.executeUpdate();
      entries.executeUpdate();
      return removed;
    } finally {
      ids.free();
    }
  }

  /** Deletes the rows of a period's batches whose dedup key is restated by the new records. */
  private static long deleteKeys(Connection c, long[] batches, BillingPeriod period, List<CostRecord> list)
      throws SQLException {
    Set<String> keys = new LinkedHashSet<>();
    for (CostRecord r : list) {
      keys.add(r.dedupKey());
    }
    if (keys.isEmpty() || batches.length == 0) {
      return 0;
    }
    Long[] hashes = keys.stream().map(CostColumns::dedupHash).distinct().toArray(Long[]::new);
    Array batchArray = c.createArrayOf("bigint", Arrays.stream(batches).boxed().toArray());
    Array hashArray = c.createArrayOf("bigint", hashes);
    Array keyArray = c.createArrayOf("varchar", keys.toArray());
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM stratus_cost_record WHERE batch_id = ANY(?) AND billing_period_start_s = ?"
            + " AND billing_period_end_s = ? AND dedup_hash = ANY(?) AND dedup_key = ANY(?)")) {
      ps.setArray(1, batchArray);
      ps.setLong(2, period.start().getEpochSecond());
      ps.setLong(3, period.end().getEpochSecond());
      ps.setArray(4, hashArray);
      ps.setArray(5, keyArray);
      return ps.executeUpdate();
    } finally {
      batchArray.free();
      hashArray.free();
      keyArray.free();
    }
  }

  /** A fresh batch id from the sequence (unique across hosts). */
  private long nextBatchId(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(db.dialect() == Dialect.POSTGRESQL
        ? "SELECT nextval('stratus_cost_batch_seq')" : "SELECT NEXT VALUE FOR stratus_cost_batch_seq");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Records that a batch holds rows of a source's billing period. */
  private static void registerBatch(Connection c, long id, String sourceId, BillingPeriod period)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_cost_batch (batch_id, source_id,"
        + " billing_period_start_s, billing_period_end_s) VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, sourceId);
      ps.setLong(3, period.start().getEpochSecond());
      ps.setLong(4, period.end().getEpochSecond());
      ps.executeUpdate();
    }
  }

  /** Refuses a source id that holds U+0000 (stored as text in every layout). */
  private static void requireStorableSource(String sourceId) {
    if (sourceId.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(CostColumns.nulMessage("sourceId", sourceId));
    }
  }

  /**
   * Refuses a record that holds U+0000 in a text (see {@link CostColumns#nulViolation}), before anything of it is
   * written.
   *
   * @param index the record's index in what it came in, for the message
   * @param in what it came in, e.g. {@code "the batch"}
   */
  private static void requireStorable(CostRecord r, long index, String in) {
    String violation = CostColumns.nulViolation(r);
    if (violation != null) {
      throw new IllegalArgumentException("record " + index + " of " + in + recordId(r) + ": " + violation);
    }
  }

  /** How a message names a record: by its line item id when it has one. */
  private static String recordId(CostRecord r) {
    return r.lineItemId() == null ? "" : " (line_item_id " + Codec.quoted(r.lineItemId(), 100) + ")";
  }

  /** How many slots {@code stratus_cost_period_lock} has (schema V14). */
  static final int PERIOD_LOCK_SLOTS = 1024;

  /**
   * The slot of a billing period in {@code stratus_cost_period_lock}: a hash of its start and end seconds (the
   * MurmurHash3 64-bit finalizer) modulo {@value #PERIOD_LOCK_SLOTS}. Periods that share a slot serialize as one
   * period would; nothing else depends on the slot.
   */
  static int lockSlot(BillingPeriod p) {
    long h = p.start().getEpochSecond() * 0x9E3779B97F4A7C15L + p.end().getEpochSecond();
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return (int) ((h ^ (h >>> 33)) & (PERIOD_LOCK_SLOTS - 1));
  }

  /**
   * Locks the slots of billing periods for the rest of the transaction ({@code SELECT ... FOR UPDATE}), in ascending
   * slot order so that two transactions that lock several never deadlock. Writers, appender commits and rewrites
   * take their periods' slots before any other lock (the count row comes after), so a rewrite of one period and a
   * write of another do not wait for each other.
   */
  private static void lockPeriods(Connection c, Collection<BillingPeriod> periods) throws SQLException {
    int[] slots = periods.stream().mapToInt(JdbcCostStore::lockSlot).sorted().distinct().toArray();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT slot FROM stratus_cost_period_lock WHERE slot = ? FOR UPDATE")) {
      for (int slot : slots) {
        ps.setInt(1, slot);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("stratus_cost_period_lock has no slot " + slot
                + "; the schema was changed outside the store");
          }
        }
      }
    }
  }

  /** Serializes writers: every write takes the row lock of the live count, after its periods' slots. */
  private static void lockCount(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE stratus_cost_count SET live = live WHERE id = 1")) {
      ps.executeUpdate();
    }
  }

  private static long addToCount(Connection c, long delta) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE stratus_cost_count SET live = live + ? WHERE id = 1")) {
      ps.setLong(1, delta);
      ps.executeUpdate();
    }
    return readCount(c);
  }

  private static long readCount(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT live FROM stratus_cost_count WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("stratus_cost_count has no row 1; the schema was changed outside the store");
      }
      return rs.getLong(1);
    }
  }

  /**
   * The stored billing periods (of any source) whose start lies in {@code [fromS, toS)} epoch seconds, in start order.
   */
  static List<BillingPeriod> periods(Db db, long fromS, long toS) {
    return db.inTransaction("jdbcStores.rewriteCostRows", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT billing_period_start_s, billing_period_end_s"
          + " FROM stratus_cost_batch WHERE billing_period_start_s >= ? AND billing_period_start_s < ?"
          + " ORDER BY billing_period_start_s, billing_period_end_s")) {
        ps.setLong(1, fromS);
        ps.setLong(2, toS);
        try (ResultSet rs = ps.executeQuery()) {
          List<BillingPeriod> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new BillingPeriod(Instant.ofEpochSecond(rs.getLong(1)), Instant.ofEpochSecond(rs.getLong(2))));
          }
          return out;
        }
      }
    });
  }

  /**
   * Rewrites every row of a billing period (every source) that this store would not write as it is now: on PostgreSQL
   * in {@link CostRowLayout#PACKED} the rows without a payload, in {@link CostRowLayout#COLUMNS} the packed rows and
   * columns rows without {@code tags_json} (written before V13); on H2 (always columns) the latter two. One
   * transaction, holding the period's slot in {@code stratus_cost_period_lock} throughout (not the count row: the
   * count does not change), so no write or appender commit of this period interleaves, writes of other periods go on,
   * and the period ends wholly rewritten or, if anything fails, as it was. A stored record holding U+0000 (a packed
   * row written before the store refused it) fails the rewrite with a permanent {@link JdbcStoreException} naming it;
   * the period stays as it was. Each source's stale rows are read with the
   * store's decoder in chunks of {@value #REWRITE_CHUNK} (a server-side cursor on PostgreSQL), written under a new
   * batch id in this store's layout (binary COPY on PostgreSQL, so BRIN stays tight), then deleted. The live count
   * does not change.
   *
   * @return how many rows were rewritten (0 when the period was already in this layout)
   */
  long rewrite(BillingPeriod period) {
    CostRowLayout target = db.dialect() == Dialect.POSTGRESQL ? layout : CostRowLayout.COLUMNS;
    String stale = target == CostRowLayout.PACKED ? " AND payload IS NULL"
        : " AND (payload IS NOT NULL OR (tags IS NOT NULL AND tags_json IS NULL))";
    String where = " WHERE batch_id = ANY(?) AND billing_period_start_s = ? AND billing_period_end_s = ?";
    return db.inTransaction("jdbcStores.rewriteCostRows", c -> {
      lockPeriods(c, List.of(period));
      Map<String, List<Long>> bySource = new TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT source_id, batch_id FROM stratus_cost_batch"
          + " WHERE billing_period_start_s = ? AND billing_period_end_s = ?")) {
        ps.setLong(1, period.start().getEpochSecond());
        ps.setLong(2, period.end().getEpochSecond());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            bySource.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
          }
        }
      }
      long rewritten = 0;
      for (Map.Entry<String, List<Long>> e : bySource.entrySet()) {
        String sourceId = e.getKey();
        Array ids = c.createArrayOf("bigint", e.getValue().toArray());
        try {
          long read = 0;
          long batch = -1;
          List<CostRecord> chunk = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT " + CostRows.SELECT_COLUMNS
              + " FROM stratus_cost_record" + where + stale)) {
            ps.setFetchSize(REWRITE_CHUNK);
            bindPeriod(ps, ids, period);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (!sourceId.equals(CostRows.source(rs))) {
                  throw new IllegalStateException("a row of source '" + CostRows.source(rs) + "' is in a batch of"
                      + " source '" + sourceId + "' (stratus_cost_batch); the table was changed outside the store");
                }
                CostRecord r = CostRows.decode(rs);
                String violation = CostColumns.nulViolation(r);
                if (violation != null) {
                  throw new JdbcStoreException("jdbcStores.rewriteCostRows", "billing period " + period + " of source "
                      + Codec.quoted(sourceId, 100) + " holds a record" + recordId(r) + " that no layout can store: "
                      + violation + "; the period is left as it was (still readable): write it again with that"
                      + " character removed, or leave it in its layout");
                }
                chunk.add(r);
                read++;
                if (chunk.size() == REWRITE_CHUNK) {
                  batch = batch < 0 ? newBatch(c, sourceId, period) : batch;
                  insertAll(c, sourceId, batch, chunk);
                  chunk.clear();
                }
              }
            }
          }
          if (!chunk.isEmpty()) {
            batch = batch < 0 ? newBatch(c, sourceId, period) : batch;
            insertAll(c, sourceId, batch, chunk);
          }
          if (read > 0) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM stratus_cost_record" + where + stale)) {
              bindPeriod(del, ids, period);
              long deleted = del.executeUpdate();
              if (deleted != read) {
                throw new IllegalStateException("rewriting " + period + " of source '" + sourceId + "' read " + read
                    + " row(s) but would delete " + deleted + "; the table was changed outside the store's lock");
              }
            }
            try (PreparedStatement empty = c.prepareStatement("DELETE FROM stratus_cost_batch b" + where
                + " AND NOT EXISTS (SELECT 1 FROM stratus_cost_record r WHERE r.batch_id = b.batch_id"
                + " AND r.billing_period_start_s = b.billing_period_start_s"
                + " AND r.billing_period_end_s = b.billing_period_end_s)")) {
              bindPeriod(empty, ids, period);
              empty.executeUpdate();
            }
          }
          rewritten += read;
        } finally {
          ids.free();
        }
      }
      return rewritten;
    });
  }

  private static void bindPeriod(PreparedStatement ps, Array batches, BillingPeriod period) throws SQLException {
    ps.setArray(1, batches);
    ps.setLong(2, period.start().getEpochSecond());
    ps.setLong(3, period.end().getEpochSecond());
  }

  private long newBatch(Connection c, String sourceId, BillingPeriod period) throws SQLException {
    long batch = nextBatchId(c);
    registerBatch(c, batch, sourceId, period);
    return batch;
  }

  /** Inserts records in this store's layout in the current transaction (one COPY on PostgreSQL). */
  private void insertAll(Connection c, String sourceId, long batch, List<CostRecord> records) throws SQLException {
    Inserter in = inserter(c, sourceId);
    try {
      for (CostRecord r : records) {
        in.add(batch, r);
      }
      in.finish();
    } catch (SQLException | RuntimeException e) {
      in.abort();
      throw e;
    }
  }

  private Inserter inserter(Connection c, String sourceId) throws SQLException {
    return db.dialect() == Dialect.POSTGRESQL ? new CopyInserter(c, layout, sourceId, copyExecutor)
        : new BatchInserter(c, sourceId);
  }

  /** Streams one source's rows into the current transaction of a connection. Not thread-safe. */
  private interface Inserter {
    void add(long batch, CostRecord r) throws SQLException;

    void finish() throws SQLException;

    void abort();
  }

  /**
   * PostgreSQL COPY in binary format, sent in 1 MiB pieces. Without an executor the calling thread encodes a piece,
   * then sends it (the server idles while the next piece is encoded). With one, each piece is sent by a task on the
   * executor, chained after the previous piece's, while the calling thread encodes the next into another of {@value
   * #PIPELINE} buffers, so encoding overlaps the server's COPY. Only one thread uses the connection at a time: the
   * tasks run one after another, and {@link #finish}/{@link #abort} wait for the last one before touching it.
   */
  private static final class CopyInserter implements Inserter {
    private static final int PIPELINE = 3;
    private final CopyIn copy;
    private final String sourceId;
    private final @Nullable Executor executor;
    private final CopyBinary[] buffers;
    private final CompletableFuture<?>[] sent;
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
    private int current;

    CopyInserter(Connection c, CostRowLayout layout, String sourceId, @Nullable Executor executor)
        throws SQLException {
      this.copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(CopyBinary.copySql(layout));
      this.sourceId = sourceId;
      this.executor = executor;
      int n = executor == null ? 1 : PIPELINE;
      this.buffers = new CopyBinary[n];
      this.sent = new CompletableFuture<?>[n];
      for (int i = 0; i < n; i++) {
        buffers[i] = new CopyBinary(layout, COPY_FLUSH_BYTES + 8192);
        sent[i] = last;
      }
      buffers[0].header();
    }

    @Override
    public void add(long batch, CostRecord r) throws SQLException {
      CopyBinary rows = buffers[current];
      rows.row(sourceId, batch, r);
      if (rows.length() >= COPY_FLUSH_BYTES) {
        flush();
      }
    }

    private void flush() throws SQLException {
      CopyBinary rows = buffers[current];
      if (executor == null) {
        copy.writeToCopy(rows.bytes(), 0, rows.length());
        rows.reset();
        return;
      }
      last = last.thenRunAsync(() -> {
        try {
          copy.writeToCopy(rows.bytes(), 0, rows.length());
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      }, executor);
      sent[current] = last;
      current = (current + 1) % buffers.length;
      await(sent[current]);
      buffers[current].reset();
    }

    /** Waits for a send, rethrowing its failure as the driver's exception. */
    private static void await(CompletableFuture<?> f) throws SQLException {
      try {
        f.join();
      } catch (CompletionException | CancellationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof SQLException sql) {
          throw sql;
        }
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("COPY send failed", cause);
      }
    }

    @Override
    public void finish() throws SQLException {
      buffers[current].trailer();
      flush();
      await(last);
      copy.endCopy();
    }

    @Override
    public void abort() {
      try {
        last.handle((v, e) -> null).join();
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      } catch (SQLException ignored) {
        // the transaction is rolled back or the connection is gone; the rows are not stored either way
      }
    }
  }

  /** JDBC batches of {@value #BATCH} rows. */
  private static final class BatchInserter implements Inserter {
    private final PreparedStatement ps;
    private final String sourceId;
    private int pending;

    BatchInserter(Connection c, String sourceId) throws SQLException {
      this.ps = c.prepareStatement(CostRows.INSERT_SQL);
      this.sourceId = sourceId;
    }

    @Override
    public void add(long batch, CostRecord r) throws SQLException {
      CostRows.bind(ps, sourceId, batch, r);
      if (++pending == BATCH) {
        ps.executeBatch();
        pending = 0;
      }
    }

    @Override
    public void finish() throws SQLException {
      if (pending > 0) {
        ps.executeBatch();
      }
      ps.close();
    }

    @Override
    public void abort() {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // the transaction is rolled back; the rows are not stored either way
      }
    }
  }

  @Override
  public Appender appender(String sourceId) {
    requireStorableSource(Objects.requireNonNull(sourceId, "sourceId"));
    JdbcAppender a = new JdbcAppender(sourceId);
    open.add(a);
    return a;
  }

  /** A bulk load in one transaction, streamed as records arrive and committed by {@link #commit}. Not thread-safe. */
  private final class JdbcAppender implements Appender {
    private final Thread owner = Thread.currentThread();
    private final String sourceId;
    private @Nullable Connection connection;
    private @Nullable Inserter inserter;
    private final Set<BillingPeriod> periods = new HashSet<>();
    private long batch;
    private long count;
    private boolean done;

    JdbcAppender(String sourceId) {
      this.sourceId = sourceId;
    }

    @Override
    public void accept(CostRecord record) {
      Objects.requireNonNull(record, "record");
      if (done) {
        throw new IllegalStateException("appender for source '" + sourceId + "' was already committed");
      }
      // refused before any of it is encoded: the appender stays usable, its earlier records untouched
      requireStorable(record, count, "the appender");
      try {
        if (inserter == null) {
          connection = db.open("costStore.appender");
          batch = nextBatchId(connection);
          inserter = inserter(connection, sourceId);
        }
        periods.add(BillingPeriod.of(record));
        inserter.add(batch, record);
        count++;
      } catch (SQLException e) {
        fail();
        throw JdbcStoreException.of("costStore.appender", e, false);
      }
    }

    @Override
    public long commit() {
      if (done) {
        return 0;
      }
      done = true;
      open.remove(this);
      Connection c = connection;
      Inserter in = inserter;
      if (c == null || in == null) {
        return 0;
      }
      try {
        in.finish();
        lockPeriods(c, periods);
        lockCount(c);
        for (BillingPeriod p : periods) {
          registerBatch(c, batch, sourceId, p);
        }
        addToCount(c, count);
      } catch (SQLException e) {
        fail();
        throw JdbcStoreException.of("costStore.appender.commit", e, false);
      }
      try {
        Db.commit("costStore.appender.commit", c);
      } finally {
        closeQuietly(c);
        connection = null;
      }
      return count;
    }

    private void fail() {
      done = true;
      open.remove(this);
      Connection c = connection;
      if (inserter != null) {
        inserter.abort();
      }
      if (c != null) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the connection is broken; the server discards the uncommitted rows
        }
        closeQuietly(c);
      }
      connection = null;
    }

    @Override
    public String toString() {
      return "appender for source '" + sourceId + "' (opened on thread '" + owner.getName() + "', " + count
          + " uncommitted record(s))";
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing to release on a broken connection
    }
  }

  private void requireNoOpenAppenderHere(String operation) {
    Thread t = Thread.currentThread();
    for (JdbcAppender a : open) {
      if (a.owner == t) {
        throw new IllegalStateException(operation + " on a thread that holds an open " + a
            + ": close the appender first (its records become visible only then)");
      }
    }
  }

  @Override
  public long size() {
    return db.inTransaction("costStore.size", JdbcCostStore::readCount);
  }

  @Override
  public CostQueryResult query(CostQuery q) {
    Objects.requireNonNull(q, "query");
    requireNoOpenAppenderHere("query");
    Granularity gran = q.granularity();
    Map<List<Object>, Acc> groups = new HashMap<>();
    stream("costStore.query", q, (source, r) -> {
      List<Object> key = new ArrayList<>(q.groupBy().size() + 2);
      for (Dimension d : q.groupBy()) {
        key.add(Objects.requireNonNullElse(d.valueOf(r, source), NULL_KEY));
      }
      key.add(r.billingCurrency());
      key.add(gran.bucket(r.chargePeriodStart().getEpochSecond()));
      Acc a = groups.computeIfAbsent(key, k -> new Acc());
      a.sum = a.sum.add(q.metric().valueOf(r));
      a.count++;
    });
    List<CostRow> rows = new ArrayList<>(groups.size());
    int n = q.groupBy().size();
    groups.forEach((k, a) -> {
      String[] values = new String[n];
      for (int i = 0; i < n; i++) {
        Object v = k.get(i);
        values[i] = v == NULL_KEY ? null : (String) v;
      }
      rows.add(new CostRow(Arrays.asList(values), gran.start((Long) k.get(n + 1)), (Currency) k.get(n), a.sum,
          a.count));
    });
    if (q.limit() > 0) {
      rows.sort((a, b) -> b.amount().compareTo(a.amount()));
      return new CostQueryResult(q, rows.subList(0, Math.min(q.limit(), rows.size())));
    }
    rows.sort(CostRow.RESULT_ORDER);
    return new CostQueryResult(q, rows);
  }

  /** Stands for a null dimension value in a group key. */
  private static final Object NULL_KEY = new Object();

  /** An exact group accumulator. */
  private static final class Acc {
    BigDecimal sum = BigDecimal.ZERO;
    long count;
  }

  @Override
  public void scan(CostQuery q, RecordVisitor visitor) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(visitor, "visitor");
    requireNoOpenAppenderHere("scan");
    stream("costStore.scan", q, visitor);
  }

  /** Streams the rows that pass a query's range and filters, in one read-only transaction (a consistent snapshot). */
  private void stream(String operation, CostQuery q, RecordVisitor visitor) {
    StringBuilder sql = new StringBuilder("SELECT " + CostRows.SELECT_COLUMNS + " FROM stratus_cost_record WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (q.from() != null) {
      sql.append(" AND charge_period_start_s >= ?");
      params.add(q.from().getEpochSecond());
    }
    if (q.to() != null) {
      sql.append(" AND charge_period_start_s < ?");
      params.add(q.to().getEpochSecond() + (q.to().getNano() > 0 ? 1 : 0));
    }
    Set<String> sources = q.filters().get(Dimension.SOURCE);
    if (sources != null) {
      sql.append(" AND source_id = ANY(?)");
      params.add(sources);
    }
    db.inTransaction(operation, c -> {
      if (db.dialect() == Dialect.POSTGRESQL) {
        try (PreparedStatement ro = c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")) {
          ro.execute();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        ps.setFetchSize(FETCH);
        for (int i = 0; i < params.size(); i++) {
          Object p = params.get(i);
          if (p instanceof Long l) {
            ps.setLong(i + 1, l);
          } else {
            ps.setArray(i + 1, c.createArrayOf("varchar", ((Set<?>) p).toArray()));
          }
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            CostRecord r = CostRows.decode(rs);
            String source = CostRows.source(rs);
            if (q.matches(r, source)) {
              visitor.visit(source, r);
            }
          }
        }
      }
      return Boolean.TRUE;
    });
  }
}
