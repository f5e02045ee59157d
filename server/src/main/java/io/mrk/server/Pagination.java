package io.mrk.server;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code Limit}/{@code Marker} in, {@code Truncated}/{@code NextMarker} out. A marker is the
 * base64url form of the sort key of the last entry returned, so a page continues after that entry
 * even if entries were added or removed between pages; a marker that does not decode is
 * {@code InvalidMarkerException}.
 */
final class Pagination {

  /** Marks the markers of this format, so that a marker of another list or version is refused. */
  private static final String PREFIX = "m1:";

  private Pagination() {}

  /**
   * One page of {@code entries}, which must be ordered by {@code sortKey} (strictly increasing).
   *
   * @param maxLimit the documented maximum, checked here when it is below the model's
   */
  static <T> Map<String, Object> page(List<T> entries, Function<T, String> sortKey, Input in, String listName,
                                      int defaultLimit, int maxLimit, Function<T, Object> render)
      throws ServiceError {
    Integer requested = in.integer("Limit");
    if (requested != null && requested > maxLimit) {
      throw ServiceError.validation("1 validation error detected: Value '" + requested
          + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to " + maxLimit);
    }
    int limit = requested == null ? defaultLimit : requested;
    String after = in.has("Marker") ? decode(in.string("Marker")) : null;
    List<Object> rows = new ArrayList<>();
    String last = null;
    boolean truncated = false;
    for (T entry : entries) {
      String key = sortKey.apply(entry);
      if (after != null && key.compareTo(after) <= 0) {
        continue;
      }
      if (rows.size() == limit) {
        truncated = true;
        break;
      }
      rows.add(render.apply(entry));
      last = key;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(listName, rows);
    out.put("Truncated", truncated);
    if (truncated) {
      out.put("NextMarker", Base64.getUrlEncoder().withoutPadding().encodeToString(
          (PREFIX + last).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static String decode(String marker) throws ServiceError {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(marker);
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      if (text.startsWith(PREFIX)) {
        return text.substring(PREFIX.length());
      }
    } catch (IllegalArgumentException | CharacterCodingException e) {
      // refused below
    }
    throw ServiceError.client("InvalidMarkerException", "Invalid marker: " + marker);
  }
}
