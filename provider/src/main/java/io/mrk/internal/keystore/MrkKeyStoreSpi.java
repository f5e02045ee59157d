package io.mrk.internal.keystore;

import io.mrk.MrkKey;
import io.mrk.MrkLoadStoreParameter;
import io.mrk.internal.key.KeyHandles;
import io.mrk.internal.registry.AliasJournal;
import io.mrk.internal.registry.KeystoreAudit;
import io.mrk.internal.registry.PersistedRegistry;
import io.mrk.internal.registry.RegistryAccess;
import io.mrk.internal.registry.RegistryBuilder;
import io.mrk.internal.registry.RegistryCodec;
import io.mrk.internal.store.KdfParameters;
import io.mrk.internal.store.KeystoreCredentials;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.internal.store.SealedKeystore;
import io.mrk.kms.AliasListEntry;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.SecureRandom;
import java.security.UnrecoverableEntryException;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code MRK} KeyStore: a sealed keystore file seen through Region-qualified aliases.
 *
 * <p>Every key appears as {@code <region>/<key-id>} in every Region that holds it and every alias as
 * {@code <region>/alias/<name>}; {@code getKey} also takes key and alias ARNs. Entries are
 * {@link KeyStore.SecretKeyEntry}s holding opaque {@link MrkKey} handles, with the key's metadata as
 * entry attributes. Writes follow what a KMS user expects: storing an MRK handle under
 * {@code <region>/alias/<name>} creates or updates that alias; deleting an alias entry deletes the
 * alias; anything that would import or destroy key material is refused with a
 * {@link KeyStoreException} that points to the management API.
 *
 * <p>The constructor does no work, because {@code KeyStore.getInstance(File, char[])} instantiates
 * every provider's KeyStoreSpi to probe a file (JCA-NOTES, KeyStoreSpi traps).
 */
final class MrkKeyStoreSpi extends KeyStoreSpi {

  private static final String MANAGEMENT_API_HINT =
      "create and delete MRK keys with the management API (io.mrk.kms.KmsClient) or the mrk command line";

  /** What the store reads: the followed view (or a stream's state) until a change, then {@link #working}. */
  private KeyRegistry registry;
  /** The loaded state: the session's view that follows the file, or a registry read from a stream. */
  private KeyRegistry loaded;
  /** The open file, or {@code null} for a stream or an empty store. */
  private PersistedRegistry session;
  /** The alias changes since the last load or store, replayed onto the file by {@code store}. */
  private final AliasJournal journal = new AliasJournal();
  /** Alias to entry, rebuilt after every change made through this store and when the file's state changed. */
  private final KeyStoreEntries entries = new KeyStoreEntries();
  /** The KDF parameters the loaded file had; new files get the strong default. */
  private KdfParameters kdf = KdfParameters.DEFAULT;
  /** The file a Region-filtered view came from; storing the view back over it is refused. */
  private Path filteredSource;
  /** The principal handles and changes act as, or {@code null} for the keystore holder. */
  private String principal;
  /** The file loaded, whose audit trail {@code store} flushes; {@code null} for a stream. */
  private Path auditedFile;
  /** How often the loaded store checks its file for a newer generation. */
  private Duration refreshInterval = MrkLoadStoreParameter.DEFAULT_REFRESH_INTERVAL;

