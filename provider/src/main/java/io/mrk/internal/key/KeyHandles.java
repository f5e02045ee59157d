package io.mrk.internal.key;

import io.mrk.MrkKey;
import io.mrk.kms.Arn;
import java.security.Key;
import java.util.Objects;

/**
 * Makes and reads MRK key handles, whose class ({@link MrkKeyHandle}) is package-private: outside
 * this package a handle is only an {@link MrkKey}, so no cast reaches more than that interface, and
 * the handle's material source needs the provider's {@link SecretAccess}.
 */
public final class KeyHandles {

  private KeyHandles() {}

  /** A handle of the key {@code source} serves; it holds no material itself. */
  public static MrkKey of(KeyMaterialSource source) {
    return new MrkKeyHandle(Objects.requireNonNull(source, "source"));
  }

  /** Whether {@code key} is an MRK key handle made by {@link #of}. */
  public static boolean isHandle(Key key) {
    return key instanceof MrkKeyHandle;
  }

  /**
   * Where the cipher gets {@code handle}'s material from, for the holder of the capability.
   *
   * @throws IllegalArgumentException when {@code handle} is not from {@link #of}
   * @throws SecurityException without the provider's {@link SecretAccess}
   * @throws IllegalStateException once the handle was destroyed
   */
  public static KeyMaterialSource source(MrkKey handle, SecretAccess access) {
    if (!(handle instanceof MrkKeyHandle h)) {
      throw new IllegalArgumentException("not an MRK key handle");
    }
    return h.source(access);
  }

  /** The key ARN of a handle from {@link #of}. */
  public static Arn arn(MrkKey handle) {
    if (!(handle instanceof MrkKeyHandle h)) {
      throw new IllegalArgumentException("not an MRK key handle");
    }
    return h.arn();
  }
}
