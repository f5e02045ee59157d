package io.mrk.internal.registry;

import java.util.HexFormat;
import java.util.Objects;
import java.security.SecureRandom;

/**
 * Which keystore a registry state belongs to and how many committed writes produced it.
 *
 * <p>The keystore id is 16 random bytes minted by the write that created the keystore (or by the
 * first write of a keystore from before generations existed, whose id reads as {@link #UNKNOWN_ID});
 * the generation counts the committed writes of that keystore, so within one id a higher generation
 * is always the newer state. A file whose generation is lower than one already seen is an older copy
 * put back (a rollback), and a different id is a different keystore put in the file's place.
 *
 * @param keystoreId 32 lower-case hex digits, or {@link #UNKNOWN_ID}
 * @param generation the number of committed writes, {@code >= 0}; 0 only for a state never written
 */
public record Lineage(String keystoreId, long generation) {

  /** The id of a keystore written before generations existed (registry format 1 and 2). */
  public static final String UNKNOWN_ID = "";
  /** The bytes of a keystore id. */
  public static final int ID_BYTES = 16;
  /** The lineage of a registry that has never been written. */
  public static final Lineage NEW = new Lineage(UNKNOWN_ID, 0);

  public Lineage {
    Objects.requireNonNull(keystoreId, "keystoreId");
    if (!keystoreId.isEmpty() && !keystoreId.matches("[0-9a-f]{" + 2 * ID_BYTES + "}")) {
      throw new IllegalArgumentException("A keystore id is " + 2 * ID_BYTES + " lower-case hex digits");
    }
    if (generation < 0) {
      throw new IllegalArgumentException("A generation is not negative: " + generation);
    }
  }

  /** The lineage of the next committed write: the same keystore (a new id if it had none), one generation on. */
  Lineage next(SecureRandom random) {
    if (generation == Long.MAX_VALUE) {
      throw new IllegalStateException("The keystore's generation counter is exhausted");
    }
    String id = keystoreId;
    if (id.isEmpty()) {
      byte[] b = new byte[ID_BYTES];
      random.nextBytes(b);
      id = HexFormat.of().formatHex(b);
    }
    return new Lineage(id, generation + 1);
  }

  /** A new keystore's lineage (an export, a copy under a new name): a fresh id at generation 1. */
  static Lineage fresh(SecureRandom random) {
    return NEW.next(random);
  }

  /** True when both name the same keystore (an unknown id matches only itself). */
  public boolean sameKeystore(Lineage other) {
    return keystoreId.equals(other.keystoreId);
  }
}
