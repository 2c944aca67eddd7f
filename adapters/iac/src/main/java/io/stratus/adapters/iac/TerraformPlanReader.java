package io.stratus.adapters.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.stratus.model.CloudProvider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code terraform show -json} plan output (format 0.1 to 1.x): each managed resource change with its actions,
 * before and after values and {@code after_unknown}, resolving launch templates and instance templates through the
 * {@code configuration} references, and regions through the provider configuration. Confined to one estimate.
 */
final class TerraformPlanReader {
  private static final Pattern ADDRESS =
      Pattern.compile("^((?:module\\.[^.\\[]+(?:\\[[^\\]]*\\])?\\.)*)([A-Za-z0-9_-]+)\\.([^.\\[]+)(\\[.*\\])?$");
  private static final Pattern MODULE = Pattern.compile("module\\.([^.\\[]+)(?:\\[[^\\]]*\\])?\\.");
  /** Types with no cost of their own: templates whose instances are priced through their group, attachments. */
  private static final Set<String> FREE = Set.of("aws_launch_template", "aws_launch_configuration",
      "aws_volume_attachment", "google_compute_instance_template", "google_compute_region_instance_template",
      "google_compute_attached_disk", "azurerm_virtual_machine_data_disk_attachment");

  private final String file;
  private final JsonNode root;
  private final Collected out = new Collected();
  private final Map<String, JsonNode> changes = new HashMap<>();

  private enum Side {
    BEFORE("before"), AFTER("after");
    final String field;

    Side(String field) {
      this.field = field;
    }
  }

  TerraformPlanReader(String file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  Collected read() {
    JsonNode version = root.get("format_version");
    if (version == null || !version.isTextual()) {
      throw new IacException(file, "format_version", "missing or not a string: not `terraform show -json` plan output");
    }
    if (!version.asText().matches("(0|1)\\.\\d+")) {
      throw new IacException(file, "format_version", "= \"" + version.asText() + "\": only plan formats 0.x and 1.x"
          + " are known");
    }
    JsonNode list = root.path("resource_changes");
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw new IacException(file, "resource_changes", "must be an array");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode rc = list.get(i);
      String path = "resource_changes[" + i + "]";
      if (!rc.isObject()) {
        throw new IacException(file, path, "must be an object");
      }
      changes.put(required(rc, "address", path), rc);
    }
    for (int i = 0; i < list.size(); i++) {
      change(list.get(i), "resource_changes[" + i + "]");
    }
    return out;
  }

