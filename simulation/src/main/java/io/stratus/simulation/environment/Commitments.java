package io.stratus.simulation.environment;

import static io.stratus.simulation.environment.SimContext.HOUR_NANOS;

import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulator's commitment discounts: reserved instances and savings plans bought during the run, and their
 * charges (fees, covered usage per machine and month, unused commitment), computed from the {@link Fleet}'s machines
 * and the {@link Billing} offers.
 *
 * <p>Not thread-safe: used only under the {@link EnvironmentSimulator}'s lock.
 */
final class Commitments {
  private final SimContext ctx;
  private final Billing billing;
  private final Fleet fleet;
  private final List<Bought> commitments = new ArrayList<>();

  Commitments(SimContext ctx, Billing billing, Fleet fleet) {
    this.ctx = ctx;
    this.billing = billing;
    this.fleet = fleet;
  }

  /** Buys a commitment now; see {@link EnvironmentSimulator#purchase}. */
  void purchase(Commitment commitment) {
    Objects.requireNonNull(commitment, "commitment");
    for (Bought b : commitments) {
      if (b.commitment.id().equals(commitment.id())) {
        throw new IllegalArgumentException("commitment id '" + commitment.id() + "' is already taken");
      }
    }
    BigDecimal hourly;
    double rate;
    if (commitment.type() == Commitment.Type.RESERVED_INSTANCES) {
      if (billing.offer(commitment.instanceTypeId(), commitment.regionId(), PurchaseOption.ON_DEMAND) == null) {
        throw new IllegalArgumentException("commitment '" + commitment.id() + "': " + commitment.instanceTypeId()
            + " is not sold on demand in " + commitment.regionId() + " in this environment");
      }
      BigDecimal r = commitment.hourlyRate();
      if (r == null) {
        boolean oneYear = commitment.term() == Commitment.Term.ONE_YEAR;
        Offer o = billing.offer(commitment.instanceTypeId(), commitment.regionId(),
            oneYear ? PurchaseOption.RESERVED_1Y : PurchaseOption.RESERVED_3Y);
        if (o == null) {
          o = billing.offer(commitment.instanceTypeId(), commitment.regionId(),
              oneYear ? PurchaseOption.COMMITMENT_1Y : PurchaseOption.COMMITMENT_3Y);
        }
        if (o == null) {
          throw new IllegalArgumentException("commitment '" + commitment.id() + "': the catalog has no reserved or"
              + " committed-use price for " + commitment.instanceTypeId() + " in " + commitment.regionId()
              + " for " + commitment.term().id() + "; give commitment.hourlyRate");
        }
        r = o.hourlyPrice().amount();
      }
      rate = r.doubleValue();
      hourly = r.multiply(BigDecimal.valueOf(commitment.count()));
    } else {
      if (billing.regions().values().stream().noneMatch(x -> x.provider().equals(commitment.provider()))) {
        throw new IllegalArgumentException("commitment '" + commitment.id() + "': no region of "
            + commitment.provider() + " is part of this environment");
      }
      hourly = commitment.hourlyRate();
      rate = hourly.doubleValue();
    }
    long start = ctx.now();
    commitments.add(new Bought(commitment, commitments.size(), start, start + commitment.term().length().toNanos(),
        hourly, rate));
  }

  /** The commitments bought so far, in purchase order. */
  List<Commitment> bought() {
    List<Commitment> out = new ArrayList<>();
    commitments.forEach(b -> out.add(b.commitment));
    return List.copyOf(out);
  }

