package io.mrk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaginationTest {

  private static Map<String, Object> page(List<String> all, Integer limit, String marker) throws ServiceError {
    Map<String, Object> in = new HashMap<>();
    if (limit != null) {
      in.put("Limit", new BigDecimal(limit));
    }
    if (marker != null) {
      in.put("Marker", marker);
    }
    return Pagination.page(all, s -> s, new Input(in), "Items", 100, 1000, s -> s);
  }

  @Test
  void everyEntryExactlyOnceAcrossPagesOfEverySize() throws Exception {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      all.add(String.format("k%03d", i));
    }
    for (int limit = 1; limit <= 40; limit++) {
      List<Object> seen = new ArrayList<>();
      String marker = null;
      int pages = 0;
      do {
        Map<String, Object> p = page(all, limit, marker);
        seen.addAll((List<?>) p.get("Items"));
        marker = (Boolean) p.get("Truncated") ? (String) p.get("NextMarker") : null;
        pages++;
      } while (marker != null);
      assertEquals(all, seen, "limit " + limit);
      assertEquals((37 + limit - 1) / limit, pages, "limit " + limit);
    }
  }

  @Test
  void aPageContinuesAfterItsLastEntryWhenEntriesChange() throws Exception {
    Map<String, Object> first = page(List.of("a", "b", "c", "d"), 2, null);
    String marker = (String) first.get("NextMarker");
    assertEquals(List.of("bb", "c"), page(List.of("a", "b", "bb", "c", "d"), 2, marker).get("Items"));
  }

  @Test
  void foreignMarkersAndOversizedLimitsAreRefused() {
    assertEquals("InvalidMarkerException", assertThrows(ServiceError.class,
        () -> page(List.of("a"), null, "!!")).type());
    assertEquals("InvalidMarkerException", assertThrows(ServiceError.class,
        () -> page(List.of("a"), null, "bm90LWEtbWFya2Vy")).type());
    assertEquals("ValidationException", assertThrows(ServiceError.class,
        () -> Pagination.page(List.of("a"), s -> s, new Input(Map.of("Limit", new BigDecimal(101))), "Items", 50, 100,
            s -> s)).type());
  }
}
