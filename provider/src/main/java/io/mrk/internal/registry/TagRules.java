package io.mrk.internal.registry;

import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.KmsQuotas;
import io.mrk.kms.Tag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Tag set arithmetic with KMS's limits: at most 50 tags per key, one value per tag key. */
final class TagRules {

  static final int MAX_TAGS = KmsQuotas.MAX_TAGS_PER_KEY;

  private TagRules() {}

  /** {@code current} with {@code added} applied (a tag key given again gets the new value). */
  static SortedMap<String, String> merge(Map<String, String> current, Collection<Tag> added)
      throws KmsException {
    if (added == null) {
      throw new KmsException(KmsError.VALIDATION, "Tags are missing.");
    }
    SortedMap<String, String> out = new TreeMap<>(current);
    Set<String> seen = new HashSet<>();
    for (Tag t : added) {
      if (t == null) {
        throw new KmsException(KmsError.TAG, "A tag is missing.");
      }
      if (!seen.add(t.tagKey())) {
        throw new KmsException(KmsError.TAG, "Duplicate tag key '" + KeyResolver.printable(t.tagKey()) + "'.");
      }
      out.put(t.tagKey(), t.tagValue());
    }
    if (out.size() > MAX_TAGS) {
      throw new KmsException(KmsError.TAG, "A key may have at most " + MAX_TAGS + " tags.");
    }
    return out;
  }

  static SortedMap<String, String> remove(Map<String, String> current, Collection<String> keys)
      throws KmsException {
    if (keys == null) {
      throw new KmsException(KmsError.VALIDATION, "TagKeys are missing.");
    }
    SortedMap<String, String> out = new TreeMap<>(current);
    for (String k : keys) {
      if (k == null) {
        throw new KmsException(KmsError.TAG, "A tag key is missing.");
      }
      out.remove(k);
    }
    return out;
  }

  static List<Tag> asList(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>();
    new TreeMap<>(tags).forEach((k, v) -> out.add(new Tag(k, v)));
    return List.copyOf(out);
  }
}
