package io.mrk.internal.registry;

import io.mrk.kms.AliasName;
import io.mrk.kms.Region;
import java.util.Comparator;

/** An alias name in one Region: aliases are never synchronised, so the Region is part of the name. */
record AliasLocation(Region region, AliasName name) implements Comparable<AliasLocation> {

  private static final Comparator<AliasLocation> ORDER =
      Comparator.comparing(AliasLocation::region).thenComparing(AliasLocation::name);

  @Override
  public int compareTo(AliasLocation o) {
    return ORDER.compare(this, o);
  }
}