  @Override
  public void engineLoad(InputStream stream, char[] password) throws IOException {
    close();
    if (stream == null) {
      install(new RegistryBuilder().build(), KdfParameters.DEFAULT, null);
      return;
    }
    if (password == null) {
      throw new IOException("An MRK keystore is encrypted: a password is required to load it");
    }
    byte[] sealed = KeystoreFile.read(stream);
    KdfParameters params = SealedKeystore.kdfParameters(sealed);
    byte[] payload = SealedKeystore.open(sealed, password);
    try {
      install(RegistryCodec.decodeReadOnly(payload, new RegistryBuilder()), params, null);
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
  }

  @Override
  public void engineLoad(KeyStore.LoadStoreParameter param) throws IOException {
    if (param == null) {
      engineLoad(null, null);
      return;
    }
    if (!(param instanceof MrkLoadStoreParameter p)) {
      throw new IllegalArgumentException("MRK keystores load from an io.mrk.MrkLoadStoreParameter, not "
          + param.getClass().getName());
    }
    close();
    KdfParameters params = SealedKeystore.kdfParameters(KeystoreFile.read(p.file()));
    Region region = p.region().orElse(null);
    PersistedRegistry opened = PersistedRegistry.open(p.file(),
        new KeystoreCredentials(password(p), params, KdfParameters.DEFAULT_CEILING),
        settings(p.refreshInterval(), region));
    install(opened.view(), params, region == null ? null : p.file().toAbsolutePath().normalize());
    session = opened;
    refreshInterval = p.refreshInterval();
    principal = p.principal().orElse(null);
    auditedFile = p.file();
  }

  private static PersistedRegistry.Settings settings(Duration refreshInterval, Region region) {
    return new PersistedRegistry.Settings(Clock.systemUTC(), new SecureRandom(), refreshInterval,
        KeystoreFile.DEFAULT_LOCK_TIMEOUT, region);
  }

  /** Stops following the file of a previous load and forgets its unsaved changes. */
  private void close() {
    if (session != null) {
      session.close();
      session = null;
    }
    journal.clear();
  }

  /** A client of {@code region} acting as this store's principal (the keystore holder when none). */
  private KmsClient client(Region region) {
    return RegistryAccess.client(registry, region, principal);
  }

  private void install(KeyRegistry state, KdfParameters params, Path filtered) throws IOException {
    this.loaded = state;
    this.registry = state;
    this.principal = null;
    this.auditedFile = null;
    this.kdf = params;
    this.filteredSource = filtered;
    try {
      refreshEntries();
    } catch (KmsException e) {
      throw new IOException("The keystore's registry could not be listed: " + e.describe(), e);
    }
  }

  @Override
  public void engineStore(OutputStream stream, char[] password) throws IOException {
    requireLoaded();
    if (password == null) {
      throw new IOException("A password is required to store an MRK keystore");
    }
    byte[] payload = RegistryCodec.encode(registry);
    try {
      // A stream is an export: the bytes of this store's state (a file written from it is a copy).
      stream.write(SealedKeystore.seal(payload, password, kdf, new SecureRandom()));
      stream.flush();
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
  }

  @Override
  public void engineStore(KeyStore.LoadStoreParameter param) throws IOException {
    requireLoaded();
    if (!(param instanceof MrkLoadStoreParameter p)) {
      throw new IllegalArgumentException("MRK keystores store to an io.mrk.MrkLoadStoreParameter");
    }
    Path target = p.file().toAbsolutePath().normalize();
    if (target.equals(filteredSource)) {
      throw new IOException("Refusing to overwrite " + target + " with the Region-scoped view loaded from it:"
          + " that would delete the other Regions' keys. Store the view to another file.");
    }
    try {
      if (session != null && sameFile(session.file(), p.file())) {
        session.update(current -> {
          journal.replay(current, principal);
          return null;
        });
      } else {
        PersistedRegistry.storeTo(p.file(), new KeystoreCredentials(password(p), kdf, KdfParameters.DEFAULT_CEILING),
            settings(refreshInterval, null), loaded, current -> {
              journal.replay(current, principal);
              return null;
            });
      }
    } catch (KmsException e) {
      // KeyStoreSpi.engineStore cannot throw KeyStoreException itself: it travels as the cause.
      throw new IOException("KeyStore.store refused, nothing was written: " + e.describe(),
          new KeyStoreException(e.describe(), e));
    }
    journal.clear();
    registry = loaded;
    try {
      refreshEntries();
    } catch (KmsException e) {
      throw new IOException("The keystore's registry could not be listed: " + e.describe(), e);
    }
    if (auditedFile != null) {
      // Audit problems are reported by the keystore's warnings, never fatal for a stored keystore.
      KeystoreAudit.flush(registry);
    }
  }

  private static boolean sameFile(Path a, Path b) throws IOException {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())
        || (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b));
  }

  /** The registry changes are tried on: a private copy of the loaded state, made at the first change. */
  private KeyRegistry working() {
    if (journal.isEmpty() && registry == loaded) {
      registry = RegistryAccess.writableCopy(loaded);
    }
    return registry;
  }

