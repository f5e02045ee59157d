package io.mrk.aws.internal;

import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import io.mrk.spi.ExternalKeyStore;
import java.io.IOException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * The {@code MRK} KeyStore over AWS KMS in several Regions. Entries, as in the local keystore:
 * {@code <region>/alias/<name>} for every alias with a target and {@code <region>/<key-id>} for every
 * key, from {@code ListAliases} and {@code ListKeys} paged to the end in every configured Region at
 * load and after every change made through this store. {@code getKey} also takes key and alias
 * ARNs of a configured Region. Handles share this store's data-key cache, so two keystores loaded in
 * one JVM never share data keys.
 */
final class KmsKeyStore implements ExternalKeyStore {

  /** Page sizes: the largest each operation documents (KMS-WIRE.md, pagination). */
  static final int LIST_KEYS_LIMIT = 1000;
  static final int LIST_ALIASES_LIMIT = 100;
  /** Pages read per Region and operation before giving up: 10,000 pages, a bound on a broken marker loop. */
  static final int MAX_PAGES = 10_000;

  private final Map<String, KmsRegion> regions;
  private final DataKeyCache cache;
  private final KeyDescriptions descriptions;
  private volatile Map<String, Entry> entries = Map.of();

  /** An entry: its Region and the identifier KMS knows it by (alias name or key id). */
  private record Entry(String region, String identifier, boolean alias, Date created) {}

  KmsKeyStore(List<KmsRegion> regions, DataKeyCache cache, Clock clock) throws IOException {
    Map<String, KmsRegion> byCode = new LinkedHashMap<>();
    for (KmsRegion r : regions) {
      byCode.put(r.code(), r);
    }
    this.regions = Collections.unmodifiableMap(byCode);
    this.cache = cache;
    this.descriptions = new KeyDescriptions(clock);
    try {
      refresh();
    } catch (KeyStoreException e) {
      throw new IOException(e.getMessage(), e.getCause());
    }
  }

  DataKeyCache cache() {
    return cache;
  }

  private void refresh() throws KeyStoreException {
    Map<String, Entry> all = new TreeMap<>();
    for (KmsRegion r : regions.values()) {
      try {
        String marker = null;
        for (int page = 0; page < MAX_PAGES; page++) {
          String m = marker;
          ListKeysResponse keys = r.client().listKeys(b -> b.limit(LIST_KEYS_LIMIT).marker(m));
          for (KeyListEntry k : keys.keys()) {
            all.put(r.code() + "/" + k.keyId(), new Entry(r.code(), k.keyId(), false, null));
          }
          marker = Boolean.TRUE.equals(keys.truncated()) ? keys.nextMarker() : null;
          if (marker == null) {
            break;
          }
        }
        marker = null;
        for (int page = 0; page < MAX_PAGES; page++) {
          String m = marker;
          ListAliasesResponse aliases = r.client().listAliases(b -> b.limit(LIST_ALIASES_LIMIT).marker(m));
          for (AliasListEntry a : aliases.aliases()) {
            if (a.targetKeyId() != null) {
              all.put(r.code() + "/" + a.aliasName(), new Entry(r.code(), a.aliasName(), true,
                  a.creationDate() == null ? null : Date.from(a.creationDate())));
            }
          }
          marker = Boolean.TRUE.equals(aliases.truncated()) ? aliases.nextMarker() : null;
          if (marker == null) {
            break;
          }
        }
      } catch (SdkException e) {
        throw KmsErrors.keyStore("Cannot list the keys and aliases of " + r.code(), e, r.code());
      }
    }
    entries = Collections.unmodifiableMap(all);
  }

  @Override
  public List<String> aliases() {
    return new ArrayList<>(entries.keySet());
  }

  @Override
  public boolean containsAlias(String alias) {
    return entries.containsKey(alias);
  }

  /**
   * The Region and KMS identifier {@code name} refers to: an entry name, or a key or alias ARN of a
   * configured Region; empty for anything else.
   */
  private Optional<String[]> resolve(String name) {
    if (name == null) {
      return Optional.empty();
    }
    if (Arn.looksLikeArn(name)) {
      try {
        Arn arn = Arn.parse(name);
        return regions.containsKey(arn.region()) && (arn.isKey() || Arn.ALIAS.equals(arn.resourceType()))
            ? Optional.of(new String[] {arn.region(), name}) : Optional.empty();
      } catch (KmsException | RuntimeException e) {
        return Optional.empty();
      }
    }
    int slash = name.indexOf('/');
    if (slash <= 0 || !regions.containsKey(name.substring(0, slash)) || slash == name.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new String[] {name.substring(0, slash), name.substring(slash + 1)});
  }

  @Override
  public Key getKey(String alias) throws UnrecoverableKeyException {
    Optional<String[]> ref = resolve(alias);
    if (ref.isEmpty()) {
      return null;
    }
    KmsRegion region = regions.get(ref.get()[0]);
    KeyMetadata m;
    try {
      m = descriptions.describe(region, ref.get()[1]);
    } catch (NotFoundException e) {
      return null;
    } catch (SdkException e) {
      throw KmsErrors.unrecoverable(e, region.code());
    }
    // SYMMETRIC_DEFAULT keys are ENCRYPT_DECRYPT keys; a peer that omits KeyUsage (moto) is not refused for
    // it, and one that sends only the deprecated CustomerMasterKeySpec is read by that.
    String spec = keySpec(m);
    if (!KeySpec.SYMMETRIC_DEFAULT.toString().equals(spec)
        || m.keyUsage() != null && m.keyUsage() != KeyUsageType.ENCRYPT_DECRYPT) {
      throw new UnrecoverableKeyException(alias + " is a " + spec + " key for "
          + m.keyUsageAsString() + ": MRK's AES/GCM takes symmetric encryption keys (SYMMETRIC_DEFAULT,"
          + " ENCRYPT_DECRYPT) only");
    }
    try {
      return new KmsKeyHandle(Arn.parse(m.arn()), region, cache);
    } catch (KmsException e) {
      UnrecoverableKeyException u = new UnrecoverableKeyException("KMS described " + alias + " with the ARN '"
          + m.arn() + "', which is not a key ARN: " + e.getMessage());
      u.initCause(e);
      throw u;
    }
  }

