package io.stratus.adapters.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.stratus.finops.spi.BillingSource;
import io.stratus.testkit.finops.BillingSourceCompatibilityKit;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AzureBillingSourceCompatibilityTest extends BillingSourceCompatibilityKit {
  static final String QUERY = "/subscriptions/" + Stubs.SUBSCRIPTION + "/providers/Microsoft.CostManagement/query";
  private static Stubs stubs;

  /** September 2024 in two pages, every other month empty. */
  static void costQuery(Stubs stubs) {
    stubs.server.stubFor(post(urlPathEqualTo(QUERY))
        .willReturn(Stubs.json(stubs.fixture("cost-query-empty.json"))));
    stubs.server.stubFor(post(urlPathEqualTo(QUERY)).atPriority(2)
        .withRequestBody(containing("\"from\":\"2024-09-01T00:00:00Z\""))
        .willReturn(Stubs.json(stubs.fixture("cost-query-1.json"))));
    stubs.server.stubFor(post(urlPathEqualTo(QUERY)).atPriority(1)
        .withQueryParam("$skiptoken", equalTo("AQAAAA=="))
        .withRequestBody(containing("\"from\":\"2024-09-01T00:00:00Z\""))
        .willReturn(Stubs.json(stubs.fixture("cost-query-2.json"))));
  }

  @BeforeAll
  static void start() {
    stubs = new Stubs();
    costQuery(stubs);
  }

  @AfterAll
  static void stop() {
    stubs.stop();
  }

  @Override
  protected BillingSource createSource() {
    return AzureBillingSource.create(stubs.config().subscriptionId(Stubs.SUBSCRIPTION).billingMonths(2).build());
  }

  @Override
  protected Instant asOf() {
    return Instant.parse("2024-10-15T00:00:00Z");
  }
}
