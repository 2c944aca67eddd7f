package io.stratus.simulation.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter sweep of a scenario, in one place: each parameter is a field path of the document with a list of
 * values or an inclusive range; the points are the cartesian product (the first parameter varies slowest), each the
 * document with those values set, bound and validated like the document itself. An error in a point is blamed on
 * the parameter value that caused it.
 *
 * <p>Immutable once expanded.
 */
final class ScenarioSweep {
  static final int MAX_POINTS = 10_000;
  private static final Pattern PART = Pattern.compile("([A-Za-z][A-Za-z0-9]*)((?:\\[\\d+])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private final List<ScenarioSpec.Parameter> parameters;
  private final List<ScenarioSpec.SweepPoint> points;

  private ScenarioSweep(List<ScenarioSpec.Parameter> parameters, List<ScenarioSpec.SweepPoint> points) {
    this.parameters = List.copyOf(parameters);
    this.points = List.copyOf(points);
  }

  List<ScenarioSpec.Parameter> parameters() {
    return parameters;
  }

  List<ScenarioSpec.SweepPoint> points() {
    return points;
  }

  /** Expands the declared parameters of a parse into validated points. */
  static ScenarioSweep expand(ScenarioParser parser, Map<String, JsonNode> declared) {
    List<ScenarioSpec.Parameter> ps = new ArrayList<>();
    List<List<JsonNode>> values = new ArrayList<>();
    long total = 1;
    for (Map.Entry<String, JsonNode> e : declared.entrySet()) {
      String at = "parameters." + e.getKey();
      List<JsonNode> vs;
      try {
        parsePath(e.getKey());
        if (e.getKey().equals("parameters") || e.getKey().startsWith("parameters.")
            || e.getKey().startsWith("parameters[")) {
          throw new FieldError(at, "cannot sweep the parameters themselves");
        }
        vs = values(e.getValue(), at);
      } catch (FieldError ex) {
        throw parser.error(ex.path, ex.getMessage());
      }
      List<String> texts = new ArrayList<>();
      vs.forEach(v -> texts.add(v.toString()));
      ps.add(new ScenarioSpec.Parameter(e.getKey(), texts));
      values.add(vs);
      total *= vs.size();
      if (total > MAX_POINTS) {
        throw parser.error("parameters", "the sweep has more than " + MAX_POINTS + " points");
      }
    }
    ObjectNode tree = (ObjectNode) parser.tree();
    tree.remove("parameters");
    List<ScenarioSpec.SweepPoint> out = new ArrayList<>();
    int[] idx = new int[ps.size()];
    for (int n = 0; n < total; n++) {
      ObjectNode copy = tree.deepCopy();
      Map<String, String> point = new LinkedHashMap<>();
      List<String> targets = new ArrayList<>();
      List<String> ats = new ArrayList<>();
      for (int k = 0; k < ps.size(); k++) {
        String path = ps.get(k).path();
        JsonNode v = values.get(k).get(idx[k]);
        // a single value or a range is blamed as a whole; a list's element by its index
        String at = values.get(k).size() == 1 || declared.get(path).isObject()
            ? "parameters." + path : "parameters." + path + "[" + idx[k] + "]";
        try {
          set(copy, path, v);
        } catch (FieldError ex) {
          throw parser.error(at, ex.getMessage());
        }
        point.put(path, v.toString());
        targets.add(path);
        ats.add(at);
      }
      ScenarioSpec.Values pointValues = parser.bindPoint(copy, field -> blame(field, targets, ats));
      out.add(new ScenarioSpec.SweepPoint(n, point, new ScenarioSpec(pointValues, List.of(), List.of())));
      for (int k = ps.size() - 1; k >= 0; k--) {
        if (++idx[k] < values.get(k).size()) {
          break;
        }
        idx[k] = 0;
      }
    }
    return new ScenarioSweep(ps, out);
  }

  /** The parameter whose value a field error is about: the one at, under or above the field, else the last. */
  private static String blame(String field, List<String> targets, List<String> ats) {
    for (int k = 0; k < targets.size(); k++) {
      String t = targets.get(k);
      if (field.equals(t) || field.startsWith(t + ".") || field.startsWith(t + "[") || t.startsWith(field + ".")
          || t.startsWith(field + "[")) {
        return ats.get(k);
      }
    }
    return ats.get(ats.size() - 1);
  }

  /**
   * The values of a parameter: a non-empty array, or {@code {"from", "to", "steps"}} (inclusive, evenly spaced;
   * integers when from and to are integers and every step lands on one, so a range can sweep an integer field).
   */
  private static List<JsonNode> values(JsonNode v, String at) {
    List<JsonNode> out = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(out::add);
      if (out.isEmpty()) {
        throw new FieldError(at, "must list at least one value");
      }
      return out;
    }
    if (v.isObject()) {
      for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!List.of("from", "to", "steps").contains(f)) {
          throw new FieldError(at + "." + f, "unknown field; a range has from, to and steps");
        }
      }
      if (!v.path("from").isNumber() || !v.path("to").isNumber() || !v.path("steps").canConvertToInt()
          || !v.path("steps").isIntegralNumber()) {
        throw new FieldError(at, "a range needs numbers from and to and an integer steps");
      }
      double from = v.get("from").doubleValue();
      double to = v.get("to").doubleValue();
      int steps = v.get("steps").intValue();
      if (steps < 2 || steps > MAX_POINTS) {
        throw new FieldError(at + ".steps", "must be in [2, " + MAX_POINTS + "], was " + steps);
      }
      if (!Double.isFinite(from) || !Double.isFinite(to)) {
        throw new FieldError(at, "from and to must be finite, were " + from + " and " + to);
      }
      boolean integral = v.get("from").isIntegralNumber() && v.get("to").isIntegralNumber()
          && Math.abs(from) < 1e15 && Math.abs(to) < 1e15 && ((long) to - (long) from) % (steps - 1) == 0;
      for (int i = 0; i < steps; i++) {
        double x = i == steps - 1 ? to : from + (to - from) * i / (steps - 1);
        out.add(integral ? LongNode.valueOf(Math.round(x)) : DoubleNode.valueOf(x));
      }
      return out;
    }
    throw new FieldError(at, "must be a list of values or a range {from, to, steps}, was " + v);
  }

  /** Splits {@code a.b[2].c} into names and indices. */
  private static List<Object> parsePath(String path) {
    List<Object> out = new ArrayList<>();
    for (String part : path.split("\\.", -1)) {
      Matcher m = PART.matcher(part);
      if (!m.matches()) {
        throw new FieldError("parameters." + path, "is not a field path such as environment.instanceFailuresPerHour"
            + " or workloads[0].spotShare");
      }
      out.add(m.group(1));
      Matcher ix = INDEX.matcher(m.group(2));
      while (ix.find()) {
        try {
          out.add(Integer.parseInt(ix.group(1)));
        } catch (NumberFormatException e) {
          throw new FieldError("parameters." + path, "index " + ix.group(1) + " is too large");
        }
      }
    }
    return out;
  }

  /** Sets a value at a path, creating missing objects; list elements must exist. */
  private static void set(ObjectNode root, String path, JsonNode value) {
    List<Object> parts = parsePath(path);
    JsonNode node = root;
    for (int i = 0; i < parts.size(); i++) {
      Object part = parts.get(i);
      boolean lastPart = i == parts.size() - 1;
      if (part instanceof String name) {
        if (!node.isObject()) {
          throw new FieldError("parameters." + path, "'" + name + "' is not inside an object in the scenario");
        }
        if (lastPart) {
          ((ObjectNode) node).set(name, value);
          return;
        }
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
          if (parts.get(i + 1) instanceof Integer) {
            throw new FieldError("parameters." + path, "the scenario has no list '" + name + "'");
          }
          child = ((ObjectNode) node).putObject(name);
        }
        node = child;
      } else {
        int index = (Integer) part;
        if (!node.isArray() || index >= node.size()) {
          throw new FieldError("parameters." + path, "the scenario has no element [" + index + "] there");
        }
        if (lastPart) {
          ((ArrayNode) node).set(index, value);
          return;
        }
        node = node.get(index);
      }
    }
  }
}
