package io.supportpro.adapter.out.duo.emulator;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonpCharacterEscapes;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The emulator's JSON over Jackson: it writes the answers Duo gives and reads the objects inside
 * the SDK's JWTs, refusing duplicate keys, trailing text, deep nesting and numbers of more than 40
 * digits, with integral numbers as {@link Long} (larger ones refused) and others as {@link
 * BigDecimal}.
 */
final class StrictJson {
  static final int MAX_DEPTH = 16;
  static final int MAX_NUMBER_LENGTH = 40;

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              new JsonFactoryBuilder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .build())
                  .streamWriteConstraints(
                      StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  // Also escape the line separators JavaScript once treated as line ends.
                  .characterEscapes(JsonpCharacterEscapes.instance())
                  .build())
          .enable(
              DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
              DeserializationFeature.USE_LONG_FOR_INTS,
              DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private StrictJson() {}

  /** Writes an object whose values are maps, lists, strings, numbers, booleans or null. */
  static String write(Map<String, ?> object) {
    try {
      return MAPPER.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not writable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a JSON object. */
  static Map<String, Object> readObject(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, OBJECT);
  }
}
