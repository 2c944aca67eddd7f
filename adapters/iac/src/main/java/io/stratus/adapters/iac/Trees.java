package io.stratus.adapters.iac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads JSON or YAML into a Jackson tree. YAML is composed (not constructed) so that CloudFormation's short-form tags
 * survive: {@code !Ref x} becomes {@code {"Ref": "x"}}, {@code !Sub s} {@code {"Fn::Sub": "s"}}, {@code !GetAtt a.b}
 * {@code {"Fn::GetAtt": ["a", "b"]}}. Stateless and thread-safe.
 */
final class Trees {
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_BYTES = 64 * 1024 * 1024;

  private Trees() {}

  static String readText(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new IacException(file.toString(), "(file)", "size " + size + " bytes exceeds the limit of " + MAX_BYTES);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IacException(file.toString(), "(file)", "must be UTF-8 text", e);
    } catch (IOException e) {
      throw new IacException(file.toString(), "(file)", "cannot be read: " + e, e);
    }
  }

  /** Whether the text is JSON (its first non-blank character opens an object or array). */
  static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\uFEFF' || Character.isWhitespace(c)) {
        continue;
      }
      return c == '{' || c == '[';
    }
    return false;
  }

  static JsonNode parse(String text, String file) {
    return looksLikeJson(text) ? parseJson(text, file) : parseYaml(text, file);
  }

  static JsonNode parseJson(String text, String file) {
    try {
      JsonNode node = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
      if (node == null || node.isMissingNode()) {
        throw new IacException(file, "(document)", "is empty; expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "(document)"
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new IacException(file, where, "must be valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode parseYaml(String text, String file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(MAX_BYTES);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      String where = mark == null ? "(document)" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      throw new IacException(file, where, "must be valid YAML: " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new IacException(file, "(document)", "must be valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new IacException(file, "(document)", "is empty; expected a mapping");
    }
    return convert(root, file);
  }

  private static JsonNode convert(Node node, String file) {
    Tag tag = node.getTag();
    if (!tag.startsWith(Tag.PREFIX) && tag.getValue().startsWith("!")) {
      return intrinsic(tag.getValue().substring(1), node, file);
    }
    if (node instanceof MappingNode) {
      ObjectNode object = NODES.objectNode();
      for (NodeTuple tuple : ((MappingNode) node).getValue()) {
        Node key = tuple.getKeyNode();
        if (!(key instanceof ScalarNode)) {
          throw new IacException(file, "line " + (key.getStartMark().getLine() + 1), "mapping keys must be scalars");
        }
        object.set(((ScalarNode) key).getValue(), convert(tuple.getValueNode(), file));
      }
      return object;
    }
    if (node instanceof SequenceNode) {
      ArrayNode array = NODES.arrayNode();
      for (Node item : ((SequenceNode) node).getValue()) {
        array.add(convert(item, file));
      }
      return array;
    }
    return scalar((ScalarNode) node);
  }

  private static JsonNode scalar(ScalarNode node) {
    String value = node.getValue();
    Tag tag = node.getTag();
    if (Tag.NULL.equals(tag)) {
      return NODES.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      String v = value.toLowerCase(Locale.ROOT);
      return NODES.booleanNode(v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y"));
    }
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      try {
        return NODES.numberNode(new BigDecimal(value.replace("_", "")));
      } catch (NumberFormatException e) {
        return NODES.textNode(value);
      }
    }
    return NODES.textNode(value);
  }

  private static JsonNode intrinsic(String name, Node node, String file) {
    ObjectNode object = NODES.objectNode();
    JsonNode value = convert(withoutTag(node), file);
    if (name.equals("Ref") || name.equals("Condition")) {
      object.set(name, value);
    } else if (name.equals("GetAtt") && value.isTextual()) {
      ArrayNode parts = NODES.arrayNode();
      String text = value.asText();
      int dot = text.indexOf('.');
      parts.add(dot < 0 ? text : text.substring(0, dot));
      parts.add(dot < 0 ? "" : text.substring(dot + 1));
      object.set("Fn::GetAtt", parts);
    } else {
      object.set("Fn::" + name, value);
    }
    return object;
  }

  private static Node withoutTag(Node node) {
    if (node instanceof ScalarNode) {
      ScalarNode s = (ScalarNode) node;
      return new ScalarNode(Tag.STR, s.getValue(), s.getStartMark(), s.getEndMark(), s.getScalarStyle());
    }
    if (node instanceof SequenceNode) {
      SequenceNode s = (SequenceNode) node;
      return new SequenceNode(Tag.SEQ, s.getValue(), s.getFlowStyle());
    }
    MappingNode m = (MappingNode) node;
    return new MappingNode(Tag.MAP, m.getValue(), m.getFlowStyle());
  }

  static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }
}
