package io.stratus.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.GoldenJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzing model JSON parsing: random bytes and mutated golden files either read into a valid value or fail with a
 * Jackson {@link JsonProcessingException} (parse error, mismatched input, or a validation failure wrapped with its
 * path), never with any other exception type.
 */
class ModelJsonFuzzProperties {
  private static final ObjectMapper MAPPER = GoldenJson.MAPPER;

  /** Golden file name to the model type it holds. */
  private static final Map<String, Class<?>> TYPES = Map.ofEntries(
      Map.entry("resource-demand", ResourceDemand.class),
      Map.entry("instance-type", InstanceType.class),
      Map.entry("geo-point", GeoPoint.class),
      Map.entry("money", Money.class),
      Map.entry("region", Region.class),
      Map.entry("offer-spot", Offer.class),
      Map.entry("workload", Workload.class),
      Map.entry("cost-constraints", CostConstraints.class),
      Map.entry("performance-requirements", PerformanceRequirements.class),
      Map.entry("compliance-requirements", ComplianceRequirements.class),
      Map.entry("performance-sample", PerformanceSample.class),
      Map.entry("virtual-machine", VirtualMachine.class));

  private static final List<String> NAMES = List.copyOf(TYPES.keySet().stream().sorted().toList());

  @Property(tries = 300)
  void randomBytes_neverThrowAnUnexpectedType(
      @ForAll byte[] bytes, @ForAll("typeNames") String name) {
    assertParsesOrFailsCleanly(bytes, TYPES.get(name));
  }

  @Property(tries = 1000)
  void mutatedGoldenFiles_neverThrowAnUnexpectedType(@ForAll("mutations") Tuple.Tuple2<String, byte[]> mutated) {
    assertParsesOrFailsCleanly(mutated.get2(), TYPES.get(mutated.get1()));
  }

  @Provide
  Arbitrary<String> typeNames() {
    return Arbitraries.of(NAMES);
  }

  @Provide
  Arbitrary<Tuple.Tuple2<String, byte[]>> mutations() {
    Arbitrary<String> names = Arbitraries.of(NAMES);
    return names.flatMap(name -> {
      byte[] golden = golden(name);
      Arbitrary<Integer> at = Arbitraries.integers().between(0, golden.length - 1);
      Arbitrary<Integer> len = Arbitraries.integers().between(0, 8);
      Arbitrary<String> insert = Arbitraries.of("", "null", "-1", "1.5", "1e400", "\"\"", "\"x\"", "[]", "{}", ",",
          ":", "\"", "}", "]", "0", "true", "NaN", "\"vcpus\":1,", "\u0000", "\uFEFF", "99999999999999999999");
      return Combinators.combine(at, len, insert).as((a, l, s) -> Tuple.of(name, splice(golden, a, l, s)));
    });
  }

  private static byte[] splice(byte[] golden, int at, int len, String insert) {
    byte[] ins = insert.getBytes(StandardCharsets.UTF_8);
    int end = Math.min(golden.length, at + len);
    byte[] out = new byte[at + ins.length + golden.length - end];
    System.arraycopy(golden, 0, out, 0, at);
    System.arraycopy(ins, 0, out, at, ins.length);
    System.arraycopy(golden, end, out, at + ins.length, golden.length - end);
    return out;
  }

  private static byte[] golden(String name) {
    try {
      return Files.readAllBytes(Path.of("src", "test", "resources", "golden", name + ".json"));
    } catch (IOException e) {
      throw new IllegalStateException("golden file " + name + " unreadable", e);
    }
  }

  private static void assertParsesOrFailsCleanly(byte[] json, Class<?> type) {
    try {
      Object value = MAPPER.readValue(json, type);
      if (value != null) { // the JSON literal null reads as null
        assertThat(value).isInstanceOf(type);
      }
    } catch (JsonProcessingException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (IOException e) {
      throw new AssertionError("I/O failure on an in-memory array: " + e, e);
    }
  }
}
