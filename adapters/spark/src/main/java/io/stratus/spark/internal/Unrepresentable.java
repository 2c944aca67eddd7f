package io.stratus.spark.internal;

import io.stratus.spark.AmountNotRepresentableException;
import io.stratus.spark.AmountNotRepresentableException.Amount;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * Collects the amounts a job cannot store or sum exactly, so that it reports all of them at once: the first {@value
 * AmountNotRepresentableException#LISTED} by row and column, and the count. {@link #barrier} makes a lazily computed
 * output fail with every task's amounts, not only the first failing task's.
 *
 * <p>Not thread-safe (one per task); serializable.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Unrepresentable implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Comparator<Amount> ORDER =
      Comparator.comparing(Amount::row).thenComparing(Amount::column);

  private final ArrayList<Amount> first = new ArrayList<>();
  private long count;

  /** An empty collection. */
  public Unrepresentable() {}

  /**
   * Adds an amount.
   *
   * @param column the column; never null
   * @param row the row; never null
   * @param value the value, or null when unknown
   * @param rule the rule and remedy; never null
   */
  public void add(String column, String row, @Nullable BigDecimal value, String rule) {
    first.add(new Amount(column, row, value, rule));
    count++;
    if (first.size() >= 2 * AmountNotRepresentableException.LISTED) {
      trim();
    }
  }

  /**
   * Adds every amount of another collection.
   *
   * @param other the other collection; never null
   */
  public void addAll(Unrepresentable other) {
    first.addAll(other.first);
    count += other.count;
    trim();
  }

  /**
   * Whether no amount was added.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * The exception reporting the amounts.
   *
   * @return the exception; never null
   * @throws IllegalStateException if empty
   */
  public AmountNotRepresentableException exception() {
    if (isEmpty()) {
      throw new IllegalStateException("no unrepresentable amount was found");
    }
    trim();
    return new AmountNotRepresentableException(first, count);
  }

  /**
   * Throws the exception if any amount was added.
   *
   * @throws AmountNotRepresentableException if not empty
   */
  public void throwIfAny() {
    if (!isEmpty()) {
      throw exception();
    }
  }

  private void trim() {
    first.sort(ORDER);
    while (first.size() > AmountNotRepresentableException.LISTED) {
      first.remove(first.size() - 1);
    }
  }

  /**
   * The output rows of tasks that also collect unrepresentable amounts: each partition's rows as its task computed
   * them, in order, unless some task found an amount, in which case the computation fails with an {@link
   * AmountNotRepresentableException} listing the amounts of every task. One shuffle of the output rows: every task's
   * collection goes to every output partition, whose task reads them all before failing.
   *
   * @param computed per partition, the rows and then one collection (possibly empty); never null
   * @return the rows; never null
   */
  public static JavaRDD<Row> barrier(JavaRDD<Object> computed) {
    int n = computed.getNumPartitions();
    JavaRDD<Tuple2<Integer, Object>> keyed = computed.mapPartitionsWithIndex((index, in) -> {
      List<Tuple2<Integer, Object>> out = new ArrayList<>();
      while (in.hasNext()) {
        Object o = in.next();
        if (o instanceof Unrepresentable u) {
          if (!u.isEmpty()) {
            for (int p = 0; p < n; p++) {
              out.add(new Tuple2<>(p, u));
            }
          }
        } else {
          out.add(new Tuple2<>(index, o));
        }
      }
      return out.iterator();
    }, true);
    return JavaPairRDD.fromJavaRDD(keyed).partitionBy(new ByIndex(n)).values().mapPartitions(Unrepresentable::rows);
  }

  private static Iterator<Row> rows(Iterator<Object> in) {
    return new Iterator<>() {
      private @Nullable Row next;

      @Override
      public boolean hasNext() {
        if (next != null) {
          return true;
        }
        while (in.hasNext()) {
          Object o = in.next();
          if (o instanceof Row r) {
            next = r;
            return true;
          }
          Unrepresentable all = new Unrepresentable();
          all.addAll((Unrepresentable) o);
          in.forEachRemaining(x -> {
            if (x instanceof Unrepresentable u) {
              all.addAll(u);
            }
          });
          throw all.exception();
        }
        return false;
      }

      @Override
      public Row next() {
        Row r = hasNext() ? next : null;
        if (r == null) {
          throw new NoSuchElementException();
        }
        next = null;
        return r;
      }
    };
  }

  /** Sends a record to the partition its key names. */
  private static final class ByIndex extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    ByIndex(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ByIndex b && b.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }
}
