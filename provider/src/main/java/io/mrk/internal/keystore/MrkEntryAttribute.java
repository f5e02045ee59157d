package io.mrk.internal.keystore;

import java.security.KeyStore;

/**
 * A {@link KeyStore.Entry.Attribute} of an MRK entry: the key's metadata, never its material.
 * Names are prefixed {@code mrk:} so that they cannot be mistaken for PKCS#9 attribute OIDs.
 */
record MrkEntryAttribute(String name, String value) implements KeyStore.Entry.Attribute {

  static final String KEY_ARN = "mrk:KeyArn";
  static final String KEY_ID = "mrk:KeyId";
  static final String REGION = "mrk:Region";
  static final String KEY_STATE = "mrk:KeyState";
  static final String ROLE = "mrk:MultiRegionKeyType";
  static final String ALIAS_NAME = "mrk:AliasName";
  static final String DESCRIPTION = "mrk:Description";

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getValue() {
    return value;
  }
}
