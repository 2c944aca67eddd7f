package io.stratus.finops.spi;

import io.stratus.finops.query.WriteResult;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.internal.Fields;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.spi.Columns.Chunk;
import io.stratus.finops.spi.Columns.Codes;
import io.stratus.finops.spi.Columns.Dec;
import io.stratus.finops.spi.Columns.Dict;
import io.stratus.finops.spi.Columns.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded columnar store. Rows live in chunks of {@value #CHUNK} rows; each string column is dictionary-encoded
 * (store-wide dictionaries) and stored per chunk as a constant or as 1- or 2-byte chunk-local codes; each decimal column
 * as exact unscaled integers at one per-chunk scale (constant, 256-value dictionary, int or long; BigDecimal only when
 * a value has more than 18 digits); times as epoch-second offsets. Deleted rows are marked, not moved.
 *
 * <p>Thread-safe: a read-write lock; queries run concurrently, writes and chunk sealing are exclusive.
 */
final class InMemoryCostStore implements CostStore {
  static final int CHUNK = 32768;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** The appenders not yet committed. */
  private final Set<BulkAppender> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Dict[] dicts = new Dict[Fields.STRINGS];
  private final List<Chunk> chunks = new ArrayList<>();
  private final Map<String, Map<String, List<Long>>> keyIndex = new HashMap<>();
  private long live;
  private int[] scratchLocal = new int[1024];
  private int[] scratchStamp = new int[1024];
  private int stamp;
  private final List<Map<String, String>> tagMaps = new ArrayList<>();
  private final Map<Map<String, String>, Integer> tagCodes = new HashMap<>();

  InMemoryCostStore() {
    for (int i = 0; i < dicts.length; i++) {
      dicts[i] = new Dict();
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Encodes records column by column as they arrive, so a bulk load never holds more than the current chunk's codes.
   * Dictionary updates are guarded by the dictionaries' monitor. Not thread-safe itself.
   */
  private final class ChunkBuilder {
    final String sourceId;
    final int[][] codes = new int[Fields.STRINGS][CHUNK];
    final long[][] unscaled = new long[Fields.DECIMALS][CHUNK];
    final byte[][] scales = new byte[Fields.DECIMALS][CHUNK];
    final BigDecimal[][] big = new BigDecimal[Fields.DECIMALS][];
    final long[][] secs = new long[Fields.TIMES][CHUNK];
    int n;

    ChunkBuilder(String sourceId) {
      this.sourceId = sourceId;
    }

    boolean isFull() {
      return n == CHUNK;
    }

    void add(CostRecord r) {
      int i = n;
      synchronized (dicts) {
        for (int f = 1; f < Fields.STRINGS; f++) {
          if (f == Fields.TAGS) {
            Map<String, String> t = r.tags();
            if (t.isEmpty()) {
              codes[f][i] = 0;
            } else {
              Integer c = tagCodes.get(t);
              if (c == null) {
                c = dicts[f].code(Fields.encodeTags(t));
                tagCodes.put(t, c);
              }
              codes[f][i] = c;
            }
          } else {
            codes[f][i] = dicts[f].code(Fields.string(r, f));
          }
        }
      }
      for (int f = 0; f < Fields.DECIMALS; f++) {
        BigDecimal v = Fields.decimal(r, f);
        if (v == null) {
          scales[f][i] = Dec.NULL;
        } else if (v.scale() >= 0 && v.scale() <= 18 && v.precision() <= 18) {
          unscaled[f][i] = v.unscaledValue().longValue();
          scales[f][i] = (byte) v.scale();
        } else {
          if (big[f] == null) {
            big[f] = new BigDecimal[CHUNK];
          }
          big[f][i] = v;
          scales[f][i] = Dec.BIG;
        }
      }
      for (int f = 0; f < Fields.TIMES; f++) {
        secs[f][i] = Fields.time(r, f).getEpochSecond();
      }
      n++;
    }

    Chunk build() {
      Codes[] strings = new Codes[Fields.STRINGS];
      synchronized (dicts) {
        strings[Fields.SOURCE] = new Codes.Const(dicts[Fields.SOURCE].code(sourceId));
        for (int f = 1; f < Fields.STRINGS; f++) {
          Dict d = dicts[f];
          if (scratchLocal.length < d.size()) {
            int len = Math.max(d.size(), scratchLocal.length * 2);
            scratchLocal = Arrays.copyOf(scratchLocal, len);
            scratchStamp = Arrays.copyOf(scratchStamp, len);
          }
          strings[f] = Codes.of(codes[f], n, scratchLocal, scratchStamp, ++stamp);
        }
      }
      Dec[] decimals = new Dec[Fields.DECIMALS];
      for (int f = 0; f < Fields.DECIMALS; f++) {
        Dec dec = Dec.ofRaw(unscaled[f], scales[f], big[f], n);
        for (int g = 0; g < f; g++) {
          if (decimals[g].sameAs(dec, n)) {
            dec = decimals[g];
            break;
          }
        }
        decimals[f] = dec;
      }
      Times[] times = new Times[Fields.TIMES];
      for (int f = 0; f < Fields.TIMES; f++) {
        times[f] = Times.of(secs[f], n);
      }
      Chunk c = new Chunk(n, strings, decimals, times);
      n = 0;
      Arrays.fill(big, null);
      return c;
    }
  }

  /** Encodes records into chunks; caller holds the write lock. */
  private List<Chunk> seal(List<CostRecord> recs, String sourceId) {
    List<Chunk> out = new ArrayList<>();
    ChunkBuilder b = new ChunkBuilder(sourceId);
    for (CostRecord r : recs) {
      b.add(r);
      if (b.isFull()) {
        out.add(b.build());
      }
    }
    if (b.n > 0) {
      out.add(b.build());
    }
    return out;
  }

  @Override
  public WriteResult write(
      String sourceId, BillingPeriod period, BillingBatch.Mode mode, Collection<CostRecord> records) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(mode, "mode");
    List<CostRecord> list = List.copyOf(records);
    for (CostRecord r : list) {
      if (!r.billingPeriodStart().equals(period.start()) || !r.billingPeriodEnd().equals(period.end())) {
        throw new IllegalArgumentException(
            "records must belong to billing period " + period + ", got " + r.billingPeriodStart() + ".."
                + r.billingPeriodEnd() + " in " + r);
      }
    }
    lock.writeLock().lock();
    try {
      String partition = partitionKey(sourceId, period);
      long removed = 0;
      Map<String, List<Long>> index = null;
      if (mode == BillingBatch.Mode.REPLACE_PERIOD) {
        removed = deletePartition(sourceId, period);
        keyIndex.remove(partition);
      } else {
        index = keyIndex.computeIfAbsent(partition, k -> buildIndex(sourceId, period));
        Set<String> keys = new HashSet<>();
        for (CostRecord r : list) {
          keys.add(r.dedupKey());
        }
        for (String k : keys) {
          List<Long> refs = index.remove(k);
          if (refs != null) {
            for (long ref : refs) {
              Chunk c = chunks.get((int) (ref >>> 32));
              if (c.delete((int) ref)) {
                removed++;
              }
            }
          }
        }
      }
      int first = chunks.size();
      chunks.addAll(seal(list, sourceId));
      if (index != null) {
        for (int k = 0; k < list.size(); k++) {
          long ref = ((long) (first + k / CHUNK) << 32) | (k % CHUNK);
          index.computeIfAbsent(list.get(k).dedupKey(), x -> new ArrayList<>(1)).add(ref);
        }
      }
      live += list.size() - removed;
      return new WriteResult(list.size(), removed, live);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static String partitionKey(String sourceId, BillingPeriod p) {
    return sourceId + '\u001f' + p.start() + '\u001f' + p.end();
  }

  private int sourceCode(String sourceId) {
    synchronized (dicts) {
      return dicts[Fields.SOURCE].find(sourceId);
    }
  }

  private long deletePartition(String sourceId, BillingPeriod p) {
    int s = sourceCode(sourceId);
    if (s < 0) {
      return 0;
    }
    long start = p.start().getEpochSecond();
    long end = p.end().getEpochSecond();
    long removed = 0;
    for (Chunk c : chunks) {
      if (!c.strings[Fields.SOURCE].mayContain(s)) {
        continue;
      }
      Times bs = c.times[Fields.T_BILLING_START];
      if (bs.min() > start || bs.max() < start) {
        continue;
      }
      for (int i = 0; i < c.size; i++) {
        if (!c.isDeleted(i) && c.strings[Fields.SOURCE].get(i) == s && bs.get(i) == start
            && c.times[Fields.T_BILLING_END].get(i) == end && c.delete(i)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private Map<String, List<Long>> buildIndex(String sourceId, BillingPeriod p) {
    Map<String, List<Long>> index = new HashMap<>();
    int s = sourceCode(sourceId);
    if (s < 0) {
      return index;
    }
    long start = p.start().getEpochSecond();
    long end = p.end().getEpochSecond();
    for (int ci = 0; ci < chunks.size(); ci++) {
      Chunk c = chunks.get(ci);
      if (!c.strings[Fields.SOURCE].mayContain(s)) {
        continue;
      }
      for (int i = 0; i < c.size; i++) {
        if (!c.isDeleted(i) && c.strings[Fields.SOURCE].get(i) == s
            && c.times[Fields.T_BILLING_START].get(i) == start && c.times[Fields.T_BILLING_END].get(i) == end) {
          index.computeIfAbsent(record(c, i).dedupKey(), k -> new ArrayList<>(1)).add(((long) ci << 32) | i);
        }
      }
    }
    return index;
  }

  @Override
  public Appender appender(String sourceId) {
    BulkAppender opened = new BulkAppender(Objects.requireNonNull(sourceId, "sourceId"));
    open.add(opened);
    return opened;
  }

  /** A bulk load; registered in {@link #open} until committed. Not thread-safe. */
  private final class BulkAppender implements Appender {
    private final Thread owner = Thread.currentThread();
    private final String sourceId;
    private final ChunkBuilder builder;
    private final List<Chunk> pending = new ArrayList<>();
    private long count;
    private boolean committed;

    BulkAppender(String sourceId) {
      this.sourceId = sourceId;
      this.builder = new ChunkBuilder(sourceId);
    }

    @Override
    public void accept(CostRecord record) {
      if (committed) {
        throw new IllegalStateException("appender for source '" + sourceId + "' was already committed");
      }
      builder.add(Objects.requireNonNull(record, "record"));
      count++;
      if (builder.isFull()) {
        pending.add(builder.build());
      }
    }

    @Override
    public long commit() {
      if (committed) {
        return 0;
      }
      if (builder.n > 0) {
        pending.add(builder.build());
      }
      lock.writeLock().lock();
      try {
        chunks.addAll(pending);
        live += count;
        keyIndex.clear();
      } finally {
        lock.writeLock().unlock();
      }
      committed = true;
      pending.clear();
      open.remove(this);
      return count;
    }

    @Override
    public String toString() {
      return "appender for source '" + sourceId + "' (opened on thread '" + owner.getName() + "', " + count
          + " uncommitted record(s))";
    }
  }

  /** The decimal column a metric sums. */
  private static int metricField(CostMetric metric) {
    switch (metric) {
      case BILLED:
        return Fields.D_BILLED;
      case EFFECTIVE:
        return Fields.D_EFFECTIVE;
      case LIST:
        return Fields.D_LIST;
      case CONTRACTED:
        return Fields.D_CONTRACTED;
      default:
        return Fields.D_CONSUMED_QUANTITY;
    }
  }

  /**
   * Fails a read on a thread that holds an open appender of this store: its records are not visible yet, so the
   * answer would silently leave them out (the appender was most likely never closed). Reads on other threads proceed.
   */
  private void requireNoOpenAppenderHere(String operation) {
    if (open.isEmpty()) {
      return;
    }
    Thread me = Thread.currentThread();
    for (BulkAppender a : open) {
      if (a.owner == me) {
        throw new IllegalStateException(
            "CostStore." + operation + " on a thread with an open " + a + ": those records are invisible until the"
                + " appender is closed; close it first (try-with-resources) or call commit()");
      }
    }
  }

  @Override
  public long size() {
    lock.readLock().lock();
    try {
      return live;
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---------------------------------------------------------------- reading

  private CostRecord record(Chunk c, int i) {
    CostRecord.Builder b = CostRecord.builder();
    for (int f = 0; f < Fields.STRINGS; f++) {
      if (f != Fields.SOURCE) {
        Fields.setString(b, f, dicts[f].value(c.strings[f].get(i)));
      }
    }
    for (int f = 0; f < Fields.DECIMALS; f++) {
      Fields.setDecimal(b, f, c.decimals[f].get(i));
    }
    for (int f = 0; f < Fields.TIMES; f++) {
      Fields.setTime(b, f, Instant.ofEpochSecond(c.times[f].get(i)));
    }
    return b.build();
  }

  private Map<String, String> tags(int code) {
    while (tagMaps.size() <= code) {
      tagMaps.add(null);
    }
    Map<String, String> m = tagMaps.get(code);
    if (m == null) {
      m = Fields.decodeTags(dicts[Fields.TAGS].value(code));
      tagMaps.set(code, m);
    }
    return m;
  }

  /** A per-query view of one dimension: code translation for tags, and the accepted codes of a filter. */
  private final class DimView {
    final Dimension dim;
    final int field;
    final int[] translate;
    final List<String> tagValues;

    DimView(Dimension dim) {
      this.dim = dim;
      this.field = Fields.dimension(dim.name());
      if (dim.tagKey() == null) {
        translate = null;
        tagValues = null;
      } else {
        Dict d = dicts[Fields.TAGS];
        translate = new int[d.size()];
        tagValues = new ArrayList<>();
        tagValues.add(null);
        Map<String, Integer> local = new HashMap<>();
        for (int code = 1; code < d.size(); code++) {
          String v;
          synchronized (tagMaps) {
            v = tags(code).get(dim.tagKey());
          }
          if (v != null) {
            Integer l = local.get(v);
            if (l == null) {
              l = tagValues.size();
              tagValues.add(v);
              local.put(v, l);
            }
            translate[code] = l;
          }
        }
      }
    }

    int cardinality() {
      return translate == null ? dicts[field].size() : tagValues.size();
    }

    int code(int raw) {
      return translate == null ? raw : translate[raw];
    }

    String value(int code) {
      return translate == null ? dicts[field].value(code) : tagValues.get(code);
    }

    boolean[] accepted(Set<String> values) {
      boolean[] ok = new boolean[cardinality()];
      for (int c = 0; c < ok.length; c++) {
        ok[c] = values.contains(value(c));
      }
      return ok;
    }
  }

  @Override
  public CostQueryResult query(CostQuery q) {
    Objects.requireNonNull(q, "query");
    requireNoOpenAppenderHere("query");
    lock.readLock().lock();
    try {
      return new QueryRun(q).run();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void scan(CostQuery q, RecordVisitor visitor) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(visitor, "visitor");
    requireNoOpenAppenderHere("scan");
    lock.readLock().lock();
    try {
      QueryRun run = new QueryRun(q);
      for (Chunk c : chunks) {
        if (run.skip(c)) {
          continue;
        }
        run.decodeFilters(c);
        for (int i = 0; i < c.size; i++) {
          if (run.passes(c, i)) {
            visitor.visit(dicts[Fields.SOURCE].value(c.strings[Fields.SOURCE].get(i)), record(c, i));
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** One query execution over the chunks. */
  private final class QueryRun {
    final CostQuery q;
    final long from;
    final long to;
    final DimView[] filterViews;
    final boolean[][] accepted;
    final int[][] filterCodes;
    final DimView[] groupViews;
    final int[][] groupCodes;
    final int[] currencyCodes = new int[CHUNK];
    final long[] starts = new long[CHUNK];
    final long[] amounts = new long[CHUNK];

    QueryRun(CostQuery q) {
      this.q = q;
      this.from = q.from() == null ? Long.MIN_VALUE : q.from().getEpochSecond();
      this.to = q.to() == null ? Long.MAX_VALUE : q.to().getEpochSecond();
      List<Dimension> fd = new ArrayList<>(q.filters().keySet());
      filterViews = new DimView[fd.size()];
      accepted = new boolean[fd.size()][];
      filterCodes = new int[fd.size()][CHUNK];
      for (int k = 0; k < fd.size(); k++) {
        filterViews[k] = new DimView(fd.get(k));
        accepted[k] = filterViews[k].accepted(q.filters().get(fd.get(k)));
      }
      groupViews = new DimView[q.groupBy().size()];
      groupCodes = new int[groupViews.length][CHUNK];
      for (int k = 0; k < groupViews.length; k++) {
        groupViews[k] = new DimView(q.groupBy().get(k));
      }
    }

    boolean skip(Chunk c) {
      Times st = c.times[Fields.T_CHARGE_START];
      return c.live() == 0 || st.max() < from || st.min() >= to;
    }

    void decodeFilters(Chunk c) {
      for (int k = 0; k < filterViews.length; k++) {
        c.strings[filterViews[k].field].decode(filterCodes[k], c.size);
      }
      c.times[Fields.T_CHARGE_START].decode(starts, c.size);
    }

    boolean passes(Chunk c, int i) {
      if (c.isDeleted(i) || starts[i] < from || starts[i] >= to) {
        return false;
      }
      for (int k = 0; k < filterViews.length; k++) {
        if (!accepted[k][filterViews[k].code(filterCodes[k][i])]) {
          return false;
        }
      }
      return true;
    }

    CostQueryResult run() {
      int metric = metricField(q.metric());
      Granularity gran = q.granularity();
      long minStart = Long.MAX_VALUE;
      long maxStart = Long.MIN_VALUE;
      int globalScale = 0;
      boolean anyBig = false;
      for (Chunk c : chunks) {
        if (skip(c)) {
          continue;
        }
        minStart = Math.min(minStart, Math.max(from, c.times[Fields.T_CHARGE_START].min()));
        maxStart = Math.max(maxStart, Math.min(to - 1, c.times[Fields.T_CHARGE_START].max()));
        int s = c.decimals[metric].scale();
        if (s < 0) {
          anyBig = true;
        } else {
          globalScale = Math.max(globalScale, s);
        }
      }
      if (minStart == Long.MAX_VALUE) {
        return new CostQueryResult(q, List.of());
      }
      long minBucket = gran.bucket(minStart);
      long buckets = gran.bucket(maxStart) - minBucket + 1;
      // radix of each key part: group dimensions, currency, time bucket
      int parts = groupViews.length + 1;
      long[] radix = new long[parts + 1];
      for (int k = 0; k < groupViews.length; k++) {
        radix[k] = groupViews[k].cardinality();
      }
      radix[groupViews.length] = dicts[Fields.CURRENCY].size();
      radix[parts] = buckets;
      long space = 1;
      boolean overflow = false;
      for (long r : radix) {
        if (space > Long.MAX_VALUE / Math.max(1, r)) {
          overflow = true;
        }
        space *= Math.max(1, r);
      }
      if (overflow) {
        throw new IllegalArgumentException(
            "costQuery groups by too many distinct values at once (" + Arrays.toString(radix) + "); group by fewer"
                + " dimensions or a coarser granularity");
      }
      Groups groups = space <= (1 << 22) ? new DenseGroups((int) space) : new HashGroups();
      groups.pendingScale = globalScale;
      boolean exactLongs = !anyBig && globalScale <= 18;
      long[] lastDay = {Long.MIN_VALUE};
      long[] lastBucket = {0};
      for (Chunk c : chunks) {
        if (skip(c)) {
          continue;
        }
        int n = c.size;
        decodeFilters(c);
        for (int k = 0; k < groupViews.length; k++) {
          c.strings[groupViews[k].field].decode(groupCodes[k], n);
        }
        c.strings[Fields.CURRENCY].decode(currencyCodes, n);
        Dec dec = c.decimals[metric];
        boolean chunkLongs = exactLongs && dec.scale() >= 0 && globalScale - dec.scale() <= 18;
        long mul = chunkLongs ? Columns.POW10[globalScale - dec.scale()] : 1;
        if (chunkLongs) {
          dec.decode(amounts, n);
        }
        for (int i = 0; i < n; i++) {
          if (!passes(c, i)) {
            continue;
          }
          long key = 0;
          for (int k = 0; k < groupViews.length; k++) {
            key = key * radix[k] + groupViews[k].code(groupCodes[k][i]);
          }
          key = key * radix[groupViews.length] + currencyCodes[i];
          long bucket;
          if (gran == Granularity.MONTH) {
            long day = Math.floorDiv(starts[i], 86400);
            if (day != lastDay[0]) {
              lastDay[0] = day;
              lastBucket[0] = gran.bucket(starts[i]);
            }
            bucket = lastBucket[0];
          } else {
            bucket = gran.bucket(starts[i]);
          }
          key = key * radix[parts] + (bucket - minBucket);
          int g = groups.slot(key);
          if (chunkLongs) {
            groups.add(g, amounts[i], mul);
          } else if (!dec.isNull(i)) {
            groups.addBig(g, dec.get(i));
          } else {
            groups.count[g]++;
          }
        }
      }
      List<CostRow> rows = new ArrayList<>();
      int scale = globalScale;
      Groups selected = q.limit() > 0 && groups.spill == null ? groups.top(q.limit()) : groups;
      selected.forEach(
          (key, g) -> {
            long rest = key;
            long bucket = rest % radix[parts] + minBucket;
            rest /= radix[parts];
            int currency = (int) (rest % radix[groupViews.length]);
            rest /= radix[groupViews.length];
            String[] values = new String[groupViews.length];
            for (int k = groupViews.length - 1; k >= 0; k--) {
              values[k] = groupViews[k].value((int) (rest % radix[k]));
              rest /= radix[k];
            }
            rows.add(
                new CostRow(
                    Arrays.asList(values),
                    gran.start(bucket),
                    Currency.getInstance(dicts[Fields.CURRENCY].value(currency)),
                    groups.amount(g, scale),
                    groups.count[g]));
          });
      if (q.limit() > 0) {
        rows.sort((a, b) -> b.amount().compareTo(a.amount()));
        return new CostQueryResult(q, rows.subList(0, Math.min(q.limit(), rows.size())));
      }
      rows.sort(CostRow.RESULT_ORDER);
      return new CostQueryResult(q, rows);
    }
  }

  /** Exact group accumulators: long sums at the query scale, spilling to BigDecimal on overflow. */
  private abstract static class Groups {
    long[] sums;
    long[] count;
    BigDecimal[] spill;

    abstract int slot(long key);

    abstract void forEach(KeySlot visitor);

    /** The n groups with the largest sums (valid when nothing spilled), as a view over this accumulator. */
    Groups top(int n) {
      long[] keys = new long[n];
      int[] slots = new int[n];
      int[] size = {0};
      forEach(
          (key, g) -> {
            long v = sums[g];
            int k = size[0];
            if (k == n) {
              if (v <= sums[slots[n - 1]]) {
                return;
              }
              k = n - 1;
            } else {
              size[0]++;
            }
            while (k > 0 && sums[slots[k - 1]] < v) {
              slots[k] = slots[k - 1];
              keys[k] = keys[k - 1];
              k--;
            }
            slots[k] = g;
            keys[k] = key;
          });
      List<long[]> all = new ArrayList<>();
      for (int k = 0; k < size[0]; k++) {
        all.add(new long[] {keys[k], slots[k]});
      }
      Groups outer = this;
      return new Groups() {
        {
          sums = outer.sums;
          count = outer.count;
          spill = outer.spill;
        }

        @Override
        int slot(long key) {
          throw new IllegalStateException("read-only view");
        }

        @Override
        void forEach(KeySlot visitor) {
          for (long[] e : all) {
            visitor.visit(e[0], (int) e[1]);
          }
        }
      };
    }

    void add(int g, long unscaled, long mul) {
      count[g]++;
      try {
        long v = mul == 1 ? unscaled : Math.multiplyExact(unscaled, mul);
        sums[g] = Math.addExact(sums[g], v);
      } catch (ArithmeticException e) {
        BigDecimal v = BigDecimal.valueOf(unscaled).multiply(BigDecimal.valueOf(mul));
        spillAdd(g, v, true);
      }
    }

    void addBig(int g, BigDecimal v) {
      count[g]++;
      spillAdd(g, v, false);
    }

    private void spillAdd(int g, BigDecimal v, boolean unscaledAtQueryScale) {
      if (spill == null) {
        spill = new BigDecimal[sums.length];
      }
      if (spill.length < sums.length) {
        spill = Arrays.copyOf(spill, sums.length);
      }
      BigDecimal x = unscaledAtQueryScale ? new BigDecimal(v.toBigInteger(), pendingScale) : v;
      spill[g] = spill[g] == null ? x : spill[g].add(x);
    }

    int pendingScale;

    BigDecimal amount(int g, int scale) {
      BigDecimal a = BigDecimal.valueOf(sums[g], scale);
      if (spill != null && g < spill.length && spill[g] != null) {
        a = a.add(spill[g]);
      }
      return a.signum() == 0 ? BigDecimal.ZERO : a.stripTrailingZeros();
    }
  }

  @FunctionalInterface
  private interface KeySlot {
    void visit(long key, int slot);
  }

  private static final class DenseGroups extends Groups {
    DenseGroups(int space) {
      sums = new long[space];
      count = new long[space];
    }

    @Override
    int slot(long key) {
      return (int) key;
    }

    @Override
    void forEach(KeySlot visitor) {
      for (int g = 0; g < count.length; g++) {
        if (count[g] > 0) {
          visitor.visit(g, g);
        }
      }
    }
  }

  private static final class HashGroups extends Groups {
    private final Map<Long, Integer> slots = new HashMap<>();
    private long[] keys = new long[1024];

    HashGroups() {
      sums = new long[1024];
      count = new long[1024];
    }

    @Override
    int slot(long key) {
      Integer s = slots.get(key);
      if (s == null) {
        s = slots.size();
        if (s == sums.length) {
          sums = Arrays.copyOf(sums, s * 2);
          count = Arrays.copyOf(count, s * 2);
          keys = Arrays.copyOf(keys, s * 2);
        }
        keys[s] = key;
        slots.put(key, s);
      }
      return s;
    }

    @Override
    void forEach(KeySlot visitor) {
      for (int g = 0; g < slots.size(); g++) {
        visitor.visit(keys[g], g);
      }
    }
  }
}