  private static char[] password(MrkLoadStoreParameter p) throws IOException {
    if (!(p.getProtectionParameter() instanceof KeyStore.PasswordProtection pp) || pp.getPassword() == null) {
      throw new IOException("An MRK keystore needs a password (KeyStore.PasswordProtection)");
    }
    return pp.getPassword();
  }

  @Override
  public boolean engineProbe(InputStream stream) throws IOException {
    if (stream == null) {
      return false;
    }
    return SealedKeystore.isMrkKeystore(stream.readNBytes(SealedKeystore.PROBE_BYTES));
  }

  // ---- reading ------------------------------------------------------------------------------

  @Override
  public Key engineGetKey(String alias, char[] password) {
    return handle(alias).orElse(null);
  }

  private Optional<MrkKey> handle(String alias) {
    if (registry == null) {
      return Optional.empty();
    }
    Optional<QualifiedAlias> ref = QualifiedAlias.parse(alias);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(client(ref.get().region()).keyHandle(ref.get().identifier()));
    } catch (KmsException e) {
      return Optional.empty();
    }
  }

  @Override
  public KeyStore.Entry engineGetEntry(String alias, KeyStore.ProtectionParameter protection)
      throws KeyStoreException, UnrecoverableEntryException {
    Optional<MrkKey> key = handle(alias);
    if (key.isEmpty()) {
      return null;
    }
    return new KeyStore.SecretKeyEntry(key.get(), attributes(alias, key.get()));
  }

  private Set<KeyStore.Entry.Attribute> attributes(String alias, MrkKey key) throws KeyStoreException {
    Set<KeyStore.Entry.Attribute> attrs = new HashSet<>();
    KmsClient client = client(new Region(key.region()));
    try {
      KeyMetadata meta = client.describeKey(key.keyId());
      attrs.add(new MrkEntryAttribute(MrkEntryAttribute.KEY_ARN, meta.arn()));
      attrs.add(new MrkEntryAttribute(MrkEntryAttribute.KEY_ID, meta.keyId().value()));
      attrs.add(new MrkEntryAttribute(MrkEntryAttribute.REGION, meta.region().code()));
      attrs.add(new MrkEntryAttribute(MrkEntryAttribute.KEY_STATE, meta.keyState().kmsName()));
      attrs.add(new MrkEntryAttribute(MrkEntryAttribute.ROLE, meta.multiRegionConfiguration() == null
          ? "SINGLE_REGION" : meta.multiRegionConfiguration().multiRegionKeyType().name()));
      attrs.add(new MrkEntryAttribute(MrkEntryAttribute.DESCRIPTION, meta.description()));
    } catch (KmsException e) {
      throw new KeyStoreException("Cannot describe " + key.keyArn() + ": " + e.describe(), e);
    }
    QualifiedAlias.parse(alias).filter(QualifiedAlias::isAlias).ifPresent(a -> attrs.add(
        new MrkEntryAttribute(MrkEntryAttribute.ALIAS_NAME, a.identifier())));
    return attrs;
  }

  @Override
  public boolean engineEntryInstanceOf(String alias, Class<? extends KeyStore.Entry> entryClass) {
    return entryClass == KeyStore.SecretKeyEntry.class && engineContainsAlias(alias);
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
    Optional<QualifiedAlias> ref = QualifiedAlias.parse(alias);
    if (registry == null || ref.isEmpty()) {
      return null;
    }
    KmsClient client = client(ref.get().region());
    try {
      if (ref.get().isAlias()) {
        for (AliasListEntry a : client.listAliases(null)) {
          if (a.aliasName().equals(ref.get().identifier()) || a.aliasArn().equals(ref.get().identifier())) {
            return Date.from(a.creationDate());
          }
        }
        return null;
      }
      return Date.from(client.describeKey(ref.get().identifier()).creationDate());
    } catch (KmsException e) {
      return null;
    }
  }

  @Override
  public Enumeration<String> engineAliases() {
    return Collections.enumeration(entries().keySet());
  }

  @Override
  public boolean engineContainsAlias(String alias) {
    return entries().containsKey(alias);
  }

  @Override
  public int engineSize() {
    return entries().size();
  }

  @Override
  public boolean engineIsKeyEntry(String alias) {
    return entries().containsKey(alias);
  }

  @Override
  public boolean engineIsCertificateEntry(String alias) {
    return false;
  }

  private Map<String, QualifiedAlias> entries() {
    return registry == null ? Map.of() : entries.of(registry);
  }

  private void refreshEntries() throws KmsException {
    entries.list(registry);
  }

  // ---- writing ------------------------------------------------------------------------------

  /**
   * Stores an MRK handle under {@code <region>/alias/<name>}: creates that alias in that Region, or
   * points the existing one at the handle's key (CreateAlias / UpdateAlias). The key must exist in
   * that Region (for a multi-Region key, a related key there). Everything else is refused.
   */
  @Override
  public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain)
      throws KeyStoreException {
    requireLoadedForWrite();
    if (!(KeyHandles.isHandle(key) && key instanceof MrkKey handle)) {
      throw new KeyStoreException("MRK keystores do not import key material (" + describe(key) + "): "
          + MANAGEMENT_API_HINT + ", then store an MRK key handle under <region>/alias/<name> to alias it.");
    }
    Optional<QualifiedAlias> ref = QualifiedAlias.parse(alias).filter(QualifiedAlias::isAlias)
        .filter(a -> !a.identifier().startsWith("arn:"));
    if (ref.isEmpty()) {
      throw new KeyStoreException("Cannot store an entry named '" + alias + "': only alias entries of the form"
          + " <region>/alias/<name> can be written (keys exist once created; " + MANAGEMENT_API_HINT + ").");
    }
    Region region = ref.get().region();
    String name = ref.get().identifier();
    KmsClient client = RegistryAccess.client(working(), region, principal);
    try {
      KeyId before = RegistryAccess.aliasTarget(registry, region, name);
      if (before != null) {
        client.updateAlias(name, handle.keyId());
      } else {
        client.createAlias(name, handle.keyId());
      }
      journal.record(region, name, before, RegistryAccess.aliasTarget(registry, region, name));
      refreshEntries();
    } catch (KmsException e) {
      throw new KeyStoreException("Cannot alias " + handle.keyArn() + " as " + alias + ": " + e.describe(), e);
    }
  }

  @Override
  public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
    throw new KeyStoreException("MRK keystores do not import encoded keys: " + MANAGEMENT_API_HINT + ".");
  }

  @Override
  public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
    throw new KeyStoreException("MRK keystores hold KMS keys only, not certificates.");
  }

  @Override
  public void engineSetEntry(String alias, KeyStore.Entry entry, KeyStore.ProtectionParameter protection)
      throws KeyStoreException {
    if (entry instanceof KeyStore.SecretKeyEntry secret) {
      engineSetKeyEntry(alias, secret.getSecretKey(), null, null);
      return;
    }
    throw new KeyStoreException("MRK keystores hold secret-key entries only, not "
        + (entry == null ? "null" : entry.getClass().getSimpleName()) + ".");
  }

  /** Deletes an alias entry (DeleteAlias). Key entries are refused: KMS deletes keys only after a waiting period. */
  @Override
  public void engineDeleteEntry(String alias) throws KeyStoreException {
    requireLoadedForWrite();
    QualifiedAlias ref = entries().get(alias);
    if (ref == null) {
      return;
    }
    if (!ref.isAlias()) {
      throw new KeyStoreException("Cannot delete key entry " + alias + ": KMS keys are deleted only after a"
          + " waiting period of 7 to 30 days; use KmsClient.scheduleKeyDeletion or mrk schedule-key-deletion.");
    }
    try {
      KmsClient client = RegistryAccess.client(working(), ref.region(), principal);
      KeyId before = RegistryAccess.aliasTarget(registry, ref.region(), ref.identifier());
      client.deleteAlias(ref.identifier());
      journal.record(ref.region(), ref.identifier(), before, null);
      refreshEntries();
    } catch (KmsException e) {
      throw new KeyStoreException("Cannot delete alias " + alias + ": " + e.describe(), e);
    }
  }

  private static String describe(Key key) {
    return key == null ? "null key" : "a " + key.getAlgorithm() + " key of " + key.getClass().getName();
  }

  private void requireLoaded() throws IOException {
    if (registry == null) {
      throw new IOException("The keystore has not been loaded");
    }
  }

  private void requireLoadedForWrite() throws KeyStoreException {
    if (registry == null) {
      throw new KeyStoreException("The keystore has not been loaded");
    }
  }

}