  private String required(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new IacException(file, path + "." + field, "missing or not a non-empty string");
    }
    return v.asText();
  }

  private void change(JsonNode rc, String path) {
    String address = required(rc, "address", path);
    String type = required(rc, "type", path);
    if ("data".equals(Trees.text(rc, "mode"))) {
      return;
    }
    JsonNode change = rc.path("change");
    if (!change.isObject()) {
      throw new IacException(file, path + ".change", "missing or not an object");
    }
    JsonNode actionsNode = change.path("actions");
    if (!actionsNode.isArray() || actionsNode.isEmpty()) {
      throw new IacException(file, path + ".change.actions", "missing or empty; expected e.g. [\"create\"]");
    }
    List<String> actions = new ArrayList<>();
    actionsNode.forEach(a -> actions.add(a.asText()));
    String action = action(actions, path);
    if (action.equals("read")) {
      return;
    }
    if (FREE.contains(type)) {
      return;
    }
    JsonNode before = action.equals("create") ? MissingNode.getInstance() : change.path("before");
    JsonNode after = action.equals("delete") ? MissingNode.getInstance() : change.path("after");
    JsonNode unknown = change.path("after_unknown");
    Sizing b = before.isObject() ? sizing(address, type, before, MissingNode.getInstance(), Side.BEFORE) : null;
    Sizing a = after.isObject() ? sizing(address, type, after, unknown, Side.AFTER) : null;
    if (b == null && a == null) {
      if (!isPriced(type) && !isStorage(type)) {
        out.unsupported(type);
      }
      if (isStorage(type)) {
        JsonNode values = after.isObject() ? after : before;
        storage(address, type, values);
      }
      return;
    }
    out.items.add(new Collected.Item(address, type, action, b, a));
    JsonNode values = after.isObject() ? after : before;
    attachedDisks(address, type, values);
  }

  private String action(List<String> actions, String path) {
    if (actions.size() == 2 && actions.contains("delete") && actions.contains("create")) {
      return "replace";
    }
    if (actions.size() == 1) {
      String a = actions.get(0);
      if (Set.of("create", "delete", "update", "no-op", "read").contains(a)) {
        return a;
      }
    }
    throw new IacException(file, path + ".change.actions", "= " + actions + ": unknown action; expected create,"
        + " delete, update, no-op, read or delete+create");
  }

  private static boolean isPriced(String type) {
    return Set.of("aws_instance", "aws_autoscaling_group", "google_compute_instance",
        "google_compute_instance_group_manager", "google_compute_region_instance_group_manager",
        "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine",
        "azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set",
        "azurerm_virtual_machine_scale_set", "azurerm_orchestrated_virtual_machine_scale_set").contains(type);
  }

  private static boolean isStorage(String type) {
    return Set.of("aws_ebs_volume", "google_compute_disk", "google_compute_region_disk", "azurerm_managed_disk")
        .contains(type);
  }

  private void storage(String address, String type, JsonNode v) {
    switch (type) {
      case "aws_ebs_volume" -> out.disk(address, type, Trees.text(v, "type"), decimal(v, "size"), 1);
      case "azurerm_managed_disk" ->
          out.disk(address, type, Trees.text(v, "storage_account_type"), decimal(v, "disk_size_gb"), 1);
      default -> out.disk(address, type, Trees.text(v, "type"), decimal(v, "size"), 1);
    }
  }

  private void attachedDisks(String address, String type, JsonNode v) {
    switch (type) {
      case "aws_instance" -> {
        for (JsonNode d : v.path("root_block_device")) {
          out.disk(address + "/root_block_device", type, Trees.text(d, "volume_type"), decimal(d, "volume_size"), 1);
        }
        if (v.path("root_block_device").isEmpty()) {
          // every instance has a root volume; its size comes from the AMI when the plan does not know it yet
          out.disk(address + "/root_block_device", type, null, null, 1);
        }
        int i = 0;
        for (JsonNode d : v.path("ebs_block_device")) {
          out.disk(address + "/ebs_block_device[" + i++ + "]", type, Trees.text(d, "volume_type"),
              decimal(d, "volume_size"), 1);
        }
      }
      case "google_compute_instance" -> {
        for (JsonNode d : v.path("boot_disk")) {
          JsonNode p = d.path("initialize_params").path(0);
          out.disk(address + "/boot_disk", type, Trees.text(p, "type"), decimal(p, "size"), 1);
        }
        int i = 0;
        for (JsonNode d : v.path("scratch_disk")) {
          out.disk(address + "/scratch_disk[" + i++ + "]", type, "local-ssd " + Trees.text(d, "interface"),
              new BigDecimal(375), 1);
        }
        if (v.path("guest_accelerator").size() > 0) {
          out.unpriced(address + "/guest_accelerator", type,
              "accelerators are not priced: the pricing provider prices machine types only");
        }
      }
      case "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine" -> {
        for (JsonNode d : v.path("os_disk")) {
          out.disk(address + "/os_disk", type, Trees.text(d, "storage_account_type"), decimal(d, "disk_size_gb"), 1);
        }
      }
      case "azurerm_virtual_machine" -> {
        for (JsonNode d : v.path("storage_os_disk")) {
          out.disk(address + "/storage_os_disk", type, Trees.text(d, "managed_disk_type"),
              decimal(d, "disk_size_gb"), 1);
        }
        int i = 0;
        for (JsonNode d : v.path("storage_data_disk")) {
          out.disk(address + "/storage_data_disk[" + i++ + "]", type, Trees.text(d, "managed_disk_type"),
              decimal(d, "disk_size_gb"), 1);
        }
      }
      case "azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set" -> {
        for (JsonNode d : v.path("os_disk")) {
          out.disk(address + "/os_disk", type, Trees.text(d, "storage_account_type"), decimal(d, "disk_size_gb"),
              v.path("instances").asDouble(1));
        }
      }
      default -> { }
    }
  }

  private static @Nullable BigDecimal decimal(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    try {
      return new BigDecimal(v.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private @Nullable Sizing sizing(String address, String type, JsonNode v, JsonNode unknown, Side side) {
    return switch (type) {
      case "aws_instance" -> aws(address, v, unknown, "instance_type", type);
      case "aws_autoscaling_group" -> autoscalingGroup(address, v, unknown, side);
      case "google_compute_instance" -> gcpInstance(address, v, unknown);
      case "google_compute_instance_group_manager", "google_compute_region_instance_group_manager" ->
          instanceGroup(address, v, unknown, side);
      case "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine" ->
          azure(v, unknown, "size", type.contains("windows"), null);
      case "azurerm_virtual_machine" ->
          azure(v, unknown, "vm_size", v.path("os_profile_windows_config").size() > 0, null);
      case "azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set" ->
          azure(v, unknown, "sku", type.contains("windows"), "instances");
      case "azurerm_orchestrated_virtual_machine_scale_set" ->
          azure(v, unknown, "sku_name", v.path("os_profile").path(0).path("windows_configuration").size() > 0,
              "instances");
      case "azurerm_virtual_machine_scale_set" -> azureLegacyScaleSet(v, unknown);
      default -> null;
    };
  }

  private static boolean isUnknown(JsonNode unknown, String field) {
    return unknown.path(field).asBoolean(false);
  }

  private Sizing aws(String address, JsonNode v, JsonNode unknown, String field, String type) {
    Sizing s = new Sizing(CloudProvider.AWS);
    String instanceType = Trees.text(v, field);
    if (instanceType == null) {
      return Sizing.unknown(CloudProvider.AWS, isUnknown(unknown, field)
          ? field + " is unknown until apply" : field + " is not set");
    }
    s.instanceType = instanceType;
    String zone = Trees.text(v, "availability_zone");
    if (zone != null && zone.matches("[a-z]+(-[a-z]+)+-\\d[a-z]")) {
      s.region = zone.substring(0, zone.length() - 1);
    } else {
      s.region = providerRegion(address, type, "aws", "region");
    }
    return s;
  }

  private Sizing autoscalingGroup(String address, JsonNode v, JsonNode unknown, Side side) {
    JsonNode config = configResource(address);
    JsonNode expressions = config == null ? MissingNode.getInstance() : config.path("expressions");
    JsonNode template = null;
    String override = null;
    String lcName = Trees.text(v, "launch_configuration");
    JsonNode lt = v.path("launch_template").path(0);
    JsonNode mip = v.path("mixed_instances_policy").path(0);
    if (lcName != null || isUnknown(unknown, "launch_configuration")
        || expressions.has("launch_configuration")) {
      template = template(address, side, "aws_launch_configuration", lcName, null,
          expressions.path("launch_configuration"));
    } else if (lt.isObject()) {
      template = template(address, side, "aws_launch_template", Trees.text(lt, "name"), Trees.text(lt, "id"),
          expressions.path("launch_template"));
    } else if (mip.isObject()) {
      JsonNode mlt = mip.path("launch_template").path(0);
      JsonNode spec = mlt.path("launch_template_specification").path(0);
      template = template(address, side, "aws_launch_template", Trees.text(spec, "launch_template_name"),
          Trees.text(spec, "launch_template_id"), expressions.path("mixed_instances_policy"));
      for (JsonNode o : mlt.path("override")) {
        if (Trees.text(o, "instance_type") != null) {
          override = Trees.text(o, "instance_type");
          break;
        }
      }
    } else {
      return Sizing.unknown(CloudProvider.AWS, "no launch_configuration, launch_template or mixed_instances_policy");
    }
    Sizing s;
    if (override != null) {
      s = new Sizing(CloudProvider.AWS);
      s.instanceType = override;
      s.region = providerRegion(address, "aws_autoscaling_group", "aws", "region");
      s.notes.add("mixed instances policy: priced at the first override, " + override + ", on demand");
    } else if (template == null) {
      return Sizing.unknown(CloudProvider.AWS, "its launch configuration or template is not in the plan");
    } else {
      JsonNode templateValues = template.path("change").path(side.field);
      if (!templateValues.isObject()) {
        templateValues = template.path("change").path("after");
      }
      JsonNode templateUnknown = template.path("change").path("after_unknown");
      s = aws(template.path("address").asText(), templateValues, templateUnknown, "instance_type",
          template.path("type").asText());
      if (s.unknown != null) {
        s.unknown = template.path("address").asText() + ": " + s.unknown;
        return s;
      }
      s.region = providerRegion(address, "aws_autoscaling_group", "aws", "region");
      s.notes.add("instance type from " + template.path("address").asText());
    }
    s.scalable = true;
    JsonNode desired = v.get("desired_capacity");
    if (desired != null && desired.isNumber()) {
      s.instances = desired.asDouble();
    } else {
      JsonNode min = v.get("min_size");
      if (min == null || !min.isNumber()) {
        s.unknown = "desired_capacity and min_size are unknown; set averageInstances in the usage file";
        return s;
      }
      s.instances = min.asDouble();
      s.notes.add("desired_capacity " + (isUnknown(unknown, "desired_capacity") ? "unknown until apply" : "not set")
          + ": min_size " + min.asText() + " used");
    }
    return s;
  }

  /** Finds the template a group uses: by the name or id it holds, else by the configuration's reference. */
  private @Nullable JsonNode template(String address, Side side, String type, @Nullable String name,
      @Nullable String id, JsonNode expression) {
    for (JsonNode c : changes.values()) {
      if (!type.equals(c.path("type").asText())) {
        continue;
      }
      JsonNode values = c.path("change").path(side.field);
      if ((name != null && name.equals(Trees.text(values, "name")))
          || (id != null && id.equals(Trees.text(values, "id")))) {
        return c;
      }
    }
    String reference = reference(expression, type);
    if (reference == null) {
      return null;
    }
    String prefix = modulePrefix(address);
    JsonNode exact = changes.get(prefix + reference);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> e : changes.entrySet()) {
      if (e.getKey().startsWith(prefix + reference + "[")) {
        return e.getValue();
      }
    }
    return null;
  }

  private static @Nullable String reference(JsonNode expression, String type) {
    if (expression.isObject()) {
      JsonNode refs = expression.get("references");
      if (refs != null && refs.isArray()) {
        for (JsonNode r : refs) {
          String text = r.asText();
          if (text.startsWith(type + ".")) {
            String[] parts = text.split("\\.");
            return parts[0] + "." + parts[1].replaceAll("\\[.*", "");
          }
        }
      }
    }
    if (expression.isContainerNode()) {
      for (JsonNode child : expression) {
        String found = reference(child, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String modulePrefix(String address) {
    Matcher m = ADDRESS.matcher(address);
    return m.matches() ? m.group(1) : "";
  }

  private @Nullable JsonNode configResource(String address) {
    Matcher m = ADDRESS.matcher(address);
    if (!m.matches()) {
      return null;
    }
    JsonNode module = root.path("configuration").path("root_module");
    Matcher mm = MODULE.matcher(m.group(1));
    while (mm.find()) {
      module = module.path("module_calls").path(mm.group(1)).path("module");
    }
    String local = m.group(2) + "." + m.group(3);
    for (JsonNode r : module.path("resources")) {
      if (local.equals(Trees.text(r, "address"))) {
        return r;
      }
    }
    return null;
  }

  /** The region (or zone) the resource's provider configuration sets, through a variable if need be. */
  private @Nullable String providerRegion(String address, String type, String providerName, String field) {
    JsonNode configs = root.path("configuration").path("provider_config");
    JsonNode config = null;
    JsonNode resource = configResource(address);
    if (resource != null && resource.has("provider_config_key")) {
      config = configs.get(resource.path("provider_config_key").asText());
    }
    if (config == null) {
      config = configs.get(providerName);
    }
    if (config == null) {
      return null;
    }
    JsonNode expression = config.path("expressions").path(field);
    String constant = Trees.text(expression, "constant_value");
    if (constant != null) {
      return constant;
    }
    for (JsonNode r : expression.path("references")) {
      String text = r.asText();
      if (text.startsWith("var.")) {
        String value = Trees.text(root.path("variables").path(text.substring(4)), "value");
        if (value != null) {
          return value;
        }
      }
    }
    return null;
  }

  private Sizing gcpInstance(String address, JsonNode v, JsonNode unknown) {
    String machineType = Trees.text(v, "machine_type");
    if (machineType == null) {
      return Sizing.unknown(CloudProvider.GCP, isUnknown(unknown, "machine_type")
          ? "machine_type is unknown until apply" : "machine_type is not set");
    }
    Sizing s = new Sizing(CloudProvider.GCP);
    s.instanceType = machineType.substring(machineType.lastIndexOf('/') + 1);
    String zone = Trees.text(v, "zone");
    if (zone == null) {
      zone = providerRegion(address, "google_compute_instance", "google", "zone");
    }
    s.region = zone != null ? gcpRegion(zone) : providerRegion(address, "google_compute_instance", "google", "region");
    return s;
  }

  private static String gcpRegion(String zoneOrRegion) {
    String z = zoneOrRegion.substring(zoneOrRegion.lastIndexOf('/') + 1);
    return z.matches(".*\\d-[a-z]") ? z.substring(0, z.lastIndexOf('-')) : z;
  }

  private Sizing instanceGroup(String address, JsonNode v, JsonNode unknown, Side side) {
    JsonNode config = configResource(address);
    JsonNode expressions = config == null ? MissingNode.getInstance() : config.path("expressions");
    String link = Trees.text(v.path("version").path(0), "instance_template");
    if (link == null) {
      link = Trees.text(v, "instance_template");
    }
    String name = link == null ? null : link.substring(link.lastIndexOf('/') + 1);
    JsonNode template = template(address, side, "google_compute_instance_template", name, link, expressions);
    if (template == null) {
      template = template(address, side, "google_compute_region_instance_template", name, link, expressions);
    }
    if (template == null) {
      return Sizing.unknown(CloudProvider.GCP, "its instance template is not in the plan");
    }
    JsonNode values = template.path("change").path(side.field);
    if (!values.isObject()) {
      values = template.path("change").path("after");
    }
    Sizing s = gcpInstance(template.path("address").asText(), values, template.path("change").path("after_unknown"));
    if (s.unknown != null) {
      s.unknown = template.path("address").asText() + ": " + s.unknown;
      return s;
    }
    String where = Trees.text(v, "zone") != null ? Trees.text(v, "zone") : Trees.text(v, "region");
    s.region = where != null ? gcpRegion(where) : providerRegion(address, "google", "google", "region");
    s.notes.add("machine type from " + template.path("address").asText());
    s.scalable = true;
    JsonNode size = v.get("target_size");
    if (size == null || !size.isNumber()) {
      s.unknown = "target_size is " + (isUnknown(unknown, "target_size") ? "unknown until apply" : "not set"
          + " (autoscaled)") + "; set averageInstances in the usage file";
      return s;
    }
    s.instances = size.asDouble();
    return s;
  }

  private Sizing azure(JsonNode v, JsonNode unknown, String sizeField, boolean windows, @Nullable String countField) {
    String size = Trees.text(v, sizeField);
    if (size == null) {
      return Sizing.unknown(CloudProvider.AZURE, isUnknown(unknown, sizeField)
          ? sizeField + " is unknown until apply" : sizeField + " is not set");
    }
    Sizing s = new Sizing(CloudProvider.AZURE);
    s.instanceType = size;
    String location = Trees.text(v, "location");
    s.region = location == null ? null : azureRegion(location);
    s.windows = windows;
    if (countField != null) {
      s.scalable = true;
      JsonNode count = v.get(countField);
      if (count == null || !count.isNumber()) {
        s.unknown = countField + " is " + (isUnknown(unknown, countField) ? "unknown until apply" : "not set")
            + "; set averageInstances in the usage file";
        return s;
      }
      s.instances = count.asDouble();
    }
    return s;
  }

  private Sizing azureLegacyScaleSet(JsonNode v, JsonNode unknown) {
    JsonNode sku = v.path("sku").path(0);
    String name = Trees.text(sku, "name");
    if (name == null || !sku.path("capacity").isNumber()) {
      return Sizing.unknown(CloudProvider.AZURE, "sku name or capacity is not known"
          + (unknown.has("sku") ? " until apply" : ""));
    }
    Sizing s = new Sizing(CloudProvider.AZURE);
    s.instanceType = name;
    s.instances = sku.path("capacity").asDouble();
    s.scalable = true;
    String location = Trees.text(v, "location");
    s.region = location == null ? null : azureRegion(location);
    s.windows = v.path("os_profile_windows_config").size() > 0;
    return s;
  }

  /** {@code "West Europe"} → {@code westeurope}. */
  static String azureRegion(String location) {
    return location.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
  }
}
