package io.mrk.cli;

import io.mrk.MrkCiphertext;
import io.mrk.MrkLoadStoreParameter;
import io.mrk.MrkProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * A long-running JCA application for {@link LongRunningAppTest}: loads the MRK KeyStore once, the
 * README's way, and answers commands on standard input, one line each: {@code encrypt <entry>}
 * (prints the base64 ciphertext and {@code version=<v>}), {@code decrypt <entry> <base64>},
 * {@code has <entry>}, {@code alias <alias-entry> <key-entry>} then {@code store} (a second
 * application's KeyStore write), {@code quit}. A failure prints {@code ERROR <exception>}.
 */
public final class KeyStoreApp {

  private KeyStoreApp() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    char[] password = args[1].toCharArray();
    KeyStore keys = KeyStore.getInstance("MRK", new MrkProvider());
    keys.load(MrkLoadStoreParameter.of(file, password).withRefreshInterval(Duration.ZERO));
    System.out.println("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
      String[] c = line.split(" ");
      try {
        switch (c[0]) {
          case "encrypt" -> {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
            cipher.init(Cipher.ENCRYPT_MODE, (Key) keys.getKey(c[1], null));
            byte[] ct = cipher.doFinal("from the app".getBytes(StandardCharsets.UTF_8));
            System.out.println(Base64.getEncoder().encodeToString(ct) + " version="
                + MrkCiphertext.parseHeader(ct).materialVersion());
          }
          case "decrypt" -> {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
            cipher.init(Cipher.DECRYPT_MODE, (Key) keys.getKey(c[1], null));
            System.out.println(new String(cipher.doFinal(Base64.getDecoder().decode(c[2])), StandardCharsets.UTF_8));
          }
          case "has" -> System.out.println(keys.containsAlias(c[1]));
          case "alias" -> {
            keys.setKeyEntry(c[1], keys.getKey(c[2], null), null, null);
            System.out.println("ok");
          }
          case "store" -> {
            keys.store(MrkLoadStoreParameter.of(file, password));
            System.out.println("ok");
          }
          default -> System.out.println("ERROR unknown command " + c[0]);
        }
      } catch (Exception e) {
        System.out.println("ERROR " + e);
      }
    }
  }
}
