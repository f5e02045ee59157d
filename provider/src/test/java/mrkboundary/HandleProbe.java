package mrkboundary;

import io.mrk.MrkKey;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.Region;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * An application that got an {@link MrkKey} the documented way and tries to walk from it to the key
 * material without deep reflection ({@code setAccessible} is tried last, and only reported). Run in
 * a child JVM by {@code io.mrk.MaterialBoundaryTest}, once on the class path and once with the
 * provider on the module path; prints one line per attempt: {@code <step>: <outcome>}.
 */
public final class HandleProbe {

  private HandleProbe() {}

  public static void main(String[] args) throws Exception {
    KmsClient client = io.mrk.KeyRegistries.builder().build().client(new Region("us-east-1"));
    String keyId = client.createKey(CreateKeyRequest.multiRegionKey("probe")).keyId().value();
    MrkKey key = client.keyHandle(keyId);

    Class<?> handleClass = Class.forName("io.mrk.internal.key.MrkKeyHandle");
    try {
      handleClass.getMethod("source");
      System.out.println("source(): exists");
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println("source(): " + outcome(e));
    }
    try {
      Class.forName("io.mrk.internal.key.KeyMaterial").getMethod("bytes");
      System.out.println("bytes(): exists");
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println("bytes(): " + outcome(e));
    }
    try {
      Class<?> access = Class.forName("io.mrk.internal.key.SecretAccess");
      Object token = access.getMethod("grantTo", MethodHandles.Lookup.class).invoke(null, MethodHandles.lookup());
      Object source = handleClass.getMethod("source", access).invoke(key, token);
      System.out.println("grantTo: granted " + source);
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println("grantTo: " + outcome(e));
    }
    try {
      Method m = handleClass.getDeclaredMethod("source", Class.forName("io.mrk.internal.key.SecretAccess"));
      m.setAccessible(true);
      System.out.println("setAccessible: allowed");
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println("setAccessible: " + outcome(e));
    }
  }

  private static String outcome(Throwable e) {
    Throwable t = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
    return t.getClass().getSimpleName();
  }
}
