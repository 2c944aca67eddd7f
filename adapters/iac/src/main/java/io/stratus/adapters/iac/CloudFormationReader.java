package io.stratus.adapters.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.CloudProvider;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an AWS CloudFormation template: parameters (defaults, overrides, allowed values), mappings, conditions and
 * the intrinsic functions that decide sizing ({@code Ref}, {@code Fn::FindInMap}, {@code Fn::If}, {@code Fn::Sub},
 * {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Equals}/{@code Not}/{@code And}/{@code Or}). Only the properties
 * that size a resource are evaluated. Confined to one estimate.
 */
final class CloudFormationReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)\\}");
  private static final Set<String> FREE = Set.of("AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::LaunchTemplate",
      "AWS::EC2::VolumeAttachment", "AWS::CloudFormation::WaitConditionHandle", "AWS::CloudFormation::WaitCondition");

  private final String file;
  private final JsonNode root;
  private final Map<String, JsonNode> overrides;
  private final UsageAssumptions usage;
  private final Collected out = new Collected();
  private final Map<String, Boolean> conditions = new HashMap<>();
  private final Set<String> evaluating = new HashSet<>();
  private JsonNode resources = NODES.objectNode();

  /** A value that cannot be known from the template alone; internal control flow, no stack trace. */
  private static final class Unresolved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unresolved(String message) {
      super(message, null, false, false);
    }
  }

  CloudFormationReader(String file, JsonNode root, Map<String, JsonNode> overrides, UsageAssumptions usage) {
    this.file = file;
    this.root = root;
    this.overrides = overrides;
    this.usage = usage;
  }

  Collected read() {
    resources = root.path("Resources");
    if (!resources.isObject() || resources.isEmpty()) {
      throw new IacException(file, "Resources", "missing or empty; a template declares at least one resource");
    }
    checkParameters();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      resource(e.getKey(), e.getValue());
    }
    return out;
  }

  private void checkParameters() {
    JsonNode params = root.path("Parameters");
    for (Map.Entry<String, JsonNode> o : overrides.entrySet()) {
      JsonNode declared = params.get(o.getKey());
      if (declared == null) {
        throw new IacException(file, "Parameters." + o.getKey(), "override given for a parameter the template does"
            + " not declare; declared: " + iterable(params.fieldNames()));
      }
      JsonNode allowed = declared.get("AllowedValues");
      if (allowed != null && allowed.isArray()) {
        boolean ok = false;
        for (JsonNode a : allowed) {
          ok |= a.asText().equals(o.getValue().asText());
        }
        if (!ok) {
          throw new IacException(file, "Parameters." + o.getKey() + ".AllowedValues", "override '"
              + o.getValue().asText() + "' is not an allowed value");
        }
      }
    }
  }

  private static String iterable(Iterator<String> names) {
    StringBuilder b = new StringBuilder("[");
    names.forEachRemaining(n -> b.append(b.length() > 1 ? ", " : "").append(n));
    return b.append(']').toString();
  }

  private void resource(String id, JsonNode node) {
    String path = "Resources." + id;
    String type = Trees.text(node, "Type");
    if (type == null) {
      throw new IacException(file, path + ".Type", "missing or not a string");
    }
    String condition = Trees.text(node, "Condition");
    if (condition != null) {
      try {
        if (!condition(condition, path + ".Condition")) {
          return;
        }
      } catch (Unresolved u) {
        out.unpriced(id, type, "condition " + condition + " cannot be evaluated: " + String.valueOf(u.getMessage()));
        return;
      }
    }
    JsonNode props = node.path("Properties");
    try {
      switch (type) {
        case "AWS::EC2::Instance" -> instance(id, type, props);
        case "AWS::AutoScaling::AutoScalingGroup" -> group(id, type, props);
        case "AWS::EC2::Volume" -> out.disk(id, type, textOr(props, "VolumeType", "gp2 (default)"),
            decimal(props, "Size"), 1);
        default -> {
          if (!FREE.contains(type)) {
            out.unsupported(type);
          }
        }
      }
    } catch (Unresolved u) {
      out.unpriced(id, type, String.valueOf(u.getMessage()));
    }
  }

  private void instance(String id, String type, JsonNode props) {
    Sizing s = new Sizing(CloudProvider.AWS);
    JsonNode it = evalProperty(props, "InstanceType");
    if (it == null) {
      s.instanceType = "m1.small";
      s.notes.add("InstanceType not set: CloudFormation's default m1.small");
    } else {
      s.instanceType = it.asText();
    }
    s.region = usage.region(CloudProvider.AWS).orElse(null);
    out.items.add(new Collected.Item(id, type, "create", null, s));
    blockDevices(id, type, props, 1);
  }

  private void blockDevices(String id, String type, JsonNode props, double count) {
    JsonNode mappings;
    try {
      mappings = evalProperty(props, "BlockDeviceMappings");
    } catch (Unresolved u) {
      out.unpriced(id + "/BlockDeviceMappings", type, "disks: " + String.valueOf(u.getMessage()));
      return;
    }
    if (mappings == null) {
      return;
    }
    int i = 0;
    for (JsonNode m : mappings) {
      JsonNode ebs = m.path("Ebs");
      if (ebs.isObject()) {
        out.disk(id + "/BlockDeviceMappings[" + i + "]", type, textOr(ebs, "VolumeType", "gp2 (default)"),
            decimal(ebs, "VolumeSize"), count);
      }
      i++;
    }
  }

  private void group(String id, String type, JsonNode props) {
    Sizing s = new Sizing(CloudProvider.AWS);
    s.region = usage.region(CloudProvider.AWS).orElse(null);
    s.scalable = true;
    JsonNode desired = evalProperty(props, "DesiredCapacity");
    if (desired != null) {
      s.instances = number(desired, "Resources." + id + ".Properties.DesiredCapacity");
    } else {
      JsonNode min = evalProperty(props, "MinSize");
      if (min == null) {
        throw new IacException(file, "Resources." + id + ".Properties.MinSize", "missing; an AutoScalingGroup"
            + " requires MinSize");
      }
      s.instances = number(min, "Resources." + id + ".Properties.MinSize");
      s.notes.add("DesiredCapacity not set: MinSize " + min.asText() + " used");
    }
    JsonNode templateProps;
    String templateId;
    String templateType;
    if (props.has("LaunchConfigurationName")) {
      templateId = logicalId(props.get("LaunchConfigurationName"), "LaunchConfigurationName");
      templateProps = resources.path(templateId).path("Properties");
      templateType = "AWS::AutoScaling::LaunchConfiguration";
    } else {
      JsonNode spec = props.path("LaunchTemplate");
      JsonNode mip = props.path("MixedInstancesPolicy").path("LaunchTemplate");
      if (!spec.isObject() && mip.isObject()) {
        spec = mip.path("LaunchTemplateSpecification");
        JsonNode overridesNode = evalOrNull(mip.get("Overrides"));
        if (overridesNode != null && overridesNode.isArray()) {
          for (JsonNode o : overridesNode) {
            if (Trees.text(o, "InstanceType") != null) {
              s.instanceType = o.get("InstanceType").asText();
              s.notes.add("mixed instances policy: priced at the first override, " + s.instanceType + ", on demand");
              out.items.add(new Collected.Item(id, type, "create", null, s));
              return;
            }
          }
        }
      }
      if (!spec.isObject()) {
        throw new Unresolved("no LaunchConfigurationName, LaunchTemplate or MixedInstancesPolicy");
      }
      JsonNode ref = spec.has("LaunchTemplateId") ? spec.get("LaunchTemplateId") : spec.get("LaunchTemplateName");
      if (ref == null) {
        throw new Unresolved("LaunchTemplate has neither LaunchTemplateId nor LaunchTemplateName");
      }
      templateId = logicalId(ref, "LaunchTemplate");
      templateProps = resources.path(templateId).path("Properties").path("LaunchTemplateData");
      templateType = "AWS::EC2::LaunchTemplate";
    }
    if (!templateType.equals(Trees.text(resources.path(templateId), "Type"))) {
      throw new Unresolved("its launch configuration or template " + templateId + " is not a " + templateType
          + " of this template");
    }
    JsonNode it = evalProperty(templateProps, "InstanceType");
    if (it == null) {
      throw new Unresolved(templateId + " has no InstanceType");
    }
    s.instanceType = it.asText();
    s.notes.add("instance type from " + templateId);
    out.items.add(new Collected.Item(id, type, "create", null, s));
    blockDevices(id + "/" + templateId, type, templateProps, s.instances);
  }

  /** The logical id a {@code Ref} or {@code Fn::GetAtt} names. */
  private String logicalId(JsonNode ref, String property) {
    if (ref.has("Ref")) {
      return ref.get("Ref").asText();
    }
    if (ref.has("Fn::GetAtt") && ref.get("Fn::GetAtt").isArray()) {
      return ref.get("Fn::GetAtt").path(0).asText();
    }
    throw new Unresolved(property + " does not refer to a resource of this template (" + ref + ")");
  }

  private double number(JsonNode value, String path) {
    try {
      double v = new BigDecimal(value.asText()).doubleValue();
      if (v < 0) {
        throw new IacException(file, path, "= " + value + ": must be >= 0");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IacException(file, path, "= " + value + ": must be a number", e);
    }
  }

  private @Nullable JsonNode evalProperty(JsonNode props, String name) {
    JsonNode v = props.get(name);
    return v == null ? null : evalOrNull(v);
  }

  private @Nullable JsonNode evalOrNull(@Nullable JsonNode v) {
    if (v == null) {
      return null;
    }
    JsonNode r = eval(v);
    return r.isNull() ? null : r;
  }

  private static String textOr(JsonNode node, String field, String fallback) {
    String t = Trees.text(node, field);
    return t == null ? fallback : t;
  }

  private @Nullable BigDecimal decimal(JsonNode node, String field) {
    JsonNode v;
    try {
      v = evalProperty(node, field);
    } catch (Unresolved u) {
      return null;
    }
    if (v == null) {
      return null;
    }
    try {
      return new BigDecimal(v.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Evaluates intrinsic functions; {@code AWS::NoValue} becomes a null node. */
  private JsonNode eval(JsonNode node) {
    if (node.isObject() && node.size() == 1) {
      Map.Entry<String, JsonNode> fn = node.properties().iterator().next();
      String name = fn.getKey();
      JsonNode arg = fn.getValue();
      switch (name) {
        case "Ref":
          return ref(arg.asText());
        case "Fn::If": {
          if (!arg.isArray() || arg.size() != 3) {
            throw new Unresolved("Fn::If needs [condition, then, else]: " + arg);
          }
          return condition(arg.get(0).asText(), "Fn::If") ? eval(arg.get(1)) : eval(arg.get(2));
        }
        case "Fn::FindInMap":
          return findInMap(arg);
        case "Fn::Sub":
          return sub(arg);
        case "Fn::Join": {
          JsonNode list = eval(arg.path(1));
          java.util.List<String> parts = new java.util.ArrayList<>();
          list.forEach(part -> parts.add(part.asText()));
          return NODES.textNode(String.join(arg.path(0).asText(), parts));
        }
        case "Fn::Select": {
          int index = eval(arg.path(0)).asInt(-1);
          JsonNode list = eval(arg.path(1));
          if (index < 0 || index >= list.size()) {
            throw new Unresolved("Fn::Select index " + arg.path(0) + " out of range");
          }
          return eval(list.get(index));
        }
        case "Condition":
          return BooleanNode.valueOf(condition(arg.asText(), "Condition"));
        case "Fn::Base64":
          return eval(arg);
        default:
          if (name.startsWith("Fn::")) {
            throw new Unresolved(name + " cannot be evaluated before deployment");
          }
      }
    }
    if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      node.properties().forEach(e -> {
        JsonNode v = eval(e.getValue());
        if (!v.isNull()) {
          copy.set(e.getKey(), v);
        }
      });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      for (JsonNode item : node) {
        JsonNode v = eval(item);
        if (!v.isNull()) {
          copy.add(v);
        }
      }
      return copy;
    }
    return node;
  }

  private JsonNode ref(String name) {
    switch (name) {
      case "AWS::NoValue":
        return NODES.nullNode();
      case "AWS::Region":
        return NODES.textNode(usage.region(CloudProvider.AWS).orElseThrow(
            () -> new Unresolved("AWS::Region is not known: set regions.aws in the usage file")));
      case "AWS::StackName":
      case "AWS::AccountId":
      case "AWS::StackId":
      case "AWS::Partition":
      case "AWS::URLSuffix":
      case "AWS::NotificationARNs":
        throw new Unresolved(name + " is not known before deployment");
      default:
        break;
    }
    JsonNode declared = root.path("Parameters").get(name);
    if (declared != null) {
      JsonNode value = overrides.containsKey(name) ? overrides.get(name) : declared.get("Default");
      if (value == null) {
        throw new Unresolved("parameter " + name + " has no Default and no override");
      }
      String type = Trees.text(declared, "Type");
      if (type != null && (type.startsWith("List<") || type.equals("CommaDelimitedList")) && value.isTextual()) {
        ArrayNode list = NODES.arrayNode();
        for (String part : value.asText().split(",", -1)) {
          list.add(part.trim());
        }
        return list;
      }
      return value;
    }
    if (resources.has(name)) {
      return NODES.textNode(name);
    }
    throw new IacException(file, "Ref " + name, "refers to no parameter, resource or pseudo parameter");
  }

  private JsonNode findInMap(JsonNode arg) {
    if (!arg.isArray() || arg.size() != 3) {
      throw new IacException(file, "Fn::FindInMap " + arg, "needs [map, top-level key, second-level key]");
    }
    String map = eval(arg.get(0)).asText();
    String top = eval(arg.get(1)).asText();
    String second = eval(arg.get(2)).asText();
    JsonNode m = root.path("Mappings").get(map);
    if (m == null) {
      throw new IacException(file, "Mappings." + map, "Fn::FindInMap refers to a mapping that does not exist");
    }
    JsonNode v = m.path(top).get(second);
    if (v == null) {
      throw new Unresolved("Fn::FindInMap: Mappings." + map + " has no " + top + "." + second);
    }
    return v;
  }

  private JsonNode sub(JsonNode arg) {
    String template = arg.isArray() ? arg.path(0).asText() : arg.asText();
    JsonNode vars = arg.isArray() ? arg.path(1) : NODES.objectNode();
    Matcher m = SUB.matcher(template);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      JsonNode v = vars.has(name) ? eval(vars.get(name)) : name.contains(".") ? null : ref(name);
      if (v == null) {
        throw new Unresolved("Fn::Sub ${" + name + "} is not known before deployment");
      }
      m.appendReplacement(b, Matcher.quoteReplacement(v.asText()));
    }
    m.appendTail(b);
    return NODES.textNode(b.toString());
  }

  private boolean condition(String name, String path) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    JsonNode declared = root.path("Conditions").get(name);
    if (declared == null) {
      throw new IacException(file, path, "refers to condition " + name + ", which Conditions does not declare");
    }
    if (!evaluating.add(name)) {
      throw new IacException(file, "Conditions." + name, "refers to itself");
    }
    try {
      boolean value = test(declared, "Conditions." + name);
      conditions.put(name, value);
      return value;
    } finally {
      evaluating.remove(name);
    }
  }

  private boolean test(JsonNode node, String path) {
    if (node.isObject() && node.size() == 1) {
      Map.Entry<String, JsonNode> fn = node.properties().iterator().next();
      JsonNode arg = fn.getValue();
      switch (fn.getKey()) {
        case "Fn::Equals":
          if (!arg.isArray() || arg.size() != 2) {
            throw new IacException(file, path, "Fn::Equals needs two values");
          }
          return eval(arg.get(0)).asText().equals(eval(arg.get(1)).asText());
        case "Fn::Not":
          return !test(arg.path(0), path);
        case "Fn::And": {
          boolean all = true;
          for (JsonNode c : arg) {
            all &= test(c, path);
          }
          return all;
        }
        case "Fn::Or": {
          boolean any = false;
          for (JsonNode c : arg) {
            any |= test(c, path);
          }
          return any;
        }
        case "Condition":
          return condition(arg.asText(), path);
        default:
          break;
      }
    }
    JsonNode v = eval(node);
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    throw new IacException(file, path, "is not a condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or,"
        + " Condition): " + node);
  }
}
