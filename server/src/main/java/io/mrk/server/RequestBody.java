package io.mrk.server;

import io.mrk.json.Json;
import io.mrk.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads and parses a request body with its work bounded before it is done: at most
 * {@code maxBytes} are read, nesting is measured by a linear scan before the parser runs, the text
 * must be strict UTF-8, and the document must be one JSON object (an empty body reads as {@code {}}).
 * Parsing goes through the provider's {@link Json} alone, so the parser can be swapped in one place.
 */
final class RequestBody {

  /** Deepest nesting accepted; the deepest KMS input (grant constraints) needs 3. */
  static final int MAX_DEPTH = 16;

  private RequestBody() {}

  /**
   * How much of an oversized body is read and discarded before the refusal is sent: a client still
   * sending when the connection closes would see a reset instead of the answer.
   */
  static final long DRAIN_LIMIT_BYTES = 16L << 20;

  /** The body's bytes, or a refusal when there are more than {@code maxBytes}. */
  static byte[] read(InputStream in, long declaredLength, int maxBytes) throws IOException, ServiceError {
    if (declaredLength > maxBytes) {
      drain(in);
      throw tooLarge(maxBytes);
    }
    byte[] body = in.readNBytes(maxBytes + 1);
    if (body.length > maxBytes) {
      drain(in);
      throw tooLarge(maxBytes);
    }
    return body;
  }

  private static void drain(InputStream in) throws IOException {
    long left = DRAIN_LIMIT_BYTES;
    byte[] buffer = new byte[64 << 10];
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }

  /** The body as a JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(byte[] body) throws ServiceError {
    if (body.length == 0) {
      return Map.of();
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw ServiceError.serialization("The request body is not UTF-8 text.");
    }
    if (text.isBlank()) {
      return Map.of();
    }
    checkDepth(text);
    Object doc;
    try {
      doc = Json.parse(text);
    } catch (JsonException e) {
      throw ServiceError.serialization("The request body is not valid JSON.");
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw ServiceError.serialization("The request body must be a JSON object.");
    }
    return (Map<String, Object>) map;
  }

  /** Refuses text nested deeper than {@link #MAX_DEPTH}, counting brackets outside strings. */
  private static void checkDepth(String text) throws ServiceError {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{' || ch == '[') {
        if (++depth > MAX_DEPTH) {
          throw ServiceError.serialization("The request body is nested deeper than " + MAX_DEPTH + " levels.");
        }
      } else if (ch == '}' || ch == ']') {
        depth--;
      }
    }
  }

  private static ServiceError tooLarge(int maxBytes) {
    return ServiceError.validation("The request body is larger than " + maxBytes + " bytes.");
  }
}
