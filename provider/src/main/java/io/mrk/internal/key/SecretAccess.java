package io.mrk.internal.key;

import java.lang.invoke.MethodHandles;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Objects;

/**
 * The capability to read raw key material ({@link KeyMaterial#bytes(SecretAccess)}), after Tink's
 * {@code SecretKeyAccess}: code that holds no {@code SecretAccess} cannot reach a key's bytes, and
 * only the provider's own classes can obtain one.
 *
 * <p>{@link #grantTo} takes the caller's own {@link MethodHandles#lookup()}, which only that class
 * can make with full privilege, and grants only to a class of an {@code io.mrk.internal} package
 * loaded by the provider's class loader from the provider's own code source (its jar or class
 * directory). So on the class path, where the JVM does not encapsulate the internal packages, an
 * application that casts an {@code MrkKey} to the handle class and walks to its material still
 * cannot read it without deep reflection; on the module path the internal packages are not
 * exported at all.
 */
public final class SecretAccess {

  private static final SecretAccess INSTANCE = new SecretAccess();
  private static final String INTERNAL = "io.mrk.internal.";

  private SecretAccess() {}

  /**
   * The capability, for the class whose full-privilege lookup {@code caller} is.
   *
   * @throws SecurityException for any other caller
   */
  public static SecretAccess grantTo(MethodHandles.Lookup caller) {
    Objects.requireNonNull(caller, "caller");
    Class<?> c = caller.lookupClass();
    if (!caller.hasFullPrivilegeAccess() || !c.getName().startsWith(INTERNAL)
        || c.getClassLoader() != SecretAccess.class.getClassLoader()
        || !sameCodeSource(c.getProtectionDomain(), SecretAccess.class.getProtectionDomain())) {
      throw new SecurityException(c.getName() + " may not read MRK key material");
    }
    return INSTANCE;
  }

  /** Refuses a forged or missing capability. */
  static void check(SecretAccess access) {
    if (access != INSTANCE) {
      throw new SecurityException("reading MRK key material needs the provider's SecretAccess");
    }
  }

  private static boolean sameCodeSource(ProtectionDomain a, ProtectionDomain b) {
    CodeSource ca = a == null ? null : a.getCodeSource();
    CodeSource cb = b == null ? null : b.getCodeSource();
    if (ca == null || cb == null) {
      return ca == cb;
    }
    return Objects.equals(ca.getLocation(), cb.getLocation());
  }

  @Override
  public String toString() {
    return "SecretAccess";
  }
}
