package io.stratus.adapters.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.CloudProvider;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an Azure Resource Manager template: parameters (defaults and a parameter file), variables, expressions,
 * conditions, resource and property {@code copy} loops, and nested resources. Confined to one estimate.
 */
final class ArmTemplateReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> FREE = Set.of("microsoft.compute/availabilitysets",
      "microsoft.compute/virtualmachines/extensions", "microsoft.compute/virtualmachinescalesets/extensions");
  private static final int MAX_COPY = 800;

  private final String file;
  private final JsonNode root;
  private final Map<String, JsonNode> overrides;
  private final UsageAssumptions usage;
  private final Collected out = new Collected();
  private final Map<String, JsonNode> variables = new HashMap<>();
  private final Set<String> evaluating = new HashSet<>();
  private final Map<String, Integer> copyIndex = new HashMap<>();
  private final ArmExpressions expressions;

  ArmTemplateReader(String file, JsonNode root, Map<String, JsonNode> overrides, UsageAssumptions usage) {
    this.file = file;
    this.root = root;
    this.overrides = overrides;
    this.usage = usage;
    this.expressions = new ArmExpressions(new ArmExpressions.Context() {
      @Override
      public JsonNode parameter(String name) {
        return ArmTemplateReader.this.parameter(name);
      }

      @Override
      public JsonNode variable(String name) {
        return ArmTemplateReader.this.variable(name);
      }

      @Override
      public JsonNode copyIndex(String loop) {
        Integer i = loop.isEmpty() ? copyIndex.get("") : copyIndex.get(loop);
        if (i == null) {
          throw new ArmExpressions.Malformed("copyIndex(" + (loop.isEmpty() ? "" : "'" + loop + "'")
              + ") outside a copy loop");
        }
        return NODES.numberNode(i);
      }

      @Override
      public JsonNode resourceGroup() {
        ObjectNode group = NODES.objectNode();
        group.put("location", usage.region(CloudProvider.AZURE).orElse(""));
        return group;
      }
    });
  }

  Collected read() {
    JsonNode resources = root.path("resources");
    if (!resources.isArray()) {
      throw new IacException(file, "resources", "missing or not an array");
    }
    JsonNode declared = root.path("parameters");
    for (String name : overrides.keySet()) {
      if (ignoringCase(declared, name) == null) {
        throw new IacException(file, "parameters." + name, "a value is given for a parameter the template does not"
            + " declare");
      }
    }
    for (int i = 0; i < resources.size(); i++) {
      resource(resources.get(i), "resources[" + i + "]", "");
    }
    return out;
  }

  private JsonNode parameter(String name) {
    JsonNode declared = ignoringCase(root.path("parameters"), name);
    if (declared == null) {
      throw new IacException(file, "parameters('" + name + "')", "refers to a parameter the template does not"
          + " declare");
    }
    JsonNode override = overrides.get(name);
    for (Map.Entry<String, JsonNode> e : overrides.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        override = e.getValue();
      }
    }
    JsonNode value = override != null ? override : declared.get("defaultValue");
    if (value == null) {
      throw new ArmExpressions.Unknown("parameter " + name + " has no defaultValue and no value in a parameter file");
    }
    JsonNode allowed = declared.get("allowedValues");
    if (override != null && allowed != null && allowed.isArray()) {
      boolean ok = false;
      for (JsonNode a : allowed) {
        ok |= a.asText().equals(value.asText());
      }
      if (!ok) {
        throw new IacException(file, "parameters." + name + ".allowedValues", "value '" + value.asText()
            + "' is not allowed");
      }
    }
    return expressions.evalTree(value);
  }

  private JsonNode variable(String name) {
    name = name.toLowerCase(Locale.ROOT);
    JsonNode known = variables.get(name);
    if (known != null) {
      return known;
    }
    JsonNode declared = ignoringCase(root.path("variables"), name);
    if (declared == null) {
      throw new IacException(file, "variables('" + name + "')", "refers to a variable the template does not"
          + " declare");
    }
    if (!evaluating.add(name)) {
      throw new IacException(file, "variables." + name, "refers to itself");
    }
    try {
      JsonNode value = expressions.evalTree(declared);
      variables.put(name, value);
      return value;
    } finally {
      evaluating.remove(name);
    }
  }

  /** ARM names are case-insensitive. */
  private static @Nullable JsonNode ignoringCase(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private void resource(JsonNode r, String path, String parentType) {
    String rawType = Trees.text(r, "type");
    if (rawType == null) {
      throw new IacException(file, path + ".type", "missing or not a string");
    }
    String type = rawType.contains("/") || parentType.isEmpty() ? rawType : parentType + "/" + rawType;
    JsonNode copy = r.get("copy");
    int count = 1;
    String loop = "";
    if (copy != null) {
      loop = copy.path("name").asText("");
      try {
        count = eval(copy.path("count"), path + ".copy.count").asInt(-1);
      } catch (ArmExpressions.Unknown u) {
        out.unpriced(Trees.text(r, "name") + "", type, "copy count is not known: " + String.valueOf(u.getMessage()));
        return;
      }
      if (count < 0 || count > MAX_COPY) {
        throw new IacException(file, path + ".copy.count", "= " + count + ": must be in [0, " + MAX_COPY + "]");
      }
    }
    for (int i = 0; i < count; i++) {
      if (copy != null) {
        copyIndex.put("", i);
        copyIndex.put(loop, i);
      }
      try {
        one(r, path, type, copy == null ? -1 : i);
      } finally {
        if (copy != null) {
          copyIndex.remove("");
          copyIndex.remove(loop);
        }
      }
    }
  }

  private JsonNode eval(JsonNode node, String path) {
    try {
      return expressions.evalTree(node);
    } catch (ArmExpressions.Malformed e) {
      throw new IacException(file, path, "invalid expression: " + e.getMessage(), e);
    }
  }

  private void one(JsonNode r, String path, String type, int index) {
    String name;
    try {
      name = eval(r.path("name"), path + ".name").asText();
    } catch (ArmExpressions.Unknown u) {
      name = r.path("name").asText() + (index >= 0 ? "[" + index + "]" : "");
    }
    if (r.has("condition")) {
      try {
        if (!eval(r.get("condition"), path + ".condition").asBoolean()) {
          return;
        }
      } catch (ArmExpressions.Unknown u) {
        out.unpriced(name, type, "condition is not known: " + String.valueOf(u.getMessage()));
        return;
      }
    }
    String key = type.toLowerCase(Locale.ROOT);
    try {
      switch (key) {
        case "microsoft.compute/virtualmachines" -> vm(name, type, r, path);
        case "microsoft.compute/virtualmachinescalesets" -> scaleSet(name, type, r, path);
        case "microsoft.compute/disks" -> out.disk(name, type, text(r, path, "sku", "name"),
            decimal(r, path, "properties", "diskSizeGB"), 1);
        default -> {
          if (!FREE.contains(key)) {
            out.unsupported(type);
          }
        }
      }
    } catch (ArmExpressions.Unknown u) {
      out.unpriced(name, type, String.valueOf(u.getMessage()));
    }
    int i = 0;
    for (JsonNode child : r.path("resources")) {
      resource(child, path + ".resources[" + i++ + "]", type);
    }
  }

  /** Walks raw JSON and evaluates only what lies on the path, so unknowable siblings do no harm. */
  private JsonNode at(JsonNode r, String path, String... fields) {
    JsonNode node = r;
    StringBuilder where = new StringBuilder(path);
    for (String f : fields) {
      where.append('.').append(f);
      node = node.path(f);
      if (node.isTextual()) {
        node = eval(node, where.toString());
      }
    }
    return node;
  }

  private @Nullable String text(JsonNode r, String path, String... fields) {
    JsonNode v = at(r, path, fields);
    return v.isMissingNode() || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  private @Nullable BigDecimal decimal(JsonNode r, String path, String... fields) {
    try {
      String t = text(r, path, fields);
      return t == null ? null : new BigDecimal(t.trim());
    } catch (NumberFormatException | ArmExpressions.Unknown e) {
      return null;
    }
  }

  private Sizing sizing(String size, JsonNode r, String path) {
    Sizing s = new Sizing(CloudProvider.AZURE);
    s.instanceType = size;
    String location = text(r, path, "location");
    s.region = location == null ? null : TerraformPlanReader.azureRegion(location);
    return s;
  }

  private void vm(String name, String type, JsonNode r, String path) {
    String size = text(r, path, "properties", "hardwareProfile", "vmSize");
    if (size == null) {
      throw new ArmExpressions.Unknown("properties.hardwareProfile.vmSize is not set");
    }
    Sizing s = sizing(size, r, path);
    JsonNode profile = r.path("properties");
    s.windows = isWindows(profile, path + ".properties");
    out.items.add(new Collected.Item(name, type, "create", null, s));
    JsonNode storage = profile.path("storageProfile");
    disks(name, type, storage, path + ".properties.storageProfile", 1);
  }

  private boolean isWindows(JsonNode profile, String path) {
    if (profile.path("osProfile").has("windowsConfiguration")) {
      return true;
    }
    String osType = safeText(profile, path, "storageProfile", "osDisk", "osType");
    String publisher = safeText(profile, path, "storageProfile", "imageReference", "publisher");
    return "windows".equalsIgnoreCase(osType)
        || (publisher != null && publisher.toLowerCase(Locale.ROOT).contains("windows"));
  }

  private void disks(String name, String type, JsonNode storage, String path, double count) {
    JsonNode os = storage.path("osDisk");
    if (os.isObject()) {
      out.disk(name + "/osDisk", type, safeText(os, path + ".osDisk", "managedDisk", "storageAccountType"),
          safeDecimal(os, path + ".osDisk", "diskSizeGB"), count);
    }
    int i = 0;
    for (JsonNode d : dataDisks(storage, path)) {
      String create = safeText(d, path + ".dataDisks[" + i + "]", "createOption");
      if (!"attach".equalsIgnoreCase(create)) {
        out.disk(name + "/dataDisks[" + i + "]", type, safeText(d, path, "managedDisk", "storageAccountType"),
            safeDecimal(d, path + ".dataDisks[" + i + "]", "diskSizeGB"), count);
      }
      i++;
    }
  }

  /** The data disks, with a property copy loop ({@code "copy": [{"name": "dataDisks", ...}]}) expanded. */
  private Iterable<JsonNode> dataDisks(JsonNode storage, String path) {
    java.util.List<JsonNode> disks = new java.util.ArrayList<>();
    storage.path("dataDisks").forEach(disks::add);
    for (JsonNode c : storage.path("copy")) {
      if (!"dataDisks".equalsIgnoreCase(c.path("name").asText())) {
        continue;
      }
      int n;
      try {
        n = eval(c.path("count"), path + ".copy.count").asInt(-1);
      } catch (ArmExpressions.Unknown u) {
        continue;
      }
      if (n < 0 || n > MAX_COPY) {
        throw new IacException(file, path + ".copy.count", "= " + n + ": must be in [0, " + MAX_COPY + "]");
      }
      for (int i = 0; i < n; i++) {
        copyIndex.put("dataDisks", i);
        copyIndex.put(c.path("name").asText(), i);
        try {
          disks.add(resolved(c.path("input"), path + ".copy.input"));
        } finally {
          copyIndex.remove("dataDisks");
          copyIndex.remove(c.path("name").asText());
        }
      }
    }
    return disks;
  }

  /** A copy loop's input with the fields that size a disk evaluated now, while copyIndex is set. */
  private JsonNode resolved(JsonNode input, String path) {
    ObjectNode disk = NODES.objectNode();
    for (String f : new String[] {"createOption", "diskSizeGB"}) {
      String v = safeText(input, path, f);
      if (v != null) {
        disk.put(f, v);
      }
    }
    String type = safeText(input, path, "managedDisk", "storageAccountType");
    if (type != null) {
      disk.putObject("managedDisk").put("storageAccountType", type);
    }
    return disk;
  }

  private @Nullable String safeText(JsonNode node, String path, String... fields) {
    try {
      return text(node, path, fields);
    } catch (ArmExpressions.Unknown u) {
      return null;
    }
  }

  private @Nullable BigDecimal safeDecimal(JsonNode node, String path, String field) {
    return decimal(node, path, field);
  }

  private void scaleSet(String name, String type, JsonNode r, String path) {
    String size = text(r, path, "sku", "name");
    if (size == null) {
      throw new ArmExpressions.Unknown("sku.name is not set");
    }
    Sizing s = sizing(size, r, path);
    s.scalable = true;
    try {
      JsonNode capacity = at(r, path, "sku", "capacity");
      if (capacity.isMissingNode() || capacity.isNull()) {
        throw new ArmExpressions.Unknown("sku.capacity is not set");
      }
      s.instances = new BigDecimal(capacity.asText().trim()).doubleValue();
    } catch (ArmExpressions.Unknown u) {
      if (usage.averageInstances(name).isEmpty()) {
        throw new ArmExpressions.Unknown("sku.capacity is not known (" + String.valueOf(u.getMessage()) + "); set averageInstances"
            + " for " + name + " in the usage file");
      }
      s.instances = usage.averageInstances(name).getAsDouble();
    } catch (NumberFormatException e) {
      throw new IacException(file, path + ".sku.capacity", "must be a number", e);
    }
    JsonNode vmProfile = r.path("properties").path("virtualMachineProfile");
    s.windows = isWindows(vmProfile, path + ".properties.virtualMachineProfile");
    out.items.add(new Collected.Item(name, type, "create", null, s));
    disks(name, type, vmProfile.path("storageProfile"), path + ".properties.virtualMachineProfile.storageProfile",
        s.instances);
  }
}
