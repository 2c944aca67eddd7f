package io.stratus.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.stratus.ProviderException;
import io.stratus.model.Offer;
import io.stratus.spi.OfferQuery;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling is not an outage: a throttled call is retried (after the server's {@code Retry-After} when it sends one)
 * but never opens the circuit breaker; a server delay past the call deadline fails the call at once. Against stubs
 * that answer with the documented throttling responses (Price List: HTTP 400 {@code ThrottlingException} in JSON;
 * EC2: HTTP 503 {@code RequestLimitExceeded} in XML).
 */
class AwsThrottlingTest {
  private AwsStubs stubs;
  private AwsAdapter adapter;

  @BeforeEach
  void start() {
    stubs = new AwsStubs();
  }

  @AfterEach
  void stop() {
    if (adapter != null) {
      adapter.close();
    }
    stubs.stop();
  }

  private static ResponseDefinitionBuilder throttled() {
    return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
  }

  private static ResponseDefinitionBuilder requestLimitExceeded() {
    return aResponse().withStatus(503).withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error>"
        + "<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>"
        + "<RequestID>d1</RequestID></Response>");
  }

  /** Price List answers {@code first} once, then one m5.large. */
  private void pricesAfter(ResponseDefinitionBuilder first) {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(first).willSetStateTo("ok"));
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").inScenario("t").whenScenarioStateIs("ok")
        .willReturn(AwsStubs.json(AwsStubs.getProducts(List.of(AwsStubs.product("m5.large", "us-east-1",
            "US East (N. Virginia)", 2, 8, "0.096", "Intel")), null))));
  }

  private List<Offer> onDemand(AwsResilience.Builder policy) {
    adapter = stubs.adapter().spotPrices(false).resilience(policy.build()).build();
    return adapter.pricingProvider().offers(OfferQuery.all());
  }

  private int requests() {
    return stubs.server.findAll(postRequestedFor(urlPathEqualTo("/"))).size();
  }

  @Test
  void throttledPriceList_isRetriedUntilTheAttemptsRunOut_andNeverOpensTheBreaker() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").willReturn(throttled()));
    // a breaker that opens when 2 of its last 4 calls failed: 5 throttled attempts would open it were they failures
    adapter = stubs.adapter().spotPrices(false).resilience(stubs.resilience().maxAttempts(5)
        .circuitBreaker(4, 50, Duration.ofMinutes(1)).build()).build();

    assertThatThrownBy(() -> adapter.pricingProvider().offers(OfferQuery.all()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("GetProducts failed (throttled) after 5 attempts");
    assertThat(requests()).isEqualTo(5);
    assertThat(adapter.calls().breakerState(AwsService.PRICING)).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(stubs.sleeps).hasSize(4);
  }

  @Test
  void ec2RequestLimitExceeded503_isThrottlingAndNeverOpensTheBreaker() {
    stubs.server.stubFor(AwsStubs.ec2("DescribeInstances").willReturn(requestLimitExceeded()));
    adapter = stubs.adapter().resilience(stubs.resilience().maxAttempts(5)
        .circuitBreaker(4, 50, Duration.ofMinutes(1)).build()).build();

    assertThatThrownBy(() -> adapter.inventoryProvider().runningVms())
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("DescribeInstances failed (throttled) after 5 attempts");
    stubs.server.verify(5, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing(
        "Action=DescribeInstances")));
    assertThat(adapter.calls().breakerState(AwsService.EC2)).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void retryAfterSeconds_isWaitedInsteadOfTheShorterBackoff() {
    pricesAfter(throttled().withHeader("Retry-After", "3"));

    assertThat(onDemand(stubs.resilience())).hasSize(1);
    assertThat(requests()).isEqualTo(2);
    // the backoff would have been 50 to 150 ms
    assertThat(stubs.sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterHttpDate_isWaitedUntilThatTimeOnTheAdaptersClock() {
    String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(AwsStubs.NOW.plusSeconds(8).atOffset(ZoneOffset.UTC));
    pricesAfter(throttled().withHeader("Retry-After", at));

    assertThat(onDemand(stubs.resilience())).hasSize(1);
    assertThat(stubs.sleeps).containsExactly(Duration.ofSeconds(8));
  }

  @Test
  void retryAfterPastTheCallDeadline_failsAtOnceNamingTheDelayAndTheDeadline() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").willReturn(throttled().withHeader("Retry-After", "600")));

    assertThatThrownBy(() -> onDemand(stubs.resilience().callDeadline(Duration.ofMinutes(2))))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerId()).isEqualTo("aws"))
        .hasMessageContaining("GetProducts failed (throttled) after 1 attempt; the next attempt in PT10M (the delay"
            + " the server asked for) would pass the call deadline of PT2M")
        .hasMessageContaining("Rate exceeded");
    assertThat(requests()).isEqualTo(1);
    assertThat(stubs.sleeps).isEmpty();
  }
}
