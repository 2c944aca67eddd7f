package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The tags JSON the store writes for SQL readers ({@code tags_json}, FOCUS {@code Tags}) is a JSON object that any JSON
 * parser reads back as exactly the record's tags, whatever characters they hold; a character that no UTF-8 text can
 * hold (an unpaired surrogate) becomes {@code ?}, as in the {@code tags} text column.
 */
class TagsJsonProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Provide
  Arbitrary<Map<String, String>> tags() {
    // any BMP character but the surrogates, plus astral characters as surrogate pairs
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(12),
        Arbitraries.strings().withChars('"', '\\', '/', '\n', '\u0001', '\u001f', '\u007f', '\u2028', 'é')
            .ofMaxLength(6),
        Arbitraries.integers().between(0x10000, 0x10ffff).map(Character::toString));
    return Arbitraries.maps(text, text).ofMaxSize(6);
  }

  @Property(tries = 500)
  void encodeJson_parsesBackToTheSameTags(@ForAll("tags") Map<String, String> tags) throws Exception {
    String json = Codec.encodeSortedJson(Codec.inKeyOrder(tags));
    if (tags.isEmpty()) {
      assertThat(json).isNull();
      return;
    }
    assertThat(parse(json)).isEqualTo(tags);
  }

  @Example
  void unpairedSurrogates_becomeQuestionMarks() throws Exception {
    String json = Codec.encodeSortedJson(Codec.inKeyOrder(Map.of("k\ud800", "a\udc00b", "pair", "\ud83d\ude42")));
    assertThat(parse(json)).isEqualTo(Map.of("k?", "a?b", "pair", "🙂"));
  }

  private static Map<String, String> parse(String json) throws IOException {
    return JSON.readerForMapOf(String.class).readValue(json);
  }
}
