package io.mrk.bench;

import java.util.Arrays;

/**
 * Prints, for every implementation, whether it loads and round-trips one message here.
 *
 * <p>Output is one tab-separated line per implementation: name, {@code available} or
 * {@code unavailable}, and the reason. {@code benchmarks/run} benchmarks only the available ones and
 * shows the others as unavailable, so one peer that cannot load never stops the run.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.mrk.bench.Availability}
 */
public final class Availability {

  private Availability() {}

  public static void main(String[] args) {
    for (String name : Implementations.names()) {
      System.out.println(name + "\t" + check(name));
    }
  }

  private static String check(String name) {
    try {
      AeadUnderTest aead = Implementations.open(name);
      byte[] plaintext = Messages.plaintext(64);
      byte[] aad = Messages.aad();
      if (!Arrays.equals(plaintext, aead.decrypt(aead.encrypt(plaintext, aad), aad))) {
        return "unavailable\tround trip returned different bytes";
      }
      return "available\t";
    } catch (ImplementationUnavailableException e) {
      return "unavailable\t" + oneLine(e.getMessage());
    } catch (Exception | LinkageError e) {
      return "unavailable\t" + oneLine(e.toString());
    }
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replaceAll("\\s+", " ");
  }
}
