package io.mrk.internal.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A child process for {@link KeystoreFileTest}: {@code rewrite FILE} rewrites the keystore in an
 * endless loop (to be killed at a random moment), {@code increment FILE COUNT} adds one to a counter
 * payload COUNT times through {@link KeystoreFile#update}. Both print {@code ready} once started.
 */
final class KeystoreFileWorker {

  static final char[] PASSWORD = "worker password".toCharArray();
  static final KdfParameters KDF = KdfParameters.argon2id(64, 1, 1);
  static final String GENERATION_PREFIX = "generation ";
  static final int PADDING_BYTES = 256 * 1024;

  private KeystoreFileWorker() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    SecureRandom random = new SecureRandom();
    switch (args[0]) {
      case "rewrite" -> {
        for (long generation = 1; ; generation++) {
          KeystoreFile.write(file, generationPayload(generation), PASSWORD, KDF, random);
          if (generation == 1) {
            System.out.println("ready");
            System.out.flush();
          }
        }
      }
      case "increment" -> {
        System.out.println("ready");
        System.out.flush();
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
          KeystoreFile.update(file, PASSWORD, KDF, random, KeystoreFileWorker::increment);
        }
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /** A payload that names its generation, padded so that a write takes long enough to be interrupted. */
  static byte[] generationPayload(long generation) {
    byte[] name = (GENERATION_PREFIX + generation + ";").getBytes(StandardCharsets.US_ASCII);
    byte[] payload = Arrays.copyOf(name, name.length + PADDING_BYTES);
    Arrays.fill(payload, name.length, payload.length, (byte) (generation & 0x7f));
    return payload;
  }

  /** Adds one to a decimal counter payload; no payload counts as zero. */
  static byte[] increment(byte[] current) {
    long value = current == null ? 0 : Long.parseLong(new String(current, StandardCharsets.US_ASCII));
    return Long.toString(value + 1).getBytes(StandardCharsets.US_ASCII);
  }
}
