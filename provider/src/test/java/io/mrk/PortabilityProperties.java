package io.mrk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The product's promise against the real registry: whatever interleaving of encryptions, rotations,
 * replications and primary promotions happens, every ciphertext made anywhere decrypts with the
 * handle of every Region that holds the key, including Regions replicated after it was made, and a
 * disabled Region refuses while the others keep working.
 */
class PortabilityProperties {

  private static final List<Region> REGIONS = List.of(new Region("us-east-1"), new Region("eu-west-1"),
      new Region("ap-southeast-2"), new Region("sa-east-1"));
  private static final Provider MRK = new MrkProvider();

  enum Step { ENCRYPT, ROTATE, REPLICATE, PROMOTE, DISABLE_AND_CHECK }

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 60)
  void everyCiphertextDecryptsInEveryRegionHoldingTheKey(@ForAll("steps") List<Step> steps,
                                                        @ForAll long seed) throws Exception {
    Random random = new Random(seed);
    KeyRegistry registry = KeyRegistries.builder().build();
    KmsClient first = registry.client(REGIONS.get(0));
    String keyId = first.createKey(CreateKeyRequest.multiRegionKey("portability")).keyId().value();
    List<Region> holding = new ArrayList<>(List.of(REGIONS.get(0)));
    Region primary = REGIONS.get(0);
    List<byte[][]> made = new ArrayList<>();

    for (Step step : steps) {
      switch (step) {
        case ENCRYPT -> {
          byte[] plaintext = new byte[random.nextInt(70_000)];
          random.nextBytes(plaintext);
          byte[] aad = new byte[random.nextInt(40)];
          random.nextBytes(aad);
          Region from = holding.get(random.nextInt(holding.size()));
          made.add(new byte[][] {plaintext, aad, encrypt(registry, from, keyId, plaintext, aad)});
        }
        case ROTATE -> registry.client(primary).rotateKeyOnDemand(keyId);
        case REPLICATE -> {
          List<Region> missing = new ArrayList<>(REGIONS);
          missing.removeAll(holding);
          if (!missing.isEmpty()) {
            Region to = missing.get(random.nextInt(missing.size()));
            registry.client(primary).replicateKey(keyId, to, ReplicateKeyRequest.DEFAULTS);
            holding.add(to);
          }
        }
        case PROMOTE -> {
          if (holding.size() > 1) {
            Region next = holding.get(random.nextInt(holding.size()));
            if (!next.equals(primary)) {
              registry.client(primary).updatePrimaryRegion(keyId, next);
              primary = next;
            }
          }
        }
        case DISABLE_AND_CHECK -> {
          if (holding.size() > 1 && !made.isEmpty()) {
            Region off = holding.get(random.nextInt(holding.size()));
            registry.client(off).disableKey(keyId);
            byte[][] sample = made.get(random.nextInt(made.size()));
            assertThrows(InvalidKeyException.class, () -> decrypt(registry, off, keyId, sample[2], sample[1]));
            for (Region other : holding) {
              if (!other.equals(off)) {
                assertArrayEquals(sample[0], decrypt(registry, other, keyId, sample[2], sample[1]));
              }
            }
            registry.client(off).enableKey(keyId);
          }
        }
      }
    }
    for (byte[][] m : made) {
      for (Region region : holding) {
        assertArrayEquals(m[0], decrypt(registry, region, keyId, m[2], m[1]), "in " + region);
      }
    }
    assertEquals(1, holding.stream().filter(r -> isPrimary(registry, r, keyId)).count());
  }

  private static boolean isPrimary(KeyRegistry registry, Region region, String keyId) {
    try {
      return registry.client(region).describeKey(keyId).multiRegionConfiguration()
          .multiRegionKeyType().name().equals("PRIMARY");
    } catch (KmsException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] encrypt(KeyRegistry registry, Region region, String keyId, byte[] plaintext, byte[] aad)
      throws KmsException, GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", MRK);
    cipher.init(Cipher.ENCRYPT_MODE, registry.client(region).keyHandle(keyId));
    cipher.updateAAD(aad);
    return cipher.doFinal(plaintext);
  }

  private static byte[] decrypt(KeyRegistry registry, Region region, String keyId, byte[] ciphertext, byte[] aad)
      throws KmsException, GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", MRK);
    cipher.init(Cipher.DECRYPT_MODE, registry.client(region).keyHandle(keyId));
    cipher.updateAAD(aad);
    byte[] out = cipher.doFinal(ciphertext);
    assertTrue(out.length <= ciphertext.length);
    return out;
  }
}
