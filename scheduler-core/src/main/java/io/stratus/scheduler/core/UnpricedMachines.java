package io.stratus.scheduler.core;

import io.stratus.ProviderException;
import io.stratus.model.VirtualMachine;
import io.stratus.scheduler.Explanation;
import io.stratus.spi.PriceUnavailableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The running machines an inventory read but could not price ({@link PriceUnavailableException}). They are not
 * candidates (a machine without a price is never chosen, and a made-up price would make it the cheapest), but they are
 * not dropped either: every decision made on the snapshot counts them as considered and rejected, under the reason
 * {@code "unknown price: <the provider's reason>"}, and adds a note naming them.
 *
 * <p>Immutable.
 */
final class UnpricedMachines {
  /** The start of every rejection reason for a machine without a price. */
  static final String REASON = "unknown price: ";
  /** How many machine ids a decision's note names; the rest are counted (and logged when the set changes). */
  static final int NOTE_IDS = 10;

  static final UnpricedMachines NONE = new UnpricedMachines("", Map.of());

  /** The inventory's id; empty for {@link #NONE}. */
  final String inventoryId;
  /** Machine id to the provider's reason, sorted by id; unmodifiable (hosts read it through the schedulers). */
  final Map<String, String> reasons;
  final int count;
  /** The machines by reason, each reason once: {@link #REASON} + the provider's reason, with its count. */
  final List<Explanation.Rejection> rejections;
  /** The note every decision on the snapshot carries; null when every machine was priced. */
  final String note;

  private UnpricedMachines(String inventoryId, Map<String, String> reasons) {
    this.inventoryId = inventoryId;
    this.reasons = Collections.unmodifiableMap(reasons);
    this.count = reasons.size();
    Map<String, Integer> byReason = new LinkedHashMap<>();
    for (String reason : reasons.values()) {
      byReason.merge(REASON + reason, 1, Integer::sum);
    }
    List<Explanation.Rejection> out = new ArrayList<>(byReason.size());
    byReason.forEach((reason, n) -> out.add(new Explanation.Rejection(reason, n)));
    this.rejections = List.copyOf(out);
    this.note = reasons.isEmpty() ? null : note(inventoryId, reasons);
  }

  /**
   * The unpriced machines of one inventory read.
   *
   * @param inventoryId the inventory's id
   * @param e what the inventory threw
   * @return the machines
   * @throws ProviderException if a machine is reported both priced and unpriced, or without a reason
   */
  static UnpricedMachines of(String inventoryId, PriceUnavailableException e) {
    Set<String> priced = new HashSet<>();
    for (VirtualMachine vm : e.pricedVms()) {
      priced.add(vm.id());
    }
    for (Map.Entry<String, String> u : e.unpriced().entrySet()) {
      if (priced.contains(u.getKey())) {
        throw new ProviderException(inventoryId, "reported machine id '" + u.getKey()
            + "' both in pricedVms() and in unpriced(); a machine is one or the other", e);
      }
      if (u.getValue() == null || u.getValue().isBlank()) {
        throw new ProviderException(inventoryId, "gave no reason why machine '" + u.getKey()
            + "' has no price; unpriced() must map each machine id to a reason", e);
      }
    }
    return new UnpricedMachines(inventoryId, new TreeMap<>(e.unpriced()));
  }

  private static String note(String inventoryId, Map<String, String> reasons) {
    StringBuilder b = new StringBuilder();
    b.append(reasons.size()).append(" running machine").append(reasons.size() == 1 ? "" : "s")
        .append(" of inventory '").append(inventoryId).append("' left out, price unknown (never chosen): ");
    int shown = 0;
    for (String id : reasons.keySet()) {
      if (shown == NOTE_IDS) {
        b.append(", and ").append(reasons.size() - NOTE_IDS).append(" more (all are logged when the set changes)");
        break;
      }
      b.append(shown == 0 ? "" : ", ").append(id);
      shown++;
    }
    return b.toString();
  }

  /**
   * Whether a rejection reason is one of these machines'.
   *
   * @param reason a rejection reason
   * @return true if it is {@link #REASON} with the reason of one of the machines
   */
  boolean isReason(String reason) {
    for (Explanation.Rejection r : rejections) {
      if (r.reason().equals(reason)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rejections of a filter pass with these machines added (reasons merged, so that none repeats).
   *
   * @param rejections the filter pass's reasons and counts, modified in place
   */
  void addTo(Map<String, Integer> rejections) {
    for (Explanation.Rejection r : this.rejections) {
      rejections.merge(r.reason(), r.count(), Integer::sum);
    }
  }
}
