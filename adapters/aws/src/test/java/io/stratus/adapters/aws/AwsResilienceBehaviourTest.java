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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.stratus.ProviderException;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.spi.OfferQuery;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Throttling, server errors, timeouts, malformed bodies, circuit breaking and meters, against stubs that answer with
 * the documented shapes (Price List throttling: HTTP 400 {@code ThrottlingException} in JSON; EC2: HTTP 503 {@code
 * RequestLimitExceeded} in XML). Throttling is not an outage: it is retried, after the server's {@code Retry-After}
 * when that is longer than the backoff, but never opens the circuit breaker.
 */
class AwsResilienceBehaviourTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

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

  private List<Offer> onDemand(AwsAdapter.Builder b) {
    adapter = b.spotPrices(false).build();
    return adapter.pricingProvider().offers(OfferQuery.all());
  }

  private int pricingRequests() {
    return stubs.server.findAll(postRequestedFor(urlPathEqualTo("/"))).size();
  }

  @Test
  void getProducts_throttledOnce_retriesAfterAJitteredBackoff() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
        .willSetStateTo("ok"));
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").inScenario("t").whenScenarioStateIs("ok")
        .willReturn(AwsStubs.json(AwsStubs.getProducts(List.of(AwsStubs.product("m5.large", "us-east-1",
            "US East (N. Virginia)", 2, 8, "0.096", "Intel")), null))));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    List<Offer> offers = onDemand(stubs.adapter().meterRegistry(meters).openTelemetry(OTEL.getOpenTelemetry()));

    assertThat(offers).singleElement().satisfies(o -> assertThat(o.hourlyPrice().amount()).isEqualByComparingTo(
        "0.096"));
    assertThat(pricingRequests()).isEqualTo(2);
    // first backoff 100 ms with jitter 0.5: drawn from [50, 150] ms
    assertThat(stubs.sleeps).singleElement().satisfies(d -> assertThat(d.toMillis()).isBetween(50L, 150L));
    assertThat(meters.get("stratus.provider.requests").tags("provider", "aws", "api", "pricing", "outcome",
        "throttled").counter().count()).isEqualTo(1);
    assertThat(meters.get("stratus.provider.requests").tags("outcome", "success").counter().count()).isEqualTo(1);
    assertThat(meters.get("stratus.provider.latency").tags("api", "pricing").timer().count()).isEqualTo(2);
    // one span for the call and its retry
    assertThat(OTEL.getSpans()).singleElement().satisfies(span -> {
      assertThat(span.getName()).isEqualTo("stratus.provider.request");
      assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.provider"))).isEqualTo("aws");
      assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.provider.api"))).isEqualTo("pricing");
      assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.provider.operation")))
          .isEqualTo("GetProducts");
      assertThat(span.getAttributes().get(AttributeKey.stringKey("cloud.region"))).isEqualTo("us-east-1");
      assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.provider.attempts"))).isEqualTo(2);
      assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.outcome"))).isEqualTo("success");
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    });
  }

  @Test
  void describeSpotPriceHistory_requestLimitExceeded503_isRetried() {
    stubs.stubPrices();
    stubs.server.stubFor(AwsStubs.ec2("DescribeSpotPriceHistory").inScenario("s").whenScenarioStateIs(
            Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
            + "<Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error>"
            + "</Errors><RequestID>d1</RequestID></Response>"))
        .willSetStateTo("ok"));
    stubs.server.stubFor(AwsStubs.ec2("DescribeSpotPriceHistory").inScenario("s").whenScenarioStateIs("ok")
        .willReturn(AwsStubs.xml(AwsStubs.resource("spot-price-history-m5.large-us-east-1.xml"))));
    adapter = stubs.adapter().build();

    List<Offer> spot = adapter.pricingProvider().offers(OfferQuery.all().withPurchaseOptions(List.of(
        PurchaseOption.SPOT)));

    // the real history: latest price per zone, the lowest of them (us-east-1c)
    assertThat(spot).singleElement().satisfies(o -> {
      assertThat(o.instanceType().name()).isEqualTo("m5.large");
      assertThat(o.hourlyPrice().amount()).isEqualByComparingTo("0.0381");
      assertThat(o.interruptionRate()).isEqualTo(0.05);
    });
    assertThat(stubs.sleeps).hasSize(1);
  }

  @Test
  void serverErrors_exhaustTheAttempts_thenFailWithTheProviderId() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"InternalErrorException\",\"message\":\"boom\"}")));

    assertThatThrownBy(() -> onDemand(stubs.adapter().resilience(stubs.resilience().maxAttempts(3).build())))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.providerId()).isEqualTo("aws");
          assertThat(e.getMessage()).contains("GetProducts failed (server_error) after 3 attempts");
        });
    assertThat(pricingRequests()).isEqualTo(3);
    // exponential: 100 ms then 200 ms, each +-50 %
    assertThat(stubs.sleeps).hasSize(2);
    assertThat(stubs.sleeps.get(1).toMillis()).isBetween(100L, 300L);
  }

  @Test
  void timeout_isClassifiedAndRetried_untilTheAttemptsRunOut() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1")
        .willReturn(AwsStubs.json(AwsStubs.getProducts(List.of(), null)).withFixedDelay(2000)));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    assertThatThrownBy(() -> onDemand(stubs.adapter().meterRegistry(meters).resilience(stubs.resilience()
        .maxAttempts(2).timeouts(Duration.ofMillis(300), Duration.ofSeconds(2)).build())))
        .isInstanceOf(ProviderException.class).hasMessageContaining("GetProducts failed (timeout) after 2 attempts");
    assertThat(meters.get("stratus.provider.requests").tags("outcome", "timeout").counter().count()).isEqualTo(2);
    assertThat(meters.get("stratus.provider.latency").tags("api", "pricing").timer().count()).isEqualTo(2);
    assertThat(stubs.sleeps).hasSize(1);
  }

  @Test
  void malformedPriceDocument_failsNamingPageAndItem_withoutRetry() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").willReturn(AwsStubs.json(AwsStubs.getProducts(List.of(
        AwsStubs.product("m5.large", "us-east-1", "US East (N. Virginia)", 2, 8, "0.096", "Intel")
            .replace("\"8 GiB\"", "\"eight\"")), null))));

    assertThatThrownBy(() -> onDemand(stubs.adapter()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("page 1, item 1")
        .hasMessageContaining("product.attributes.memory must look like '8 GiB', got 'eight'");
    assertThat(pricingRequests()).isEqualTo(1);
  }

  @Test
  void malformedResponseBody_isAClientErrorAndNotRetried() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").willReturn(AwsStubs.json("{\"PriceList\": [ truncated")));

    assertThatThrownBy(() -> onDemand(stubs.adapter())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("GetProducts failed (client_error) after 1 attempt");
    assertThat(pricingRequests()).isEqualTo(1);
  }

  @Test
  void accessDenied_isNotRetried() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}")));

    assertThatThrownBy(() -> onDemand(stubs.adapter())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("client_error");
    assertThat(pricingRequests()).isEqualTo(1);
    assertThat(stubs.sleeps).isEmpty();
  }

  @Test
  void circuitBreaker_opensAfterRepeatedFailures_andStopsCalling() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"ServiceUnavailableException\",\"message\":\"down\"}")));
    adapter = stubs.adapter().spotPrices(false).resilience(stubs.resilience().maxAttempts(5)
        .circuitBreaker(4, 50, Duration.ofMinutes(1)).build()).build();

    assertThatThrownBy(() -> adapter.pricingProvider().offers(OfferQuery.all())).isInstanceOf(
        ProviderException.class).hasMessageContaining("circuit breaker of PRICING is open");
    int requests = pricingRequests();
    assertThat(requests).isLessThan(5);
    assertThat(adapter.calls().breakerState(AwsService.PRICING)).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> adapter.pricingProvider().offers(OfferQuery.all())).isInstanceOf(
        ProviderException.class);
    assertThat(pricingRequests()).as("no request while open").isEqualTo(requests);
  }

  @Test
  void isTransient_classifiesTheDocumentedCodes() {
    assertThat(Calls.isTransient(software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
        .statusCode(503).awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
            .errorCode("RequestLimitExceeded").build()).build())).isTrue();
    assertThat(Calls.isTransient(software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
        .statusCode(400).awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
            .errorCode("ThrottlingException").build()).build())).isTrue();
    assertThat(Calls.isTransient(software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
        .statusCode(400).awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
            .errorCode("ValidationException").build()).build())).isFalse();
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

  // ---- Throttling is not an outage: retried (after the server's Retry-After) but never opening the breaker.

  /** Price List answers {@code first} once, then one m5.large. */
  private void pricesAfter(ResponseDefinitionBuilder first) {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(first).willSetStateTo("ok"));
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").inScenario("t").whenScenarioStateIs("ok")
        .willReturn(AwsStubs.json(AwsStubs.getProducts(List.of(AwsStubs.product("m5.large", "us-east-1",
            "US East (N. Virginia)", 2, 8, "0.096", "Intel")), null))));
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
    assertThat(pricingRequests()).isEqualTo(5);
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

    assertThat(onDemand(stubs.adapter())).hasSize(1);
    assertThat(pricingRequests()).isEqualTo(2);
    // the backoff would have been 50 to 150 ms
    assertThat(stubs.sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterHttpDate_isWaitedUntilThatTimeOnTheAdaptersClock() {
    String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(AwsStubs.NOW.plusSeconds(8).atOffset(ZoneOffset.UTC));
    pricesAfter(throttled().withHeader("Retry-After", at));

    assertThat(onDemand(stubs.adapter())).hasSize(1);
    assertThat(stubs.sleeps).containsExactly(Duration.ofSeconds(8));
  }

  @Test
  void retryAfterPastTheCallDeadline_failsAtOnceNamingTheDelayAndTheDeadline() {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").willReturn(throttled().withHeader("Retry-After", "600")));

    assertThatThrownBy(() -> onDemand(stubs.adapter().resilience(stubs.resilience()
        .callDeadline(Duration.ofMinutes(2)).build())))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerId()).isEqualTo("aws"))
        .hasMessageContaining("GetProducts failed (throttled) after 1 attempt; the next attempt in PT10M (the delay"
            + " the server asked for) would pass the call deadline of PT2M")
        .hasMessageContaining("Rate exceeded");
    assertThat(pricingRequests()).isEqualTo(1);
    assertThat(stubs.sleeps).isEmpty();
  }
}
