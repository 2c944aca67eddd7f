package io.stratus.simulation.scenario;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario document (JSON, or YAML for sources named {@code *.yaml} / {@code *.yml}) into a {@link
 * ScenarioSpec}: Jackson binds the {@link ScenarioFile} shape (unknown fields, duplicate keys and fractions for
 * integers rejected), {@link ScenarioBinder} checks the rules and limits, {@link ScenarioSweep} expands the
 * parameters. Every failure becomes one {@link ScenarioFormatException} with the line, column and field path.
 *
 * <p>One instance per parse; not thread-safe. The mappers are shared and immutable once configured.
 */
final class ScenarioParser {
  private static final ObjectMapper JSON = configure(new ObjectMapper());
  private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

  private static ObjectMapper configure(ObjectMapper m) {
    m.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // a null inside a list or map (regions: [null], teams: {a: null}) is an error at its path, never a later NPE
    m.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  final ObjectMapper mapper;
  final String text;
  final String source;
  final ScenarioLimits limits;

  private ScenarioParser(String text, String source, ScenarioLimits limits) {
    String lower = source.toLowerCase(Locale.ROOT);
    this.mapper = lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : JSON;
    this.text = text;
    this.source = source;
    this.limits = limits;
  }

  static ScenarioSpec parse(String text, String source, ScenarioLimits limits) {
    return new ScenarioParser(text, source, limits).parse();
  }

  private ScenarioSpec parse() {
    ScenarioFile.Root root;
    try {
      root = mapper.readValue(text, ScenarioFile.Root.class);
    } catch (JsonMappingException e) {
      throw mappingError(e, "");
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    }
    if (root == null) {
      throw new ScenarioFormatException(source, 1, 1, "(root)", "empty document", null);
    }
    ScenarioSpec.Values values;
    try {
      values = ScenarioBinder.bind(root, limits);
    } catch (FieldError e) {
      throw error(e.path, e.getMessage());
    }
    if (root.parameters() == null) {
      return new ScenarioSpec(values, List.of(), List.of());
    }
    ScenarioSweep sweep = ScenarioSweep.expand(this, root.parameters());
    return new ScenarioSpec(values, sweep.parameters(), sweep.points());
  }

  /** A document tree of this parse (the text parsed again, as a tree the sweep can edit). */
  JsonNode tree() {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the scenario parsed once and must parse again", e);
    }
  }

  /**
   * Binds and validates an edited tree (a sweep point); errors are blamed on {@code blame}, the parameter that made
   * the point, with the field they are about.
   */
  ScenarioSpec.Values bindPoint(JsonNode tree, UnaryOperator<String> blame) {
    ScenarioFile.Root r;
    try {
      r = mapper.treeToValue(tree, ScenarioFile.Root.class);
    } catch (JsonMappingException e) {
      throw mappingError(e, blame.apply(path(e.getPath())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a scenario tree must bind", e);
    }
    try {
      return ScenarioBinder.bind(r, limits);
    } catch (FieldError e) {
      throw error(blame.apply(e.path), "makes field '" + e.path + "' invalid: " + e.getMessage());
    }
  }

  /** An error at a field path, located in the text (or at its closest existing parent). */
  ScenarioFormatException error(String field, String message) {
    int[] lc = locate(mapper.getFactory(), text, field);
    return new ScenarioFormatException(source, lc[0], lc[1], field, message, null);
  }

  private ScenarioFormatException syntaxError(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String msg = firstLine(e.getOriginalMessage());
    String field = "(syntax)";
    // the parser's context is the object that holds the key twice
    Matcher dup = DUPLICATE.matcher(msg);
    if (e.getProcessor() instanceof JsonParser p && dup.lookingAt()) {
      JsonStreamContext object = p.getParsingContext();
      String parent = object.getParent() == null ? "" : path(object.getParent());
      field = parent.isEmpty() || parent.equals("(root)") ? dup.group(1) : parent + "." + dup.group(1);
      msg = "duplicate key '" + dup.group(1) + "': a field may be given once per object (this is the second)";
    }
    return new ScenarioFormatException(source, loc == null ? 0 : loc.getLineNr(),
        loc == null ? 0 : loc.getColumnNr(), field, msg, e);
  }

  private ScenarioFormatException mappingError(JsonMappingException e, String prefix) {
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof JsonProcessingException p && !(c instanceof JsonMappingException)
          && DUPLICATE.matcher(String.valueOf(p.getOriginalMessage())).lookingAt()) {
        // a duplicate key met while binding a nested object: Jackson reports the object's path
        return syntaxError(p);
      }
    }
    JsonLocation loc = e.getLocation();
    String path = path(e.getPath());
    String msg = e.getOriginalMessage();
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      msg = cause.getMessage();
    }
    if (e instanceof InvalidFormatException f && f.getValue() instanceof Number
        && isInteger(f.getTargetType())) {
      msg = "must be an integer, was " + f.getValue();
    }
    if (!prefix.isEmpty()) {
      return error(prefix, "makes field '" + path + "' invalid: " + firstLine(msg));
    }
    if (!path.isEmpty()) {
      int[] lc = locate(mapper.getFactory(), text, path);
      loc = new JsonLocation(null, -1L, lc[0], lc[1]);
    }
    return new ScenarioFormatException(source, loc == null ? 0 : loc.getLineNr(),
        loc == null ? 0 : loc.getColumnNr(), path.isEmpty() ? "(root)" : path, firstLine(msg), e);
  }

  private static boolean isInteger(Class<?> type) {
    return type == Integer.class || type == int.class || type == Long.class || type == long.class;
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** The field path of a parser context, e.g. {@code workloads[0].arrivals.perHour}. */
  private static String path(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add(0, "." + c.getCurrentName());
      }
    }
    String p = String.join("", parts);
    return p.startsWith(".") ? p.substring(1) : p.isEmpty() ? "(root)" : p;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }

  /** Finds the line and column of the value at a JSON path (or of its closest existing parent). */
  private static int[] locate(JsonFactory factory, String json, String targetPath) {
    int[] best = {1, 1};
    try (JsonParser p = factory.createParser(json)) {
      List<Object> stack = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          stack.set(stack.size() - 1, p.currentName());
          continue;
        }
        String here = render(stack);
        boolean end = t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY;
        if (!end && !here.isEmpty() && (targetPath.equals(here) || targetPath.startsWith(here + ".")
            || targetPath.startsWith(here + "["))) {
          JsonLocation loc = p.currentTokenLocation();
          best = new int[] {loc.getLineNr(), loc.getColumnNr()};
          if (targetPath.equals(here)) {
            return best;
          }
        }
        if (t == JsonToken.START_OBJECT) {
          stack.add("");
        } else if (t == JsonToken.START_ARRAY) {
          stack.add(0);
          continue;
        } else if (end) {
          stack.remove(stack.size() - 1);
        }
        advanceArray(stack);
      }
    } catch (IOException e) {
      return best;
    }
    return best;
  }

  private static void advanceArray(List<Object> stack) {
    if (!stack.isEmpty() && stack.get(stack.size() - 1) instanceof Integer) {
      stack.set(stack.size() - 1, (Integer) stack.get(stack.size() - 1) + 1);
    }
  }

  private static String render(List<Object> stack) {
    StringBuilder sb = new StringBuilder();
    for (Object o : stack) {
      if (o instanceof Integer) {
        sb.append('[').append(o).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(o);
      }
    }
    return sb.toString();
  }
}
