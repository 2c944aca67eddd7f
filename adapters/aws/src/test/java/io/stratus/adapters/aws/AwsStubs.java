package io.stratus.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.stratus.testkit.ControllableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** WireMock stubs of the AWS APIs in their documented response shapes, and adapters pointed at them. */
final class AwsStubs {
  static final Instant NOW = Instant.parse("2021-02-09T12:00:00Z");
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEYsecret";
  static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKENvalue";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The adapter's clock: it moves only when a test or the sleeper advances it. */
  final ControllableClock clock = ControllableClock.at(NOW);
  /** The waits the adapter asked for, instead of sleeping; each one advances {@link #clock} instead. */
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final WireMockServer server;

  AwsStubs() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
  }

  void stop() {
    server.stop();
  }

  AwsResilience.Builder resilience() {
    return AwsResilience.builder().sleeper(this::sleep).timeouts(Duration.ofSeconds(3), Duration.ofSeconds(2))
        .backoff(Duration.ofMillis(100), 2, Duration.ofSeconds(5), 0.5);
  }

  /** The recording sleeper: notes the wait and moves the clock by it. */
  void sleep(Duration d) {
    sleeps.add(d);
    clock.advance(d);
  }

  AwsAdapter.Builder adapter() {
    return AwsAdapter.builder()
        .region("us-east-1")
        .endpointOverride(URI.create(server.baseUrl()))
        .credentials(StaticCredentialsProvider.create(
            AwsSessionCredentials.create("AKIDEXAMPLE", SECRET, SESSION_TOKEN)))
        .clock(clock)
        .resilience(resilience().build());
  }

  // ---- Price List ----

  static String resource(String name) {
    try (InputStream in = AwsStubs.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The real m5.large record, re-shaped for another type, region and price. */
  static String product(String type, String regionCode, String location, int vcpu, int memoryGib, String usd,
      String processor) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(resource("price-list-api-GetProducts-m5.large.json"));
      ObjectNode attrs = (ObjectNode) root.path("product").path("attributes");
      attrs.put("instanceType", type);
      attrs.put("vcpu", String.valueOf(vcpu));
      attrs.put("memory", memoryGib + " GiB");
      attrs.put("location", location);
      attrs.put("regionCode", regionCode);
      attrs.put("physicalProcessor", processor);
      ObjectNode term = (ObjectNode) root.path("terms").path("OnDemand").elements().next();
      ObjectNode dim = (ObjectNode) term.path("priceDimensions").elements().next();
      ((ObjectNode) dim.path("pricePerUnit")).put("USD", usd);
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String getProducts(List<String> products, String nextToken) {
    try {
      ObjectNode body = JSON.createObjectNode().put("FormatVersion", "aws_v1");
      body.putArray("PriceList").addAll(products.stream().map(JSON.getNodeFactory()::textNode).toList());
      if (nextToken != null) {
        body.put("NextToken", nextToken);
      }
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MappingBuilder pricing(String regionCode) {
    return post(urlPathEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"))
        .withRequestBody(matchingJsonPath("$.Filters[?(@.Field == 'regionCode' && @.Value == '" + regionCode + "')]"));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
  }

  /** us-east-1: the real m5.large record plus three derived types over two pages; eu-central-1: two types. */
  void stubPrices() {
    String use1 = "US East (N. Virginia)";
    String fra = "EU (Frankfurt)";
    List<String> page1 = List.of(
        resource("price-list-api-GetProducts-m5.large.json").replace("\"location\": \"US East (N. Virginia)\"",
            "\"location\": \"US East (N. Virginia)\", \"regionCode\": \"us-east-1\""),
        product("m5.xlarge", "us-east-1", use1, 4, 16, "0.1920000000", "Intel Xeon Platinum 8175 (Skylake)"));
    List<String> page2 = List.of(
        product("c5.large", "us-east-1", use1, 2, 4, "0.0850000000", "Intel Xeon Platinum 8124M"),
        product("m6g.large", "us-east-1", use1, 2, 8, "0.0770000000", "AWS Graviton2 Processor"));
    server.stubFor(pricing("us-east-1").withRequestBody(containing("NextToken")).willReturn(json(getProducts(page2,
        null))));
    server.stubFor(pricing("us-east-1").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining(
        "NextToken")).willReturn(json(getProducts(page1, "page-2"))));
    server.stubFor(pricing("eu-central-1").willReturn(json(getProducts(List.of(
        product("m5.large", "eu-central-1", fra, 2, 8, "0.1150000000", "Intel Xeon Platinum 8175 (Skylake)"),
        product("c5.large", "eu-central-1", fra, 2, 4, "0.0970000000", "Intel Xeon Platinum 8124M")), null))));
  }

  // ---- EC2 ----

  static MappingBuilder ec2(String action) {
    return post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action));
  }

  static String spotItem(String type, String price, String timestamp, String zone) {
    return "<item><instanceType>" + type + "</instanceType><productDescription>Linux/UNIX</productDescription>"
        + "<spotPrice>" + price + "</spotPrice><timestamp>" + timestamp + "</timestamp><availabilityZone>" + zone
        + "</availabilityZone></item>";
  }

  static String spotResponse(List<String> items, String nextToken) {
    return "<DescribeSpotPriceHistoryResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-1"
        + "</requestId><spotPriceHistorySet>" + String.join("", items) + "</spotPriceHistorySet>"
        + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>") + "</DescribeSpotPriceHistoryResponse>";
  }

  /** us-east-1: the real m5.large history (first 40 items) then a page with c5.large; eu-central-1: m5.large. */
  void stubSpot() {
    String real = resource("spot-price-history-m5.large-us-east-1.xml").replace("<nextToken/>",
        "<nextToken>spot-2</nextToken>");
    // The region is in the endpoint host normally; with one stub endpoint the tests tell regions apart by zone.
    server.stubFor(ec2("DescribeSpotPriceHistory").withRequestBody(containing("NextToken=spot-2"))
        .willReturn(xml(spotResponse(List.of(spotItem("c5.large", "0.031000", "2021-02-09T02:00:00.000Z",
            "us-east-1a"), spotItem("c5.large", "0.029000", "2021-02-09T03:00:00.000Z", "us-east-1b")), null))));
    server.stubFor(ec2("DescribeSpotPriceHistory").withRequestBody(
            com.github.tomakehurst.wiremock.client.WireMock.notContaining("NextToken"))
        .willReturn(xml(real)));
  }

  static String instance(String id, String type, String zone, String lifecycle, Map<String, String> tags) {
    StringBuilder t = new StringBuilder();
    tags.forEach((k, v) -> t.append("<item><key>").append(k).append("</key><value>").append(v)
        .append("</value></item>"));
    return "<item><instanceId>" + id + "</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>16"
        + "</code><name>running</name></instanceState><instanceType>" + type + "</instanceType><launchTime>"
        + "2021-02-01T10:00:00.000Z</launchTime><placement><availabilityZone>" + zone + "</availabilityZone>"
        + "<tenancy>default</tenancy></placement>" + (lifecycle == null ? "" : "<instanceLifecycle>" + lifecycle
        + "</instanceLifecycle>") + "<tagSet>" + t + "</tagSet></item>";
  }

  static String instancesResponse(List<String> instances, String nextToken) {
    return "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-2</requestId>"
        + "<reservationSet><item><reservationId>r-0123</reservationId><ownerId>123456789012</ownerId><instancesSet>"
        + String.join("", instances) + "</instancesSet></item></reservationSet>"
        + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>") + "</DescribeInstancesResponse>";
  }

  /** Three running instances over two pages (one spot). */
  void stubInstances() {
    server.stubFor(ec2("DescribeInstances").withRequestBody(containing("NextToken=inst-2")).willReturn(xml(
        instancesResponse(List.of(instance("i-0000000000000003", "c5.large", "us-east-1b", "spot",
            Map.of("team", "ml"))), null))));
    server.stubFor(ec2("DescribeInstances").withRequestBody(
            com.github.tomakehurst.wiremock.client.WireMock.notContaining("NextToken"))
        .willReturn(xml(instancesResponse(List.of(
            instance("i-0000000000000001", "m5.large", "us-east-1a", null, Map.of("team", "web", "env", "prod")),
            instance("i-0000000000000002", "m6g.large", "us-east-1c", null, Map.of())), "inst-2"))));
  }

  // ---- CloudWatch ----

  static String metricResult(String id, String label, List<String> timestamps, List<Double> values) {
    StringBuilder ts = new StringBuilder();
    timestamps.forEach(t -> ts.append("<member>").append(t).append("</member>"));
    StringBuilder vs = new StringBuilder();
    values.forEach(v -> vs.append("<member>").append(v).append("</member>"));
    return "<member><Id>" + id + "</Id><Label>" + label + "</Label><Timestamps>" + ts + "</Timestamps><Values>" + vs
        + "</Values><StatusCode>Complete</StatusCode></member>";
  }

  static String metricResponse(List<String> results, String nextToken) {
    return "<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><GetMetricDataResult>"
        + "<MetricDataResults>" + String.join("", results) + "</MetricDataResults>"
        + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>")
        + "<Messages/></GetMetricDataResult><ResponseMetadata><RequestId>r-3</RequestId></ResponseMetadata>"
        + "</GetMetricDataResponse>";
  }

  static List<String> fiveMinuteStamps(Instant start, int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(start.plusSeconds(300L * i).toString());
    }
    return out;
  }

  // ---- Cost Explorer ----

  static MappingBuilder costExplorer() {
    return post(urlPathEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("AWSInsightsIndexService.GetCostAndUsage"));
  }

  // ---- S3 ----

  static MappingBuilder s3List(String bucket) {
    return get(urlPathEqualTo("/" + bucket)).withQueryParam("list-type", equalTo("2"));
  }

  static MappingBuilder s3Get(String bucket, String key) {
    return get(urlPathEqualTo("/" + bucket + "/" + key));
  }
}
