package io.mrk.internal.key;

import java.lang.reflect.Field;

/**
 * The provider's {@link SecretAccess}, taken by deep reflection for white-box tests of material:
 * test classes come from another code source, so {@link SecretAccess#grantTo} refuses them.
 */
public final class TestSecrets {

  private TestSecrets() {}

  public static SecretAccess access() {
    try {
      Field f = SecretAccess.class.getDeclaredField("INSTANCE");
      f.setAccessible(true);
      return (SecretAccess) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
