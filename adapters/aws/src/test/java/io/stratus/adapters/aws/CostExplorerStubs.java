package io.stratus.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;

/** GetCostAndUsage answers in the shape of the Cost Explorer API reference's example. */
final class CostExplorerStubs {
  private CostExplorerStubs() {}

  static String group(String service, String region, String unblended, String amortized, String usage) {
    return "{\"Keys\":[\"" + service + "\",\"" + region + "\"],\"Metrics\":{"
        + "\"UnblendedCost\":{\"Amount\":\"" + unblended + "\",\"Unit\":\"USD\"},"
        + "\"AmortizedCost\":{\"Amount\":\"" + amortized + "\",\"Unit\":\"USD\"},"
        + "\"UsageQuantity\":{\"Amount\":\"" + usage + "\",\"Unit\":\"N/A\"}}}";
  }

  static String day(String start, String end, boolean estimated, String... groups) {
    return "{\"TimePeriod\":{\"Start\":\"" + start + "\",\"End\":\"" + end + "\"},\"Total\":{},\"Groups\":["
        + String.join(",", groups) + "],\"Estimated\":" + estimated + "}";
  }

  static String response(String nextPageToken, String... days) {
    return "{" + (nextPageToken == null ? "" : "\"NextPageToken\":\"" + nextPageToken + "\",")
        + "\"GroupDefinitions\":[{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"},{\"Type\":\"DIMENSION\",\"Key\":"
        + "\"REGION\"}],\"ResultsByTime\":[" + String.join(",", days) + "],\"DimensionValueAttributes\":[]}";
  }

  /** January 2021 in two pages, February 2021 (to the stub clock's tomorrow) in one. */
  static void stubTwoMonths(AwsStubs stubs) {
    stubs.server.stubFor(AwsStubs.costExplorer().withRequestBody(containing("\"Start\":\"2021-01-01\""))
        .withRequestBody(notContaining("NextPageToken"))
        .willReturn(AwsStubs.json(response("jan-2",
            day("2021-01-01", "2021-01-02", false,
                group("Amazon Elastic Compute Cloud - Compute", "us-east-1", "12.3456", "11.0000", "48"),
                group("Amazon Simple Storage Service", "us-east-1", "0.52", "0.52", "1200"))))));
    stubs.server.stubFor(AwsStubs.costExplorer().withRequestBody(containing("\"Start\":\"2021-01-01\""))
        .withRequestBody(containing("jan-2"))
        .willReturn(AwsStubs.json(response(null,
            day("2021-01-02", "2021-01-03", false,
                group("Amazon Elastic Compute Cloud - Compute", "us-east-1", "12.40", "11.05", "48"),
                group("AWS Key Management Service", "NoRegion", "0.03", "0.03", "10"))))));
    stubs.server.stubFor(AwsStubs.costExplorer().withRequestBody(containing("\"Start\":\"2021-02-01\""))
        .willReturn(AwsStubs.json(response(null,
            day("2021-02-01", "2021-02-02", true,
                group("Amazon Elastic Compute Cloud - Compute", "eu-central-1", "7.25", "7.25", "24"))))));
  }
}
