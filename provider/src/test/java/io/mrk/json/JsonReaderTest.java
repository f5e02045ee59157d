package io.mrk.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import org.junit.jupiter.api.Test;

/** The Jackson configuration the reader's javadoc and the spec promise. */
class JsonReaderTest {

  @Test
  void theFactoryIsConfiguredAsDocumented() {
    JsonFactory f = JsonReader.FACTORY;
    StreamReadConstraints c = f.streamReadConstraints();
    assertEquals(Json.MAX_LENGTH, c.getMaxDocumentLength());
    assertEquals(Json.MAX_DEPTH, c.getMaxNestingDepth());
    assertEquals(Json.MAX_NUMBER_LENGTH, c.getMaxNumberLength());
    assertEquals(Json.MAX_LENGTH, c.getMaxStringLength());
    assertEquals(Json.MAX_NAME_LENGTH, c.getMaxNameLength());
    assertEquals(Json.MAX_TOKENS, c.getMaxTokenCount());
    assertTrue(f.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION));
    assertFalse(f.isEnabled(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION));
    assertFalse(f.isEnabled(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES));
    assertFalse(f.isEnabled(JsonFactory.Feature.INTERN_FIELD_NAMES));
    assertSame(JsonRecyclerPools.nonRecyclingPool(), f._getRecyclerPool());
    for (JsonParser.Feature lenient : new JsonParser.Feature[] {JsonParser.Feature.ALLOW_COMMENTS,
        JsonParser.Feature.ALLOW_SINGLE_QUOTES, JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES,
        JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, JsonParser.Feature.ALLOW_NUMERIC_LEADING_ZEROS,
        JsonParser.Feature.ALLOW_TRAILING_COMMA, JsonParser.Feature.ALLOW_MISSING_VALUES,
        JsonParser.Feature.ALLOW_UNQUOTED_CONTROL_CHARS, JsonParser.Feature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
        JsonParser.Feature.ALLOW_YAML_COMMENTS}) {
      assertFalse(f.isEnabled(lenient), lenient.name());
    }
  }
}
