package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.CloudProvider;
import io.stratus.scheduler.Decision;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host's own provider is found through META-INF/services and competes with the public clouds. */
class OwnProviderSampleTest {

  @Test
  void load_findsTheProviderRegisteredInMetaInfServices() {
    PricingProvider p = ProviderRegistry.load(PricingProvider.class).require(OnPremPricingProvider.ID);
    assertThat(p).isInstanceOf(OnPremPricingProvider.class);
  }

  @Test
  void run_cheaperDataCentreWins_gpuJobGoesToAPublicCloud() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Decision> decisions;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      decisions = OwnProviderSample.run(out);
    }
    String report = bytes.toString(StandardCharsets.UTF_8);

    assertThat(report).startsWith("Found onprem-chargeback: ");
    assertThat(decisions).hasSize(2).allSatisfy(d -> assertThat(d.isPlaced()).as(report).isTrue());
    assertThat(decisions.get(0).candidate().orElseThrow().region().id()).isEqualTo("onprem:fra-dc1");
    CloudProvider gpuCloud = decisions.get(1).candidate().orElseThrow().region().provider();
    assertThat(gpuCloud).isIn(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE);
    assertThat(decisions.get(1).candidate().orElseThrow().instanceType().gpus()).isGreaterThanOrEqualTo(1);
  }
}
