package io.mrk;

import io.mrk.kms.KeyRegistry;
import io.mrk.kms.Region;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * A child JVM of {@link ManyProcessesTest}: one reader, writer or long-running application of a
 * shared keystore. Every command prints one line per result; a failure prints {@code ERROR <message>}.
 *
 * <ul>
 *   <li>{@code encrypt <file> <instant> <region> <keyId> <text> <out>}: a reader at {@code instant}
 *       encrypts {@code text} and writes the ciphertext to {@code out}; prints
 *       {@code version=<v> rotations=<n> due=<d>}.
 *   <li>{@code decrypt <file> <instant> <keyId> <region,...> <ciphertext files...>}: prints each plaintext.
 *   <li>{@code write <file> <instant>}: a writer at {@code instant} (applies the due rotations); prints
 *       {@code rotations=<n> generation=<g>}.
 *   <li>{@code create}, {@code change}, {@code hold}, {@code check}: see their methods.
 *   <li>{@code serve <file>}: a long-running application with the MRK KeyStore loaded once, reading
 *       commands from standard input: {@code encrypt <alias>}, {@code decrypt <alias> <base64>},
 *       {@code has <alias>}, {@code quit}.
 * </ul>
 */
public final class KeystoreProcess {

  static final char[] PASSWORD = "many processes".toCharArray();
  static final String KDF = "argon2id:m=64,t=1,p=1";

  private KeystoreProcess() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "encrypt" -> encrypt(args);
      case "decrypt" -> decrypt(args);
      case "write" -> write(args);
      case "create" -> create(args);
      case "change" -> change(args);
      case "hold" -> hold(args);
      case "check" -> check(args);
      case "serve" -> serve(Path.of(args[1]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static MrkKeystore at(String instant) throws Exception {
    return MrkKeystore.withDefaults().withKdf(KDF).withClock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  private static void encrypt(String[] a) throws Exception {
    try (KeystoreSession session = at(a[2]).open(Path.of(a[1]), PASSWORD)) {
      Region region = new Region(a[3]);
      byte[] ct = KeystoreSessionTest.encrypt(session.registry(), region, a[4], a[5]);
      Files.write(Path.of(a[6]), ct);
      System.out.println("version=" + KeystoreSessionTest.version(ct)
          + " rotations=" + session.registry().client(region).listKeyRotations(a[4]).size()
          + " due=" + session.dueRotations());
    }
  }

  /**
   * {@code check <file> <instant>}: opens a session, prints {@code problem=<problem or none>}, then
   * tries one write and prints {@code write=ok generation=<g>} or {@code write=refused <message>}.
   */
  private static void check(String[] a) throws Exception {
    try (KeystoreSession session = at(a[2]).open(Path.of(a[1]), PASSWORD)) {
      System.out.println("problem=" + session.problem().orElse("none"));
      try {
        session.update(r -> null);
        System.out.println("write=ok generation=" + session.generation());
      } catch (java.io.IOException e) {
        System.out.println("write=refused " + e.getMessage());
      }
    }
  }

  /** {@code create <file> <instant>}: an MRK in us-east-1 with replicas in eu-west-1 and ap-southeast-2, rotating every 90 days. */
  private static void create(String[] a) throws Exception {
    String created = at(a[2]).update(Path.of(a[1]), PASSWORD, r -> {
      Region us = new Region("us-east-1");
      String id = r.client(us).createKey(io.mrk.kms.CreateKeyRequest.multiRegionKey("shared")).keyId().value();
      r.client(us).replicateKey(id, new Region("eu-west-1"), io.mrk.kms.ReplicateKeyRequest.DEFAULTS);
      r.client(us).replicateKey(id, new Region("ap-southeast-2"), io.mrk.kms.ReplicateKeyRequest.DEFAULTS);
      r.client(us).enableKeyRotation(id, 90);
      r.client(us).createAlias("alias/shared", id);
      return id;
    });
    System.out.println(created);
  }

  /** {@code change <file> <instant> <keyId>}: rotates on demand, disables eu-west-1, aliases ap-southeast-2/alias/late. */
  private static void change(String[] a) throws Exception {
    at(a[2]).update(Path.of(a[1]), PASSWORD, r -> {
      r.client(new Region("us-east-1")).rotateKeyOnDemand(a[3]);
      r.client(new Region("eu-west-1")).disableKey(a[3]);
      r.client(new Region("ap-southeast-2")).createAlias("alias/late", a[3]);
      return null;
    });
    System.out.println("ok");
  }

  private static void decrypt(String[] a) throws Exception {
    KeyRegistry registry = at(a[2]).load(Path.of(a[1]), PASSWORD);
    for (String region : a[4].split(",")) {
      System.out.println(region + " rotations=" + registry.client(new Region(region)).listKeyRotations(a[3]).size());
      for (int i = 5; i < a.length; i++) {
        try {
          System.out.println(region + " " + KeystoreSessionTest.decrypt(registry, new Region(region), a[3],
              Files.readAllBytes(Path.of(a[i]))));
        } catch (Exception e) {
          System.out.println("ERROR " + region + " " + a[i] + " " + e);
        }
      }
    }
  }

  /**
   * A plain {@code MrkKeystore.update} that changes nothing but applies the due rotations: it records
   * no audit event, so it opens no audit log. Reports what it wrote from inside the write.
   */
  private static void write(String[] a) throws Exception {
    String wrote = at(a[2]).update(Path.of(a[1]), PASSWORD, r -> {
      int rotations = 0;
      for (Region region : r.regions()) {
        for (var key : r.client(region).listKeys()) {
          rotations = Math.max(rotations, r.client(region).listKeyRotations(key.keyId().value()).size());
        }
      }
      return "rotations=" + rotations + " generation="
          + (io.mrk.internal.registry.RegistryAccess.lineage(r).generation() + 1);
    });
    System.out.println(wrote);
  }

  /** {@code hold <file> <millis>}: holds the keystore's write lock for that long (no audit), printing HOLDING first. */
  private static void hold(String[] a) throws Exception {
    MrkKeystore.withDefaults().withKdf(KDF).update(Path.of(a[1]), PASSWORD, r -> {
      System.out.println("HOLDING " + ProcessHandle.current().pid());
      System.out.flush();
      try {
        Thread.sleep(Long.parseLong(a[2]));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
  }

  private static void serve(Path file) throws Exception {
    KeyStore keys = KeyStore.getInstance("MRK", new MrkProvider());
    keys.load(MrkLoadStoreParameter.of(file, PASSWORD).withRefreshInterval(Duration.ZERO));
    System.out.println("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
      String[] c = line.split(" ");
      try {
        switch (c[0]) {
          case "encrypt" -> {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
            cipher.init(Cipher.ENCRYPT_MODE, (Key) keys.getKey(c[1], null));
            byte[] ct = cipher.doFinal(c[1].getBytes(StandardCharsets.UTF_8));
            System.out.println(Base64.getEncoder().encodeToString(ct) + " version=" + KeystoreSessionTest.version(ct));
          }
          case "decrypt" -> {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
            cipher.init(Cipher.DECRYPT_MODE, (Key) keys.getKey(c[1], null));
            System.out.println(new String(cipher.doFinal(Base64.getDecoder().decode(c[2])), StandardCharsets.UTF_8));
          }
          case "has" -> System.out.println(keys.containsAlias(c[1]));
          default -> System.out.println("ERROR unknown command " + c[0]);
        }
      } catch (Exception e) {
        System.out.println("ERROR " + e);
      }
    }
  }
}