  /** The charges up to now; see {@link EnvironmentSimulator#commitmentCharges()}. */
  List<CommitmentCharge> charges() {
    if (commitments.isEmpty()) {
      return List.of();
    }
    long now = ctx.now();
    Instant origin = ctx.engine.origin();
    long epoch = Math.addExact(Math.multiplyExact(origin.getEpochSecond(), 1_000_000_000L), origin.getNano());
    List<SimVm> eligible = new ArrayList<>();
    for (SimVm vm : fleet.machines()) {
      if (vm.runningNanos >= 0 && vm.runningNanos < now && vm.offer.purchaseOption() == PurchaseOption.ON_DEMAND) {
        eligible.add(vm);
      }
    }
    eligible.sort((a, b) -> a.runningNanos != b.runningNanos ? Long.compare(a.runningNanos, b.runningNanos)
        : Integer.compare(a.index, b.index));
    List<Bought> order = new ArrayList<>(commitments);
    order.sort((a, b) -> a.commitment.type() != b.commitment.type()
        ? a.commitment.type().compareTo(b.commitment.type()) : Integer.compare(a.index, b.index));
    long first = Long.MAX_VALUE;
    for (Bought b : order) {
      first = Math.min(first, b.startNanos);
    }
    Map<String, long[]> activeNanos = new LinkedHashMap<>();
    Map<String, double[]> covered = new LinkedHashMap<>();
    Map<String, long[]> coveredSpan = new HashMap<>();
    if (now > first) {
      long h0 = Math.floorDiv(epoch + first, HOUR_NANOS);
      long h1 = Math.floorDiv(epoch + now - 1, HOUR_NANOS);
      List<SimVm> active = new ArrayList<>();
      int next = 0;
      double[] remaining = new double[0];
      for (long h = h0; h <= h1; h++) {
        long hs = h * HOUR_NANOS - epoch;
        long cut = Math.min(hs + HOUR_NANOS, now);
        while (next < eligible.size() && eligible.get(next).runningNanos < cut) {
          active.add(eligible.get(next++));
        }
        active.removeIf(vm -> vm.endNanos >= 0 && vm.endNanos <= hs);
        if (active.isEmpty() && order.stream().noneMatch(b -> b.startNanos < cut && b.endNanos > hs)) {
          continue;
        }
        if (remaining.length < active.size()) {
          remaining = new double[active.size() * 2];
        }
        for (int i = 0; i < active.size(); i++) {
          SimVm vm = active.get(i);
          long end = vm.endNanos >= 0 ? Math.min(vm.endNanos, cut) : cut;
          remaining[i] = Math.max(0, end - Math.max(vm.runningNanos, hs)) / 1e9;
        }
        String month = YearMonth.from(Instant.ofEpochSecond(Math.floorDiv(h * HOUR_NANOS, 1_000_000_000L))
            .atZone(ZoneOffset.UTC)).toString();
        for (Bought b : order) {
          long a0 = Math.max(hs, b.startNanos);
          long a1 = Math.min(cut, b.endNanos);
          if (a1 <= a0) {
            continue;
          }
          activeNanos.computeIfAbsent(b.index + "|" + month, k -> new long[1])[0] += a1 - a0;
          Commitment c = b.commitment;
          boolean ri = c.type() == Commitment.Type.RESERVED_INSTANCES;
          double cap = ri ? c.count() * (a1 - a0) / 1e9 : b.rate * (a1 - a0) / 1e9 / 3600;
          for (int i = 0; i < active.size() && cap > 0; i++) {
            SimVm vm = active.get(i);
            if (remaining[i] <= 0) {
              continue;
            }
            double od = vm.offer.hourlyPrice().amount().doubleValue();
            double secs;
            double effective;
            double quantity;
            if (ri) {
              if (!vm.offer.instanceType().id().equals(c.instanceTypeId())
                  || !vm.offer.region().id().equals(c.regionId())) {
                continue;
              }
              secs = Math.min(remaining[i], cap);
              cap -= secs;
              effective = secs / 3600 * b.rate;
              quantity = secs / 3600;
            } else {
              double p = od * (1 - c.discount());
              if (!vm.offer.region().provider().equals(c.provider()) || p <= 0) {
                continue;
              }
              double take = Math.min(remaining[i] * p / 3600, cap);
              secs = take == cap ? take / p * 3600 : remaining[i];
              cap -= take;
              effective = take;
              quantity = take;
            }
            remaining[i] -= secs;
            String key = b.index + "|" + vm.index + "|" + month;
            double[] acc = covered.computeIfAbsent(key, k -> new double[4]);
            acc[0] += effective;
            acc[1] += secs / 3600 * od;
            acc[2] += quantity;
            acc[3] += secs;
            long from = Math.max(vm.runningNanos, hs);
            long to = vm.endNanos >= 0 ? Math.min(vm.endNanos, cut) : cut;
            long[] span = coveredSpan.computeIfAbsent(key, k -> new long[] {from, to});
            span[0] = Math.min(span[0], from);
            span[1] = Math.max(span[1], to);
          }
        }
      }
    }
    return charges(order, activeNanos, covered, coveredSpan);
  }

