package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The AES-GCM core against Wycheproof's aes_gcm_test.json, read from the directory named by the
 * system property {@code mrk.testvectors} (plus {@code /wycheproof/}). Vectors with parameters the
 * core offers (256-bit key, 96-bit nonce, 128-bit tag) must pass; the others must be refused.
 * Failing tcIds are collected and asserted once.
 */
class WycheproofAesGcmTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  @SuppressWarnings("unchecked")
  void aesGcmVectors() throws Exception {
    String dir = System.getProperty("mrk.testvectors");
    Path file = dir == null ? null : Path.of(dir, "wycheproof", "aes_gcm_test.json");
    if (file == null || !Files.isRegularFile(file)) {
      String why = "SKIPPING Wycheproof AES-GCM: no aes_gcm_test.json under mrk.testvectors=" + dir;
      System.err.println(why);
      Assumptions.abort(why);
    }
    Map<String, Object> root = (Map<String, Object>) TinyJson.parse(Files.readString(file, StandardCharsets.UTF_8));
    List<String> failures = new ArrayList<>();
    int run = 0;
    int supported = 0;
    for (Object g : (List<Object>) root.get("testGroups")) {
      Map<String, Object> group = (Map<String, Object>) g;
      int tagBits = ((Long) group.get("tagSize")).intValue();
      for (Object t : (List<Object>) group.get("tests")) {
        Map<String, Object> test = (Map<String, Object>) t;
        run++;
        String failure = check(test, tagBits);
        if (failure == null && isSupported(test, tagBits)) {
          supported++;
        }
        if (failure != null) {
          failures.add("tcId " + test.get("tcId") + ": " + failure);
        }
      }
    }
    assertEquals(((Long) root.get("numberOfTests")).intValue(), run, "every vector was read");
    assertTrue(supported > 60, "AES-256 / 96-bit vectors were exercised: " + supported);
    assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
  }

  private static boolean isSupported(Map<String, Object> test, int tagBits) {
    return bytes(test, "key").length == AesGcmCore.KEY_BYTES
        && bytes(test, "iv").length == AesGcmCore.NONCE_BYTES && tagBits == AesGcmCore.TAG_BITS;
  }

  private static String check(Map<String, Object> test, int tagBits) {
    byte[] key = bytes(test, "key");
    byte[] iv = bytes(test, "iv");
    byte[] aad = bytes(test, "aad");
    byte[] msg = bytes(test, "msg");
    byte[] ctAndTag = concat(bytes(test, "ct"), bytes(test, "tag"));
    String result = (String) test.get("result");
    SecretKeySpec k;
    try {
      k = AesGcmCore.key(key);
      AesGcmCore.checkParameters(iv.length, tagBits);
    } catch (InvalidKeyException | InvalidAlgorithmParameterException refused) {
      return isSupported(test, tagBits) ? "refused supported parameters: " + refused.getMessage() : null;
    }
    if (!isSupported(test, tagBits)) {
      return "accepted unsupported parameters";
    }
    try {
      byte[] opened = new byte[ctAndTag.length];
      int n;
      try {
        n = new AesGcmCore().open(k, iv, aad, aad.length, ctAndTag, 0, ctAndTag.length, opened, 0);
      } catch (AEADBadTagException e) {
        return "invalid".equals(result) ? null : "valid vector failed to decrypt";
      }
      if ("invalid".equals(result)) {
        return "invalid vector decrypted";
      }
      if (!Arrays.equals(msg, Arrays.copyOf(opened, n))) {
        return "wrong plaintext";
      }
      byte[] sealed = new byte[msg.length + AesGcmCore.TAG_BYTES];
      new AesGcmCore().seal(k, iv, aad, aad.length, msg, 0, msg.length, sealed, 0);
      return Arrays.equals(ctAndTag, sealed) ? null : "wrong ciphertext";
    } catch (GeneralSecurityException e) {
      return "unexpected " + e;
    }
  }

  private static byte[] bytes(Map<String, Object> test, String field) {
    return HEX.parseHex((String) test.get(field));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
