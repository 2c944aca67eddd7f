package io.stratus.adapters.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.monitoring.provider.PageTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VM sizes as {@link InstanceType}s: from the Compute Resource SKUs API when a subscription is configured (vCPUs,
 * memory, GPUs, CPU architecture), else from the bundled table of documented sizes. Keys are the ARM size names
 * ({@code Standard_D4s_v5}), compared ignoring case. Thread-safe (stateless).
 */
final class VmSpecs {
  private static final Logger LOG = LoggerFactory.getLogger(VmSpecs.class);
  static final String SKUS_API_VERSION = "2021-07-01";

  private VmSpecs() {}

  /** The bundled sizes. */
  static Map<String, InstanceType> bundled() {
    Map<String, InstanceType> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    try (InputStream in = Objects.requireNonNull(VmSpecs.class.getResourceAsStream("azure-vm-sizes.csv"),
        "azure-vm-sizes.csv missing from the stratus-azure jar");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line = r.readLine();
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",", -1);
        if (f.length < 4 || f[0].isBlank()) {
          continue;
        }
        out.put(f[0], new InstanceType(CloudProvider.AZURE, f[0], f[3], Double.parseDouble(f[1]),
            Double.parseDouble(f[2]), 0, "", Architecture.X86_64, 0));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read azure-vm-sizes.csv", e);
    }
    return out;
  }

  /** Every VM size the subscription can see, read from the Resource SKUs API (all pages). */
  static Map<String, InstanceType> fromResourceSkus(AzureCalls calls, AzureConfig config, String subscription) {
    Map<String, InstanceType> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, Integer> skipped = new HashMap<>();
    String url = config.managementEndpoint() + "/subscriptions/" + subscription
        + "/providers/Microsoft.Compute/skus?api-version=" + SKUS_API_VERSION;
    PageTokens links = PageTokens.of("azure", "resource SKU listing");
    int pages = 0;
    while (url != null) {
      JsonNode page = calls.getManagement(AzureApi.COMPUTE, "list resource SKUs", "(page " + (pages + 1) + ")", url);
      pages++;
      JsonNode value = page.path("value");
      if (!value.isArray()) {
        throw new AzureCalls.MalformedResponseException("resource SKUs page " + pages + " has no 'value' array",
            null);
      }
      for (JsonNode sku : value) {
        if (!"virtualMachines".equalsIgnoreCase(sku.path("resourceType").asText())) {
          continue;
        }
        String name = sku.path("name").asText("");
        Map<String, String> caps = new HashMap<>();
        for (JsonNode c : sku.path("capabilities")) {
          caps.put(c.path("name").asText(), c.path("value").asText());
        }
        try {
          double vcpus = Double.parseDouble(caps.getOrDefault("vCPUs", ""));
          double memory = Double.parseDouble(caps.getOrDefault("MemoryGB", ""));
          int gpus = (int) Double.parseDouble(caps.getOrDefault("GPUs", "0"));
          Architecture arch = "arm64".equalsIgnoreCase(caps.getOrDefault("CpuArchitectureType", "x64"))
              ? Architecture.ARM64 : Architecture.X86_64;
          out.putIfAbsent(name, new InstanceType(CloudProvider.AZURE, name, family(sku.path("family").asText("")),
              vcpus, memory, gpus, "", arch, 0));
        } catch (IllegalArgumentException e) {
          skipped.merge(e.getClass().getSimpleName(), 1, Integer::sum);
          LOG.debug("resource SKU '{}' skipped: {}", name, e.getMessage());
        }
      }
      url = calls.nextPage(page.get("nextLink"), links, config.managementEndpoint(), AzureApi.COMPUTE);
    }
    if (!skipped.isEmpty()) {
      LOG.info("resource SKUs: {} VM sizes read, {} skipped for missing or invalid vCPUs/MemoryGB", out.size(),
          skipped.values().stream().mapToInt(Integer::intValue).sum());
    }
    return out;
  }

  /** {@code standardDSv5Family} → {@code DSv5}. */
  static String family(String raw) {
    String f = raw;
    if (f.toLowerCase(Locale.ROOT).startsWith("standard")) {
      f = f.substring("standard".length());
    }
    if (f.endsWith("Family")) {
      f = f.substring(0, f.length() - "Family".length());
    }
    return f;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
