package io.stratus.adapters.iac;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test fixtures and the bundled catalog, shared by the tests. */
final class Fixtures {
  static final PricingProvider CATALOG = ProviderRegistry.load(PricingProvider.class).require("catalog");
  static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static CostEstimator estimator() {
    return CostEstimator.builder().pricing(CATALOG).build();
  }

  static String json(Estimate estimate) {
    try {
      return JSON.writeValueAsString(estimate) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
