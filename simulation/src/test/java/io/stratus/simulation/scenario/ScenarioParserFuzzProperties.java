package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Issue 10: fuzzing the scenario parser (JSON and YAML) with random bytes and with mutated valid files. Whatever the
 * input, it either parses or fails with a {@link ScenarioFormatException} that names a field and a location; no
 * other exception type escapes.
 */
class ScenarioParserFuzzProperties {
  private static final String VALID_JSON = resource("small.json");
  private static final String VALID_YAML = resource("sweep.yaml");
  private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "'", "\n", "  ", "-",
      "1e308", "-1", "1.5", "0", "1e-320", "99999999999999999999", "NaN", "null", "true", "~", "#", "&a ", "*a",
      "!!binary ", "!!float ", "P99999999999D", "PT-1H", "2026-13-45T99:00:00Z", "\"name\": \"x\"", "name: x",
      "\"perHour\": 1e308", "perHour: 1e308", "\"replications\": 1.5", "replications: 1.5", "\u0000", "\uFEFF",
      "\uD800", "{\"from\": 0, \"to\": 1e308, \"steps\": 9999}", "[[[[[[[[", "<<: *a", "? ", "%YAML 1.2\n", "---\n",
      "...\n", "workloads[0].spotShare", "parameters");

  /** Values that a well-formed file may carry in a duration, an instant or a number field. */
  private static final List<String> EXTREME_DURATIONS = List.of("P99999999999D", "PT0S", "PT-1H", "PT0.000000001S",
      "P73001D", "PT2562047H47M16.854775807S", "P1Y", "xyz", "");
  private static final List<String> EXTREME_NUMBERS = List.of("1e308", "-1e308", "1e-320", "-0", "0", "1.5",
      "9223372036854775807", "9223372036854775808", "2147483648", "1e400", "-1", "NaN", "10001");
  private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("P(T?[0-9.]+[DHMS])+");
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("(?<=[:\\[,] ?)-?[0-9][0-9.eE+-]*");

  private static String resource(String name) {
    try (InputStream in = ScenarioParserFuzzProperties.class.getResourceAsStream("/scenarios/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Property(tries = 300)
  void parse_randomBytes_onlyScenarioFormatException(@ForAll @Size(max = 400) byte[] bytes, @ForAll boolean yaml,
      @ForAll boolean latin1) {
    String text = new String(bytes, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    assertParsesOrFailsTyped(text, yaml ? "fuzz.yaml" : "fuzz.json");
  }

  @Property(tries = 400)
  void parse_mutatedValidFile_onlyScenarioFormatException(@ForAll("mutatedFiles") String[] file) {
    assertParsesOrFailsTyped(file[0], file[1]);
  }

  @Provide
  Arbitrary<String[]> mutatedFiles() {
    Arbitrary<Boolean> yaml = Arbitraries.of(true, false);
    Arbitrary<List<int[]>> edits = Combinators.combine(Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 12),
        Arbitraries.integers().between(0, TOKENS.size() - 1)).as((op, at, len, token) -> new int[] {op, at, len, token})
        .list().ofMinSize(1).ofMaxSize(6);
    return Combinators.combine(yaml, edits).as((y, es) -> {
      StringBuilder sb = new StringBuilder(y ? VALID_YAML : VALID_JSON);
      for (int[] e : es) {
        int at = e[1] % (sb.length() + 1);
        int end = Math.min(sb.length(), at + e[2]);
        switch (e[0]) {
          case 0 -> sb.delete(at, end);
          case 1 -> sb.insert(at, TOKENS.get(e[3]));
          case 2 -> sb.replace(at, end, TOKENS.get(e[3]));
          case 3 -> sb.insert(at, sb.substring(at, end)); // duplicates a span (keys, lines, brackets)
          case 4 -> replaceNth(sb, DURATION, e[1], EXTREME_DURATIONS.get(e[3] % EXTREME_DURATIONS.size()));
          default -> replaceNth(sb, NUMBER, e[1], EXTREME_NUMBERS.get(e[3] % EXTREME_NUMBERS.size()));
        }
      }
      return new String[] {sb.toString(), y ? "mutated.yaml" : "mutated.json"};
    });
  }

  /** Replaces the (n mod count)-th match of a pattern, so a value changes while the document stays well-formed. */
  private static void replaceNth(StringBuilder sb, java.util.regex.Pattern p, int n, String replacement) {
    java.util.regex.Matcher m = p.matcher(sb);
    List<int[]> spans = new java.util.ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (!spans.isEmpty()) {
      int[] s = spans.get(n % spans.size());
      sb.replace(s[0], s[1], replacement);
    }
  }

  private static void assertParsesOrFailsTyped(String text, String source) {
    try {
      ScenarioSpec spec = ScenarioSpec.parse(text, source);
      assertThat(spec.sweepPoints()).isNotEmpty();
    } catch (ScenarioFormatException e) {
      assertThat(e.field()).isNotBlank();
      assertThat(e.getMessage()).startsWith(source + ":");
    }
  }
}
