package io.mrk.spi;

import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * A loaded keystore whose entries live elsewhere (AWS KMS). The {@code MRK} KeyStoreSpi forwards its
 * key-entry operations here once a descriptor was loaded. Entry names are the local keystore's:
 * {@code <region>/alias/<name>} and {@code <region>/<key-id>}; {@link #getKey} also takes ARNs.
 */
public interface ExternalKeyStore {

  /** The entry names, in a stable order. */
  List<String> aliases();

  boolean containsAlias(String alias);

  /**
   * The key handle for {@code alias} (or a key or alias ARN), or null when there is none.
   *
   * @throws UnrecoverableKeyException when the entry exists but cannot be used as an AES key (its key
   *     spec is named) or KMS refused to describe it (the KMS error is named, the cause kept)
   */
  Key getKey(String alias) throws UnrecoverableKeyException;

  /** The entry's attributes (ARN, Region, role, state, key spec), or an empty set when there is none. */
  Set<KeyStore.Entry.Attribute> attributes(String alias) throws KeyStoreException;

  /** The creation date of the entry, or null when unknown. */
  Date creationDate(String alias);

  /** Points alias entry {@code alias} at {@code key}'s key (CreateAlias or UpdateAlias in that Region). */
  void setKeyEntry(String alias, Key key) throws KeyStoreException;

  /** Deletes alias entry {@code alias} (DeleteAlias); key entries are refused. */
  void deleteEntry(String alias) throws KeyStoreException;
}
