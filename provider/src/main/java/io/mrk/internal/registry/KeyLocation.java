package io.mrk.internal.registry;

import io.mrk.kms.KeyId;
import io.mrk.kms.Region;

/** A key in one Region: the address of its independent properties. */
record KeyLocation(Region region, KeyId id) implements Comparable<KeyLocation> {

  /** By Region, then key id. */
  @Override
  public int compareTo(KeyLocation o) {
    int byRegion = region.compareTo(o.region);
    return byRegion != 0 ? byRegion : id.compareTo(o.id);
  }

  // Written out: a record's generated equals and hashCode link through invokedynamic on first use, a
  // start-up cost of every command (benchmarks/RESULTS.md).
  @Override
  public boolean equals(Object o) {
    return o instanceof KeyLocation other && region.equals(other.region) && id.equals(other.id);
  }

  @Override
  public int hashCode() {
    return 31 * region.hashCode() + id.hashCode();
  }
}
