package io.stratus.adapters.aws;

import io.stratus.ProviderException;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.VirtualMachine;
import io.stratus.monitoring.provider.PageTokens;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PriceUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceLifecycleType;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The running EC2 instances of the covered regions ({@code DescribeInstances} filtered on {@code
 * instance-state-name=running}, paged with {@code NextToken}) as {@link VirtualMachine}s: instance id, type (the shape
 * the Price List gives it), region and zone, launch time, tags as labels, and purchase option and price: spot
 * instances ({@code instanceLifecycle=spot}) at the region's current spot price, the others at the on-demand price of
 * {@link AwsAdapter#pricingProvider()}. EC2 does not know what the host placed on a machine, so allocations are zero.
 *
 * <p>Every call reads a fresh snapshot. Instances without a price for their purchase option in their region follow
 * the SPI's rule for unknown prices (see {@link InventoryProvider}): the call throws a
 * {@link PriceUnavailableException} naming each with the reason and carrying the priced rest (a machine is never
 * dropped or given a made-up price). A failure to read a page after the retries of {@link AwsResilience} throws a
 * {@link ProviderException}.
 *
 * <p>Registered in {@code META-INF/services} (no-argument constructor: the default adapter, built on first use).
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AwsInventoryProvider implements InventoryProvider {
  private final Supplier<AwsAdapter> adapter;

  /** The ServiceLoader entry: cheap; the default adapter is built on the first call that needs it. */
  public AwsInventoryProvider() {
    this.adapter = AwsAdapter::shared;
  }

  AwsInventoryProvider(AwsAdapter adapter) {
    this.adapter = () -> adapter;
  }

  @Override
  public String id() {
    return AwsAdapter.ID;
  }

  @Override
  public String description() {
    return "running EC2 instances (DescribeInstances)";
  }

  /**
   * {@inheritDoc}
   *
   * @throws PriceUnavailableException if a running instance has no price for its purchase option in its region (a
   *     spot instance is not given the on-demand price); it carries the priced instances of every covered region
   */
  @Override
  public List<VirtualMachine> runningVms() {
    AwsAdapter a = adapter.get();
    List<VirtualMachine> out = new ArrayList<>();
    Map<String, String> unpriced = new TreeMap<>();
    for (String code : a.coveredRegions()) {
      List<Instance> instances = running(a, code);
      if (instances.isEmpty()) {
        continue;
      }
      Map<String, Offer> prices = new HashMap<>();
      for (Offer o : a.pricingProvider().offers(OfferQuery.all().withRegionIds(List.of("aws:" + code)))) {
        prices.put(o.instanceType().name() + "/" + o.purchaseOption(), o);
      }
      for (Instance i : instances) {
        PurchaseOption option =
            i.instanceLifecycle() == InstanceLifecycleType.SPOT ? PurchaseOption.SPOT : PurchaseOption.ON_DEMAND;
        String type = i.instanceTypeAsString();
        Offer price = prices.get(type + "/" + option);
        if (price == null) {
          unpriced.put(i.instanceId(), "no " + option + " price for " + type + " in aws:" + code
              + " (widen AwsAdapter.Builder.instanceTypes(...), enable spot prices, or check the Price List)");
          continue;
        }
        Map<String, String> labels = new TreeMap<>();
        for (Tag t : i.tags()) {
          if (t.key() != null && t.value() != null) {
            labels.put(t.key(), t.value());
          }
        }
        out.add(VirtualMachine.builder(i.instanceId())
            .instanceType(price.instanceType())
            .region(price.region())
            .zone(i.placement() == null || i.placement().availabilityZone() == null ? ""
                : i.placement().availabilityZone())
            .purchaseOption(option)
            .hourlyPrice(price.hourlyPrice())
            .launchedAt(i.launchTime() == null ? Instant.EPOCH : i.launchTime())
            .labels(labels)
            .build());
      }
    }
    if (!unpriced.isEmpty()) {
      throw new PriceUnavailableException(id(), out, unpriced);
    }
    return List.copyOf(out);
  }

  /** The running instances of a region, every page. */
  static List<Instance> running(AwsAdapter a, String code) {
    List<Instance> out = new ArrayList<>();
    String token = null;
    PageTokens tokens = PageTokens.of(AwsAdapter.ID, "DescribeInstances " + code);
    do {
      DescribeInstancesRequest.Builder request = DescribeInstancesRequest.builder()
          .filters(Filter.builder().name("instance-state-name").values("running").build()).maxResults(1000);
      if (token != null) {
        request.nextToken(token);
      }
      DescribeInstancesRequest r = request.build();
      DescribeInstancesResponse response = a.calls().call(AwsService.EC2, code, "DescribeInstances",
          () -> a.ec2(code).describeInstances(r));
      for (Reservation res : response.reservations()) {
        for (Instance i : res.instances()) {
          if (i.instanceId() == null || i.instanceTypeAsString() == null) {
            throw Failures.of(AwsAdapter.ID, "DescribeInstances " + code
                + ": an instance lacks instanceId or instanceType: " + i);
          }
          out.add(i);
        }
      }
      token = response.nextToken();
    } while (tokens.more(token));
    return out;
  }
}
