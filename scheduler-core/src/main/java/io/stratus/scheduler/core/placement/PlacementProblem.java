package io.stratus.scheduler.core.placement;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A batch placement problem over a neutral, primitive representation: items with a demand in each of {@code d}
 * resource dimensions are placed into bins of several bin types, each with a capacity per dimension, an opening cost
 * and a maximum number of instances. The cost of a placement is the sum of the opening costs of the bins that hold at
 * least one item. Immutable and thread-safe; build one with {@link #builder(int)}.
 *
 * <p>A typical mapping: items are workloads, a bin type with {@code maxCount = 1} and cost 0 is a running machine
 * with its free capacity, a bin type with {@code maxCount = n} and an hourly price is a purchasable offer. Filtering
 * (compliance, architecture) is done by the caller through each item's allowed bin types.
 *
 * <p>Capacities are checked with a tolerance of {@link #CAPACITY_TOLERANCE} relative to the capacity (at least
 * {@code CAPACITY_TOLERANCE} absolute), to absorb floating-point rounding of sums.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlacementProblem {

  /** Relative tolerance on capacities (and absolute below a capacity of 1) that absorbs rounding of sums. */
  public static final double CAPACITY_TOLERANCE = 1e-9;

  private final int dimensions;
  private final List<String> dimensionNames;
  private final double[] demands;
  private final int[] priorities;
  private final BitSet[] allowed; // null entry: every bin type allowed
  private final double[] capacities;
  private final double[] openingCosts;
  private final int[] maxCounts;

  private PlacementProblem(Builder b) {
    this.dimensions = b.dimensions;
    this.dimensionNames = List.copyOf(b.dimensionNames);
    int n = b.items.size();
    int t = b.binTypes.size();
    this.demands = new double[n * dimensions];
    this.priorities = new int[n];
    this.allowed = new BitSet[n];
    for (int i = 0; i < n; i++) {
      ItemSpec item = b.items.get(i);
      System.arraycopy(item.demand, 0, demands, i * dimensions, dimensions);
      priorities[i] = item.priority;
      if (item.allowed != null) {
        BitSet set = new BitSet(t);
        for (int type : item.allowed) {
          if (type < 0 || type >= t) {
            throw new IllegalArgumentException(
                "items["
                    + i
                    + "].allowedBinTypes contains "
                    + type
                    + ", must be a bin type index in [0, "
                    + t
                    + ")");
          }
          set.set(type);
        }
        allowed[i] = set;
      }
    }
    this.capacities = new double[t * dimensions];
    this.openingCosts = new double[t];
    this.maxCounts = new int[t];
    for (int j = 0; j < t; j++) {
      BinTypeSpec type = b.binTypes.get(j);
      System.arraycopy(type.capacity, 0, capacities, j * dimensions, dimensions);
      openingCosts[j] = type.openingCost;
      maxCounts[j] = type.maxCount;
    }
  }

  /**
   * Starts a builder for a problem with the given number of resource dimensions.
   *
   * @param dimensions the number of resource dimensions (for example 3 for CPU, memory, network), at least 1
   * @return a new builder, never null
   * @throws IllegalArgumentException if {@code dimensions < 1}
   */
  public static Builder builder(int dimensions) {
    return new Builder(dimensions);
  }

  /**
   * Returns the number of resource dimensions.
   *
   * @return the number of dimensions, at least 1
   */
  public int dimensions() {
    return dimensions;
  }

  /**
   * Returns the name of a dimension, used in explanations ({@code "dim0"}, ... unless named by the builder).
   *
   * @param dimension the dimension index
   * @return the name, never null
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public String dimensionName(int dimension) {
    return dimensionNames.get(dimension);
  }

  /**
   * Returns the number of items.
   *
   * @return the number of items, at least 0
   */
  public int itemCount() {
    return priorities.length;
  }

  /**
   * Returns the number of bin types.
   *
   * @return the number of bin types, at least 0
   */
  public int binTypeCount() {
    return maxCounts.length;
  }

  /**
   * Returns an item's demand in one dimension.
   *
   * @param item the item index
   * @param dimension the dimension index
   * @return the demand, finite and at least 0
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public double demand(int item, int dimension) {
    Objects.checkIndex(item, itemCount());
    Objects.checkIndex(dimension, dimensions);
    return demands[item * dimensions + dimension];
  }

  /**
   * Returns an item's priority; higher values are placed first when capacity is short.
   *
   * @param item the item index
   * @return the priority
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public int priority(int item) {
    return priorities[Objects.checkIndex(item, itemCount())];
  }

  /**
   * Tells whether an item may be placed into bins of a bin type.
   *
   * @param item the item index
   * @param binType the bin type index
   * @return true if allowed
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public boolean isAllowed(int item, int binType) {
    Objects.checkIndex(item, itemCount());
    Objects.checkIndex(binType, binTypeCount());
    BitSet set = allowed[item];
    return set == null || set.get(binType);
  }

  /**
   * Returns a bin type's capacity in one dimension.
   *
   * @param binType the bin type index
   * @param dimension the dimension index
   * @return the capacity, finite and at least 0
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public double capacity(int binType, int dimension) {
    Objects.checkIndex(binType, binTypeCount());
    Objects.checkIndex(dimension, dimensions);
    return capacities[binType * dimensions + dimension];
  }

  /**
   * Returns the cost of opening one bin of a bin type (for example an hourly price; 0 for a running machine).
   *
   * @param binType the bin type index
   * @return the opening cost, finite and at least 0
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public double openingCost(int binType) {
    return openingCosts[Objects.checkIndex(binType, binTypeCount())];
  }

  /**
   * Returns the maximum number of bins of a bin type that may be opened.
   *
   * @param binType the bin type index
   * @return the maximum count, at least 1
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public int maxCount(int binType) {
    return maxCounts[Objects.checkIndex(binType, binTypeCount())];
  }

  /**
   * Tells whether a load fits a capacity under {@link #CAPACITY_TOLERANCE}.
   *
   * @param load the summed demand
   * @param capacity the capacity
   * @return true if {@code load <= capacity + CAPACITY_TOLERANCE * max(1, capacity)}
   */
  public static boolean fits(double load, double capacity) {
    return load <= toleratedCapacity(capacity);
  }

  static double toleratedCapacity(double capacity) {
    return capacity + CAPACITY_TOLERANCE * Math.max(1.0, capacity);
  }

  // Package-private raw access for the solver (no copies).
  double[] rawDemands() {
    return demands;
  }

  double[] rawCapacities() {
    return capacities;
  }

  double[] rawOpeningCosts() {
    return openingCosts;
  }

  int[] rawMaxCounts() {
    return maxCounts;
  }

  int[] rawPriorities() {
    return priorities;
  }

  BitSet allowedSet(int item) {
    return allowed[item];
  }

  @Override
  public String toString() {
    return "PlacementProblem[dimensions="
        + dimensionNames
        + ", items="
        + itemCount()
        + ", binTypes="
        + binTypeCount()
        + "]";
  }

  /**
   * Builds a {@link PlacementProblem}. Not thread-safe. Arguments are checked eagerly and copied; references between
   * items and bin types are checked by {@link #build()}, which may be called more than once.
   *
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final int dimensions;
    private final List<String> dimensionNames = new ArrayList<>();
    private final List<ItemSpec> items = new ArrayList<>();
    private final List<BinTypeSpec> binTypes = new ArrayList<>();

    private Builder(int dimensions) {
      if (dimensions < 1) {
        throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
      }
      this.dimensions = dimensions;
      for (int k = 0; k < dimensions; k++) {
        dimensionNames.add("dim" + k);
      }
    }

    /**
     * Names the dimensions (for example {@code "cpu", "memory", "network"}) for explanations.
     *
     * @param names one non-blank name per dimension
     * @return this builder, never null
     * @throws NullPointerException if {@code names} or an element is null
     * @throws IllegalArgumentException if the count differs from the dimensions or a name is blank
     */
    public Builder dimensionNames(String... names) {
      Objects.requireNonNull(names, "dimensionNames must not be null");
      if (names.length != dimensions) {
        throw new IllegalArgumentException(
            "dimensionNames must have " + dimensions + " entries (one per dimension), got " + names.length);
      }
      for (int k = 0; k < names.length; k++) {
        Objects.requireNonNull(names[k], "dimensionNames[" + k + "] must not be null");
        if (names[k].isBlank()) {
          throw new IllegalArgumentException("dimensionNames[" + k + "] must not be blank");
        }
      }
      dimensionNames.clear();
      dimensionNames.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Adds an item with priority 0 that may go into any bin type.
     *
     * @param demand the demand per dimension, each finite and at least 0 (copied)
     * @return the index of the new item
     * @throws NullPointerException if {@code demand} is null
     * @throws IllegalArgumentException if the length differs from the dimensions or a value is negative or not finite
     */
    public int addItem(double[] demand) {
      return addItem(demand, 0, null);
    }

    /**
     * Adds an item that may go into any bin type.
     *
     * @param demand the demand per dimension, each finite and at least 0 (copied)
     * @param priority the priority; higher values are placed first when capacity is short
     * @return the index of the new item
     * @throws NullPointerException if {@code demand} is null
     * @throws IllegalArgumentException if the length differs from the dimensions or a value is negative or not finite
     */
    public int addItem(double[] demand, int priority) {
      return addItem(demand, priority, null);
    }

    /**
     * Adds an item restricted to some bin types.
     *
     * @param demand the demand per dimension, each finite and at least 0 (copied)
     * @param priority the priority; higher values are placed first when capacity is short
     * @param allowedBinTypes the indices of the bin types the item may go into (copied; checked by {@link #build()}),
     *     or null for every bin type; an empty array leaves the item unassignable
     * @return the index of the new item
     * @throws NullPointerException if {@code demand} is null
     * @throws IllegalArgumentException if the length differs from the dimensions or a value is negative or not finite
     */
    public int addItem(double[] demand, int priority, int[] allowedBinTypes) {
      int index = items.size();
      double[] copy = checkVector(demand, "items[" + index + "].demand");
      items.add(new ItemSpec(copy, priority, allowedBinTypes == null ? null : allowedBinTypes.clone()));
      return index;
    }

    /**
     * Adds a bin type.
     *
     * @param capacity the capacity per dimension, each finite and at least 0 (copied)
     * @param openingCost the cost of one opened bin, finite and at least 0 (0 for running or prepaid machines)
     * @param maxCount how many bins of this type may be opened, at least 1 (1 for an existing machine; larger values
     *     are capped at the number of items)
     * @return the index of the new bin type
     * @throws NullPointerException if {@code capacity} is null
     * @throws IllegalArgumentException if a value breaks its rule
     */
    public int addBinType(double[] capacity, double openingCost, int maxCount) {
      int index = binTypes.size();
      double[] copy = checkVector(capacity, "binTypes[" + index + "].capacity");
      if (!Double.isFinite(openingCost) || openingCost < 0) {
        throw new IllegalArgumentException(
            "binTypes[" + index + "].openingCost must be finite and >= 0, got " + openingCost);
      }
      if (maxCount < 1) {
        throw new IllegalArgumentException("binTypes[" + index + "].maxCount must be >= 1, got " + maxCount);
      }
      binTypes.add(new BinTypeSpec(copy, openingCost, maxCount));
      return index;
    }

    /**
     * Builds the problem.
     *
     * @return a new immutable problem, never null
     * @throws IllegalArgumentException if an item's allowed bin type index does not name a bin type
     */
    public PlacementProblem build() {
      return new PlacementProblem(this);
    }

    private double[] checkVector(double[] values, String field) {
      Objects.requireNonNull(values, field + " must not be null");
      if (values.length != dimensions) {
        throw new IllegalArgumentException(
            field + " must have " + dimensions + " entries (one per dimension), got " + values.length);
      }
      for (int k = 0; k < values.length; k++) {
        double v = values[k];
        if (!Double.isFinite(v) || v < 0) {
          throw new IllegalArgumentException(
              field + "[" + k + "] (" + dimensionNames.get(k) + ") must be finite and >= 0, got " + v);
        }
      }
      return values.clone();
    }
  }

  private record ItemSpec(double[] demand, int priority, int[] allowed) {}

  private record BinTypeSpec(double[] capacity, double openingCost, int maxCount) {}
}
