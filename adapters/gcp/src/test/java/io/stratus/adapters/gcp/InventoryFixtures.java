package io.stratus.adapters.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Compute Engine instances.aggregatedList bodies (REST JSON, the documented shape), in two pages. */
final class InventoryFixtures {
  static final String PATH = "/compute/v1/projects/" + TestCloud.PROJECT + "/aggregated/instances";

  private InventoryFixtures() {}

  static ObjectNode instance(String id, String name, String zone, String type, String status, boolean spot) {
    ObjectNode i = Fixtures.JSON.createObjectNode();
    i.put("kind", "compute#instance");
    i.put("id", id);
    i.put("creationTimestamp", "2026-07-01T08:15:30.123-07:00");
    i.put("lastStartTimestamp", "2026-07-20T10:00:00.000-07:00");
    i.put("name", name);
    i.put("machineType", "https://www.googleapis.com/compute/v1/projects/" + TestCloud.PROJECT + "/zones/" + zone
        + "/machineTypes/" + type);
    i.put("status", status);
    i.put("zone", "https://www.googleapis.com/compute/v1/projects/" + TestCloud.PROJECT + "/zones/" + zone);
    i.putObject("labels").put("team", "data").put("env", "prod");
    ObjectNode sched = i.putObject("scheduling");
    sched.put("onHostMaintenance", spot ? "TERMINATE" : "MIGRATE");
    sched.put("automaticRestart", !spot);
    sched.put("preemptible", false);
    sched.put("provisioningModel", spot ? "SPOT" : "STANDARD");
    i.put("selfLink", "https://www.googleapis.com/compute/v1/projects/" + TestCloud.PROJECT + "/zones/" + zone
        + "/instances/" + name);
    return i;
  }

  static String page1() {
    ObjectNode root = Fixtures.JSON.createObjectNode();
    root.put("kind", "compute#instanceAggregatedList");
    ObjectNode items = root.putObject("items");
    items.putObject("zones/us-central1-a").putArray("instances")
        .add(instance("1234567890123456789", "web-1", "us-central1-a", "n2-standard-4", "RUNNING", false))
        .add(instance("2234567890123456789", "batch-1", "us-central1-a", "e2-standard-8", "RUNNING", true));
    items.putObject("zones/us-east1-b").putObject("warning").put("code", "NO_RESULTS_ON_PAGE")
        .put("message", "There are no results for scope 'zones/us-east1-b' on this page.");
    root.put("nextPageToken", "page-2");
    return root.toString();
  }

  static String page2(boolean withCustom) {
    ObjectNode root = Fixtures.JSON.createObjectNode();
    root.put("kind", "compute#instanceAggregatedList");
    com.fasterxml.jackson.databind.node.ArrayNode instances =
        root.putObject("items").putObject("zones/europe-west1-b").putArray("instances")
            .add(instance("3234567890123456789", "db-1", "europe-west1-b", "n2-highmem-8", "RUNNING", false));
    if (withCustom) {
      instances.add(
          instance("4234567890123456789", "custom-1", "europe-west1-b", "n2-custom-6-20480", "RUNNING", false));
    }
    instances.add(instance("5234567890123456789", "old-1", "europe-west1-b", "n1-standard-2", "TERMINATED", false));
    return root.toString();
  }

  /** Both pages, every running machine priced (no custom machine type). */
  static void stubPriced(TestCloud cloud) {
    stub(cloud, false);
  }

  /** Both pages, with a custom machine type that the Cloud Billing Catalog fixtures do not price. */
  static void stub(TestCloud cloud) {
    stub(cloud, true);
  }

  private static void stub(TestCloud cloud, boolean withCustom) {
    cloud.rest.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("pageToken", absent())
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page1())));
    cloud.rest.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("pageToken", equalTo("page-2"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page2(withCustom))));
  }
}
