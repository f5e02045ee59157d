package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.internal.store.KdfParameters;
import io.mrk.kms.KeyId;
import io.mrk.kms.Region;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The records whose equals, hashCode and compareTo are written out (for start-up time) keep the
 * meaning of the generated ones: equal exactly when every component is equal, equal hash codes then,
 * and an order by Region, then key id, consistent with equals.
 */
class WrittenOutRecordMethodsProperties {

  @Provide
  Arbitrary<Region> regions() {
    return Arbitraries.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "us-gov-west-1").map(Region::new);
  }

  @Provide
  Arbitrary<KeyId> keyIds() {
    return Arbitraries.of("mrk-1234abcd12ab34cd56ef1234567890ab", "mrk-0000abcd12ab34cd56ef1234567890ab",
        "1234abcd-12ab-34cd-56ef-1234567890ab").map(KeyId::new);
  }

  @Provide
  Arbitrary<KdfParameters> kdfs() {
    return net.jqwik.api.Combinators.combine(Arbitraries.of(64, 128, 65536), Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(1, 2)).as(KdfParameters::argon2id);
  }

  @Property
  void keyLocationsAreEqualExactlyWhenTheirComponentsAre(@ForAll("regions") Region r1, @ForAll("keyIds") KeyId k1,
      @ForAll("regions") Region r2, @ForAll("keyIds") KeyId k2) {
    KeyLocation a = new KeyLocation(r1, k1);
    KeyLocation b = new KeyLocation(r2, k2);
    boolean same = r1.code().equals(r2.code()) && k1.value().equals(k2.value());
    assertEquals(same, a.equals(b));
    assertEquals(same, r1.equals(r2) && k1.equals(k2));
    if (same) {
      assertEquals(a.hashCode(), b.hashCode());
    }
    int byRegion = r1.code().compareTo(r2.code());
    int expected = byRegion != 0 ? byRegion : k1.value().compareTo(k2.value());
    assertEquals(Integer.signum(expected), Integer.signum(a.compareTo(b)));
    assertEquals(same, a.compareTo(b) == 0);
    assertEquals(false, a.equals(null));
    assertEquals(false, a.equals(List.of(r1, k1)));
  }

  @Property
  void kdfParametersAreEqualExactlyWhenTheirComponentsAre(@ForAll("kdfs") KdfParameters a,
      @ForAll("kdfs") KdfParameters b) {
    boolean same = a.algorithm() == b.algorithm() && a.memoryKiB() == b.memoryKiB()
        && a.iterations() == b.iterations() && a.parallelism() == b.parallelism();
    assertEquals(same, a.equals(b));
    if (same) {
      assertEquals(a.hashCode(), b.hashCode());
    }
  }
}
