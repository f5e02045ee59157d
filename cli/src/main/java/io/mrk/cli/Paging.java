package io.mrk.cli;

import io.mrk.json.Json;
import io.mrk.json.JsonException;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Pagination as the aws CLI does it for the operations botocore's paginators-1.json lists: by
 * default every page is fetched and printed as one result without {@code NextMarker} or
 * {@code Truncated}; {@code --max-items} prints that many items and a {@code NextToken} for
 * {@code --starting-token}; {@code --no-paginate}, {@code --limit} or {@code --marker} make one call
 * whose page is printed raw, with {@code NextMarker} and {@code Truncated}.
 *
 * <p>The provider returns whole lists, so a page is a slice of one consistent snapshot; the marker
 * is an opaque offset into it (a key created between two calls may shift the next page by one, as
 * with any marker that is not a cursor into a snapshot).
 */
final class Paging {

  /** One paginated operation: the list member and the Limit range of its request. */
  record Paginator(String resultKey, int defaultLimit, int maxLimit) {}

  /** {@code --limit} and {@code --marker}, the operation's own paging parameters. */
  static final class PageOptions {
    @Option(names = "--limit", paramLabel = "N",
        description = "Items in the one page returned (disables automatic pagination, as in the aws CLI).")
    Integer limit;

    @Option(names = "--marker", paramLabel = "MARKER",
        description = "The NextMarker of the previous page (disables automatic pagination, as in the aws CLI).")
    String marker;
  }

  private static final String MARKER_PREFIX = "mrk1.";

  private Paging() {}

  static Map<String, Object> apply(Map<String, Object> full, Paginator p, PageOptions page, AwsGlobalOptions global)
      throws ParamError, KmsException {
    List<?> all = (List<?>) full.get(p.resultKey());
    if (global.pageSize != null && (global.pageSize < 1 || global.pageSize > p.maxLimit())) {
      throw new ParamError("--page-size", "must be 1 to " + p.maxLimit() + ", was " + global.pageSize);
    }
    boolean single = global.noPaginate || page.limit != null || page.marker != null;
    Map<String, Object> out = new LinkedHashMap<>(full);
    if (single) {
      int limit = page.limit != null ? page.limit : p.defaultLimit();
      if (limit < 1 || limit > p.maxLimit()) {
        throw new KmsException(KmsError.VALIDATION, "1 validation error detected: Value '" + limit
            + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and " + p.maxLimit());
      }
      int from = page.marker == null ? 0 : decodeMarker(page.marker, all.size());
      int to = (int) Math.min(all.size(), (long) from + limit);
      out.put(p.resultKey(), new ArrayList<>(all.subList(from, to)));
      if (to < all.size()) {
        out.put("NextMarker", MARKER_PREFIX + to);
      }
      out.put("Truncated", to < all.size());
      return out;
    }
    int from = global.startingToken == null ? 0 : decodeToken(global.startingToken, all.size());
    if (global.maxItems != null && global.maxItems < 1) {
      throw new ParamError("--max-items", "must be at least 1, was " + global.maxItems);
    }
    int to = global.maxItems == null ? all.size() : (int) Math.min(all.size(), (long) from + global.maxItems);
    out.put(p.resultKey(), new ArrayList<>(all.subList(from, to)));
    if (to < all.size()) {
      String json = Json.write(Map.of("Marker", MARKER_PREFIX + to));
      out.put("NextToken", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static int decodeMarker(String marker, int size) throws KmsException {
    try {
      if (marker.startsWith(MARKER_PREFIX)) {
        int offset = Integer.parseInt(marker.substring(MARKER_PREFIX.length()));
        if (offset >= 0 && offset <= size) {
          return offset;
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal
    }
    throw new KmsException(KmsError.VALIDATION, "The marker that specifies where pagination should next begin"
        + " is not valid: '" + marker + "'.");
  }

  private static int decodeToken(String token, int size) throws ParamError {
    try {
      Object parsed = Json.parse(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
      if (parsed instanceof Map<?, ?> m && m.get("Marker") instanceof String marker) {
        return decodeMarker(marker, size);
      }
    } catch (IllegalArgumentException | JsonException | KmsException e) {
      // falls through to the refusal
    }
    throw new ParamError("--starting-token", "Invalid token: " + token);
  }
}
