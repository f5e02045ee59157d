package io.mrk.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The process environment, with the password variables decoded as UTF-8 whatever the locale. The
 * JDK decodes the environment with the locale's charset, so under the POSIX locale every non-ASCII
 * byte of a password became U+FFFD and different passwords opened the same keystore. On Linux the
 * variables' exact bytes are read from {@code /proc/self/environ} and decoded strictly; bytes that
 * are not UTF-8 refuse the variable instead of guessing. Elsewhere, a value the JDK could not
 * decode (it holds U+FFFD while the JDK's charset is not UTF-8) is refused likewise.
 */
record ProcessEnvironment(Map<String, String> env, Map<String, String> undecodable) {

  static final Set<String> SECRETS = Set.of("MRK_KEYSTORE_PASSWORD", "MRK_EXPORT_PASSWORD");
  private static final Path ENVIRON = Path.of("/proc/self/environ");
  /** The environment of a process is bounded by the kernel's ARG_MAX; read no more than this. */
  private static final int MAX_ENVIRON_BYTES = 1 << 22;

  static ProcessEnvironment read() {
    Map<String, String> env = new HashMap<>(System.getenv());
    Map<String, String> undecodable = new HashMap<>();
    Map<String, byte[]> raw = rawSecrets();
    for (String name : SECRETS) {
      if (!env.containsKey(name)) {
        continue;
      }
      byte[] bytes = raw.get(name);
      if (bytes != null) {
        try {
          env.put(name, strictUtf8(bytes));
        } catch (CharacterCodingException e) {
          env.remove(name);
          undecodable.put(name, "is not valid UTF-8; MRK reads passwords as UTF-8 whatever the locale,"
              + " and refuses bytes it cannot decode exactly.");
        }
      } else if (env.get(name).indexOf('\uFFFD') >= 0 && !"UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
        env.remove(name);
        undecodable.put(name, "could not be decoded exactly under this locale; run with a UTF-8 locale.");
      }
    }
    return new ProcessEnvironment(Map.copyOf(env), Map.copyOf(undecodable));
  }

  /** The exact bytes of the secret variables, from /proc/self/environ; empty where it is not readable. */
  private static Map<String, byte[]> rawSecrets() {
    Map<String, byte[]> out = new HashMap<>();
    byte[] all;
    try {
      if (!Files.isReadable(ENVIRON)) {
        return out;
      }
      try (var in = Files.newInputStream(ENVIRON)) {
        all = in.readNBytes(MAX_ENVIRON_BYTES);
      }
    } catch (IOException e) {
      return out;
    }
    int start = 0;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == 0) {
        int eq = indexOf(all, (byte) '=', start, i);
        if (eq > start) {
          String name = new String(all, start, eq - start, StandardCharsets.US_ASCII);
          if (SECRETS.contains(name)) {
            byte[] value = new byte[i - eq - 1];
            System.arraycopy(all, eq + 1, value, 0, value.length);
            out.put(name, value);
          }
        }
        start = i + 1;
      }
    }
    java.util.Arrays.fill(all, (byte) 0);
    return out;
  }

  private static int indexOf(byte[] a, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes)).toString();
  }
}
