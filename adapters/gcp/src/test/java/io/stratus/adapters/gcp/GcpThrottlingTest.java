package io.stratus.adapters.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.stratus.ProviderException;
import io.stratus.spi.OfferQuery;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling ({@code RESOURCE_EXHAUSTED}, HTTP 429) is not an outage: it is retried, after the delay the server gives
 * (a gRPC {@code google.rpc.RetryInfo}, an HTTP {@code Retry-After}) when it gives one, and never opens the circuit
 * breaker; a server delay past the call deadline fails the call at once. Against the in-process Cloud Billing Catalog
 * (gRPC) and the BigQuery REST stub, with the documented error shapes.
 */
class GcpThrottlingTest {
  private static final String QUOTA = "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per"
      + " minute' of service 'cloudbilling.googleapis.com'";

  private TestCloud cloud;
  private final List<GcpAdapter> adapters = new ArrayList<>();

  @BeforeEach
  void start() {
    cloud = TestCloud.shared();
    BillingFixtures.stub(cloud);
  }

  @AfterEach
  void stop() {
    adapters.forEach(GcpAdapter::close);
    adapters.clear();
    cloud.reset();
  }

  private GcpAdapter adapter(GcpAdapter.Builder b) {
    GcpAdapter a = b.build();
    adapters.add(a);
    return a;
  }

