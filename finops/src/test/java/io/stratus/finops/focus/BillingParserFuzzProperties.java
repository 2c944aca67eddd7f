package io.stratus.finops.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Issue 10: fuzzing every billing parser with random bytes and with mutated valid files. Whatever the input, a read
 * either returns a report whose counts add up (every row emitted or listed as rejected) or throws a
 * {@link BillingFormatException}; no other exception type escapes.
 */
class BillingParserFuzzProperties {
  /** Each parser with a valid file of its format. */
  private static final Map<String, Supplier<BillingFileReader>> READERS =
      Map.of(
          "focus", BillingReaders::focus,
          "aws", BillingReaders::awsCur,
          "azure", BillingReaders::azure,
          "gcp", BillingReaders::gcp,
          "oci", BillingReaders::oci,
          "detect", BillingReaders::detect,
          "strict", () -> BillingReaders.strict(BillingReaders.detect()));

  private static final Map<String, String> VALID =
      Map.of(
          "focus", "focus/focus-1.2-small.csv",
          "aws", "aws/cur2-commitments.csv",
          "azure", "azure/EA_ActualCost_Small.csv",
          "gcp", "gcp/billing-standard.jsonl",
          "oci", "oci/oci-cost-report-slice.csv",
          "detect", "gcp/billing-detailed.csv",
          "strict", "focus/focus-sample-slice.csv");

  private static byte[] resource(String name) {
    try (InputStream in = BillingParserFuzzProperties.class.getResourceAsStream("/golden/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and checks the outcome: a consistent report or a BillingFormatException, nothing else. */
  private static void readSafely(String parser, byte[] data) {
    List<CostRecord> out = new ArrayList<>();
    try {
      ReadReport r = READERS.get(parser).get().read(new ByteArrayInputStream(data), "fuzz.csv", out::add);
      assertThat(r.recordsEmitted()).isEqualTo(out.size());
      assertThat(r.recordsEmitted() + r.rejectionCount()).isEqualTo(r.rowsRead());
      assertThat(r.isComplete()).isEqualTo(r.rejectionCount() == 0 && r.isReconciled());
    } catch (BillingFormatException e) {
      assertThat(e.getMessage()).contains("fuzz.csv");
      assertThat(e.partialReport().recordsEmitted()).isEqualTo(out.size());
    }
  }

  @Property(tries = 300)
  void randomBytes_giveAReportOrABillingFormatException(
      @ForAll("parsers") String parser, @ForAll("bytes") byte[] data) {
    readSafely(parser, data);
  }

  @Property(tries = 700)
  void mutatedValidFiles_giveAReportOrABillingFormatException(
      @ForAll("parsers") String parser, @ForAll("mutations") List<Tuple.Tuple3<Integer, Integer, Byte>> edits) {
    byte[] valid = resource(VALID.get(parser));
    readSafely(parser, mutate(valid, edits));
  }

  /**
   * Applies edits: (kind, position as a fraction of 10,000 of the length, byte). Kinds: 0 overwrite, 1 insert, 2
   * delete, 3 truncate, 4 insert a delimiter-like byte.
   */
  static byte[] mutate(byte[] data, List<Tuple.Tuple3<Integer, Integer, Byte>> edits) {
    List<Byte> bytes = new ArrayList<>(data.length + edits.size());
    for (byte b : data) {
      bytes.add(b);
    }
    byte[] special = {',', '"', '\n', '\r', 0, (byte) 0xFF, (byte) 0xC3, '{', '}', ';', '\\', 'e', '-', '.'};
    for (Tuple.Tuple3<Integer, Integer, Byte> e : edits) {
      int at = bytes.isEmpty() ? 0 : (int) ((long) e.get2() * bytes.size() / 10_000L);
      switch (e.get1()) {
        case 0:
          if (at < bytes.size()) {
            bytes.set(at, e.get3());
          }
          break;
        case 1:
          bytes.add(at, e.get3());
          break;
        case 2:
          if (at < bytes.size()) {
            bytes.remove(at);
          }
          break;
        case 3:
          if (at < bytes.size() && at > 0) {
            bytes.subList(at, bytes.size()).clear();
          }
          break;
        default:
          bytes.add(at, special[Math.floorMod(e.get3(), special.length)]);
          break;
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  @Provide
  Arbitrary<String> parsers() {
    return Arbitraries.of(READERS.keySet());
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(2048),
        Arbitraries.strings().withChars("abc,\"\n\r0123456789.-eE{}[]:\u0000\uFEFF ").ofMaxLength(512)
            .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<List<Tuple.Tuple3<Integer, Integer, Byte>>> mutations() {
    Arbitrary<Tuple.Tuple3<Integer, Integer, Byte>> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 9_999),
                Arbitraries.bytes())
            .as(Tuple::of);
    return edit.list().ofMinSize(1).ofMaxSize(12);
  }
}
