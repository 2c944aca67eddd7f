package io.stratus.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.ProviderException;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Region;
import io.stratus.model.VirtualMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PriceUnavailableExceptionTest {
  private static final Region R = new Region(CloudProvider.GCP, "europe-west1", "Belgium", "BE", Set.of(),
      List.of(), new GeoPoint(50, 4), Set.of());
  private static final InstanceType T =
      new InstanceType(CloudProvider.GCP, "n2-standard-2", "n2", 2, 8, 0, "", Architecture.X86_64, 0);

  private static VirtualMachine vm(String id) {
    return VirtualMachine.builder(id).instanceType(T).region(R).hourlyPrice(Money.usd(0.1))
        .launchedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
  }

  @Test
  void carriesPricedAndUnpricedMachines_asImmutableCopies_andNamesThemInTheMessage() {
    List<VirtualMachine> priced = new ArrayList<>(List.of(vm("a")));
    Map<String, String> unpriced = new HashMap<>(Map.of("z", "no SPOT price", "b", "no ON_DEMAND price"));
    PriceUnavailableException e = new PriceUnavailableException("gcp", priced, unpriced);
    priced.clear();
    unpriced.clear();

    assertThat(e).isInstanceOf(ProviderException.class);
    assertThat(e.providerId()).isEqualTo("gcp");
    assertThat(e.pricedVms()).extracting(VirtualMachine::id).containsExactly("a");
    assertThat(e.unpriced()).containsExactly(Map.entry("b", "no ON_DEMAND price"), Map.entry("z", "no SPOT price"));
    assertThat(e.getMessage()).contains("provider 'gcp'").contains("2 running machine(s)").contains("no SPOT price")
        .contains("1 priced machine(s)");
    assertThatThrownBy(() -> e.unpriced().put("c", "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.pricedVms().add(vm("c"))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void noUnpricedMachine_isRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PriceUnavailableException("aws", List.of(), Map.of()))
        .withMessageContaining("unpriced");
  }
}