  /** RESOURCE_EXHAUSTED with a RetryInfo detail, as Google APIs send it in {@code grpc-status-details-bin}. */
  private static StatusRuntimeException exhausted(Duration retryDelay) {
    return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
        .setCode(Code.RESOURCE_EXHAUSTED_VALUE).setMessage(QUOTA)
        .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
            .setSeconds(retryDelay.getSeconds()).setNanos(retryDelay.getNano())).build()))
        .build());
  }

  /** BigQuery's documented rate-limit answer: HTTP 429, reason rateLimitExceeded. */
  private static ResponseDefinitionBuilder rateLimitExceeded() {
    return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":429,\"message\":\"Exceeded rate limits\",\"errors\":[{\"reason\":"
            + "\"rateLimitExceeded\",\"domain\":\"usageLimits\"}],\"status\":\"RESOURCE_EXHAUSTED\"}}");
  }

  /**
   * BigQuery's other documented rate-limit answer: HTTP 403, reason rateLimitExceeded (its quota errors share the
   * status with reason quotaExceeded).
   */
  private static ResponseDefinitionBuilder forbidden(String reason) {
    return aResponse().withStatus(403).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":403,\"message\":\"Exceeded rate limits\",\"errors\":[{\"reason\":\""
            + reason + "\",\"domain\":\"usageLimits\"}],\"status\":\"PERMISSION_DENIED\"}}");
  }

  /** The billing export query answers {@code first} once, then as the fixtures say. */
  private void queryAfter(ResponseDefinitionBuilder first) {
    cloud.rest.stubFor(post(urlPathEqualTo(BillingFixtures.QUERIES)).atPriority(1).inScenario("throttle")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok").willReturn(first));
  }

  private GcpBillingSource billing(GcpAdapter.Builder b) {
    return adapter(b.billingExportTable(BillingFixtures.TABLE)).billingSource();
  }

  @Test
  void resourceExhausted_isRetriedButNeverOpensTheBreaker() {
    // a breaker judging the last 2 calls: two throttled attempts would open it were they failures
    GcpAdapter a = adapter(cloud.builder().circuitBreaker(2, Duration.ofSeconds(60)));
    cloud.catalog.failNext(Status.RESOURCE_EXHAUSTED.withDescription(QUOTA),
        Status.RESOURCE_EXHAUSTED.withDescription(QUOTA), Status.RESOURCE_EXHAUSTED.withDescription(QUOTA));

    assertThat(a.pricingProvider().offers(OfferQuery.all())).isNotEmpty();
    assertThat(cloud.sleeps).hasSize(3);
    assertThat(a.guard(Api.CATALOG).breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void http429_neverOpensTheBreaker() {
    GcpAdapter a = adapter(cloud.builder().circuitBreaker(2, Duration.ofSeconds(60))
        .billingExportTable(BillingFixtures.TABLE));
    cloud.rest.stubFor(post(urlPathEqualTo(BillingFixtures.QUERIES)).atPriority(1).willReturn(rateLimitExceeded()));

    assertThatThrownBy(() -> a.billingSource().billingPeriods(BillingFixtures.AS_OF))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("jobs.query")
        .hasMessageContaining("still RESOURCE_EXHAUSTED after 4 attempt(s)");
    cloud.rest.verify(4, postRequestedFor(urlPathEqualTo(BillingFixtures.QUERIES)));
    assertThat(a.guard(Api.BIGQUERY).breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void bigQuery403RateLimitExceeded_isThrottlingRetriedWithoutOpeningTheBreaker() {
    GcpAdapter a = adapter(cloud.builder().circuitBreaker(2, Duration.ofSeconds(60))
        .billingExportTable(BillingFixtures.TABLE));
    cloud.rest.stubFor(post(urlPathEqualTo(BillingFixtures.QUERIES)).atPriority(1)
        .willReturn(forbidden("rateLimitExceeded")));

    assertThatThrownBy(() -> a.billingSource().billingPeriods(BillingFixtures.AS_OF))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("still RESOURCE_EXHAUSTED after 4 attempt(s)");
    cloud.rest.verify(4, postRequestedFor(urlPathEqualTo(BillingFixtures.QUERIES)));
    assertThat(a.guard(Api.BIGQUERY).breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void bigQuery403RateLimitExceeded_onceThenAnswered_succeedsAfterOneBackoff() {
    queryAfter(forbidden("rateLimitExceeded"));

    assertThat(billing(cloud.builder()).billingPeriods(BillingFixtures.AS_OF)).hasSize(2);
    assertThat(cloud.sleeps).hasSize(1);
  }

  @Test
  void bigQuery403QuotaExceeded_isAClientErrorAndNotRetried() {
    cloud.rest.stubFor(post(urlPathEqualTo(BillingFixtures.QUERIES)).atPriority(1)
        .willReturn(forbidden("quotaExceeded")));

    assertThatThrownBy(() -> billing(cloud.builder()).billingPeriods(BillingFixtures.AS_OF))
        .isInstanceOf(ProviderException.class);
    cloud.rest.verify(1, postRequestedFor(urlPathEqualTo(BillingFixtures.QUERIES)));
    assertThat(cloud.sleeps).isEmpty();
  }

  @Test
  void grpcRetryInfo_isWaitedInsteadOfTheShorterBackoff() {
    GcpAdapter a = adapter(cloud.builder());
    cloud.catalog.failNext(exhausted(Duration.ofSeconds(7)));

    assertThat(a.pricingProvider().offers(OfferQuery.all())).isNotEmpty();
    // the backoff would have been at most 200 ms
    assertThat(cloud.sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void httpRetryAfterSeconds_isWaitedInsteadOfTheShorterBackoff() {
    queryAfter(rateLimitExceeded().withHeader("Retry-After", "4"));

    assertThat(billing(cloud.builder()).billingPeriods(BillingFixtures.AS_OF)).hasSize(2);
    assertThat(cloud.sleeps).containsExactly(Duration.ofSeconds(4));
  }

  @Test
  void httpRetryAfterDate_isWaitedUntilThatTimeOnTheAdaptersClock() {
    String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(TestCloud.NOW.plusSeconds(9).atOffset(ZoneOffset.UTC));
    queryAfter(rateLimitExceeded().withHeader("Retry-After", at));

    assertThat(billing(cloud.builder()).billingPeriods(BillingFixtures.AS_OF)).hasSize(2);
    assertThat(cloud.sleeps).containsExactly(Duration.ofSeconds(9));
  }

  @Test
  void retryDelayPastTheCallDeadline_failsAtOnceNamingTheDelayAndTheDeadline() {
    GcpAdapter a = adapter(cloud.builder().callDeadline(Duration.ofMinutes(1)));
    cloud.catalog.failNext(exhausted(Duration.ofMinutes(5)));

    assertThatThrownBy(() -> a.pricingProvider().offers(OfferQuery.all()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerId()).isEqualTo("gcp"))
        .hasMessageContaining("cloudbilling.googleapis.com listSkus")
        .hasMessageContaining("still RESOURCE_EXHAUSTED after 1 attempt(s); the next attempt in PT5M (the delay the"
            + " server asked for) would pass the call deadline of PT1M");
    assertThat(cloud.catalog.requests).hasSize(1);
    assertThat(cloud.sleeps).isEmpty();
  }

  @Test
  void httpRetryAfterPastTheCallDeadline_failsAtOnce() {
    queryAfter(rateLimitExceeded().withHeader("Retry-After", "600"));

    assertThatThrownBy(() -> billing(cloud.builder()).billingPeriods(BillingFixtures.AS_OF))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("the next attempt in PT10M (the delay the server asked for) would pass the call"
            + " deadline of PT2M");
    cloud.rest.verify(1, postRequestedFor(urlPathEqualTo(BillingFixtures.QUERIES)));
    assertThat(cloud.sleeps).isEmpty();
  }
}
