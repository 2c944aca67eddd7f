package io.stratus.adapters.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.azure.core.credential.BasicAuthenticationCredential;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A WireMock server with the documented Azure response shapes, and configurations pointing at it. */
final class Stubs {
  static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
  /** The password of the test credential; tests check it never shows in messages. */
  static final String SECRET = "s3cr3t-P@ss";

  final WireMockServer server = new WireMockServer(options().dynamicPort());
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  Stubs() {
    server.start();
  }

  void stop() {
    server.stop();
  }

  String base() {
    return "http://localhost:" + server.port();
  }

  static String resource(String name) {
    try (InputStream in = Stubs.class.getResourceAsStream("/azure/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String fixture(String name) {
    return resource(name).replace("{{base}}", base());
  }

  AzureConfig.Builder config() {
    return AzureConfig.builder()
        .retailPricesEndpoint(URI.create(base()))
        .managementEndpoint(URI.create(base()))
        .credential(new BasicAuthenticationCredential("client", SECRET))
        .regionCodes(List.of("eastus", "westeurope"))
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
        .attemptTimeout(Duration.ofSeconds(2))
        .sleeper(sleeps::add)
        .rateLimit(AzureApi.COST_MANAGEMENT, new AzureConfig.RateLimit(1000, Duration.ofSeconds(1)))
        .rateLimit(AzureApi.RETAIL_PRICES, new AzureConfig.RateLimit(1000, Duration.ofSeconds(1)));
  }

  /** Retail prices for eastus (two pages of Consumption, one of Reservation) and westeurope. */
  void retailPrices() {
    server.stubFor(get(urlPathEqualTo("/api/retail/prices"))
        .withQueryParam("$filter", containing("armRegionName eq 'eastus' and priceType eq 'Consumption'"))
        .willReturn(json(fixture("retail-eastus-consumption-1.json"))));
    server.stubFor(get(urlPathEqualTo("/api/retail/prices")).atPriority(1)
        .withQueryParam("$filter", equalTo("region-eastus-consumption"))
        .withQueryParam("$skip", equalTo("3"))
        .willReturn(json(fixture("retail-eastus-consumption-2.json"))));
    server.stubFor(get(urlPathEqualTo("/api/retail/prices"))
        .withQueryParam("$filter", containing("armRegionName eq 'eastus' and priceType eq 'Reservation'"))
        .willReturn(json(fixture("retail-eastus-reservation.json"))));
    server.stubFor(get(urlPathEqualTo("/api/retail/prices"))
        .withQueryParam("$filter", containing("armRegionName eq 'westeurope' and priceType eq 'Consumption'"))
        .willReturn(json(fixture("retail-westeurope-consumption.json"))));
    server.stubFor(get(urlPathEqualTo("/api/retail/prices"))
        .withQueryParam("$filter", containing("armRegionName eq 'westeurope' and priceType eq 'Reservation'"))
        .willReturn(json(fixture("retail-empty.json"))));
  }

  /** Resource SKUs (one page) and the subscription's virtual machines (two pages). */
  void compute() {
    server.stubFor(get(urlPathEqualTo("/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Compute/skus"))
        .willReturn(json(fixture("resource-skus.json"))));
    server.stubFor(get(urlPathEqualTo("/subscriptions/" + SUBSCRIPTION
        + "/providers/Microsoft.Compute/virtualMachines"))
        .willReturn(json(fixture("virtual-machines-1.json"))));
    server.stubFor(get(urlPathEqualTo("/subscriptions/" + SUBSCRIPTION
        + "/providers/Microsoft.Compute/virtualMachines")).atPriority(1)
        .withQueryParam("$skiptoken", equalTo("page2"))
        .willReturn(json(fixture("virtual-machines-2.json"))));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }
}
