package io.mrk.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON text into the values {@link Json} describes, with Jackson's streaming parser
 * doing the lexing under {@link StreamReadConstraints} and strict duplicate detection.
 *
 * <p>What Jackson does not check is checked here: that nothing follows the root value, that strings
 * are well-formed UTF-16 (Jackson decodes {@code \ud800} to a lone surrogate; RFC 7493 section 2.1
 * forbids it), and that a number's magnitude is within {@link Json#MAX_DECIMAL_EXPONENT}. Jackson's
 * {@code \\u} escapes take ASCII hex digits only, and its non-standard features (comments, single
 * quotes, NaN, leading zeros, trailing commas) are all off by default and stay off.
 *
 * <p>The factory is configuration only: field-name canonicalisation is off, so parsers share no
 * symbol table (no hash-collision {@code IllegalStateException}), and buffers are not recycled
 * through a thread-local pool, so no parsed text outlives its parser in a process-wide cache.
 */
final class JsonReader {

  /** Package-private for {@code JsonReaderTest} only; never reconfigured after construction. */
  static final JsonFactory FACTORY = new JsonFactoryBuilder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxDocumentLength(Json.MAX_LENGTH)
          .maxNestingDepth(Json.MAX_DEPTH)
          .maxNumberLength(Json.MAX_NUMBER_LENGTH)
          .maxStringLength(Json.MAX_LENGTH)
          .maxNameLength(Json.MAX_NAME_LENGTH)
          .maxTokenCount(Json.MAX_TOKENS)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .recyclerPool(JsonRecyclerPools.nonRecyclingPool())
      .build();

  private final JsonParser parser;
  private final boolean numbersAsText;

  private JsonReader(JsonParser parser, boolean numbersAsText) {
    this.parser = parser;
    this.numbersAsText = numbersAsText;
  }

  static Object read(String text, boolean numbersAsText) throws JsonException {
    if (text == null) {
      throw new JsonException("JSON text is missing", 0);
    }
    if (text.length() > Json.MAX_LENGTH) {
      throw new JsonException("JSON text longer than " + Json.MAX_LENGTH + " characters", Json.MAX_LENGTH);
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonReader reader = new JsonReader(parser, numbersAsText);
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonException("JSON text holds no value", text.length());
      }
      Object value = reader.value(first);
      if (parser.nextToken() != null) {
        throw new JsonException("unexpected text after the JSON value", offset(parser.currentTokenLocation()));
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new JsonException(firstLine(e.getOriginalMessage()), offset(e.getLocation()));
    } catch (IOException e) {
      throw new JsonException("unreadable JSON text", 0);
    }
  }

  private Object value(JsonToken token) throws IOException, JsonException {
    switch (token) {
      case START_OBJECT:
        return object();
      case START_ARRAY:
        return array();
      case VALUE_STRING:
        return string(parser.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return number(parser.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new JsonException("unexpected token " + token, offset(parser.currentTokenLocation()));
    }
  }

  private Map<String, Object> object() throws IOException, JsonException {
    Map<String, Object> members = new LinkedHashMap<>();
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = string(parser.currentName());
      JsonToken v = parser.nextToken();
      members.put(name, value(v));
    }
    if (t != JsonToken.END_OBJECT) {
      throw new JsonException("unterminated object", offset(parser.currentLocation()));
    }
    return Collections.unmodifiableMap(members);
  }

  private List<Object> array() throws IOException, JsonException {
    List<Object> items = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new JsonException("unterminated array", offset(parser.currentLocation()));
      }
      items.add(value(t));
    }
    return Collections.unmodifiableList(items);
  }

  /** RFC 7493 section 2.1: a string is a sequence of scalar values, so every surrogate is paired. */
  private String string(String s) throws JsonException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new JsonException("unpaired surrogate in a string (RFC 7493 section 2.1)",
            offset(parser.currentTokenLocation()));
      }
    }
    return s;
  }

  /**
   * The number token (at most {@link Json#MAX_NUMBER_LENGTH} characters, already checked by Jackson)
   * as a {@code BigDecimal} or its source text; a magnitude past 10^±{@link Json#MAX_DECIMAL_EXPONENT}
   * is refused, so no consumer can be made to expand {@code 1e999999999} into a billion digits.
   */
  private Object number(String token) throws JsonException {
    BigDecimal d;
    try {
      d = new BigDecimal(token);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new JsonException("number out of range", offset(parser.currentTokenLocation()));
    }
    long exponent = d.signum() == 0 ? 0 : (long) d.precision() - d.scale() - 1;
    if (Math.abs(exponent) > Json.MAX_DECIMAL_EXPONENT
        || Math.abs((long) d.scale()) > Json.MAX_DECIMAL_EXPONENT + Json.MAX_NUMBER_LENGTH) {
      throw new JsonException("number magnitude beyond 1e" + Json.MAX_DECIMAL_EXPONENT
          + " or below 1e-" + Json.MAX_DECIMAL_EXPONENT, offset(parser.currentTokenLocation()));
    }
    return numbersAsText ? new JsonNumber(token) : d;
  }

  private static long offset(JsonLocation location) {
    return location == null || location.getCharOffset() < 0 ? 0 : location.getCharOffset();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid JSON";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