  /** KeySpec, or the deprecated CustomerMasterKeySpec a peer may send alone. */
  @SuppressWarnings("deprecation")
  private static String keySpec(KeyMetadata m) {
    return m.keySpecAsString() != null ? m.keySpecAsString() : m.customerMasterKeySpecAsString();
  }

  @Override
  public Set<KeyStore.Entry.Attribute> attributes(String alias) throws KeyStoreException {
    Optional<String[]> ref = resolve(alias);
    if (ref.isEmpty()) {
      return Set.of();
    }
    KmsRegion region = regions.get(ref.get()[0]);
    KeyMetadata m;
    try {
      m = descriptions.describe(region, ref.get()[1]);
    } catch (SdkException e) {
      throw KmsErrors.keyStore("Cannot describe " + alias, e, region.code());
    }
    Set<KeyStore.Entry.Attribute> attrs = new HashSet<>();
    attrs.add(new KmsEntryAttribute(KmsEntryAttribute.KEY_ARN, m.arn()));
    attrs.add(new KmsEntryAttribute(KmsEntryAttribute.KEY_ID, m.keyId()));
    attrs.add(new KmsEntryAttribute(KmsEntryAttribute.REGION, region.code()));
    attrs.add(new KmsEntryAttribute(KmsEntryAttribute.KEY_STATE, m.keyStateAsString()));
    attrs.add(new KmsEntryAttribute(KmsEntryAttribute.KEY_SPEC, keySpec(m)));
    attrs.add(new KmsEntryAttribute(KmsEntryAttribute.ROLE, m.multiRegionConfiguration() == null
        || !Boolean.TRUE.equals(m.multiRegion()) ? "SINGLE_REGION"
        : m.multiRegionConfiguration().multiRegionKeyTypeAsString()));
    if (m.description() != null) {
      attrs.add(new KmsEntryAttribute(KmsEntryAttribute.DESCRIPTION, m.description()));
    }
    if (ref.get()[1].startsWith("alias/")) {
      attrs.add(new KmsEntryAttribute(KmsEntryAttribute.ALIAS_NAME, ref.get()[1]));
    }
    return attrs;
  }

  @Override
  public Date creationDate(String alias) {
    Entry e = entries.get(alias);
    if (e != null && e.created() != null) {
      return e.created();
    }
    Optional<String[]> ref = resolve(alias);
    if (ref.isEmpty()) {
      return null;
    }
    try {
      KeyMetadata m = descriptions.describe(regions.get(ref.get()[0]), ref.get()[1]);
      return m.creationDate() == null ? null : Date.from(m.creationDate());
    } catch (SdkException ex) {
      return null;
    }
  }

  /** CreateAlias, or UpdateAlias when the entry exists, in the entry's Region; then the entries are listed again. */
  @Override
  public void setKeyEntry(String alias, Key key) throws KeyStoreException {
    if (!(key instanceof KmsKeyHandle handle)) {
      throw new KeyStoreException("A KMS-backed keystore does not import key material ("
          + (key == null ? "null" : key.getClass().getName()) + "): create keys in KMS, then store their"
          + " handle under <region>/alias/<name> to alias them");
    }
    Optional<String[]> ref = resolve(alias).filter(r -> r[1].startsWith("alias/") && !alias.startsWith("arn:"));
    if (ref.isEmpty()) {
      throw new KeyStoreException("Cannot store an entry named '" + alias + "': only <region>/alias/<name> of a"
          + " configured Region " + regions.keySet() + " can be written");
    }
    KmsRegion region = regions.get(ref.get()[0]);
    String name = ref.get()[1];
    String target = handle.region().equals(region.code()) ? handle.keyArn() : handle.keyId();
    try {
      if (entries.containsKey(alias)) {
        region.client().updateAlias(b -> b.aliasName(name).targetKeyId(target));
      } else {
        region.client().createAlias(b -> b.aliasName(name).targetKeyId(target));
      }
    } catch (SdkException e) {
      throw KmsErrors.keyStore("Cannot alias " + handle.keyArn() + " as " + alias, e, region.code());
    } finally {
      descriptions.forget(region.code());
    }
    refresh();
  }

  @Override
  public void deleteEntry(String alias) throws KeyStoreException {
    Entry e = entries.get(alias);
    if (e == null) {
      return;
    }
    if (!e.alias()) {
      throw new KeyStoreException("Cannot delete key entry " + alias + ": KMS deletes keys only after a waiting"
          + " period of 7 to 30 days (ScheduleKeyDeletion); delete aliases here");
    }
    KmsRegion region = regions.get(e.region());
    try {
      region.client().deleteAlias(b -> b.aliasName(e.identifier()));
    } catch (SdkException ex) {
      throw KmsErrors.keyStore("Cannot delete alias " + alias, ex, region.code());
    } finally {
      descriptions.forget(region.code());
    }
    refresh();
  }
}
