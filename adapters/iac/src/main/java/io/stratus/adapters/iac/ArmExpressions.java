package io.stratus.adapters.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Parses and evaluates ARM template expressions ({@code [parameters('x')]}, {@code [variables('y')[0].size]},
 * {@code [concat(...)]}, {@code [if(...)]}, {@code [copyIndex()]}, ...) over the functions that decide sizing.
 * A function it does not evaluate ({@code reference}, {@code uniqueString}, ...) makes the value unknown, which the
 * reader reports. Not thread-safe; confined to one estimate.
 */
final class ArmExpressions {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A value that cannot be known before deployment; internal control flow, no stack trace. */
  static final class Unknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unknown(String message) {
      super(message, null, false, false);
    }
  }

  /** A malformed expression: the template is broken. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Calls back into the template for what an expression refers to. */
  interface Context {
    JsonNode parameter(String name);

    JsonNode variable(String name);

    JsonNode copyIndex(String loop);

    JsonNode resourceGroup();
  }

  private final Context context;
  private String text = "";
  private int pos;

  ArmExpressions(Context context) {
    this.context = context;
  }

  /** Evaluates every string of a JSON value that is an expression. */
  JsonNode evalTree(JsonNode node) {
    if (node.isTextual()) {
      return evalString(node.asText());
    }
    if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), evalTree(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(n -> copy.add(evalTree(n)));
      return copy;
    }
    return node;
  }

  JsonNode evalString(String value) {
    if (value.startsWith("[[")) {
      return NODES.textNode(value.substring(1));
    }
    if (!(value.startsWith("[") && value.endsWith("]"))) {
      return NODES.textNode(value);
    }
    String saved = text;
    int savedPos = pos;
    text = value.substring(1, value.length() - 1);
    pos = 0;
    try {
      JsonNode result = expression();
      skipSpace();
      if (pos != text.length()) {
        throw new Malformed("unexpected '" + text.substring(pos) + "' in expression " + value);
      }
      return result;
    } finally {
      text = saved;
      pos = savedPos;
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private JsonNode expression() {
    JsonNode value = primary();
    while (true) {
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '.') {
        pos++;
        String name = identifier();
        value = member(value, name);
      } else if (pos < text.length() && text.charAt(pos) == '[') {
        pos++;
        JsonNode index = expression();
        expect(']');
        value = index.isNumber() ? element(value, index.asInt()) : member(value, index.asText());
      } else {
        return value;
      }
    }
  }

  private static JsonNode member(JsonNode value, String name) {
    JsonNode v = value.get(name);
    if (v == null) {
      for (var it = value.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      throw new Unknown("property '" + name + "' is not in " + abbreviate(value));
    }
    return v;
  }

  private static JsonNode element(JsonNode value, int index) {
    if (!value.isArray() || index < 0 || index >= value.size()) {
      throw new Unknown("index " + index + " is outside " + abbreviate(value));
    }
    return value.get(index);
  }

  private static String abbreviate(JsonNode value) {
    String s = value.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  private void expect(char c) {
    skipSpace();
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw new Malformed("expected '" + c + "' at position " + pos + " of [" + text + "]");
    }
    pos++;
  }

  private String identifier() {
    skipSpace();
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw new Malformed("expected a name at position " + pos + " of [" + text + "]");
    }
    return text.substring(start, pos);
  }

  private JsonNode primary() {
    skipSpace();
    if (pos >= text.length()) {
      throw new Malformed("expression [" + text + "] ends early");
    }
    char c = text.charAt(pos);
    if (c == '\'') {
      StringBuilder b = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= text.length()) {
          throw new Malformed("unterminated string in [" + text + "]");
        }
        char d = text.charAt(pos++);
        if (d == '\'') {
          if (pos < text.length() && text.charAt(pos) == '\'') {
            b.append('\'');
            pos++;
          } else {
            break;
          }
        } else {
          b.append(d);
        }
      }
      return NODES.textNode(b.toString());
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = pos++;
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      return NODES.numberNode(new BigDecimal(text.substring(start, pos)));
    }
    String name = identifier();
    expect('(');
    List<JsonNode> args = new ArrayList<>();
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == ')') {
      pos++;
    } else {
      while (true) {
        if (name.equalsIgnoreCase("if") && args.size() == 1) {
          // lazily: only the chosen branch is evaluated
          boolean cond = args.get(0).asBoolean();
          JsonNode first = branch(cond);
          expect(',');
          JsonNode second = branch(!cond);
          expect(')');
          return cond ? first : second;
        }
        args.add(expression());
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect(')');
        break;
      }
    }
    return call(name.toLowerCase(Locale.ROOT), args);
  }

  /** Parses a branch of {@code if}; evaluates it only when taken, so an unknown branch not taken does no harm. */
  private JsonNode branch(boolean taken) {
    if (taken) {
      return expression();
    }
    int start = pos;
    try {
      return expression();
    } catch (Unknown u) {
      pos = start;
      skipBranch();
      return NODES.nullNode();
    }
  }

  /** After an unknown in a branch not taken: skips to the end of the branch at this nesting level. */
  private void skipBranch() {
    int depth = 0;
    boolean quoted = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == '(' || c == '[') {
          depth++;
        } else if (c == ')' || c == ']') {
          if (depth == 0) {
            return;
          }
          depth--;
        } else if (c == ',' && depth == 0) {
          return;
        }
      }
      pos++;
    }
  }

  private JsonNode call(String name, List<JsonNode> args) {
    return switch (name) {
      case "parameters" -> context.parameter(arg(args, 0, name).asText());
      case "variables" -> context.variable(arg(args, 0, name).asText());
      case "copyindex" -> copyIndex(args);
      case "resourcegroup" -> context.resourceGroup();
      case "concat" -> concat(args);
      case "equals" -> NODES.booleanNode(equal(arg(args, 0, name), arg(args, 1, name)));
      case "not" -> NODES.booleanNode(!arg(args, 0, name).asBoolean());
      case "and" -> NODES.booleanNode(args.stream().allMatch(JsonNode::asBoolean));
      case "or" -> NODES.booleanNode(args.stream().anyMatch(JsonNode::asBoolean));
      case "true" -> NODES.booleanNode(true);
      case "false" -> NODES.booleanNode(false);
      case "add" -> arith(args, BigDecimal::add);
      case "sub" -> arith(args, BigDecimal::subtract);
      case "mul" -> arith(args, BigDecimal::multiply);
      case "div" -> NODES.numberNode(BigDecimal.valueOf(num(arg(args, 0, name)).longValue()
          / num(arg(args, 1, name)).longValue()));
      case "mod" -> NODES.numberNode(BigDecimal.valueOf(num(arg(args, 0, name)).longValue()
          % num(arg(args, 1, name)).longValue()));
      case "int" -> NODES.numberNode(BigDecimal.valueOf(num(arg(args, 0, name)).longValue()));
      case "string" -> NODES.textNode(arg(args, 0, name).isTextual() ? arg(args, 0, name).asText()
          : arg(args, 0, name).toString());
      case "tolower" -> NODES.textNode(arg(args, 0, name).asText().toLowerCase(Locale.ROOT));
      case "toupper" -> NODES.textNode(arg(args, 0, name).asText().toUpperCase(Locale.ROOT));
      case "length" -> NODES.numberNode(arg(args, 0, name).isTextual() ? arg(args, 0, name).asText().length()
          : arg(args, 0, name).size());
      case "greater" -> NODES.booleanNode(num(arg(args, 0, name)).compareTo(num(arg(args, 1, name))) > 0);
      case "less" -> NODES.booleanNode(num(arg(args, 0, name)).compareTo(num(arg(args, 1, name))) < 0);
      case "empty" -> NODES.booleanNode(arg(args, 0, name).isNull() || arg(args, 0, name).isEmpty()
          || arg(args, 0, name).asText().isEmpty() && arg(args, 0, name).isTextual());
      case "coalesce" -> args.stream().filter(a -> !a.isNull()).findFirst().orElse(NODES.nullNode());
      case "createarray" -> {
        ArrayNode array = NODES.arrayNode();
        args.forEach(array::add);
        yield array;
      }
      case "json" -> Trees.parseJson(arg(args, 0, name).asText(), "json() argument");
      case "format" -> format(args);
      case "null" -> NODES.nullNode();
      default -> throw new Unknown(name + "() is not known before deployment");
    };
  }

  private static JsonNode arg(List<JsonNode> args, int i, String name) {
    if (i >= args.size()) {
      throw new Malformed(name + "() needs at least " + (i + 1) + " argument(s)");
    }
    return args.get(i);
  }

  private JsonNode copyIndex(List<JsonNode> args) {
    String loop = "";
    int offset = 0;
    for (JsonNode a : args) {
      if (a.isTextual()) {
        loop = a.asText();
      } else {
        offset = a.asInt();
      }
    }
    return NODES.numberNode(context.copyIndex(loop).asInt() + offset);
  }

  private static JsonNode concat(List<JsonNode> args) {
    if (!args.isEmpty() && args.get(0).isArray()) {
      ArrayNode array = NODES.arrayNode();
      args.forEach(a -> a.forEach(array::add));
      return array;
    }
    StringBuilder b = new StringBuilder();
    for (JsonNode a : args) {
      b.append(a.isTextual() || a.isNumber() || a.isBoolean() ? a.asText() : a.toString());
    }
    return NODES.textNode(b.toString());
  }

  private static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static BigDecimal num(JsonNode n) {
    try {
      return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
    } catch (NumberFormatException e) {
      throw new Malformed("'" + n.asText() + "' is not a number");
    }
  }

  private static JsonNode arith(List<JsonNode> args, java.util.function.BinaryOperator<BigDecimal> op) {
    return NODES.numberNode(op.apply(num(arg(args, 0, "arithmetic")), num(arg(args, 1, "arithmetic"))));
  }

  private static JsonNode format(List<JsonNode> args) {
    String pattern = arg(args, 0, "format").asText();
    Function<Integer, String> value = i -> i + 1 < args.size() ? args.get(i + 1).asText() : "";
    StringBuilder b = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\d+)(?::[^}]*)?\\}").matcher(pattern);
    while (m.find()) {
      m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(value.apply(Integer.parseInt(m.group(1)))));
    }
    m.appendTail(b);
    return NODES.textNode(b.toString());
  }
}
