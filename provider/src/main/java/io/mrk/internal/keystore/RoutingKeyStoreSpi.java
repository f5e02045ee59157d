package io.mrk.internal.keystore;

import io.mrk.internal.store.SealedKeystore;
import io.mrk.spi.ExternalKeyStore;
import io.mrk.spi.KeystoreBackend;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.NoSuchAlgorithmException;
import java.security.UnrecoverableEntryException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code MRK} KeyStore as registered: a sealed keystore file ({@link MrkKeyStoreSpi}), or, when
 * {@code load} is given a keystore descriptor ({@link KeystoreDescriptor}) or a backend's typed
 * parameter, the {@link ExternalKeyStore} that backend opens (AWS KMS through mrk-aws). An
 * application switches by changing the file it loads, not its code.
 *
 * <p>Which one is decided on the first bytes: a sealed keystore starts with MRK's magic and goes to
 * the file store untouched; anything else of at most {@link KeystoreDescriptor#MAX_BYTES} that parses
 * as a descriptor goes to its backend; everything else to the file store, which refuses it as before.
 * The constructor does no work (the {@code getInstance(File, char[])} probe builds every provider's SPI).
 */
final class RoutingKeyStoreSpi extends KeyStoreSpi {

  private final MrkKeyStoreSpi local = new MrkKeyStoreSpi();
  private ExternalKeyStore external;
  private byte[] descriptorBytes;

  @Override
  public void engineLoad(InputStream stream, char[] password) throws IOException, NoSuchAlgorithmException,
      java.security.cert.CertificateException {
    external = null;
    descriptorBytes = null;
    if (stream == null) {
      local.engineLoad(null, password);
      return;
    }
    BufferedInputStream in = new BufferedInputStream(stream, KeystoreDescriptor.MAX_BYTES + 1);
    in.mark(KeystoreDescriptor.MAX_BYTES + 1);
    byte[] head = in.readNBytes(KeystoreDescriptor.MAX_BYTES + 1);
    in.reset();
    Optional<Properties> descriptor = SealedKeystore.isMrkKeystore(head) ? Optional.empty()
        : KeystoreDescriptor.parse(head);
    if (descriptor.isEmpty()) {
      local.engineLoad(in, password);
      return;
    }
    String type = descriptor.get().getProperty(KeystoreDescriptor.TYPE_PROPERTY).trim();
    KeystoreBackend backend;
    try {
      backend = KeystoreDescriptor.backendFor(type);
    } catch (KeyStoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    external = backend.open(descriptor.get());
    descriptorBytes = head;
  }

  @Override
  public void engineLoad(KeyStore.LoadStoreParameter param) throws IOException, NoSuchAlgorithmException,
      java.security.cert.CertificateException {
    external = null;
    descriptorBytes = null;
    Optional<KeystoreBackend> backend = param == null ? Optional.empty() : KeystoreDescriptor.backendAccepting(param);
    if (backend.isPresent()) {
      external = backend.get().open(param);
      return;
    }
    local.engineLoad(param);
  }

  @Override
  public boolean engineProbe(InputStream stream) throws IOException {
    if (stream == null) {
      return false;
    }
    byte[] head = stream.readNBytes(KeystoreDescriptor.MAX_BYTES + 1);
    return SealedKeystore.isMrkKeystore(head) || KeystoreDescriptor.parse(head).isPresent();
  }

  /**
   * A descriptor-loaded store writes its descriptor back, so that a tool which saves after a change
   * (keytool after {@code -delete} of an alias) leaves the file a descriptor; the keys live in KMS.
   */
  @Override
  public void engineStore(OutputStream stream, char[] password) throws IOException, NoSuchAlgorithmException,
      java.security.cert.CertificateException {
    if (external == null) {
      local.engineStore(stream, password);
      return;
    }
    if (descriptorBytes == null) {
      throw new IOException("This keystore was loaded from a typed parameter: its keys live in AWS KMS,"
          + " and there is no descriptor to store");
    }
    stream.write(descriptorBytes);
    stream.flush();
  }

  @Override
  public void engineStore(KeyStore.LoadStoreParameter param) throws IOException, NoSuchAlgorithmException,
      java.security.cert.CertificateException {
    if (external != null) {
      throw new IOException("A KMS-backed keystore keeps nothing locally: every change is already made in KMS");
    }
    local.engineStore(param);
  }

  @Override
  public Key engineGetKey(String alias, char[] password) throws NoSuchAlgorithmException, UnrecoverableKeyException {
    return external != null ? external.getKey(alias) : local.engineGetKey(alias, password);
  }

  @Override
  public KeyStore.Entry engineGetEntry(String alias, KeyStore.ProtectionParameter protection)
      throws KeyStoreException, NoSuchAlgorithmException, UnrecoverableEntryException {
    if (external == null) {
      return local.engineGetEntry(alias, protection);
    }
    Key key = external.getKey(alias);
    return key == null ? null
        : new KeyStore.SecretKeyEntry((javax.crypto.SecretKey) key, external.attributes(alias));
  }

  @Override
  public boolean engineEntryInstanceOf(String alias, Class<? extends KeyStore.Entry> entryClass) {
    return external != null ? entryClass == KeyStore.SecretKeyEntry.class && external.containsAlias(alias)
        : local.engineEntryInstanceOf(alias, entryClass);
  }

  @Override
  public Certificate[] engineGetCertificateChain(String alias) {
    return null;
  }

  @Override
  public Certificate engineGetCertificate(String alias) {
    return null;
  }

  @Override
  public String engineGetCertificateAlias(Certificate cert) {
    return null;
  }

  @Override
  public Date engineGetCreationDate(String alias) {
    return external != null ? external.creationDate(alias) : local.engineGetCreationDate(alias);
  }

  @Override
  public Enumeration<String> engineAliases() {
    return external != null ? Collections.enumeration(external.aliases()) : local.engineAliases();
  }

  @Override
  public boolean engineContainsAlias(String alias) {
    return external != null ? external.containsAlias(alias) : local.engineContainsAlias(alias);
  }

  @Override
  public int engineSize() {
    return external != null ? external.aliases().size() : local.engineSize();
  }

  @Override
  public boolean engineIsKeyEntry(String alias) {
    return external != null ? external.containsAlias(alias) : local.engineIsKeyEntry(alias);
  }

  @Override
  public boolean engineIsCertificateEntry(String alias) {
    return false;
  }

  @Override
  public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) throws KeyStoreException {
    if (external != null) {
      external.setKeyEntry(alias, key);
    } else {
      local.engineSetKeyEntry(alias, key, password, chain);
    }
  }

  @Override
  public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
    if (external != null) {
      throw new KeyStoreException("A KMS-backed keystore does not import encoded keys: key material stays in KMS");
    }
    local.engineSetKeyEntry(alias, key, chain);
  }

  @Override
  public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
    local.engineSetCertificateEntry(alias, cert);
  }

  @Override
  public void engineSetEntry(String alias, KeyStore.Entry entry, KeyStore.ProtectionParameter protection)
      throws KeyStoreException {
    if (external == null) {
      local.engineSetEntry(alias, entry, protection);
    } else if (entry instanceof KeyStore.SecretKeyEntry secret) {
      external.setKeyEntry(alias, secret.getSecretKey());
    } else {
      throw new KeyStoreException("MRK keystores hold secret-key entries only, not "
          + (entry == null ? "null" : entry.getClass().getSimpleName()) + ".");
    }
  }

  @Override
  public void engineDeleteEntry(String alias) throws KeyStoreException {
    if (external != null) {
      external.deleteEntry(alias);
    } else {
      local.engineDeleteEntry(alias);
    }
  }
}