  private List<CommitmentCharge> charges(List<Bought> order, Map<String, long[]> activeNanos,
      Map<String, double[]> covered, Map<String, long[]> coveredSpan) {
    Instant origin = ctx.engine.origin();
    long now = ctx.now();
    BigDecimal hourNanos = BigDecimal.valueOf(HOUR_NANOS);
    Map<String, List<String>> byCommitmentMonth = new HashMap<>();
    for (String key : covered.keySet()) {
      String commitmentMonth = key.substring(0, key.indexOf('|')) + key.substring(key.lastIndexOf('|'));
      byCommitmentMonth.computeIfAbsent(commitmentMonth, k -> new ArrayList<>()).add(key);
    }
    List<CommitmentCharge> out = new ArrayList<>();
    for (Bought b : order) {
      Commitment c = b.commitment;
      boolean ri = c.type() == Commitment.Type.RESERVED_INSTANCES;
      String unit = ri ? "Hours" : "USD";
      String region = ri ? c.regionId() : "";
      String type = ri ? c.instanceTypeId() : "";
      BigDecimal share = BigDecimal.valueOf(c.payment().upfrontShare());
      BigDecimal termHours = BigDecimal.valueOf(c.term().length().toHours());
      BigDecimal capacityPerHour = ri ? BigDecimal.valueOf(c.count()) : b.hourly;
      Instant start = origin.plusNanos(b.startNanos);
      if (share.signum() > 0) {
        out.add(new CommitmentCharge(CommitmentCharge.Kind.UPFRONT_FEE, c, "", Map.of(), region, "", type,
            BigDecimal.ZERO, start,
            origin.plusNanos(b.endNanos), scale(b.hourly.multiply(termHours).multiply(share)), BigDecimal.ZERO,
            BigDecimal.ZERO, scale(capacityPerHour.multiply(termHours).multiply(share)), unit));
      }
      for (Map.Entry<String, long[]> e : activeNanos.entrySet()) {
        if (!e.getKey().startsWith(b.index + "|")) {
          continue;
        }
        String month = e.getKey().substring(e.getKey().indexOf('|') + 1);
        YearMonth ym = YearMonth.parse(month);
        Instant ms = ym.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant me = ym.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant from = start.isAfter(ms) ? start : ms;
        Instant until = min(min(me, origin.plusNanos(now)), origin.plusNanos(b.endNanos));
        BigDecimal hours = BigDecimal.valueOf(e.getValue()[0]).divide(hourNanos, 20, RoundingMode.HALF_EVEN);
        if (share.compareTo(BigDecimal.ONE) < 0) {
          out.add(new CommitmentCharge(CommitmentCharge.Kind.RECURRING_FEE, c, "", Map.of(), region, "", type,
              BigDecimal.ZERO, from, until,
              scale(b.hourly.multiply(BigDecimal.ONE.subtract(share)).multiply(hours)), BigDecimal.ZERO,
              BigDecimal.ZERO, scale(capacityPerHour.multiply(BigDecimal.ONE.subtract(share)).multiply(hours)),
              unit));
        }
        BigDecimal amortized = scale(b.hourly.multiply(hours));
        BigDecimal capacity = scale(capacityPerHour.multiply(hours));
        BigDecimal usedCost = BigDecimal.ZERO;
        BigDecimal usedQuantity = BigDecimal.ZERO;
        int firstUsed = out.size();
        for (String key : byCommitmentMonth.getOrDefault(e.getKey(), List.of())) {
          SimVm vm = fleet.machines().get(Integer.parseInt(key.substring(key.indexOf('|') + 1, key.lastIndexOf('|'))));
          double[] acc = covered.get(key);
          long[] span = coveredSpan.get(key);
          BigDecimal eff = scale(BigDecimal.valueOf(acc[0]));
          BigDecimal qty = scale(BigDecimal.valueOf(acc[2]));
          usedCost = usedCost.add(eff);
          usedQuantity = usedQuantity.add(qty);
          out.add(new CommitmentCharge(CommitmentCharge.Kind.USED, c, vm.id, vm.labels, vm.offer.region().id(),
              vm.zone, vm.offer.instanceType().id(), scale(BigDecimal.valueOf(acc[3] / 3600)),
              origin.plusNanos(span[0]), origin.plusNanos(span[1]), BigDecimal.ZERO, eff,
              scale(BigDecimal.valueOf(acc[1])), qty, unit));
        }
        BigDecimal unused = amortized.subtract(usedCost);
        if (unused.signum() < 0 && out.size() > firstUsed) {
          // rounding of the per-machine shares: take the excess off the last one so that used + unused = amortized
          CommitmentCharge last = out.remove(out.size() - 1);
          out.add(new CommitmentCharge(last.kind(), c, last.vmId(), last.labels(), last.regionId(), last.zone(),
              last.instanceTypeId(), last.usageHours(), last.start(), last.end(), last.billedCost(),
              last.effectiveCost().add(unused), last.onDemandCost(), last.quantity(), unit));
          unused = BigDecimal.ZERO;
        }
        if (unused.signum() > 0) {
          out.add(new CommitmentCharge(CommitmentCharge.Kind.UNUSED, c, "", Map.of(), region, "", type,
              BigDecimal.ZERO, from, until,
              BigDecimal.ZERO, unused, BigDecimal.ZERO, capacity.subtract(usedQuantity).max(BigDecimal.ZERO),
              unit));
        }
      }
    }
    return List.copyOf(out);
  }

  private static BigDecimal scale(BigDecimal v) {
    return v.setScale(10, RoundingMode.HALF_EVEN);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** A purchased commitment: hourly cost (rate x count, or the savings plan's commitment), rate as a double. */
  private record Bought(Commitment commitment, int index, long startNanos, long endNanos, BigDecimal hourly,
      double rate) {}
}
