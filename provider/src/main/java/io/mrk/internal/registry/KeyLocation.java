package io.mrk.internal.registry;

import io.mrk.kms.KeyId;
import io.mrk.kms.Region;
import java.util.Comparator;

/** A key in one Region: the address of its independent properties. */
record KeyLocation(Region region, KeyId id) implements Comparable<KeyLocation> {

  private static final Comparator<KeyLocation> ORDER =
      Comparator.comparing(KeyLocation::region).thenComparing(KeyLocation::id);

  @Override
  public int compareTo(KeyLocation o) {
    return ORDER.compare(this, o);
  }
}
