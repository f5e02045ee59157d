package io.mrk.aws;

import static io.mrk.aws.ServeFixture.EU;
import static io.mrk.aws.ServeFixture.US;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The drop-in story against {@code mrk serve}: an application that loads an MRK keystore from a file
 * and uses plain JDK calls ({@code KeyStore.getInstance("MRK")}, {@code Cipher.getInstance(
 * "AES/GCM/NoPadding")} with no provider name) runs on KMS when the file is a descriptor. Credentials
 * come from the SDK's default chain (here its system properties).
 */
class DropInOverServeTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void install() {
    ServeFixture.installProvider();
    System.setProperty("aws.accessKeyId", ServeFixture.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", ServeFixture.SECRET);
  }

  @AfterAll
  static void clear() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  static KeyStore load(Path descriptor) throws Exception {
    KeyStore ks = KeyStore.getInstance("MRK");
    try (InputStream in = Files.newInputStream(descriptor)) {
      ks.load(in, null);
    }
    return ks;
  }

  static byte[] encrypt(Key key, byte[] aad, byte[] plain) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, key);
    c.updateAAD(aad);
    return c.doFinal(plain);
  }

  static byte[] decrypt(Key key, byte[] aad, byte[] ciphertext) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, key);
    c.updateAAD(aad);
    return c.doFinal(ciphertext);
  }

  @Test
  void encryptInUsEast1DecryptInEuWest1ThroughADescriptorFile() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir)) {
      String id = f.ordersKey();
      Path descriptor = f.descriptor("keystore.properties");
      KeyStore ks = KeyStore.getInstance(descriptor.toFile(), (char[]) null);
      assertEquals("MRK", ks.getType());
      List<String> aliases = Collections.list(ks.aliases());
      assertTrue(aliases.containsAll(List.of("us-east-1/alias/orders", "eu-west-1/alias/orders",
          "us-east-1/" + id, "eu-west-1/" + id)), aliases.toString());

      byte[] aad = "order 42".getBytes(StandardCharsets.UTF_8);
      byte[] plain = "ship to 221B Baker Street".getBytes(StandardCharsets.UTF_8);
      Key us = ks.getKey("us-east-1/alias/orders", null);
      Key eu = ks.getKey("eu-west-1/alias/orders", null);
      byte[] ct = encrypt(us, aad, plain);
      assertEquals(2, ct[0]);
      assertEquals(2, ct[1], "suite 2, the KMS envelope");
      assertArrayEquals(plain, decrypt(eu, aad, ct));
      assertEquals(1, f.calls(US, "GenerateDataKey"));
      assertEquals(1, f.calls(EU, "Decrypt"));
      assertEquals(0, f.calls(US, "Decrypt"), "decryption stayed in eu-west-1");

      // Key ARNs and alias ARNs work as entry names; attributes name the role.
      String replicaArn = "arn:aws:kms:eu-west-1:111122223333:key/" + id;
      assertArrayEquals(plain, decrypt(ks.getKey(replicaArn, null), aad, ct));
      KeyStore.SecretKeyEntry entry = (KeyStore.SecretKeyEntry) ks.getEntry("eu-west-1/alias/orders", null);
      assertTrue(entry.getAttributes().stream().anyMatch(a -> a.getName().equals("mrk:MultiRegionKeyType")
          && a.getValue().equals("REPLICA")), entry.getAttributes().toString());

      // The wrong AAD, tampering, truncation and garbage are refused.
      assertThrows(AEADBadTagException.class, () -> decrypt(eu, "order 43".getBytes(StandardCharsets.UTF_8), ct));
      for (int i : new int[] {7, ct.length / 2, ct.length - 1}) {
        byte[] t = ct.clone();
        t[i] ^= 1;
        assertThrows(BadPaddingException.class, () -> decrypt(eu, aad, t), "byte " + i + " flipped");
      }
      assertThrows(BadPaddingException.class, () -> decrypt(eu, aad, Arrays.copyOf(ct, ct.length - 1)));
      assertThrows(BadPaddingException.class, () -> decrypt(eu, aad, Arrays.copyOf(ct, 40)));
      byte[] garbage = new byte[300];
      new Random(1).nextBytes(garbage);
      assertThrows(BadPaddingException.class, () -> decrypt(eu, aad, garbage));
    }
  }

  @Test
  void streamsAndByteBuffersOverSeveralChunks() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir)) {
      f.ordersKey();
      KeyStore ks = load(f.descriptor("keystore.properties"));
      byte[] plain = new byte[200_000];
      new Random(7).nextBytes(plain);

      Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
      enc.init(Cipher.ENCRYPT_MODE, ks.getKey("us-east-1/alias/orders", null));
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      try (CipherOutputStream out = new CipherOutputStream(sink, enc)) {
        for (int off = 0; off < plain.length; off += 10_000) {
          out.write(plain, off, Math.min(10_000, plain.length - off));
        }
      }
      Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
      dec.init(Cipher.DECRYPT_MODE, ks.getKey("eu-west-1/alias/orders", null));
      try (CipherInputStream in = new CipherInputStream(new ByteArrayInputStream(sink.toByteArray()), dec)) {
        assertArrayEquals(plain, in.readAllBytes());
      }

      Cipher bb = Cipher.getInstance("AES/GCM/NoPadding");
      bb.init(Cipher.ENCRYPT_MODE, ks.getKey("us-east-1/alias/orders", null));
      ByteBuffer src = ByteBuffer.allocateDirect(plain.length).put(plain).flip();
      ByteBuffer ct = ByteBuffer.allocateDirect(bb.getOutputSize(plain.length));
      bb.doFinal(src, ct);
      ct.flip();
      Cipher bd = Cipher.getInstance("AES/GCM/NoPadding");
      bd.init(Cipher.DECRYPT_MODE, ks.getKey("eu-west-1/alias/orders", null));
      ByteBuffer back = ByteBuffer.allocate(bd.getOutputSize(ct.remaining()));
      bd.doFinal(ct, back);
      back.flip();
      byte[] got = new byte[back.remaining()];
      back.get(got);
      assertArrayEquals(plain, got);
    }
  }

  @Test
  void aDisabledReplicaRefusesWhileTheOtherRegionWorks() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir); KmsClient eu = f.admin(EU)) {
      String id = f.ordersKey();
      KeyStore ks = load(f.descriptor("keystore.properties"));
      Key usKey = ks.getKey("us-east-1/alias/orders", null);
      Key euKey = ks.getKey("eu-west-1/alias/orders", null);
      eu.disableKey(b -> b.keyId(id));

      byte[] ct = encrypt(usKey, new byte[0], new byte[] {1, 2, 3});
      BadPaddingException refused = assertThrows(BadPaddingException.class, () -> decrypt(euKey, new byte[0], ct));
      assertTrue(refused.getMessage().startsWith("DisabledException"), refused.getMessage());
      assertTrue(refused.getCause() instanceof software.amazon.awssdk.services.kms.model.DisabledException,
          String.valueOf(refused.getCause()));
      InvalidKeyException noEncrypt = assertThrows(InvalidKeyException.class,
          () -> Cipher.getInstance("AES/GCM/NoPadding").init(Cipher.ENCRYPT_MODE, euKey));
      assertTrue(noEncrypt.getMessage().startsWith("DisabledException"), noEncrypt.getMessage());
      assertArrayEquals(new byte[] {1, 2, 3}, decrypt(usKey, new byte[0], ct), "us-east-1 still decrypts");
    }
  }

  @Test
  void rotationOnTheServerKeepsOldCiphertextsDecrypting() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir); KmsClient us = f.admin(US)) {
      String id = f.ordersKey();
      Path descriptor = f.descriptor("keystore.properties");
      byte[] before = encrypt(load(descriptor).getKey("us-east-1/alias/orders", null), new byte[0], new byte[] {9});
      us.rotateKeyOnDemand(b -> b.keyId(id));
      KeyStore fresh = load(descriptor);
      byte[] after = encrypt(fresh.getKey("us-east-1/alias/orders", null), new byte[0], new byte[] {8});
      Key eu = fresh.getKey("eu-west-1/alias/orders", null);
      assertArrayEquals(new byte[] {9}, decrypt(eu, new byte[0], before));
      assertArrayEquals(new byte[] {8}, decrypt(eu, new byte[0], after));
    }
  }

  @Test
  void aliasEntriesAreWrittenAsCreateUpdateAndDeleteAliasInTheirRegion() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir); KmsClient us = f.admin(US)) {
      String id = f.ordersKey();
      String other = us.createKey(b -> b.description("other")).keyMetadata().keyId();
      KeyStore ks = load(f.descriptor("keystore.properties"));
      ks.setKeyEntry("eu-west-1/alias/invoices", ks.getKey("eu-west-1/" + id, null), null, null);
      assertTrue(ks.containsAlias("eu-west-1/alias/invoices"));
      assertEquals(1, f.calls(EU, "CreateAlias") - 1, "one CreateAlias beyond the fixture's");
      ks.setKeyEntry("us-east-1/alias/orders", ks.getKey("us-east-1/" + other, null), null, null);
      assertEquals(1, f.calls(US, "UpdateAlias"));
      assertTrue(ks.getKey("us-east-1/alias/orders", null).toString().contains(other));
      ks.deleteEntry("eu-west-1/alias/invoices");
      assertEquals(1, f.calls(EU, "DeleteAlias"));
      assertTrue(!ks.containsAlias("eu-west-1/alias/invoices"));
      java.security.KeyStoreException refused = assertThrows(java.security.KeyStoreException.class,
          () -> ks.deleteEntry("us-east-1/" + id));
      assertTrue(refused.getMessage().contains("waiting period"), refused.getMessage());
      assertThrows(java.security.KeyStoreException.class, () -> ks.setKeyEntry("us-east-1/alias/raw",
          new javax.crypto.spec.SecretKeySpec(new byte[32], "AES"), null, null));
    }
  }

  @Test
  void withoutTheModuleOnTheClassPathTheDescriptorIsRefusedClearly() throws Exception {
    // This JVM has mrk-aws, so the refusal is shown for a backend type nobody provides.
    Path d = dir.resolve("other.properties");
    Files.writeString(d, "mrk.keystore=vault\nregions=us-east-1\n");
    KeyStore ks = KeyStore.getInstance("MRK");
    try (InputStream in = Files.newInputStream(d)) {
      IOException e = assertThrows(IOException.class, () -> ks.load(in, null));
      assertTrue(e.getMessage().contains("no MRK keystore backend of type 'vault'"), e.getMessage());
      assertTrue(e.getCause() instanceof java.security.KeyStoreException);
    }
    File f = d.toFile();
    assertTrue(KeyStore.getInstance("MRK").getType().equals("MRK") && f.exists());
  }
}
